"""A parsed preview as JSON and back, so that an upload is parsed once: the preview page shows
the stored result and the confirmation writes exactly that result, never a new reading of the
file.

Only what the page and ``write.apply`` use is kept. Groups are stored once and referred to by
position, so that projects and stated totals of one group share one ``Group`` again (``apply``
maps groups by identity); a group names the group it lies in by its position too.
"""

from .columns import Column, Money
from .parse import Group, Line, ParsedProject, Preview, Problem, StatedRow

MONEY_FIELDS = ("year", "source", "sub_source", "capital_type", "stage", "total", "estimate")
PROJECT_FIELDS = (
    "row",
    "ref",
    "name",
    "objective",
    "scale",
    "lead_agency",
    "partners",
    "period",
    "status",
    "estimate",
    "notes",
    "existing_id",
    "existing_name",
)
LINE_FIELDS = ("year", "source", "sub_source", "capital_type", "stage", "amount", "column")


def dump(preview: Preview) -> dict:
    """``preview`` as plain JSON values."""
    groups = {id(group): i for i, group in enumerate(preview.groups)}

    def group_of(group):
        return None if group is None else groups[id(group)]

    return {
        "file_name": preview.file_name,
        "sheet": preview.sheet,
        "sheets": preview.sheets,
        "appendix": preview.appendix,
        "unit": preview.unit,
        "header_rows": list(preview.header_rows) if preview.header_rows else None,
        "groups": [
            [g.row, g.appendix, g.ref, g.title, group_of(g.parent), g.style] for g in preview.groups
        ],
        "projects": [
            {
                **{name: getattr(p, name) for name in PROJECT_FIELDS},
                "group": group_of(p.group),
                "lines": [[getattr(line, name) for name in LINE_FIELDS] for line in p.lines],
            }
            for p in preview.projects
        ],
        "stated": [
            {
                "row": s.row,
                "label": s.label,
                "column": [s.column.index, list(s.column.path), s.column.kind, s.column.unit],
                "money": [getattr(s.money, name) for name in MONEY_FIELDS],
                "amount": s.amount,
                "group": group_of(s.group),
                "appendix": s.appendix,
                "measure": s.measure,
                "computed": s.computed,
            }
            for s in preview.stated
        ],
        "problems": [[p.sheet, p.row, p.column, p.message, p.level] for p in preview.problems],
        "unknown_agencies": preview.unknown_agencies,
        # the clerk's mapping: each column's role (and the one its words give), the header as
        # typed, what the clerk chose
        "columns": [[c.index, list(c.path), c.role, c.auto] for c in preview.columns],
        "shown": [preview.shown_from, preview.shown_rows],
        "chosen": preview.chosen,
        "saved_used": preview.saved_used,
    }


def load(data: dict) -> Preview:
    """The ``Preview`` that ``dump`` stored."""
    groups = []

    def group_at(index):
        return None if index is None else groups[index]

    for row, appendix, ref, title, *tree in data["groups"]:  # a preview stored before: no tree
        parent, style = tree or (None, "")
        groups.append(Group(row, appendix, ref, title, group_at(parent), style))

    preview = Preview(
        data["file_name"],
        data["sheet"],
        data["sheets"],
        appendix=data["appendix"],
        unit=data["unit"],
        header_rows=tuple(data["header_rows"]) if data["header_rows"] else None,
        groups=groups,
        unknown_agencies=data["unknown_agencies"],
    )
    for p in data["projects"]:
        project = ParsedProject(
            **{name: p[name] for name in PROJECT_FIELDS if name in p},  # stored before: fewer
            group=group_at(p["group"]),
        )
        project.lines = [Line(**dict(zip(LINE_FIELDS, line, strict=True))) for line in p["lines"]]
        preview.projects.append(project)
    for s in data["stated"]:
        index, path, kind, unit = s["column"]
        money = Money(**dict(zip(MONEY_FIELDS, s["money"], strict=True)))
        preview.stated.append(
            StatedRow(
                row=s["row"],
                label=s["label"],
                column=Column(index, tuple(path), kind, None, unit),
                money=money,
                amount=s["amount"],
                group=group_at(s["group"]),
                appendix=s["appendix"],
                measure=s["measure"],
                computed=s["computed"],
            )
        )
    preview.problems = [Problem(*values) for values in data["problems"]]
    preview.columns = [
        Column(index, tuple(path), "", role=role, auto=auto)
        for index, path, role, auto in data.get("columns", [])
    ]
    preview.shown_from, preview.shown_rows = data.get("shown", [None, []])
    preview.chosen = data.get("chosen", {})
    preview.saved_used = data.get("saved_used", False)
    return preview
