"""A group's stated total covers its sub-groups at any depth (issue 17): the one rule,
``budgets.reconciliation.figure``, over rows whose groups lie in others, as the import preview
builds them and as the stored plan reads them, in the same three queries."""

import pytest
from django.core.exceptions import ValidationError

from budgets.models import StatedTotal
from budgets.reconciliation import EstimateSum, LineSum, Rows, Scope, figure, reconcile_many
from projects.models import Plan, ProjectGroup
from tests.factories import (
    BudgetLineFactory,
    GroupFactory,
    PlanFactory,
    ProjectFactory,
    StatedTotalFactory,
)

TRIEU = 10**6
ESTIMATE = StatedTotal.Measure.ESTIMATE


def line(group, amount, source="local"):
    return LineSum("", group, 2026, source, "", "unspecified", "need", amount * TRIEU)


# A > I > 1, A > II, B: each group's own rows, and the tree
NESTED = Rows(
    lines=[
        line("A", 5),
        line("A.I", 100),
        line("A.I.1", 20),
        line("A.I.1", 3, source="central"),
        line("A.II", 400),
        line("B", 7000),
    ],
    estimates=[EstimateSum("", "A.I.1", 23 * TRIEU), EstimateSum("", "B", 7000 * TRIEU)],
    ancestors={"A.I": ("A",), "A.I.1": ("A", "A.I"), "A.II": ("A",)},
)


@pytest.mark.parametrize(
    ("group", "source", "expected"),
    [
        ("A", "", 528),
        ("A.I", "", 123),
        ("A.I.1", "", 23),
        ("A.II", "", 400),
        ("B", "", 7000),
        (None, "", 7528),
        ("A", "central", 3),
        ("A.I", "local", 120),
        ("C", "", 0),  # a group of no row
    ],
)
def test_a_group_scope_adds_up_its_own_rows_and_those_of_every_group_inside_it(
    group, source, expected
):
    assert figure(NESTED, Scope(group=group, source=source)) == expected * TRIEU


def test_a_groups_estimate_scope_adds_up_the_estimates_inside_it_too():
    assert figure(NESTED, Scope(measure=ESTIMATE, group="A")) == 23 * TRIEU
    assert figure(NESTED, Scope(measure=ESTIMATE, group="A.II")) == 0
    assert figure(NESTED, Scope(measure=ESTIMATE)) == 7023 * TRIEU


def test_without_a_tree_a_group_is_its_own_rows_only():
    flat = Rows(NESTED.lines, NESTED.estimates)
    assert figure(flat, Scope(group="A")) == 5 * TRIEU


@pytest.fixture
def nested_plan(db):
    plan = PlanFactory(start_year=2026, end_year=2030)
    a = GroupFactory(plan=plan, ref="A", title="Dự án chuyển tiếp")
    i = GroupFactory(plan=plan, parent=a, ref="I", title="Hạ tầng")
    one = GroupFactory(plan=plan, parent=i, ref="1", title="Mạng")
    b = GroupFactory(plan=plan, ref="B", title="Dự án mới")
    for group, amount in ((one, 300), (i, 200), (b, 1000)):
        project = ProjectFactory(plan=plan, group=group, estimate=amount * TRIEU)
        BudgetLineFactory(project=project, year=2026, amount=amount * TRIEU)
    for group, amount in ((a, 500), (i, 500), (one, 300), (b, 900), (None, 1500)):
        StatedTotalFactory(
            plan=plan, group=group, label=group.ref if group else "Tổng cộng", amount=amount * TRIEU
        )
    return plan


def test_the_stored_plan_reconciles_each_level_with_the_rows_under_it_in_three_queries(
    nested_plan, django_assert_num_queries
):
    with django_assert_num_queries(3):
        (result,) = reconcile_many([nested_plan])
    assert [(c.stated_total.label, c.computed // TRIEU) for c in result.checks] == [
        ("A", 500),
        ("I", 500),
        ("1", 300),
        ("B", 1000),
        ("Tổng cộng", 1500),
    ]
    assert [c.stated_total.label for c in result.differences] == ["B"]


def test_moving_a_group_moves_the_groups_inside_it(nested_plan):
    a, i, one, b = nested_plan.groups.order_by("pk")
    assert (i.path, one.path) == (f"{a.pk}/", f"{a.pk}/{i.pk}/")
    i.parent = b
    i.save()
    one.refresh_from_db()
    assert one.path == f"{b.pk}/{i.pk}/"
    (result,) = reconcile_many([nested_plan])
    assert [(c.stated_total.label, c.computed // TRIEU) for c in result.checks][:2] == [
        ("A", 0),
        ("I", 500),
    ]


def test_a_group_cannot_lie_in_itself_nor_in_another_plans_group(nested_plan):
    a, i, one, _b = nested_plan.groups.order_by("pk")
    a.parent = one
    with pytest.raises(ValidationError, match="chính nó"):
        a.full_clean()
    other = GroupFactory()
    i.parent = other
    with pytest.raises(ValidationError, match="cùng kế hoạch"):
        i.full_clean()


def test_a_plan_removed_for_good_takes_its_nested_groups_with_it(nested_plan):
    Plan._base_manager.filter(pk=nested_plan.pk).delete()
    assert not ProjectGroup.objects.filter(plan_id=nested_plan.pk).exists()
