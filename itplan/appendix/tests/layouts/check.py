"""Importing a generated layout the way the portal's upload does (read and parse every sheet,
store the preview, load it back, relate it to the plan, write it) and comparing what was written
with the seed: the same projects, each with the same lead agency, period, estimate and đồng per
year, source, capital type and stage, and every stated total read and agreeing with its rows
but the one typed wrong on purpose, whose difference must be the one named."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import count

from budgets.models import BudgetLine
from itplan.appendix import stored
from itplan.appendix.parse import Defaults, relate
from itplan.appendix.uploads import parse_all
from itplan.appendix.write import apply
from projects.models import Plan, Project
from provinces.text import fold

from . import render
from .layout import Layout
from .seeds import seed_tables

_numbers = count(1)


@dataclass
class Outcome:
    layout: Layout
    slug: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        return f"{self.slug} {self.layout.changed()}: " + "; ".join(self.problems[:5])


def files(slug: str, layout: Layout) -> list[tuple[str, bytes, list[render.Sheet]]]:
    """The files a layout of the plan ``slug`` makes: one workbook with a sheet per appendix,
    or one Word document per appendix."""
    sheets = [render.sheet(table, layout) for table in seed_tables()[slug]]
    if layout.format == "docx":
        return [(f"{slug}-{i}.docx", render.docx([s]), [s]) for i, s in enumerate(sheets, 1)]
    return [(f"{slug}.xlsx", render.xlsx(sheets), sheets)]


def import_layout(slug: str, layout: Layout, province) -> Outcome:
    """Write ``layout`` of the seed plan ``slug`` to its file(s), import them into a new plan of
    ``province`` and say how the result differs from the seed (nothing when it imports right)."""
    tables = seed_tables()[slug]
    outcome = Outcome(layout, slug)
    plan = Plan.objects.create(
        province=province,
        kind=Plan.Kind.FIVE_YEAR,
        document_number=f"{next(_numbers)}/KH-UBND (bố cục thử)",
        issue_date="2012-01-01",
        title="Bố cục thử",
        start_year=tables[0].start_year,
        end_year=tables[0].end_year,
    )
    for name, content, sheets in files(slug, layout):
        parsed = parse_all(name, content, plan, Defaults())
        for sheet in sheets:
            data = parsed["previews"].get(sheet.name) or parsed["previews"][parsed["default"]]
            preview = stored.load(data)
            relate(preview, plan)
            if preview.errors:
                outcome.problems += [f"{name} {sheet.name}: {e}" for e in preview.errors]
                continue
            differing = {s.label: s for s in preview.stated if s.difference}
            outcome.problems += [
                f"{s.label} ({s.column.label}) ghi {s.amount}, cộng lại {s.computed}"
                for label, s in differing.items()
                if sheet.wrong.get(label) != s.difference
            ]
            outcome.problems += [
                f"{label}: không nêu chênh lệch {difference}"
                for label, difference in sheet.wrong.items()
                if label not in differing
            ]
            if len(preview.stated) != sheet.stated:
                outcome.problems.append(
                    f"{sheet.name}: {len(preview.stated)} số tổng đọc được, bảng ghi {sheet.stated}"
                )
            apply(preview, plan)
    if outcome.problems:
        return outcome
    expected = {(t.appendix, name): value for t in tables for name, value in t.expected().items()}
    imported = written(plan)
    for key in sorted(expected.keys() | imported.keys()):
        if key not in imported:
            outcome.problems.append(f"thiếu dự án {key[1][:50]!r}")
        elif key not in expected:
            outcome.problems.append(f"dự án lạ {key[1][:50]!r}")
        elif expected[key] != imported[key]:
            outcome.problems.append(
                f"{key[1][:40]!r}: cần {expected[key]}, nhập được {imported[key]}"
            )
    return outcome


def written(plan: Plan) -> dict:
    """{(appendix, folded name): (folded lead agency, folded period, estimate, Counter{(year,
    source, capital, stage): đồng})}, as ``Table.expected``."""
    result = {}
    projects = Project.objects.filter(plan=plan).select_related("group", "lead_agency")
    for project in projects:
        key = (project.group.appendix if project.group else "", fold(project.name))
        lead = fold(project.lead_agency.name) if project.lead_agency else ""
        result[key] = (lead, fold(project.period), project.estimate, Counter())
    lines = BudgetLine.objects.filter(project__plan=plan).select_related("project__group")
    for line in lines:
        project = line.project
        key = (project.group.appendix if project.group else "", fold(project.name))
        result[key][3][(line.year, line.source, line.capital_type, line.stage)] += line.amount
    return result
