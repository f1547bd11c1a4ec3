"""A plan's groups and projects: names, periods, estimates, statuses, partners and budget lines
(need, allocated, disbursed by year, source and capital type)."""

import math
import random

from budgets.models import BudgetLine, Stage
from projects.models import Plan, Project, ProjectGroup, StatusUpdate

from .context import Counts, _insert, _Province, _weighted
from .material import (
    COMBOS,
    CURRENT_YEAR,
    DEPARTMENTS_BOTH,
    DEPARTMENTS_MERGED,
    DEPARTMENTS_NEW,
    DEPARTMENTS_OLD,
    DOMAINS,
    GROUPS,
    IT_DEPT_NEW,
    IT_DEPT_OLD,
    OBJECTIVES,
    OTHER_AGENCIES,
    SCALES,
    STATUS,
    STATUS_WEIGHTS,
    TRIEU,
)
from .reports import _reports


def _projects(ctx: _Province, plan: Plan, count: int, counts: Counts) -> None:
    """The plan's groups and ``count`` projects, with partners, budget lines and reports."""
    rng = ctx.rng
    many_years = plan.start_year < plan.end_year
    n_groups = min(count, len(GROUPS), rng.randint(4, 7) if many_years else rng.randint(3, 5))
    chosen = sorted(rng.sample(range(len(GROUPS)), n_groups))
    groups = [
        ProjectGroup(plan=plan, ref=ROMAN[i], title=GROUPS[g][0], order=i)
        for i, g in enumerate(chosen)
    ]
    counts.groups += len(_insert(ProjectGroup, groups))

    old = plan.issue_date < DEPARTMENTS_MERGED
    departments = (DEPARTMENTS_OLD if old else DEPARTMENTS_NEW) + DEPARTMENTS_BOTH
    it_dept = IT_DEPT_OLD if old else IT_DEPT_NEW
    # Cấp huyện ends with the 2025 merger: later plans name UBND xã/phường only.
    committees = [t for t in ctx.agencies if t.startswith("UBND") and (old or "huyện" not in t)]
    projects, partners_of, taken, lines, reports = [], {}, set(), [], []
    sizes = _weighted(count, [rng.uniform(0.6, 1.4) for _ in groups], minimum=1)
    for group, g, size in zip(groups, chosen, sizes, strict=True):
        _title, capital, cost, templates = GROUPS[g]
        for ref in range(1, size + 1):
            lead = rng.choices(
                [it_dept, rng.choice(departments), rng.choice(committees),
                 rng.choice(OTHER_AGENCIES)], weights=[40, 35, 15, 10],
            )[0]  # fmt: skip
            others = [t for t in departments if t != lead]
            partners = [ctx.agency(t) for t in rng.sample(others, rng.choice((0, 1, 1, 2, 3)))]
            partners_text = [a.name for a in partners]
            if rng.random() < 0.3:
                partners_text.append("UBND các xã, phường")
            # Projects of a multi-year plan mostly start early and last two to four years.
            start = rng.randint(plan.start_year, max(plan.start_year, plan.end_year - 1))
            end = min(plan.end_year, start + rng.choice((0, 1, 1, 2, 2, 3, 4)))
            project = Project(
                plan=plan,
                group=group,
                ref=str(ref),
                order=len(projects) + 1,
                name=_project_name(ctx, templates, ctx.agency(lead).name, taken),
                objective=ctx.fill(rng.choice(OBJECTIVES)),
                scale=rng.choice(SCALES).format(n=rng.randint(2, 40)),
                lead_agency=ctx.agency(lead),
                partners=", ".join(partners_text),
                period=_period_text(rng, start, end),
                estimate=_estimate(rng, cost) * TRIEU,
            )
            project.set_derived_fields()
            projects.append(project)
            partners_of[project.order] = partners
            # Budget and reports before the insert: the reports set the project's status, %
            # complete and version as approving them would have; bulk_create then fills in the
            # project ids of the lines and reports.
            status, percent = _status(rng, project)
            lines.extend(_budget_lines(rng, project, status, capital))
            reports.extend(_reports(ctx, project, status, percent))
    counts.projects += len(_insert(Project, projects))
    through = Project.partner_agencies.through
    links = [
        through(project_id=p.pk, agency_id=a.pk) for p in projects for a in partners_of[p.order]
    ]
    counts.partner_links += len(_insert(through, links))
    counts.budget_lines += len(_insert(BudgetLine, lines))
    counts.status_updates += len(_insert(StatusUpdate, reports))


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _project_name(ctx: _Province, templates: list[str], lead: str, taken: set[str]) -> str:
    """A name from the group's templates, unique in the plan ("(giai đoạn 2)" when drawn
    again)."""
    rng = ctx.rng
    for _attempt in range(5):
        name = rng.choice(templates).format(
            place=ctx.place,
            agency=lead,
            commune=rng.choice(ctx.communes),
            domain=rng.choice(DOMAINS),
        )
        if name not in taken:
            break
    stage = 2
    while name in taken:
        name, stage = f"{name.split(' (giai đoạn')[0]} (giai đoạn {stage})", stage + 1
    taken.add(name)
    return name


def _period_text(rng: random.Random, start: int, end: int) -> str:
    """The period as documents write it: "Năm 2024", "2022 - 2024", "2022-2024"."""
    if start == end:
        return rng.choice((f"Năm {start}", str(start)))
    return rng.choice((f"{start} - {end}", f"Năm {start} - {end}", f"{start}-{end}"))


def _estimate(rng: random.Random, cost: float) -> int:
    """An estimate in triệu, rounded as documents round: hundreds of triệu to tens of tỷ."""
    trieu = math.exp(rng.uniform(math.log(300), math.log(30_000))) * cost
    step = 10 if trieu < 1_000 else 50 if trieu < 10_000 else 100
    return max(100, round(trieu / step) * step)


def _status(rng: random.Random, project: Project) -> tuple[str, int]:
    """A status for where the project's period lies against ``AS_OF``, and a % complete that
    goes with it."""
    if project.end_year < CURRENT_YEAR:
        weights = STATUS_WEIGHTS["past"]
    elif project.start_year > CURRENT_YEAR:
        weights = STATUS_WEIGHTS["future"]
    else:
        weights = STATUS_WEIGHTS["current"]
    status = rng.choices(list(weights), weights=list(weights.values()))[0]
    percent = {
        STATUS.COMPLETED: 100,
        STATUS.IN_PROGRESS: rng.randint(2, 19) * 5,
        STATUS.PAUSED: rng.randint(2, 14) * 5,
        STATUS.CANCELLED: rng.randint(0, 6) * 5,
        STATUS.PREPARING: rng.randint(0, 2) * 5,
        STATUS.NOT_STARTED: 0,
    }[status]
    return status, percent


def _budget_lines(rng: random.Random, project: Project, status: str, capital: str) -> list:
    """Need for each year of the period × funding combination, adding up to the estimate (but
    for a few projects, as in real documents); allocated and disbursed for the years reached,
    mostly within need and allocated. Amounts in whole triệu."""
    years = list(range(project.start_year, project.end_year + 1))
    n_combos = max(2, min(6, round(rng.uniform(7, 12) / len(years) ** 0.4)))
    combos = []  # (source, sub-source, capital type), each once
    while len(combos) < n_combos:
        source, sub_source, capital_type, _weight = rng.choices(COMBOS, [c[3] for c in COMBOS])[0]
        combo = (source, sub_source, capital_type or capital)
        if combo not in combos:
            combos.append(combo)
    cells = [(year, combo) for year in years for combo in combos]
    total = project.estimate // TRIEU
    if rng.random() < 0.05:
        total = round(total * rng.uniform(0.85, 1.15))
    unit = 10 if total >= 10 * len(cells) else 1
    lines = []
    needs = _weighted(total // unit, [rng.uniform(0.5, 1.5) for _ in cells], minimum=1)
    for (year, (source, sub_source, capital_type)), need in zip(cells, needs, strict=True):
        if not need:
            continue
        need *= unit
        line = {"project": project, "year": year, "source": source, "sub_source": sub_source,
                "capital_type": capital_type}  # fmt: skip
        lines.append(BudgetLine(**line, stage=Stage.NEED, amount=need * TRIEU))
        allocated = _allocated(rng, status, year, need)
        if allocated:
            lines.append(BudgetLine(**line, stage=Stage.ALLOCATED, amount=allocated * TRIEU))
            disbursed = _disbursed(rng, status, year, allocated)
            if disbursed:
                lines.append(BudgetLine(**line, stage=Stage.DISBURSED, amount=disbursed * TRIEU))
    return lines


def _allocated(rng: random.Random, status: str, year: int, need: int) -> int:
    if year > CURRENT_YEAR:
        return 0
    chance, low, high = {
        STATUS.COMPLETED: (0.95, 0.8, 1.0), STATUS.IN_PROGRESS: (0.85, 0.6, 1.0),
        STATUS.PAUSED: (0.6, 0.4, 0.9), STATUS.CANCELLED: (0.3, 0.1, 0.6),
        STATUS.PREPARING: (0.4, 0.05, 0.3), STATUS.NOT_STARTED: (0.05, 0.05, 0.2),
    }[status]  # fmt: skip
    if rng.random() >= chance:
        return 0
    if rng.random() < 0.03:  # above need: an addition the plan did not foresee
        low, high = 1.05, 1.25
    return max(1, round(need * rng.uniform(low, high)))


def _disbursed(rng: random.Random, status: str, year: int, allocated: int) -> int:
    chance, low, high = {
        STATUS.COMPLETED: (0.98, 0.85, 1.0), STATUS.IN_PROGRESS: (0.85, 0.5, 1.0),
        STATUS.PAUSED: (0.7, 0.3, 0.8), STATUS.CANCELLED: (0.5, 0.0, 0.5),
        STATUS.PREPARING: (0.3, 0.0, 0.5), STATUS.NOT_STARTED: (0.1, 0.0, 0.3),
    }[status]  # fmt: skip
    if year == CURRENT_YEAR:  # the year is not over
        chance, low, high = chance * 0.8, low * 0.3, high * 0.7
    if rng.random() >= chance:
        return 0
    if rng.random() < 0.02:  # above allocated: advances settled later
        low, high = 1.02, 1.1
    return round(allocated * rng.uniform(low, high))
