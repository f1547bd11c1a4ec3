"""Keeps ``MoneySummary`` (a plan's budget lines summed by year, source, capital type and stage)
equal to the lines it sums.

- A budget line saved or deleted (one by one, in a form, in the admin, or in the cascade of a
  project or plan being deleted) moves its amount in or out of its summary row, in the same
  transaction: a rollback takes the change back with it.
- A project moved to another plan rewrites both plans' rows.
- ``bulk_create`` sends no signal: the appendix import, the seed and the dataset generator call
  ``refresh(plan_ids)`` after writing; ``manage.py refresh_money_summary`` rebuilds everything.

Written here rather than taken from a library: the packages that maintain aggregates either live
in PostgreSQL triggers (django-pgtrigger; SQLite is our embedded default) or would model the
whole dependency graph (django-computedfields) for what is one GROUP BY per plan.
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet, Subquery, Sum
from django.db.models.signals import post_delete, post_save, pre_save

from budgets.models import BudgetLine, MoneySummary
from projects.models import Project
from projects.signals import data_written

KEY = ("year", "source", "capital_type", "stage")
_state = threading.local()


@contextmanager
def suspended():
    """Line by line upkeep off in this thread, for a mass deletion whose plans go too (or that
    calls ``refresh`` after)."""
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = False


def _active() -> bool:
    return not getattr(_state, "suspended", False)


def line_sums(lines: QuerySet) -> QuerySet:
    """``lines`` summed per plan and key: ``{"project__plan", *KEY, "amount", "lines"}`` rows.
    Only the queryset API, so the migration that fills the table uses it on its models too."""
    return (
        lines.order_by()
        .values("project__plan", *KEY)
        .annotate(amount=Sum("amount"), lines=Count("id"))
    )


def refresh(plan_ids: Iterable[int] | None = None) -> int:
    """Rewrite the summary rows of ``plan_ids`` (of every plan when None) from their budget
    lines, in one transaction; returns the number of rows written."""
    summaries, lines = MoneySummary.objects.all(), BudgetLine.objects.all()
    if plan_ids is not None:
        plan_ids = set(plan_ids)
        summaries = summaries.filter(plan__in=plan_ids)
        lines = lines.filter(project__plan__in=plan_ids)
    with transaction.atomic():
        summaries.delete()
        created = MoneySummary.objects.bulk_create(
            (MoneySummary(plan_id=row.pop("project__plan"), **row) for row in line_sums(lines)),
            batch_size=1000,
        )
    return len(created)


def differences(plan_ids: Iterable[int] | None = None) -> dict:
    """``{(plan, year, source, capital_type, stage): (in the summary, from the lines)}``, each
    an (amount, number of lines) pair, for every key where the two disagree: empty when the
    summary is current."""
    summaries, lines = MoneySummary.objects.all(), BudgetLine.objects.all()
    if plan_ids is not None:
        summaries = summaries.filter(plan__in=plan_ids)
        lines = lines.filter(project__plan__in=plan_ids)
    stored: dict = {}
    for row in summaries.values_list("plan", *KEY, "amount", "lines"):
        key = row[:5]
        amount, count = stored.get(key, (0, 0))
        stored[key] = (amount + row[5], count + row[6])  # a duplicate row would be counted
    computed = {
        (row.pop("project__plan"), *(row.pop(field) for field in KEY)): (
            row["amount"],
            row["lines"],
        )
        for row in line_sums(lines)
    }
    return {
        key: (stored.get(key, (0, 0)), computed.get(key, (0, 0)))
        for key in stored.keys() | computed.keys()
        if stored.get(key, (0, 0)) != computed.get(key, (0, 0))
    }


def _add(plan, key: dict, amount: int, lines: int) -> None:
    """Move ``amount`` đồng and ``lines`` lines into (or, negative, out of) the plan's row for
    ``key``: creating the row for the first line, removing it with the last."""
    rows = MoneySummary.objects.filter(plan=plan, **key)
    if rows.update(amount=F("amount") + amount, lines=F("lines") + lines):
        if lines < 0:
            rows.filter(lines__lte=0).delete()
        return
    if lines > 0:
        try:
            with transaction.atomic():  # another request may create the row at the same time
                MoneySummary.objects.create(plan_id=plan, amount=amount, lines=lines, **key)
        except IntegrityError:
            rows.update(amount=F("amount") + amount, lines=F("lines") + lines)


def _key(line: BudgetLine) -> dict:
    return {field: getattr(line, field) for field in KEY}


def _plan_id(line: BudgetLine) -> int:
    if BudgetLine.project.is_cached(line):
        return line.project.plan_id
    return Project.objects.filter(pk=line.project_id).values_list("plan", flat=True)[0]


def _remember_line(sender, instance, raw=False, **kwargs):
    instance._summary_before = None
    if _active() and not instance._state.adding:
        instance._summary_before = (
            BudgetLine.objects.filter(pk=instance.pk)
            .values("project__plan", *KEY, "amount")
            .first()
        )


def _line_saved(sender, instance, raw=False, **kwargs):
    if not _active():
        return
    before = getattr(instance, "_summary_before", None)
    if before:
        plan, amount = before.pop("project__plan"), before.pop("amount")
        _add(plan, before, -amount, -1)
    if instance.deletion_id is None:  # an archived line is in no figure
        _add(_plan_id(instance), _key(instance), instance.amount, 1)


def _line_deleted(sender, instance, **kwargs):
    if not _active() or instance.deletion_id is not None:  # archived: already out of the sums
        return
    # In a cascade the project is not loaded: its plan is read in the same UPDATE.
    if BudgetLine.project.is_cached(instance):
        plan = instance.project.plan_id
    else:
        plan = Subquery(Project.objects.filter(pk=instance.project_id).values("plan")[:1])
    _add(plan, _key(instance), -instance.amount, -1)


def _remember_plan(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._summary_plan_before = None
    if instance._state.adding or (update_fields is not None and "plan" not in update_fields):
        return
    instance._summary_plan_before = (
        Project.objects.filter(pk=instance.pk).values_list("plan", flat=True).first()
    )


def _project_saved(sender, instance, **kwargs):
    before = getattr(instance, "_summary_plan_before", None)
    if _active() and before is not None and before != instance.plan_id:
        refresh([before, instance.plan_id])


def _data_written(sender, plan_ids, **kwargs):
    refresh(plan_ids)


def connect() -> None:
    """Called once, from the app's ``ready()``."""
    uid = "budgets.summary"
    data_written.connect(_data_written, dispatch_uid=f"{uid}.data_written")
    pre_save.connect(_remember_line, sender=BudgetLine, dispatch_uid=f"{uid}.line.pre")
    post_save.connect(_line_saved, sender=BudgetLine, dispatch_uid=f"{uid}.line.saved")
    post_delete.connect(_line_deleted, sender=BudgetLine, dispatch_uid=f"{uid}.line.deleted")
    pre_save.connect(_remember_plan, sender=Project, dispatch_uid=f"{uid}.project.pre")
    post_save.connect(_project_saved, sender=Project, dispatch_uid=f"{uid}.project.saved")
