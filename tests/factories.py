import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from budgets.models import BudgetLine, StatedTotal
from indicators.models import Indicator, IndicatorTarget, Measurement
from projects.models import Plan, Project, ProjectGroup, StatusUpdate
from projects.progress import current_period
from provinces.models import Agency, Membership, Province


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province

    code = factory.Sequence(lambda n: f"{n % 999:03d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    slug = factory.Sequence(lambda n: f"tinh-thu-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Sở Thông tin và Truyền thông {n}")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    province = factory.SubFactory(ProvinceFactory)
    kind = Plan.Kind.FIVE_YEAR
    document_number = factory.Sequence(lambda n: f"{1000 + n}/QĐ-UBND")
    issue_date = datetime.date(2021, 3, 15)
    title = "Kế hoạch ứng dụng công nghệ thông tin giai đoạn 2021 - 2025"
    start_year = 2021
    end_year = 2025


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectGroup

    plan = factory.SubFactory(PlanFactory)
    ref = "I"
    title = "Hạ tầng kỹ thuật"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    plan = factory.SubFactory(PlanFactory)
    group = factory.LazyAttribute(lambda o: GroupFactory(plan=o.plan))
    lead_agency = factory.LazyAttribute(lambda o: AgencyFactory(province=o.plan.province))
    ref = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Hệ thống một cửa điện tử số {n}")
    # Years that cover the dates the suite runs at: a project owes progress reports only in its
    # years (``projects.progress.owes_report``), and the tests' reports are of those years.
    period = "2021 - 2030"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    year = 2022
    source = "local"
    amount = 1_500_000_000


class StatedTotalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatedTotal

    plan = factory.SubFactory(PlanFactory)
    label = "Tổng cộng"
    amount = 1_500_000_000


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Tỷ lệ văn bản điện tử {n}")
    unit = Indicator.Unit.PERCENT
    baseline_year = 2020
    baseline_value = 15
    target = factory.RelatedFactory(
        "tests.factories.TargetFactory", factory_related_name="indicator"
    )


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    year = 2025
    value = 100


def make_user(username: str, role: str | None, province: Province | None = None):
    """A portal user: role "admin" (superuser), "staff", "leader", "national", or None."""
    user = get_user_model().objects.create_user(
        username=username,
        password="pw-test-123",
        is_staff=True,
        is_superuser=role == "admin",
    )
    if role not in (None, "admin"):
        Membership.objects.create(user=user, role=role, province=province)
    return user


def report(project, author, **fields):
    """A draft progress report for the current period."""
    year, quarter = current_period()
    values = {
        "year": year,
        "quarter": quarter,
        "status": Project.Status.IN_PROGRESS,
        "percent_complete": 40,
        "results": "Đã lắp đặt thiết bị",
    } | fields
    return StatusUpdate.objects.create(project=project, author=author, **values)


def two_provinces() -> dict:
    """Two provinces, Bạc Liêu ("a") and Trà Vinh ("b"), each with a plan, a project, a budget
    line, a stated total, an indicator, an import record and a progress report; staff and a
    leader of "a", a national viewer, an administrator and a user without a role."""
    from itplan.models import AppendixImport

    data = {}
    for key, name in (("a", "Bạc Liêu"), ("b", "Trà Vinh")):
        province = ProvinceFactory(name=name)
        project = ProjectFactory(plan__province=province, name=f"Một cửa điện tử {name}")
        data[key] = {
            "province": province,
            "plan": project.plan,
            "project": project,
            "agency": project.lead_agency,
            "budgetline": BudgetLineFactory(project=project),
            "statedtotal": StatedTotalFactory(plan=project.plan),
            "indicator": IndicatorFactory(plan=project.plan),
            "appendiximport": AppendixImport.objects.create(
                plan=project.plan, file="imports/phu-luc.xlsx", file_name="phu-luc.xlsx"
            ),
            "statusupdate": StatusUpdate.objects.create(
                project=project, year=2026, quarter=4, status="in_progress", percent_complete=10
            ),
        }
    data["staff"] = make_user("canbo.a", "staff", data["a"]["province"])
    data["leader"] = make_user("lanhdao.a", "leader", data["a"]["province"])
    data["national"] = make_user("trunguong", "national")
    data["admin"] = make_user("quantri", "admin")
    data["norole"] = make_user("khach", None)
    return data


# Who tries a write in the gate tests: (user in ``two_provinces``, province of the row, allowed?).
# Refusals come first, so the rows they try are still intact.
WRITERS = [
    ("leader", "a", False),
    ("leader", "b", False),
    ("national", "a", False),
    ("national", "b", False),
    ("staff", "b", False),
    ("norole", "a", False),
    ("staff", "a", True),
    ("admin", "b", True),
]


def logged_in(user):
    """A test client with ``user`` logged in (which writes last_login: log in before a
    snapshot of the database)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def varied_indicators(rng, measured_until: datetime.date):
    """120 indicators of every kind: ratios, missing baselines, several or no targets, targets
    equal to the baseline, decreasing ones, 0 to 3 measurements up to ``measured_until``."""
    plan = PlanFactory(start_year=2021, end_year=2025)
    span = (measured_until - datetime.date(2022, 1, 1)).days
    for n in range(120):
        ratio = n % 3 == 0
        denominator = Decimal(rng.choice([19, 24, 105])) if ratio else None
        baseline = None if n % 17 == 0 else Decimal(rng.randint(0, 40))
        indicator = Indicator.objects.create(
            plan=plan,
            name=f"Chỉ tiêu {n}",
            unit=Indicator.Unit.RATIO if ratio else Indicator.Unit.PERCENT,
            baseline_year=None if n % 5 == 0 else rng.choice([2019, 2020, 2021]),
            baseline_value=baseline,
            baseline_denominator=denominator,
        )
        decreasing = n % 4 == 0
        for year in sorted(rng.sample(range(2022, 2027), rng.randint(0 if n % 11 == 0 else 1, 3))):
            goal = Decimal(rng.randint(0, 15)) if decreasing else Decimal(rng.randint(41, 100))
            if n % 23 == 0 and baseline is not None:
                goal = baseline
            IndicatorTarget.objects.create(
                indicator=indicator, year=year, value=goal, denominator=denominator
            )
        for _ in range(rng.randint(0, 3)):
            Measurement.objects.create(
                indicator=indicator,
                date=datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randint(0, span)),
                value=Decimal(rng.randint(0, 100)),
                denominator=denominator,
            )
