"""What the working-day load mix (``benchmarks/workday.lua``) sends its requests as and to.

``prepare(path)`` writes a Lua table (read by the script with ``dofile``): signed-in sessions of
a national viewer, and of leaders and clerks (cán bộ Sở) of six provinces of the national
dataset; and, for the clerks' writes, the rows each request targets, made beforehand so that the
script never has to read a page to know what to post:

- ``drafts``: a draft progress report of the current period per project, to save again and
  again (each keeps its version in the script: the form sends the version it was opened on);
- ``fresh``: projects without a report for the period, each to receive one new report;
- ``lines``: money lines to correct; ``line_projects``: projects to add a money line to;
- ``plans``: the plans the leaders export and print.

The drafts and fresh projects are remade at every run: the reports the load users wrote in the
current period before are deleted first (they are the only reports of that period: the dataset
stops at quarter 3/2026). Money lines added by earlier runs stay (a few hundred among 500.000).

``counts()`` gives the rows a write leaves (reports, report saves in the history, money lines,
money line saves in the history), read before and after a run: the saves the script saw
answered must be there.
"""

import secrets
import string

from django.contrib.auth import get_user_model
from django.test import Client

from budgets.models import BudgetLine, Stage
from projects.models import Plan, Project, StatusUpdate
from projects.progress import DONE, active_in, current_period
from provinces.models import Membership, Province

# Six provinces spread over the 34 of the dataset (Hà Nội first), each with its staff at work.
PROVINCES = 6
PER_PROVINCE = 50  # fresh projects, lines to correct and projects to add lines to
# Drafts per province: few enough that each is saved again and again in a run, its version
# climbing as a clerk's saves and autosaves make it (the script saves a draft by one request at
# a time: 30 drafts are more than the saves a run has in flight at once).
DRAFTS_PER_PROVINCE = 5
USERS_PER_ROLE = 2  # clerks and leaders per province: several people, several sessions
USER_PREFIX = "load."
# The CSRF secret the script sends as the cookie and as the form's field (Django accepts the
# 32-character secret itself in the form).
CSRF_CHARS = string.ascii_letters + string.digits


def _user(username: str, role: str, province: Province | None):
    """The load user ``username`` with ``role`` (created once, kept across runs)."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    Membership.objects.update_or_create(user=user, defaults={"role": role, "province": province})
    return user


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _provinces() -> list[Province]:
    """Every sixth province of the dataset that has plans, in the order of their codes."""
    with_plans = Province.objects.filter(plans__isnull=False).distinct().order_by("code")
    return list(with_plans)[:: max(1, len(with_plans) // PROVINCES)][:PROVINCES]


def _clear_period_reports(year: int, quarter: int) -> int:
    """Delete the reports the load users wrote for the period (a run's drafts and new ones)."""
    made = StatusUpdate._base_manager.filter(
        year=year, quarter=quarter, author__username__startswith=USER_PREFIX
    )
    return made.delete()[0]


def _open_projects(province: Province, year: int):
    return (
        Project.objects.filter(plan__province=province)
        .filter(active_in(year))
        .exclude(status__in=DONE)
        .select_related("plan")
        .order_by("order", "id")  # the first projects of every plan, not one plan's
    )


def _lua(value) -> str:
    """``value`` (dict, list, str, int, bool, None) as a Lua literal."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "{\n" + ",\n".join(_lua(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nil"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _drafts(projects, clerks, sessions, year: int, quarter: int) -> list[dict]:
    """A draft report of the period on each of ``projects``, by the clerks in turn."""
    rows = []
    for n, project in enumerate(projects):
        report = StatusUpdate.objects.create(
            project=project,
            author=clerks[n % len(clerks)],
            year=year,
            quarter=quarter,
            status=project.status,
            percent_complete=project.percent_complete or 0,
            results="Đang triển khai theo kế hoạch.",
        )
        rows.append(
            {
                "id": report.pk,
                "version": report.version,
                "session": sessions[n % len(sessions)],
                "status": report.status,
                "percent": report.percent_complete,
            }
        )
    return rows


def _lines(projects, sessions) -> list[dict]:
    """A money line (allocated or disbursed, of a year in the plan's period) of each project
    that has one, to correct."""
    rows = []
    for n, project in enumerate(projects):
        plan = project.plan
        line = (
            BudgetLine.objects.filter(project=project, year__range=(plan.start_year, plan.end_year))
            .exclude(stage=Stage.NEED)
            .order_by("id")
            .first()
        )
        if line is not None:
            rows.append(
                {
                    "id": line.pk,
                    "session": sessions[n % len(sessions)],
                    "year": line.year,
                    "stage": line.stage,
                    "source": line.source,
                    "capital_type": line.capital_type,
                    "amount": line.amount,
                }
            )
    return rows


def _province_data(
    province: Province, year: int, quarter: int, per_province: int, drafts: int
) -> dict:
    """Users, sessions and write targets of one province: ``drafts`` drafts and
    ``per_province`` of the other targets."""
    slug = province.slug
    leaders = [
        _user(f"{USER_PREFIX}lanhdao.{slug}.{n}", "leader", province) for n in range(USERS_PER_ROLE)
    ]
    clerks = [
        _user(f"{USER_PREFIX}canbo.{slug}.{n}", "staff", province) for n in range(USERS_PER_ROLE)
    ]
    sessions = [_session(clerk) for clerk in clerks]
    projects = list(_open_projects(province, year)[: drafts + per_province])
    drafted, fresh = projects[:drafts], projects[drafts:]
    return {
        "id": province.pk,
        "leaders": [_session(leader) for leader in leaders],
        "clerks": sessions,
        "drafts": _drafts(drafted, clerks, sessions, year, quarter),
        "fresh": [
            {
                "project": project.pk,
                "session": sessions[n % len(sessions)],
                "status": project.status,
                "percent": project.percent_complete or 0,
            }
            for n, project in enumerate(fresh)
        ],
        "lines": _lines(projects[:per_province], sessions),
        "line_projects": [
            {
                "project": project.pk,
                "session": sessions[n % len(sessions)],
                "year": min(max(year, project.plan.start_year), project.plan.end_year),
            }
            for n, project in enumerate(projects)
        ],
        "plans": list(
            Plan.objects.filter(province=province).order_by("id").values_list("pk", flat=True)
        ),
    }


def prepare(path: str, per_province: int = PER_PROVINCE, drafts: int = DRAFTS_PER_PROVINCE) -> dict:
    """Write the script's data to ``path`` (a Lua file returning one table); returns a summary
    of it (how many sessions and targets)."""
    year, quarter = current_period()
    cleared = _clear_period_reports(year, quarter)
    national = [
        _session(_user(f"{USER_PREFIX}trunguong.{n}", "national", None))
        for n in range(USERS_PER_ROLE)
    ]
    provinces = [_province_data(p, year, quarter, per_province, drafts) for p in _provinces()]
    data = {
        "csrf": "".join(secrets.choice(CSRF_CHARS) for _ in range(32)),
        "year": year,
        "quarter": quarter,
        "national": national,
        "province_ids": [p.pk for p in Province.objects.filter(plans__isnull=False).distinct()],
        "provinces": provinces,
    }
    with open(path, "w", encoding="utf-8") as file:
        file.write("return " + _lua(data) + "\n")
    return {
        "period": f"{year}-q{quarter}",
        "reports_cleared": cleared,
        "provinces": len(provinces),
        **{
            key: sum(len(p[key]) for p in provinces)
            for key in ("drafts", "fresh", "lines", "line_projects", "plans")
        },
    }


def counts() -> dict:
    """The rows the clerks' writes add: reports and money lines (archived ones included), and
    the history rows each save of either writes (django-simple-history, one per save)."""
    return {
        "reports": StatusUpdate._base_manager.count(),
        "report_saves": StatusUpdate.history.count(),
        "lines": BudgetLine._base_manager.count(),
        "line_saves": BudgetLine.history.count(),
    }
