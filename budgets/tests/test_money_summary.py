"""The plans' money summaries (what the dashboards read instead of every budget line) stay equal
to the lines on every path that writes lines, and the dashboard shows the same money from
either."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from budgets import summary
from budgets.models import BudgetLine, MoneySummary
from budgets.rollup import roll_up
from itplan.dashboard import figures as dashboard
from itplan.dataset import clear, generate, generated_plans
from projects.models import Project
from tests.appendix import FILES, SEED_CASES, empty_copy, import_file
from tests.factories import BudgetLineFactory, PlanFactory, ProjectFactory, make_user
from tests.pages import enter_disbursement

TRIEU = 10**6


def need_in_summary(plan) -> int:
    return MoneySummary.objects.filter(plan=plan, stage="need").total()


def test_seed_plans_are_summarised_as_their_lines(seed):
    assert summary.differences() == {}
    bac_lieu = seed["bac-lieu"]
    assert need_in_summary(bac_lieu) == 32_200 * TRIEU
    # the dashboard's money, from the summaries and from the lines, is the same figure by figure
    from_summary = roll_up(MoneySummary.objects.filter(plan__province=bac_lieu.province))
    from_lines = roll_up(BudgetLine.objects.filter(project__plan__province=bac_lieu.province))
    assert from_summary == from_lines
    assert [s["need"] for s in from_summary.sources] == [14_890 * TRIEU, 17_310 * TRIEU]


@pytest.mark.django_db
def test_saving_editing_and_deleting_lines_moves_the_summary():
    project = ProjectFactory()
    plan = project.plan
    line = BudgetLineFactory(project=project, year=2022, amount=500 * TRIEU)
    BudgetLineFactory(project=ProjectFactory(plan=plan), year=2022, amount=300 * TRIEU)
    assert need_in_summary(plan) == 800 * TRIEU

    line.amount = 700 * TRIEU
    line.year = None  # now for the whole period: a row of its own
    line.save()
    assert summary.differences() == {}
    assert set(MoneySummary.objects.filter(plan=plan).values_list("year", "amount")) == {
        (2022, 300 * TRIEU),
        (None, 700 * TRIEU),
    }

    BudgetLine.objects.get(pk=line.pk).delete()  # the project not loaded, as in a cascade
    assert summary.differences() == {}
    assert list(MoneySummary.objects.filter(plan=plan).values_list("year", "lines")) == [(2022, 1)]


@pytest.mark.django_db
def test_deleting_a_project_or_moving_it_to_another_plan_updates_both_plans():
    plan, other = PlanFactory(), PlanFactory()
    moving = ProjectFactory(plan=plan, group=None)
    staying = ProjectFactory(plan=plan, group=None)
    BudgetLineFactory(project=moving, amount=200 * TRIEU)
    BudgetLineFactory(project=staying, amount=100 * TRIEU)

    moving.plan = other
    moving.save()
    assert (need_in_summary(plan), need_in_summary(other)) == (100 * TRIEU, 200 * TRIEU)

    Project.objects.filter(pk=staying.pk).delete()
    assert need_in_summary(plan) == 0
    assert not MoneySummary.objects.filter(plan=plan).exists()
    other.delete()
    assert summary.differences() == {}
    assert not MoneySummary.objects.exists()


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_the_summary_as_it_was():
    line = BudgetLineFactory(amount=500 * TRIEU)
    with pytest.raises(RuntimeError), transaction.atomic():
        line.amount = 900 * TRIEU
        line.save()
        BudgetLineFactory(project=line.project, year=2023, amount=1 * TRIEU)
        raise RuntimeError
    assert need_in_summary(line.project.plan) == 500 * TRIEU
    assert summary.differences() == {}


def test_money_entered_on_the_project_page_reaches_the_dashboard(client, seed):
    plan = seed["bac-lieu"]
    response = enter_disbursement(client, plan)
    assert response.status_code == 302
    assert summary.differences() == {}
    client.force_login(make_user("ld", "leader", plan.province))
    page = client.get(reverse("dashboard")).content.decode()
    assert "1.250" in page  # disbursed, in triệu đồng
    figures = roll_up(MoneySummary.objects.filter(plan=plan)).total
    assert figures["disbursed"] == 1_250 * TRIEU


def test_appendix_import_summarises_the_imported_plan(seed):
    target = empty_copy(seed["tra-vinh"])
    file_name, sheets, defaults = SEED_CASES["tra-vinh"]
    for sheet in sheets:
        import_file(FILES / file_name, target, sheet=sheet, **defaults)
    assert summary.differences() == {}
    assert need_in_summary(target) == need_in_summary(seed["tra-vinh"])


@pytest.mark.django_db
def test_generated_dataset_is_summarised_and_cleared_with_its_plans():
    generate(provinces=1, scale=0.05)
    assert MoneySummary.objects.filter(plan__in=generated_plans()).exists()
    assert summary.differences() == {}
    clear()
    assert not MoneySummary.objects.exists()


@pytest.mark.django_db
def test_check_command_names_a_drifted_row_and_refresh_repairs_it(capsys):
    line = BudgetLineFactory(year=2022, amount=500 * TRIEU)
    MoneySummary.objects.update(amount=1)  # as a bulk write that forgot refresh() would leave it
    with pytest.raises(SystemExit):
        call_command("refresh_money_summary", "--kiem-tra")
    out = capsys.readouterr().out
    assert f"Kế hoạch {line.project.plan_id} [2022, 'local', 'unspecified', 'need']" in out
    assert "1 chỗ lệch." in out
    call_command("refresh_money_summary")
    assert summary.differences() == {}
    assert need_in_summary(line.project.plan) == 500 * TRIEU


def test_dashboard_reads_lines_when_a_project_filter_is_set(client, seed):
    """With a status filter the money is of the matching projects only (from the lines)."""
    plan = seed["bac-lieu"]
    client.force_login(make_user("ld", "leader", plan.province))
    today = timezone.localdate()
    Project.objects.filter(plan=plan).update(status=Project.Status.NOT_STARTED)
    first = plan.projects.order_by("order").first()
    first.status = Project.Status.COMPLETED
    first.save()
    response = client.get(reverse("dashboard"), {"tinh_trang": "completed"})
    assert first.ref == "1"  # the video conference system: 3.000 triệu of the plan's 32.200
    assert response.context["money"].total["need"] == 3_000 * TRIEU
    assert response.context["figures"]["projects"] == 1
    assert dashboard.project_figures(Project.objects.filter(plan=plan), today)["projects"] > 1


def test_budget_list_counts_and_totals_lines_from_the_summaries_as_from_the_lines(client, seed):
    plan = seed["bac-lieu"]
    client.force_login(make_user("ld", "leader", plan.province))
    # Bạc Liêu's seed: 18 lines, 32.200 triệu of need; 7 central lines, 14.890 triệu; the
    # three lines of the projects whose name holds "một cửa", 7.800 triệu of need.
    for params, count, need in (
        ({}, 18, 32_200 * TRIEU),  # from the summaries
        ({"nguon": "central", "giai_doan": "need"}, 7, 14_890 * TRIEU),
        ({"q": "mot cua"}, 3, 7_800 * TRIEU),
    ):
        response = client.get(reverse("budget_list"), params)
        assert response.context["page"].paginator.count == count, params
        assert response.context["total"]["need"] == need, params
        assert f"{count} dòng kinh phí" in response.content.decode()
