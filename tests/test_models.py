"""Rules of one row: money is never negative, years are sane, periods keep what was written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.utils import timezone

from budgets.models import BudgetLine
from projects import archive
from projects.models import Deletion, Plan, ProjectGroup
from projects.periods import parse_period
from tests.factories import BudgetLineFactory, PlanFactory, ProjectFactory, StatedTotalFactory


def test_negative_budget_amount_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(amount=-1)
    assert not BudgetLine.objects.exists()


def test_negative_amount_gets_a_vietnamese_validation_message(db):
    line = BudgetLineFactory.build(project=ProjectFactory(), amount=-5)
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "Số tiền không được âm." in error.value.message_dict["amount"]


@pytest.mark.parametrize("year", [1013, 3015])
def test_budget_year_outside_any_sane_range_is_refused(db, year):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLineFactory(year=year)
    line = BudgetLineFactory.build(project=ProjectFactory(), year=year)
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "year" in error.value.message_dict


def test_stated_total_cannot_be_negative(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatedTotalFactory(amount=-100)


def test_plan_period_must_be_ordered(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(start_year=2015, end_year=2011)
    plan = PlanFactory.build(province=PlanFactory().province, start_year=2015, end_year=2011)
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "Năm kết thúc phải không trước năm bắt đầu." in error.value.message_dict["end_year"]


def test_same_document_number_twice_in_a_province_is_refused(db):
    plan = PlanFactory(document_number="2213/QĐ-UBND")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(province=plan.province, document_number="2213/QĐ-UBND")
    # The same number in another province is another document.
    assert PlanFactory(document_number="2213/QĐ-UBND").pk
    assert Plan.objects.filter(document_number="2213/QĐ-UBND").count() == 2


def test_lead_agency_of_another_province_is_refused(db):
    project = ProjectFactory()
    project.lead_agency = ProjectFactory().lead_agency
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert (
        "Cơ quan chủ trì phải thuộc tỉnh của kế hoạch." in error.value.message_dict["lead_agency"]
    )


@pytest.mark.parametrize(
    ("text", "start", "end", "problem"),
    [
        ("Năm 2011 - 2012", 2011, 2012, None),
        ("Năm 2011", 2011, 2011, None),
        ("2013-3015", 2013, None, "năm 3015 không hợp lệ"),
        ("1013- 2015", None, 2015, "năm 1013 không hợp lệ"),
        ("2015 - 2012", 2015, 2012, "năm kết thúc trước năm bắt đầu"),
        ("", None, None, None),
    ],
)
def test_periods_are_parsed_and_impossible_years_reported(text, start, end, problem):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    if problem:
        assert any(problem in p for p in period.problems)
    else:
        assert period.problems == ()


def test_project_keeps_the_period_as_written_and_its_parsed_years(db):
    project = ProjectFactory(period="2013-3015")
    project.refresh_from_db()
    assert project.period == "2013-3015"
    assert (project.start_year, project.end_year) == (2013, None)


def test_a_plan_goes_with_its_groups_and_projects_but_a_used_group_stays(client, db):
    from django.urls import reverse

    from tests.factories import make_user

    project = ProjectFactory()
    BudgetLineFactory(project=project)
    plan, group = project.plan, project.group
    with pytest.raises(RestrictedError):
        group.delete()  # its project would be left without its heading
    assert Plan.objects.filter(pk=plan.pk).exists()

    client.force_login(make_user("quantri", "admin"))
    url = reverse("admin:projects_plan_delete", args=[plan.pk])
    response = client.post(url, {"post": "yes", "document_number": plan.document_number})
    assert response.status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()  # archived: hidden, not removed
    assert not BudgetLine.objects.filter(project_id=project.pk).exists()

    later = timezone.now() + datetime.timedelta(days=Deletion.RESTORE_DAYS + 1)
    purged, problems = archive.purge(now=later)
    assert (len(purged), problems) == (1, [])
    assert not Plan._base_manager.filter(pk=plan.pk).exists()
    assert not ProjectGroup.objects.filter(pk=group.pk).exists()
    assert not BudgetLine._base_manager.filter(project_id=project.pk).exists()
