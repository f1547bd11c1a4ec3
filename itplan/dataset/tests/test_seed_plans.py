"""The five seed plans load to the đồng, and the reconciliation shows every place their
documents disagree with themselves. Figures are the documents' own."""

import json

import pytest
from django.core.management import call_command

from budgets.models import BudgetLine, StatedTotal
from budgets.reconciliation import computed_totals, reconcile
from projects.models import Project
from provinces.models import Province

TY = 10**9
TRIEU = 10**6


def stated(plan, **scope):
    """The one stated total of ``plan`` with exactly this scope (unspecified fields blank)."""
    defaults = {
        "appendix": "",
        "group": None,
        "year": None,
        "source": "",
        "sub_source": "",
        "capital_type": "",
        "stage": "need",
        "measure": "budget",
    }
    return StatedTotal.objects.filter(plan=plan, **{**defaults, **scope})


def test_every_seed_plan_loads_with_its_appendix_rows(seed):
    counts = {slug: plan.projects.count() for slug, plan in seed.items()}
    assert counts == {
        "bac-lieu": 11,
        "quang-tri": 17,
        "binh-dinh": 22,
        "tra-vinh": 39,
        "tien-giang": 21,
    }


def test_provinces_keep_their_2025_successors_although_codes_are_reused(seed):
    binh_dinh = Province.objects.get(slug="binh-dinh")
    assert binh_dinh.code == "52"
    assert binh_dinh.successor.name == "Gia Lai"
    assert binh_dinh.successor.code == "52"
    assert Province.objects.get(slug="bac-lieu").successor.name == "Cà Mau"
    assert Province.objects.get(slug="tien-giang").successor.code == "82"


def test_bac_lieu_adds_up_to_32_20_ty_of_which_14_89_central_and_17_31_local(seed):
    plan = seed["bac-lieu"]
    assert stated(plan).get().amount == 32_200_000_000
    assert stated(plan, source="central").get().amount == 14_890_000_000
    assert stated(plan, source="local").get().amount == 17_310_000_000
    totals = computed_totals(plan)
    assert totals["total"] == 32_200_000_000
    assert totals["by_source"] == {"central": 14_890_000_000, "local": 17_310_000_000}
    assert reconcile(plan).anomalies == []


def test_bac_lieu_project_three_splits_4_8_ty_into_3_36_central_and_1_44_local(seed):
    project = seed["bac-lieu"].projects.get(ref="3")
    assert project.estimate == 4_800_000_000
    lines = {line.source: line.amount for line in project.budget_lines.all()}
    assert lines == {"central": 3_360_000_000, "local": 1_440_000_000}


def test_quang_tri_states_61_600_trieu_as_50_100_investment_and_11_500_recurrent(seed):
    plan = seed["quang-tri"]
    assert stated(plan, label="Tổng cộng").filter(where__startswith="Phụ lục").get().amount == (
        61_600 * TRIEU
    )
    investment = stated(plan, capital_type="investment").filter(where__startswith="Phụ lục")
    recurrent = stated(plan, capital_type="recurrent").filter(where__startswith="Phụ lục")
    assert investment.get().amount == 50_100 * TRIEU
    assert recurrent.get().amount == 11_500 * TRIEU
    assert stated(plan, year=2012, capital_type="investment").get().amount == 14_400 * TRIEU


def test_quang_tri_rows_fall_short_of_its_stated_total_and_the_gap_is_named(seed):
    result = reconcile(seed["quang-tri"])
    total = next(
        c
        for c in result.checks
        if c.stated_total.label == "Tổng cộng" and c.stated_total.year is None
    )
    assert total.computed == 49_850 * TRIEU
    assert total.difference == -11_750 * TRIEU
    assert any("61.600 triệu đồng" in a and "49.850 triệu đồng" in a for a in result.anomalies)


def test_binh_dinh_investment_subtotal_differs_from_its_rows_by_1_500_trieu(seed):
    plan = seed["binh-dinh"]
    result = reconcile(plan)
    assert result.computed["total"] == 42_280 * TRIEU
    by_label = {c.stated_total.label: c for c in result.checks}
    assert by_label["Vốn đầu tư"].stated_total.amount == 28_000 * TRIEU
    assert by_label["Vốn đầu tư"].computed == 29_500 * TRIEU
    assert any(
        "28.000 triệu đồng" in a and "chênh lệch 1.500 triệu đồng" in a for a in result.anomalies
    )


def test_binh_dinh_task_with_two_funding_rows_is_one_project_with_two_lines(seed):
    projects = Project.objects.filter(plan=seed["binh-dinh"])
    two_lines = [p for p in projects if p.budget_lines.count() == 2]
    assert len(two_lines) == 3
    for p in two_lines:
        assert {line.source for line in p.budget_lines.all()} == {"local", "central"}


def test_binh_dinh_indicators_keep_ratios_as_numbers(seed):
    indicator = seed["binh-dinh"].indicators.filter(unit="ratio").first()
    assert indicator.baseline_denominator is not None
    assert indicator.baseline_display.count("/") == 1


def test_tra_vinh_groups_and_sub_sources(seed):
    plan = seed["tra-vinh"]
    assert plan.groups.count() == 4
    totals = computed_totals(plan)
    assert totals["total"] == 439_050 * TRIEU
    assert totals["by_source"] == {
        "central": 153_300 * TRIEU,
        "local": 105_000 * TRIEU,
        "other": 180_750 * TRIEU,
    }
    vtci = BudgetLine.objects.for_plan(plan).filter(sub_source="Quỹ Dịch vụ viễn thông công ích")
    assert vtci.total() == 174_750 * TRIEU


def test_tra_vinh_appendix_local_total_106_000_against_rows_105_000_is_named(seed):
    result = reconcile(seed["tra-vinh"])
    appendix_local = next(
        c
        for c in result.checks
        if c.stated_total.where.startswith("Phụ lục")
        and c.stated_total.source == "local"
        and not c.stated_total.group_id
    )
    assert appendix_local.stated_total.amount == 106_000 * TRIEU
    assert appendix_local.computed == 105_000 * TRIEU
    assert any("năm 1015 không hợp lệ" in a for a in result.anomalies)
    # The yearly table cannot be checked against rows without years: said, not faked.
    assert any("không đối chiếu được" in a for a in result.anomalies)


def test_tien_giang_2014_appendix_states_26_162_trieu_for_2014_and_matches(seed):
    plan = seed["tien-giang"]
    total_2014 = stated(plan, appendix="Phụ lục 2", year=2014).filter(label="Tổng cộng")
    assert total_2014.get().amount == 26_162 * TRIEU
    result = reconcile(plan)
    assert all(c.matches for c in result.checks)
    assert result.computed["by_appendix"] == {
        "Phụ lục 1": 22_644 * TRIEU,
        "Phụ lục 2": 26_162 * TRIEU,
    }


def test_tien_giang_2013_appendix_keeps_2013_allocation_of_4_950_trieu(seed):
    plan = seed["tien-giang"]
    allocated = BudgetLine.objects.for_plan(plan).filter(
        stage="allocated", year=2013, project__group__appendix="Phụ lục 1"
    )
    assert allocated.total() == 4_950 * TRIEU


def test_impossible_years_are_kept_as_written_and_listed(seed):
    project = Project.objects.get(plan=seed["binh-dinh"], period="2013-3015")
    assert project.start_year == 2013
    assert project.end_year is None
    assert any("3015" in a for a in reconcile(seed["binh-dinh"]).anomalies)


def test_reconcile_command_prints_json_with_one_object_per_plan(seed, capsys):
    call_command("reconcile", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 5
    bac_lieu = next(d for d in data if d["document"] == "2213/QĐ-UBND")
    assert bac_lieu["province"] == "Bạc Liêu"
    assert bac_lieu["projects"] == 11
    assert bac_lieu["computed"]["total"] == 32_200_000_000
    assert bac_lieu["computed"]["by_source"]["central"] == 14_890_000_000
    assert {s["amount"] for s in bac_lieu["stated"]} == {
        32_200_000_000,
        14_890_000_000,
        17_310_000_000,
    }
    assert bac_lieu["anomalies"] == []
    quang_tri = next(d for d in data if d["document"] == "1024/KH-UBND")
    assert quang_tri["anomalies"]


def test_load_seed_twice_does_not_duplicate(seed):
    call_command("load_seed", "--no-demo-users")
    assert Project.objects.count() == 11 + 17 + 22 + 39 + 21


@pytest.mark.parametrize("slug", ["bac-lieu", "quang-tri", "binh-dinh", "tra-vinh", "tien-giang"])
def test_every_stated_total_matches_or_is_named_as_an_anomaly(seed, slug):
    result = reconcile(seed[slug])
    named = " ".join(result.anomalies)
    for check in result.checks:
        if check.computed is not None and not check.matches:
            assert check.stated_total.label in named
