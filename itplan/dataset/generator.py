"""A national-scale benchmark dataset: the 34 provinces of 2025, ~20.000 projects, ~500.000 budget
lines, ~7.000 indicators, ~50.000 progress reports (``manage.py generate_dataset``).

``generate(provinces=34, seed=1, scale=1.0)`` writes, in one transaction, for each of the first
``provinces`` provinces of ``PROVINCES`` (Nghị quyết 202/2025/QH15, with their official codes):
45 agencies (Sở before and after the 2025 mergers, UBND huyện/xã/phường, others); a staff and a
leader user (``canbo.<slug>``, ``lanhdao.<slug>``, unusable passwords: log in with
``force_login`` or set one in the admin); 12 plans (five-year, annual, programme, one
amendment); ~600 projects in groups I, II, III…; ~25 budget lines per project (year × source ×
capital type × need/allocated/disbursed, whole đồng rounded to triệu); ~200 indicators with
yearly targets and measurements; ~2,5 progress reports per project. ``scale`` multiplies the
per-province counts of plans, projects and indicators (``PER_PROVINCE``); budget lines and
reports follow the projects.

Deterministic: each province draws from its own ``random.Random(f"{seed}:{slug}")``, so a seed
gives the same rows (ids aside) on any database and whatever ``provinces`` is. Dates are relative
to ``AS_OF`` (31/10/2026: reports up to quarter 3/2026), never to today.

Marks, so that ``clear()`` removes only what was generated:

- plans: the document number ends in ``PLAN_SUFFIX`` ("-DLT", dữ liệu thử: "1520/QĐ-UBND-DLT");
  their groups, projects, budget lines, reports and indicators go with them;
- users: the e-mail is ``<username>@dulieu-thu.invalid`` (``USER_EMAIL_DOMAIN``).

Provinces and agencies are reference data: one with the same slug (province) or the same name in
the province (agency) is reused, otherwise created; ``clear()`` keeps them, and the next run
reuses them, so nothing is duplicated. Rows of ``fixtures/`` and demo users are never touched.

Rows are written with ``bulk_create``, which skips ``save()``: the ``search_key`` of agencies and
indicators and ``Project.set_derived_fields()`` are applied here as ``save()`` would, and
``version`` is what the workflow would have left (one per save after creation). No
simple-history rows are written, nor by ``clear()``: this is benchmark data, not edits anyone
made.
"""

import datetime
import random
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings

from budgets import summary
from projects.models import Plan, Project, StatusUpdate
from projects.signals import data_written
from provinces.models import Agency, Membership, Province
from provinces.text import fold

from .context import Counts, _insert, _Province, _weighted
from .indicators import _indicators
from .material import (
    DEPARTMENTS_BOTH,
    DEPARTMENTS_NEW,
    DEPARTMENTS_OLD,
    FAMILY,
    GIVEN,
    KIND_WEIGHT,
    MERGED,
    MIDDLE,
    OTHER_AGENCIES,
    PER_PROVINCE,
    PLAN_SPECS,
    PLAN_SUFFIX,
    PROVINCES,
    SYLLABLES,
    TZ,
    USER_EMAIL_DOMAIN,
)
from .projects import _projects


class DatasetExists(Exception):
    """Generated data is already there: clear it first."""


def generated_plans():
    return Plan.objects.filter(document_number__endswith=PLAN_SUFFIX)


def generated_users():
    return get_user_model().objects.filter(email__endswith=f"@{USER_EMAIL_DOMAIN}")


def per_province(scale: float) -> dict[str, int]:
    """The plans, projects and indicators of one province at ``scale`` (at least one each)."""
    plans = min(len(PLAN_SPECS), max(1, round(PER_PROVINCE["plans"] * scale)))
    return {
        "plans": plans,
        "projects": max(plans, round(PER_PROVINCE["projects"] * scale)),
        "indicators": max(1, round(PER_PROVINCE["indicators"] * scale)),
    }


@transaction.atomic
def clear() -> Counts:
    """Delete the generated plans (with everything under them) and users; provinces, agencies,
    seed plans and demo users stay. Writes no history rows."""
    counts = Counts(plans=generated_plans().count(), users=generated_users().count())
    with override_settings(SIMPLE_HISTORY_ENABLED=False), summary.suspended():
        # Per province keeps the deletion collector's memory small. Projects go before their
        # plans (Project.group protects the groups) and amendments before the plans they amend.
        # Archived rows ("Đã xoá") go too: the base managers see them.
        every_plan = Plan._base_manager.filter(document_number__endswith=PLAN_SUFFIX)
        for province_id in set(every_plan.values_list("province_id", flat=True)):
            plans = every_plan.filter(province_id=province_id)
            Project._base_manager.filter(plan__in=plans).delete()
            plans.filter(amends__isnull=False).delete()
            plans.delete()
        generated_users().delete()
    return counts


@transaction.atomic
def generate(*, provinces: int = 34, seed: int = 1, scale: float = 1.0) -> Counts:
    """Create the dataset of the first ``provinces`` provinces; raises ``DatasetExists`` when
    generated plans are already present (call ``clear()`` first)."""
    if not 1 <= provinces <= len(PROVINCES):
        raise ValueError(f"provinces must be 1..{len(PROVINCES)}")
    if generated_plans().exists():
        raise DatasetExists
    counts = Counts()
    sizes = per_province(scale)
    password = make_password(None)  # unusable: benchmark users log in with force_login
    with _given_created_at():
        for spec in PROVINCES[:provinces]:
            ctx = _province(spec, seed, counts)
            _agencies(ctx, counts)
            _users(ctx, password, counts)
            _plans(ctx, sizes, counts)
    data_written.send(sender=Plan, plan_ids=set(generated_plans().values_list("pk", flat=True)))
    return counts


@contextmanager
def _given_created_at():
    """Keep the report dates set here: ``auto_now_add`` would stamp every row with now."""
    created_at = StatusUpdate._meta.get_field("created_at")
    created_at.auto_now_add = False
    try:
        yield
    finally:
        created_at.auto_now_add = True


def _province(spec, seed: int, counts: Counts) -> _Province:
    code, slug, name, kind, merged = spec
    row = (
        Province.objects.filter(slug=slug).first()
        or Province.objects.filter(code=code, name=name).first()
    )
    if row is None:
        row = Province.objects.create(
            code=code, slug=slug, name=name, valid_from=MERGED if merged else None
        )
        counts.provinces += 1
    else:
        counts.provinces_reused += 1
    rng = random.Random(f"{seed}:{slug}")  # noqa: S311 - reproducible data, not a secret
    return _Province(row=row, kind=kind, rng=rng)


def _agencies(ctx: _Province, counts: Counts) -> None:
    rng, names = ctx.rng, {}
    for template in DEPARTMENTS_OLD + DEPARTMENTS_BOTH + DEPARTMENTS_NEW:
        names[template] = Agency.Kind.DEPARTMENT
    for template in OTHER_AGENCIES:
        names[template] = Agency.Kind.OTHER
    places = rng.sample([f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b], 20)
    ctx.communes = [f"xã {p}" for p in places[:10]] + [f"phường {p}" for p in places[10:14]]
    for label in [f"huyện {p}" for p in places[14:]] + ctx.communes:
        names[f"UBND {label}"] = Agency.Kind.PEOPLES_COMMITTEE
    existing = {a.name: a for a in Agency.objects.filter(province=ctx.row)}
    new = []
    for template, kind in names.items():
        name = ctx.fill(template)
        agency = existing.get(name)
        if agency is None:
            agency = Agency(province=ctx.row, name=name, kind=kind, search_key=fold(name))
            new.append(agency)
        ctx.agencies[template] = agency
    counts.agencies += len(_insert(Agency, new))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _users(ctx: _Province, password: str, counts: Counts) -> None:
    """The province's staff and leader users (``canbo.<slug>``, ``lanhdao.<slug>``): reused
    when they exist, else created with their membership."""
    User = get_user_model()
    joined = datetime.datetime(2021, 1, 4, 8, tzinfo=TZ)
    users = {}
    for role, prefix in ((Membership.Role.STAFF, "canbo"), (Membership.Role.LEADER, "lanhdao")):
        username, name = f"{prefix}.{ctx.row.slug}", _person(ctx.rng)
        users[role] = User.objects.filter(username=username).first() or User(
            username=username,
            first_name=name,
            email=f"{username}@{USER_EMAIL_DOMAIN}",
            password=password,
            is_staff=True,
            date_joined=joined,
        )
    ctx.staff, ctx.leader = users[Membership.Role.STAFF], users[Membership.Role.LEADER]
    new = {role: user for role, user in users.items() if user.pk is None}
    _insert(User, list(new.values()))
    _insert(Membership, [Membership(user=u, role=r, province=ctx.row) for r, u in new.items()])
    counts.users += len(new)


def _plans(ctx: _Province, sizes: dict[str, int], counts: Counts) -> None:
    rng = ctx.rng
    numbers, plans = set(), []
    for kind, start, end, doc, title in PLAN_SPECS[: sizes["plans"]]:
        number = rng.randint(100, 3999)
        while number in numbers:
            number = rng.randint(100, 3999)
        numbers.add(number)
        if kind == Plan.Kind.ANNUAL:
            issued = datetime.date(start - 1, 12, rng.randint(5, 28))
        else:
            issued = datetime.date(start, rng.randint(1, 4), rng.randint(1, 28))
        plans.append(
            Plan(
                province=ctx.row,
                kind=kind,
                document_number=f"{number}/{doc}-UBND{PLAN_SUFFIX}",
                issue_date=issued,
                signer=f"Phó Chủ tịch {_person(rng)}",
                title=ctx.fill(title),
                start_year=start,
                end_year=end,
                notes="Dữ liệu thử do lệnh generate_dataset sinh ra để đo hiệu năng.",
            )
        )
    # The amendment amends the first plan, which must have its id first.
    amendments = [p for p in plans if p.kind == Plan.Kind.AMENDMENT]
    _insert(Plan, [p for p in plans if p.kind != Plan.Kind.AMENDMENT])
    for plan in amendments:
        plan.amends, plan.amends_text = plans[0], plans[0].document_number
    _insert(Plan, amendments)
    counts.plans += len(plans)

    weights = [KIND_WEIGHT[p.kind] * rng.uniform(0.8, 1.2) for p in plans]
    n_projects = _weighted(sizes["projects"], weights, minimum=1)
    n_indicators = _weighted(sizes["indicators"], weights)
    for plan, projects, indicators in zip(plans, n_projects, n_indicators, strict=True):
        _projects(ctx, plan, projects, counts)
        _indicators(ctx, plan, indicators, counts)
