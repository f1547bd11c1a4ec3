"""What importing an appendix sheet would do: the projects, groups, budget lines and stated
totals read from it, with every problem pinned to its sheet, row and column, before anything is
written; and how it relates to the plan's rows already stored."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from budgets.models import CapitalType, Source, Stage
from budgets.reconciliation import (
    LineSum,
    Rows,
    Scope,
    grouped_estimates,
    grouped_lines,
    totals,
)
from projects.models import Plan, Project
from projects.names import comparable
from provinces.agencies import AgencyIndex
from provinces.text import fold

from .columns import Column, Money


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str
    level: str = "error"  # "error" blocks the import; "warning" is shown and kept as written

    def __str__(self):
        where = []
        if self.row:
            where.append(_("Dòng %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("cột %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_json(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "level": self.level,
        }


@dataclass
class Line:
    year: int | None
    source: str
    sub_source: str
    capital_type: str
    stage: str
    amount: int  # đồng
    column: int | None = field(default=None, compare=False)  # where the sheet wrote it

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "source": self.source,
            "sub_source": self.sub_source,
            "capital_type": self.capital_type,
            "stage": self.stage,
            "amount": self.amount,
        }


@dataclass
class Group:
    row: int
    appendix: str
    ref: str
    title: str
    parent: "Group | None" = None
    style: str = ""  # the numbering style of its reference (rows.style): "roman", "arabic"…

    @property
    def key(self) -> tuple:
        """Names the group here and once stored: two groups of one key become one; a sub-group
        is named with the group it lies in (an "I" under A is not the "I" under B)."""
        return (self.appendix, self.ref, fold(self.title), self.parent.key if self.parent else None)

    @property
    def ancestors(self) -> list["Group"]:
        """The groups this one lies in, outermost first."""
        found, group = [], self.parent
        while group is not None:
            found.insert(0, group)
            group = group.parent
        return found

    @property
    def depth(self) -> int:
        return len(self.ancestors)

    def __str__(self):
        """ "II Ứng dụng"; inside other groups, after their references: "B › II Ứng dụng"."""
        own = " ".join(part for part in (self.ref, self.title) if part)
        return " › ".join([*(group.ref or group.title for group in self.ancestors), own])


@dataclass
class ParsedProject:
    row: int
    ref: str
    name: str
    group: Group | None
    objective: str = ""
    scale: str = ""
    lead_agency: str = ""
    partners: str = ""
    period: str = ""
    status: str = Project.Status.NOT_STARTED
    estimate: int | None = None
    notes: str = ""
    lines: list[Line] = field(default_factory=list)
    existing_id: int | None = None  # a project of the plan with the same name
    # that project's name where it is spelled otherwise ("… tỉnh Bạc Liêu", other case or
    # punctuation): the clerk chooses to merge into it or keep the row apart
    existing_name: str = ""

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "ref": self.ref,
            "group": str(self.group) if self.group else "",
            "name": self.name,
            "lead_agency": self.lead_agency,
            "partners": self.partners,
            "period": self.period,
            "status": self.status,
            "estimate": self.estimate,
            "exists": self.existing_id is not None,
            "existing_name": self.existing_name,
            "budget_lines": [line.as_json() for line in self.lines],
        }


@dataclass
class StatedRow:
    """A subtotal or total the sheet states, with what the sheet's own rows add up to."""

    row: int
    label: str
    column: Column
    money: Money
    amount: int
    group: Group | None
    appendix: str
    measure: str = "budget"  # or "estimate": the sum of the projects' total column
    computed: int | None = None

    @property
    def difference(self) -> int | None:
        """Computed minus stated, as the plan's reconciliation reports it."""
        return None if self.computed is None else self.computed - self.amount

    @property
    def scope(self) -> Scope:
        """What the row covers, as the stated total it becomes will (groups by their key)."""
        return Scope(
            measure=self.measure,
            stage=self.money.stage or Stage.NEED,
            appendix=self.appendix,
            group=self.group.key if self.group else None,
            year=self.money.year,
            source=self.money.source,
            sub_source=self.money.sub_source,
            capital_type=self.money.capital_type,
        )

    @property
    def where(self) -> str:
        return _("Dòng %(row)s (“%(label)s”), cột %(column)s") % {
            "row": self.row,
            "label": self.label,
            "column": self.column.label,
        }

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "label": self.label,
            "column": self.column.label,
            "group": str(self.group) if self.group else "",
            "measure": self.measure,
            "year": self.money.year,
            "source": self.money.source,
            "sub_source": self.money.sub_source,
            "capital_type": self.money.capital_type,
            "stage": self.money.stage or Stage.NEED,
            "stated": self.amount,
            "computed": self.computed,
            "difference": self.difference,
        }


@dataclass
class Defaults:
    """What to assume where the sheet does not say it (chosen by the user on upload)."""

    source: str = Source.LOCAL
    capital_type: str = CapitalType.UNSPECIFIED
    stage: str = Stage.NEED
    unit: str | None = None  # when the sheet declares none


@dataclass
class Preview:
    file_name: str
    sheet: str
    sheets: list[str]
    appendix: str = ""
    unit: str | None = None
    header_rows: tuple[int, int] | None = None
    columns: list[Column] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    projects: list[ParsedProject] = field(default_factory=list)
    stated: list[StatedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_agencies: list[str] = field(default_factory=list)
    # for the clerk's mapping: the header rows as typed, from sheet row ``shown_from``
    shown_from: int | None = None
    shown_rows: list[list[str]] = field(default_factory=list)
    chosen: dict[str, str] = field(default_factory=dict)  # folded header → role the clerk chose
    saved_used: bool = False  # the province's saved mapping named some column

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def importable(self) -> bool:
        return bool(self.projects) and not self.errors

    @property
    def lines(self) -> list[Line]:
        return [line for project in self.projects for line in project.lines]

    @property
    def existing(self) -> list[ParsedProject]:
        """Projects of the file the plan holds under the same name."""
        return [p for p in self.projects if p.existing_id is not None and not p.existing_name]

    @property
    def similar(self) -> list[ParsedProject]:
        """Projects of the file whose name is an existing project's spelled otherwise."""
        return [p for p in self.projects if p.existing_id is not None and p.existing_name]

    def rows(self) -> Rows:
        """The rows the reconciliation computes from, as the import will write them: lines and
        estimates summed by appendix, group (by its key: groups of one key become one), year,
        source, capital type and stage."""
        lines = grouped_lines(
            LineSum(
                project.group.appendix if project.group else None,
                project.group.key if project.group else None,
                line.year,
                line.source,
                line.sub_source,
                line.capital_type,
                line.stage,
                line.amount,
            )
            for project in self.projects
            for line in project.lines
        )
        estimates = grouped_estimates(
            (
                project.group.appendix if project.group else None,
                project.group.key if project.group else None,
                project.estimate,
            )
            for project in self.projects
        )
        ancestors = {
            group.key: tuple(above.key for above in group.ancestors)
            for group in self.groups
            if group.parent
        }
        return Rows(lines, estimates, ancestors)

    def computed_totals(self) -> dict:
        """What the plan page's reconciliation will show once imported, and the estimates."""
        rows = self.rows()
        return totals(rows) | {"estimate": sum(row.amount for row in rows.estimates)}

    def differences(self) -> list[StatedRow]:
        return [s for s in self.stated if s.difference]

    def as_json(self) -> dict:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "appendix": self.appendix,
            "unit": self.unit,
            "projects": [p.as_json() for p in self.projects],
            "errors": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
            "stated_totals": [s.as_json() for s in self.stated],
            "computed_totals": self.computed_totals(),
            "unknown_agencies": self.unknown_agencies,
        }


def relate(preview: Preview, plan: Plan) -> None:
    """Mark the projects ``plan`` already holds (same appendix, same name by
    ``projects.names.comparable``: another case, spacing, punctuation or a closing "tỉnh …" is
    the same name) and list the lead agencies the province does not know: what the database says
    about the file, as of now. A name spelled otherwise than the stored one keeps that one in
    ``existing_name``, for the clerk to merge into it or keep apart. A stored preview is related
    again before it is shown and again under the confirmation's lock.
    """
    appendix = preview.appendix
    stored = Project.objects.filter(plan=plan, group__appendix=appendix)
    if not appendix:
        stored = stored | Project.objects.filter(plan=plan, group__isnull=True)
    by_fold: dict[str, tuple[int, str]] = {}
    by_key: dict[str, tuple[int, str]] = {}
    for pk, name in stored.order_by("order", "pk").values_list("pk", "name"):
        by_fold.setdefault(fold(name), (pk, name))
        by_key.setdefault(comparable(name), (pk, name))
    for project in preview.projects:
        same = by_fold.get(fold(project.name))
        found = same or by_key.get(comparable(project.name))
        project.existing_id = found[0] if found else None
        project.existing_name = found[1] if found and not same else ""
    index = AgencyIndex(plan.province)
    unknown = {
        p.lead_agency
        for p in preview.projects
        if p.lead_agency and index.find(p.lead_agency) is None
    }
    preview.unknown_agencies = sorted(unknown)
