"""One rule computes what a stated total's rows add up to: ``budgets.reconciliation.figure``.
The plan page, the reports and the import preview all call it; these tests pin its edge cases
with the documents' kind of figures, and show the preview and the stored plan agree."""

import dataclasses
import io

import pytest

from budgets.models import StatedTotal
from budgets.reconciliation import (
    EstimateSum,
    LineSum,
    Rows,
    Scope,
    computed_totals,
    figure,
    grouped_estimates,
    grouped_lines,
    reconcile,
    reconcile_many,
    totals,
)
from budgets.rollup import need_total
from itplan.appendix import apply, preview_file
from itplan.appendix.export import plan_workbook
from projects.models import Project
from tests.appendix import empty_copy
from tests.factories import (
    BudgetLineFactory,
    GroupFactory,
    PlanFactory,
    ProjectFactory,
    StatedTotalFactory,
)

TRIEU = 10**6
ESTIMATE = StatedTotal.Measure.ESTIMATE


def line(amount, *, year=None, source="local", capital_type="unspecified", stage="need", **key):
    return LineSum(
        key.get("appendix", "Phụ lục 1"),
        key.get("group", 1),
        year,
        source,
        key.get("sub_source", ""),
        capital_type,
        stage,
        amount * TRIEU,
    )


ROWS = Rows(
    lines=[
        line(500, year=2021, capital_type="investment"),
        line(300, year=2022, capital_type="recurrent"),
        line(200, year=2022, source="central", capital_type="unspecified"),
        line(70, year=2022, source="other", sub_source="Đề án 191", group=2),
        line(40, year=2021, stage="allocated"),
        line(9, year=2021, appendix=None, group=None),  # a project without group
    ],
    estimates=[
        EstimateSum("Phụ lục 1", 1, 1_200 * TRIEU),
        EstimateSum("Phụ lục 1", 2, 80 * TRIEU),
        EstimateSum(None, None, 0),
    ],
)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope(), 1_079),  # every need line of every appendix, not the allocation
        (Scope(stage="allocated"), 40),
        (Scope(appendix="Phụ lục 1"), 1_070),  # not the project without group
        (Scope(group=2), 70),
        (Scope(year=2022), 570),  # a year-scoped total beside lines of other years
        (Scope(year=2021), 509),
        (Scope(year=2023), 0),
        (Scope(source="local"), 809),
        (Scope(source="other", sub_source="Đề án 191"), 70),
        (Scope(capital_type="investment"), 500),
        (Scope(capital_type="recurrent"), 300),  # unspecified lines are in neither
        (Scope(year=2022, source="local", capital_type="recurrent"), 300),
        (Scope(measure=ESTIMATE), 1_280),  # the projects' own estimates
        (Scope(measure=ESTIMATE, group=1), 1_200),
        (Scope(measure=ESTIMATE, year=2022, source="central"), 1_280),  # only appendix/group
    ],
)
def test_figure_sums_the_rows_in_the_scope(scope, expected):
    assert figure(ROWS, scope) == expected * TRIEU


def test_a_year_scoped_total_is_unchecked_when_no_line_carries_a_year():
    rows = Rows([line(500), line(300, source="central")], [])
    assert figure(rows, Scope(year=2022)) is None
    assert figure(rows, Scope()) == 800 * TRIEU


def test_an_estimate_total_over_projects_without_estimate_is_zero():
    assert figure(Rows([line(5)], []), Scope(measure=ESTIMATE)) == 0


@pytest.fixture
def plan(db):
    plan = PlanFactory(start_year=2021, end_year=2025)
    group = GroupFactory(plan=plan, appendix="Phụ lục 1", ref="I")
    first = ProjectFactory(plan=plan, group=group, estimate=900 * TRIEU, period="2021-2023")
    BudgetLineFactory(project=first, year=2021, amount=500 * TRIEU, capital_type="investment")
    BudgetLineFactory(project=first, year=2022, amount=300 * TRIEU)  # 800, not the 900 estimated
    StatedTotalFactory(plan=plan, label="Tổng cộng", amount=800 * TRIEU)
    StatedTotalFactory(plan=plan, label="Năm 2022", year=2022, amount=350 * TRIEU)
    StatedTotalFactory(plan=plan, label="Vốn ĐTPT", capital_type="investment", amount=500 * TRIEU)
    StatedTotalFactory(plan=plan, label="Tổng mức", measure=ESTIMATE, amount=900 * TRIEU)
    return plan


def test_reconcile_lists_each_stated_total_with_its_figure_and_difference(plan):
    result = reconcile(plan)
    assert [(c.stated_total.label, c.computed, c.difference) for c in result.checks] == [
        ("Tổng cộng", 800 * TRIEU, 0),
        ("Năm 2022", 300 * TRIEU, -50 * TRIEU),
        ("Vốn ĐTPT", 500 * TRIEU, 0),
        ("Tổng mức", 900 * TRIEU, 0),
    ]
    assert [c.stated_total.label for c in result.differences] == ["Năm 2022"]
    assert result.computed["total"] == 800 * TRIEU
    assert result.computed["by_year"] == {"2021": 500 * TRIEU, "2022": 300 * TRIEU}
    # the unspecified 300 triệu are outside the investment total, and the user is told so
    assert any("không ghi loại vốn" in note and "300" in note for note in result.notes)
    # the project's estimate (900) differs from its lines (800) in a five-year plan
    assert any("900" in note and "800" in note for note in result.notes)


def test_an_annual_plans_estimate_is_the_whole_cost_and_not_an_anomaly(plan):
    plan.start_year = plan.end_year = 2021
    plan.save()
    assert not any("dự kiến kinh phí" in note for note in reconcile(plan).notes)


def test_year_totals_of_a_plan_without_years_are_left_unchecked_and_counted(db):
    plan = PlanFactory()
    BudgetLineFactory(project=ProjectFactory(plan=plan), year=None, amount=800 * TRIEU)
    StatedTotalFactory(plan=plan, label="Năm 2022", year=2022, amount=350 * TRIEU)
    result = reconcile(plan)
    assert [c.computed for c in result.checks] == [None]
    assert result.differences == []
    assert any(note.startswith("1 tổng số theo năm") for note in result.notes)


def test_reconciling_many_plans_takes_three_queries_whatever_their_size(
    plan, django_assert_num_queries
):
    with django_assert_num_queries(3):
        (one,) = reconcile_many([plan])
    others = [PlanFactory() for _ in range(3)]
    for other in others:
        project = ProjectFactory(plan=other)
        for year in (2021, 2022, 2023):
            BudgetLineFactory(project=project, year=year, amount=100 * TRIEU)
            StatedTotalFactory(plan=other, year=year, amount=100 * TRIEU)
    with django_assert_num_queries(3):
        results = reconcile_many([plan, *others])
    assert [len(r.checks) for r in results] == [4, 3, 3, 3]
    assert [r.computed["total"] for r in results] == [800 * TRIEU, *[300 * TRIEU] * 3]
    assert results[0].display() == one.display()


TOTALS = {
    "bac-lieu": 32_200 * TRIEU,
    "binh-dinh": 42_280 * TRIEU,
    "quang-tri": 49_850 * TRIEU,
    "tien-giang": 48_806 * TRIEU,
    "tra-vinh": 439_050 * TRIEU,
}


@pytest.mark.parametrize("slug", sorted(TOTALS))
def test_the_preview_of_a_plans_own_workbook_computes_what_reconcile_gives(seed, slug):
    """Exported, previewed sheet by sheet and imported into an empty plan: the preview's total
    is the stored plan's, and each stated row's figure and difference is the one the stored
    plan's reconciliation gives once the preview is written."""
    source = seed[slug]
    book = plan_workbook(source)
    buffer = io.BytesIO()
    book.save(buffer)
    target = empty_copy(source)
    previewed, total = [], 0
    for sheet in book.sheetnames[:-1]:  # the last sheet is the reconciliation
        preview = preview_file(f"{slug}.xlsx", buffer.getvalue(), target, sheet=sheet)
        assert not preview.errors, [str(e) for e in preview.errors]
        total += preview.computed_totals()["total"]
        previewed += [(s.label, s.amount, s.computed, s.difference) for s in preview.stated]
        apply(preview, target)
    assert total == reconcile(source).computed["total"] == TOTALS[slug]
    stored = [
        (c.stated_total.label, c.stated_total.amount, c.computed, c.difference)
        for c in reconcile(target).checks
    ]
    assert len(previewed) > 2
    assert stored == previewed


def sheet_bytes(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Phụ lục 1"
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_appendix_without_groups_adds_up_its_total_before_and_after_import(db):
    """A sheet titled "Phụ lục 1" whose projects have no group: its "Tổng cộng" covers them, in
    the preview and on the plan page once imported."""
    plan = PlanFactory(start_year=2021, end_year=2025)
    content = sheet_bytes(
        [
            ["PHỤ LỤC 1"],
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Đơn vị chủ trì", "Kinh phí"],
            [1, "Cổng dịch vụ công", "Sở TT&TT", 1_200],
            [2, "Hệ thống một cửa", "Văn phòng UBND", 800],
            ["", "Tổng cộng", "", 2_100],
        ]
    )
    preview = preview_file("phu-luc-1.xlsx", content, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert preview.appendix == "Phụ lục 1"
    assert [(s.label, s.amount, s.computed) for s in preview.stated] == [
        ("Tổng cộng", 2_100 * TRIEU, 2_000 * TRIEU)
    ]
    apply(preview, plan)
    (check,) = reconcile(plan).checks
    assert (check.computed, check.difference) == (2_000 * TRIEU, -100 * TRIEU)


# -- pinned by mutation testing (benchmarks/mutation.py): what the plan page, the JSON of
# ``manage.py reconcile`` and the notes show, with literal figures ------------------------------


def test_each_stated_total_reads_its_scope_in_words(plan):
    group = plan.groups.get()
    untitled = GroupFactory(plan=plan, appendix="Phụ lục 2", ref="", title="Dịch vụ công")
    StatedTotalFactory(
        plan=plan,
        label="Nhóm I, năm 2022",
        appendix="Phụ lục 1",
        group=group,
        year=2022,
        source="local",
        sub_source="Đề án 06",
        capital_type="investment",
        stage="allocated",
        amount=0,
    )
    StatedTotalFactory(plan=plan, label="Dịch vụ công", group=untitled, amount=0)
    assert [c.scope_label for c in reconcile(plan).checks] == [
        "cả giai đoạn · Nhu cầu, dự kiến",
        "năm 2022 · Nhu cầu, dự kiến",
        "cả giai đoạn · Đầu tư phát triển · Nhu cầu, dự kiến",
        "cả giai đoạn · Tổng dự kiến kinh phí của các dự án",
        "Phụ lục 1 · nhóm I · năm 2022 · Địa phương · Đề án 06 · Đầu tư phát triển · Bố trí",
        "nhóm Dịch vụ công · cả giai đoạn · Nhu cầu, dự kiến",
    ]


def test_the_plan_page_shows_each_check_in_trieu(plan):
    shown = reconcile(plan).display()
    assert [
        (r["label"], r["stated"], r["computed"], r["difference"], r["matches"])
        for r in shown["rows"]
    ] == [
        ("Tổng cộng", "800", "800", "0", True),
        ("Năm 2022", "350", "300", "-50", False),
        ("Vốn ĐTPT", "500", "500", "0", True),
        ("Tổng mức", "900", "900", "0", True),
    ]
    assert shown["rows"][1]["scope"] == "năm 2022 · Nhu cầu, dự kiến"
    assert shown["total"] == "800 triệu đồng"
    assert shown["anomalies"][0] == (
        "“Năm 2022” (không rõ vị trí): văn bản ghi 350 triệu đồng, các dòng cộng lại "
        "300 triệu đồng, chênh lệch 50 triệu đồng."
    )


def test_the_json_of_a_reconciliation_is_in_dong(plan):
    group = plan.groups.get()
    StatedTotalFactory(
        plan=plan,
        label="Nhóm I, năm 2022",
        where="Phụ lục 1, dòng 12",
        appendix="Phụ lục 1",
        group=group,
        year=2022,
        source="local",
        sub_source="Đề án 06",
        capital_type="investment",
        stage="allocated",
        amount=10 * TRIEU,
    )
    data = reconcile(plan).as_json()
    assert (data["document"], data["projects"]) == (plan.document_number, 1)
    assert data["province"] == plan.province.name
    assert [(s["label"], s["amount"], s["computed"], s["difference"]) for s in data["stated"]] == [
        ("Tổng cộng", 800 * TRIEU, 800 * TRIEU, 0),
        ("Năm 2022", 350 * TRIEU, 300 * TRIEU, -50 * TRIEU),
        ("Vốn ĐTPT", 500 * TRIEU, 500 * TRIEU, 0),
        ("Tổng mức", 900 * TRIEU, 900 * TRIEU, 0),
        ("Nhóm I, năm 2022", 10 * TRIEU, 0, -10 * TRIEU),
    ]
    assert [s["scope"] for s in data["stated"]] == [
        {"measure": "budget", "stage": "need"},
        {"measure": "budget", "stage": "need", "year": 2022},
        {"measure": "budget", "stage": "need", "capital_type": "investment"},
        {"measure": "estimate", "stage": "need"},
        {
            "measure": "budget",
            "stage": "allocated",
            "appendix": "Phụ lục 1",
            "source": "local",
            "sub_source": "Đề án 06",
            "capital_type": "investment",
            "group": "I",
            "year": 2022,
        },
    ]
    assert data["stated"][4]["where"] == "Phụ lục 1, dòng 12"
    assert data["computed"]["total"] == 800 * TRIEU
    assert len(data["anomalies"]) == 4  # the 2 differences, unspecified capital, the estimate


def test_totals_by_year_run_in_order_with_the_whole_period_first():
    rows = Rows(
        [
            line(300, year=2022),
            line(40),
            line(500, year=2021),
            line(7, year=2022, stage="disbursed"),
        ],
        [],
    )
    result = totals(rows)
    assert list(result["by_year"].items()) == [
        ("", 40 * TRIEU),
        ("2021", 500 * TRIEU),
        ("2022", 300 * TRIEU),
    ]
    assert result["by_stage"] == {"need": 840 * TRIEU, "disbursed": 7 * TRIEU}
    assert "by_appendix" not in result  # one appendix: no breakdown


def test_totals_by_appendix_only_when_there_are_several():
    rows = Rows([line(300), line(500, appendix="Phụ lục 2"), line(20, appendix="Phụ lục 2")], [])
    assert totals(rows)["by_appendix"] == {"Phụ lục 1": 300 * TRIEU, "Phụ lục 2": 520 * TRIEU}


def test_the_note_on_lines_without_capital_type_counts_them_and_their_total(db):
    plan = PlanFactory(start_year=2021, end_year=2025)
    project = ProjectFactory(plan=plan)
    BudgetLineFactory(project=project, year=2021, amount=100 * TRIEU)
    BudgetLineFactory(project=project, year=2022, amount=250 * TRIEU)
    BudgetLineFactory(project=project, year=2022, amount=400 * TRIEU, capital_type="investment")
    BudgetLineFactory(project=project, year=2023, amount=9 * TRIEU, stage="allocated")
    StatedTotalFactory(plan=plan, label="Tổng cộng", amount=750 * TRIEU)
    assert not any("không ghi loại vốn" in n for n in reconcile(plan).notes)  # no total by type
    StatedTotalFactory(plan=plan, label="Sự nghiệp", capital_type="recurrent", amount=0)
    assert (
        "2 dòng kinh phí (tổng 350 triệu đồng) không ghi loại vốn nên không được tính vào các "
        "tổng theo vốn đầu tư phát triển hay sự nghiệp."
    ) in reconcile(plan).notes


def test_grouping_lines_sums_their_amounts_and_counts_them():
    grouped = grouped_lines([line(100), line(50), line(7, year=2022), line(3, source="central")])
    assert [(g.year, g.source, g.amount, g.lines) for g in grouped] == [
        (None, "local", 150 * TRIEU, 2),
        (2022, "local", 7 * TRIEU, 1),
        (None, "central", 3 * TRIEU, 1),
    ]


def test_grouping_estimates_counts_a_project_without_estimate_as_nothing():
    grouped = grouped_estimates(
        [("Phụ lục 1", 1, 900 * TRIEU), ("Phụ lục 1", 1, None), ("Phụ lục 1", 2, 80 * TRIEU)]
    )
    assert grouped == [
        EstimateSum("Phụ lục 1", 1, 900 * TRIEU),
        EstimateSum("Phụ lục 1", 2, 80 * TRIEU),
    ]


def test_summed_rows_and_scopes_are_values_that_cannot_change():
    row, estimate, scope = line(5), EstimateSum("Phụ lục 1", 1, 5), Scope(year=2022)
    assert len({row, line(5)}) == 1 and len({estimate, EstimateSum("Phụ lục 1", 1, 5)}) == 1
    assert {scope: 1}[Scope(year=2022)] == 1
    for value in (row, estimate, scope):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.appendix = "Phụ lục 9"


def test_a_page_that_loaded_the_projects_gets_the_same_reconciliation(plan):
    projects = Project.objects.filter(plan=plan).select_related("group").annotate(need=need_total())
    result = reconcile(plan, projects=projects)
    assert [(c.stated_total.label, c.computed) for c in result.checks] == [
        ("Tổng cộng", 800 * TRIEU),
        ("Năm 2022", 300 * TRIEU),
        ("Vốn ĐTPT", 500 * TRIEU),
        ("Tổng mức", 900 * TRIEU),
    ]
    assert result.projects == 1
    assert any("dự kiến kinh phí 900 triệu đồng" in note for note in result.notes)


def test_the_plans_computed_totals_in_dong(plan):
    assert computed_totals(plan) == {
        "total": 800 * TRIEU,
        "by_source": {"local": 800 * TRIEU},
        "by_capital_type": {"investment": 500 * TRIEU, "unspecified": 300 * TRIEU},
        "by_year": {"2021": 500 * TRIEU, "2022": 300 * TRIEU},
        "by_stage": {"need": 800 * TRIEU},
    }
