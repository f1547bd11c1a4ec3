"""Writing a confirmed appendix preview into its plan: all of it, or nothing.

Rows are inserted in bulk (a 2,000-row appendix is a handful of queries, not thousands) through
django-simple-history's ``bulk_create_with_history``, so every created project and budget line
has its history entry with the importing user and the file name as the reason.
"""

import re
from collections.abc import Collection
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from budgets.models import BudgetLine, StatedTotal
from projects.models import Plan, Project, ProjectGroup
from projects.signals import data_written
from provinces.agencies import AgencyIndex, guess_kind
from provinces.models import Agency
from provinces.text import fold

from .parse import Group, ParsedProject, Preview


class NotImportable(Exception):
    pass


@dataclass
class Result:
    projects_created: int = 0
    projects_updated: int = 0
    projects_skipped: int = 0
    budget_lines: int = 0
    stated_totals: int = 0
    agencies_created: int = 0
    groups_created: int = 0

    def as_json(self) -> dict:
        return asdict(self)


@transaction.atomic
def apply(
    preview: Preview,
    plan: Plan,
    *,
    user=None,
    on_existing: str = "skip",
    agency_choices: dict[str, int] | None = None,
    keep_apart: Collection[int] = (),
    record=None,
) -> Result:
    """Create (or update) ``preview``'s projects, groups, budget lines and stated totals in
    ``plan``. A project the plan holds under the same name is skipped or updated as
    ``on_existing`` says; one whose name is an existing project's spelled otherwise
    (``ParsedProject.existing_name``) is merged into that project (updated, keeping its name)
    unless its sheet row is in ``keep_apart``, which creates it as a new project.
    ``agency_choices`` maps an unknown lead agency name to the id of an existing agency of the
    province to use instead; other unknown names are created. ``record`` (an ``AppendixImport``)
    gets the counts."""
    if not preview.importable:
        raise NotImportable(_("Tệp còn lỗi, chưa thể nhập."))
    # One import at a time per plan, whoever calls (the upload page, the admin, the command)
    Plan.objects.select_for_update().filter(pk=plan.pk).exists()
    reason = _("Nhập phụ lục từ tệp “%(file)s”") % {"file": preview.file_name}
    result = Result()
    agencies = _Agencies(plan, agency_choices or {}, result)
    groups = _groups(plan, preview.groups, result)

    order = (plan.projects.aggregate(last=Max("order"))["last"] or 0) + 1
    new: list[tuple[Project, ParsedProject]] = []
    for parsed in preview.projects:
        if parsed.existing_id is not None and not (
            parsed.existing_name and parsed.row in keep_apart
        ):
            if parsed.existing_name:
                # the history says which row of which file was merged (the reason holds 100)
                merged = _("Gộp dòng %(row)s “%(name)s” của tệp “%(file)s”") % {
                    "row": parsed.row,
                    "name": parsed.name[:40],
                    "file": preview.file_name[:30],
                }
                _update(parsed, plan, groups, agencies, user, merged[:100], keep_name=True)
                result.projects_updated += 1
                result.budget_lines += len(parsed.lines)
            elif on_existing == "update":
                _update(parsed, plan, groups, agencies, user, reason)
                result.projects_updated += 1
                result.budget_lines += len(parsed.lines)
            else:
                result.projects_skipped += 1
            continue
        project = Project(plan=plan, order=order, **_fields(parsed, groups, agencies))
        project.set_derived_fields()
        new.append((project, parsed))
        order += 1
    created = bulk_create_with_history(
        [project for project, _parsed in new],
        Project,
        batch_size=500,
        default_user=user,
        default_change_reason=reason,
    )
    lines = [
        BudgetLine(project=project, **line.as_json())
        for project, (_unused, parsed) in zip(created, new, strict=True)
        for line in parsed.lines
    ]
    bulk_create_with_history(
        lines, BudgetLine, batch_size=1000, default_user=user, default_change_reason=reason
    )
    _partners(zip(created, [parsed for _p, parsed in new], strict=True), agencies)
    result.projects_created = len(created)
    result.budget_lines += len(lines)
    result.stated_totals = _stated(preview, plan, groups, user, reason)
    data_written.send(sender=Plan, plan_ids={plan.pk})  # bulk_create sends no signal
    if record is not None:
        for name, value in result.as_json().items():
            if hasattr(record, name):
                setattr(record, name, value)
        record.status = record.Status.DONE
        record.finished_at = timezone.now()
        record.user = record.user or user
        record.save()
    return result


class _Agencies:
    def __init__(self, plan: Plan, choices: dict[str, int], result: Result):
        self.index = AgencyIndex(plan.province)
        self.plan, self.result = plan, result
        self.chosen = {
            name: agency
            for name, agency_id in choices.items()
            if (agency := Agency.objects.filter(pk=agency_id, province=plan.province).first())
        }

    def lead(self, name: str) -> Agency | None:
        if not name:
            return None
        if name in self.chosen:
            return self.chosen[name]
        agency = self.index.find(name)
        if agency is None:
            agency = Agency.objects.create(
                province=self.plan.province, name=name[:300], kind=guess_kind(name)
            )
            self.index.add(agency)
            self.result.agencies_created += 1
        return agency

    def named_in(self, text: str) -> list[Agency]:
        found = (self.index.find(part.strip()) for part in re.split(r"[,;\n]", text or ""))
        return list({agency.pk: agency for agency in found if agency}.values())


def _groups(plan: Plan, parsed: list[Group], result: Result) -> dict:
    """The plan's group of each parsed group (by ``id``), created where the plan has none of
    its key, inside its parent: a parsed group comes after the group it lies in."""
    stored = {g.pk: g for g in plan.groups.all()}

    def key(group: ProjectGroup) -> tuple:
        parent = stored.get(group.parent_id)
        return (group.appendix, group.ref, fold(group.title), key(parent) if parent else None)

    existing = {key(g): g for g in stored.values()}
    order = max((g.order for g in existing.values()), default=-1) + 1
    groups = {}
    for group in parsed:
        if group.key not in existing:
            existing[group.key] = ProjectGroup.objects.create(
                plan=plan,
                parent=groups.get(id(group.parent)) if group.parent else None,
                appendix=group.appendix,
                ref=group.ref,
                title=group.title[:500],
                order=order,
            )
            order += 1
            result.groups_created += 1
        groups[id(group)] = existing[group.key]
    return groups


def _fields(parsed: ParsedProject, groups: dict, agencies: _Agencies) -> dict:
    return {
        "group": groups.get(id(parsed.group)) if parsed.group else None,
        "ref": parsed.ref[:20],
        "name": parsed.name,
        "objective": parsed.objective,
        "scale": parsed.scale,
        "lead_agency": agencies.lead(parsed.lead_agency),
        "partners": parsed.partners,
        "period": parsed.period[:100],
        "status": parsed.status,
        "estimate": parsed.estimate,
        "notes": parsed.notes,
    }


def _update(parsed, plan, groups, agencies, user, reason, *, keep_name=False) -> None:
    """The file's description and money replace the project's; its status stays, for status moves
    only by the progress reports a leader approves, and its notes stay where the file has none.
    ``keep_name``: a row merged into a project named otherwise leaves the project its name."""
    project = Project.objects.get(pk=parsed.existing_id, plan=plan)
    fields = _fields(parsed, groups, agencies)
    del fields["status"]
    if keep_name:
        del fields["name"]
    if not parsed.notes:
        del fields["notes"]
    for name, value in fields.items():
        setattr(project, name, value)
    project._change_reason = reason
    project._history_user = user
    project.save()
    stages = {line.stage for line in parsed.lines}
    for line in project.budget_lines.filter(stage__in=stages):
        line._change_reason = reason
        line._history_user = user
        line.delete()
    for line in parsed.lines:
        budget_line = BudgetLine(project=project, **line.as_json())
        budget_line._change_reason = reason
        budget_line._history_user = user
        budget_line.save()
    project.partner_agencies.set(agencies.named_in(parsed.partners))


def _partners(pairs, agencies: _Agencies) -> None:
    through = Project.partner_agencies.through
    through.objects.bulk_create(
        through(project_id=project.pk, agency_id=agency.pk)
        for project, parsed in pairs
        for agency in agencies.named_in(parsed.partners)
    )


def replaced_totals(plan: Plan, preview: Preview):
    """The plan's stated totals that importing ``preview`` replaces: those an earlier import of
    the same appendix stated (their place starts with "Tệp “…”"); totals typed in the admin or
    loaded from the document stay. The preview lists them; ``apply`` deletes them."""
    if not preview.stated:
        return plan.stated_totals.none()
    return plan.stated_totals.filter(
        appendix=preview.appendix, where__startswith=f"{_('Tệp')} "
    ).order_by("order", "id")


def _stated(preview: Preview, plan: Plan, groups: dict, user, reason) -> int:
    """The sheet's totals become the plan's stated totals, replacing those an earlier import of
    the same appendix stated. The old ones are deleted one by one, so that each keeps a history
    entry naming the user and the file that replaced it."""
    marker = _("Tệp")
    for old in replaced_totals(plan, preview):
        old._history_user = user
        old._change_reason = reason
        old.delete()
    order = (plan.stated_totals.aggregate(last=Max("order"))["last"] or 0) + 1
    totals = [
        StatedTotal(
            plan=plan,
            order=order + i,
            label=stated.label[:300],
            where=(f"{marker} “{preview.file_name}”, {preview.sheet}: {stated.where}")[:300],
            amount=stated.amount,
            measure=stated.measure,
            appendix=preview.appendix,
            group=groups.get(id(stated.group)) if stated.group else None,
            year=stated.money.year,
            source=stated.money.source,
            sub_source=stated.money.sub_source,
            capital_type=stated.money.capital_type,
            stage=stated.money.stage or "need",
        )
        for i, stated in enumerate(preview.stated)
    ]
    bulk_create_with_history(totals, StatedTotal, default_user=user, default_change_reason=reason)
    return len(totals)
