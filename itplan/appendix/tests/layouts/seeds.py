"""The five seed plans' appendix tables as plain data, read from fixtures/plans/*.yaml (known to
the đồng): what every generated layout must import back to."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from budgets.money import to_dong
from provinces.text import fold

PLANS = Path(__file__).resolve().parents[4] / "fixtures" / "plans"

# (year, source, sub_source, capital_type, stage): what a money column holds
Key = tuple[int | None, str, str, str, str]


@dataclass
class Project:
    ref: str
    name: str
    lead: str
    period: str
    estimate: int | None  # đồng
    lines: Counter = field(default_factory=Counter)  # Key -> đồng


@dataclass
class Group:
    ref: str
    title: str
    projects: list[Project]


@dataclass
class Table:
    """One appendix of a seed plan: its groups (in order) and the money columns it needs."""

    slug: str
    appendix: str  # "" or "Phụ lục 2"
    start_year: int
    end_year: int
    groups: list[Group]

    @property
    def projects(self) -> list[Project]:
        return [p for g in self.groups for p in g.projects]

    @property
    def keys(self) -> list[Key]:
        """The money columns, in a stable order (year, source, sub-source, capital, stage)."""
        keys = {k for p in self.projects for k in p.lines}
        return sorted(keys, key=lambda k: (k[0] or 0, k[1], k[2], k[3], k[4]))

    @property
    def has_estimates(self) -> bool:
        return any(p.estimate is not None for p in self.projects)

    def expected(self) -> dict:
        """{folded name: (folded lead agency, period, estimate, Counter{(year, source, capital
        type, stage): đồng})}: what the import is compared with (not the sub-source)."""
        result = {}
        for p in self.projects:
            lines = Counter()
            for (year, source, _sub, capital, stage), amount in p.lines.items():
                lines[(year, source, capital, stage)] += amount
            result[fold(p.name)] = (fold(p.lead), fold(p.period), p.estimate, lines)
        return result


@cache
def seed_tables() -> dict[str, list[Table]]:
    """{plan slug: its appendix tables}; a plan with two appendices (Tiền Giang) has two."""
    result = {}
    for path in sorted(PLANS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        unit, slug = data["unit"], data["province"]
        tables: dict[str, Table] = {}
        for g in data["groups"]:
            appendix = g.get("appendix") or ""
            table = tables.setdefault(
                appendix, Table(slug, appendix, data["start_year"], data["end_year"], [])
            )
            projects = []
            for p in g["projects"]:
                lines = Counter()
                for b in p.get("budget") or []:
                    key = (
                        b["year"],
                        b["source"],
                        b.get("sub_source") or "",
                        b["capital_type"],
                        b["stage"],
                    )
                    lines[key] += to_dong(Decimal(str(b["amount"])), unit)
                estimate = p.get("estimate")
                projects.append(
                    Project(
                        ref=str(p.get("ref") or ""),
                        name=" ".join(p["name"].split()),
                        lead=p.get("lead_agency") or "",
                        period=str(p.get("period") or ""),
                        estimate=None
                        if estimate is None
                        else to_dong(Decimal(str(estimate)), unit),
                        lines=lines,
                    )
                )
            table.groups.append(Group(str(g.get("ref") or ""), g.get("title") or "", projects))
        result[slug] = list(tables.values())
    return result
