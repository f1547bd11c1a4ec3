"""`manage.py generate_dataset`: a national benchmark dataset, deterministic from its seed,
valid by the models' own rules, and removable without touching the seed data."""

import unicodedata
from io import StringIO

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Sum

from budgets.models import BudgetLine, Stage
from indicators.models import Indicator, IndicatorTarget, Measurement
from itplan import dataset
from itplan.dataset.seed import FIXTURES
from projects.models import Plan, Project, ProjectGroup, StatusUpdate
from provinces.models import Agency, Membership, Province
from provinces.text import fold

pytestmark = pytest.mark.django_db
User = get_user_model()


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_dataset", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """The generated data without ids: what two runs with the same seed must share."""
    order = ("plan__province__slug", "plan__document_number", "order")
    return {
        "projects": list(
            Project.objects.order_by(*order).values_list(
                "plan__province__slug",
                "plan__document_number",
                "group__ref",
                "ref",
                "name",
                "period",
                "status",
                "percent_complete",
                "estimate",
                "version",
                "lead_agency__name",
                "partners",
            )
        ),
        "budget": list(
            BudgetLine.objects.order_by(*(f"project__{f}" for f in order), "year", "stage")
            .values("project__name", "year", "stage")
            .annotate(total=Sum("amount"), lines=Count("id"))
        ),
        "reports": list(
            StatusUpdate.objects.order_by(
                *(f"project__{f}" for f in order), "year", "quarter"
            ).values_list(
                "project__name",
                "year",
                "quarter",
                "status",
                "percent_complete",
                "state",
                "created_at",
                "reviewed_at",
                "return_reason",
                "author__username",
            )
        ),
        "indicators": list(
            Indicator.objects.order_by(
                "plan__province__slug", "plan__document_number", "order"
            ).values_list("name", "unit", "baseline_value", "baseline_denominator")
        ),
        "measurements": list(
            Measurement.objects.order_by(
                "indicator__plan__province__slug",
                "indicator__plan__document_number",
                "indicator__order",
                "date",
            ).values_list("date", "value", "denominator", "text")
        ),
    }


def test_counts_follow_provinces_and_scale_and_are_printed_in_vietnamese():
    output = generate("--provinces", "2", "--scale", "0.25")

    # 12 plans, 600 projects and 200 indicators per province, times 0.25.
    assert Plan.objects.count() == 2 * 3
    assert Project.objects.count() == 2 * 150
    assert Indicator.objects.count() == 2 * 50
    assert set(Province.objects.values_list("slug", flat=True)) == {"ha-noi", "cao-bang"}
    assert 20 <= Agency.objects.filter(province__slug="ha-noi").count() <= 60
    lines_per_project = BudgetLine.objects.count() / Project.objects.count()
    assert 12 <= lines_per_project <= 35
    reports_per_project = StatusUpdate.objects.count() / Project.objects.count()
    assert 1.5 <= reports_per_project <= 3.5
    assert IndicatorTarget.objects.count() >= Indicator.objects.count()
    assert Measurement.objects.count() >= 2 * Indicator.objects.count()
    assert "Dự án, nhiệm vụ: 300" in output
    lines = f"{BudgetLine.objects.count():,}".replace(",", ".")
    assert f"Dòng kinh phí: {lines}" in output
    assert "Sinh trong" in output and "giây" in output


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    generate("--provinces", "2", "--scale", "0.1")
    first = snapshot()
    generate("--provinces", "2", "--scale", "0.1", "--clear")
    assert snapshot() == first
    assert first["projects"] and first["budget"] and first["reports"] and first["measurements"]

    generate("--provinces", "2", "--scale", "0.1", "--clear", "--seed", "2")
    other = snapshot()
    assert [p[4] for p in other["projects"]] != [p[4] for p in first["projects"]]


def test_a_province_is_the_same_whatever_the_number_of_provinces():
    generate("--provinces", "1", "--scale", "0.05")
    alone = snapshot()
    generate("--provinces", "3", "--scale", "0.05", "--clear")
    with_others = [p for p in snapshot()["projects"] if p[0] == "ha-noi"]
    assert with_others == alone["projects"]


def test_generated_rows_pass_the_models_validation_and_carry_their_derived_fields():
    generate("--provinces", "1", "--scale", "0.05")

    for model in (Province, Agency, Plan, ProjectGroup, Project, BudgetLine, StatusUpdate,
                  Indicator, IndicatorTarget, Measurement, Membership):  # fmt: skip
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            row.full_clean()
    for user in User.objects.all():
        user.full_clean()
    for agency in Agency.objects.all():
        assert agency.search_key == fold(agency.name)
    for project in Project.objects.all():
        stored = (project.start_year, project.end_year, project.search_key)
        project.set_derived_fields()
        assert stored == (project.start_year, project.end_year, project.search_key)
        assert project.start_year is not None and not project.period_problems
        assert project.lead_agency.province_id == project.plan.province_id
        assert project.group.plan_id == project.plan_id
    amendment = Plan.objects.exclude(amends=None)
    assert not amendment.exists() or amendment.get().amends.kind == Plan.Kind.FIVE_YEAR


def test_amounts_are_whole_trieu_and_stages_mostly_ordered():
    generate("--provinces", "2", "--scale", "0.25")

    amounts = list(BudgetLine.objects.values_list("amount", flat=True))
    amounts += list(Project.objects.values_list("estimate", flat=True))
    assert all(isinstance(a, int) and a > 0 and a % 1_000_000 == 0 for a in amounts)
    estimates = list(Project.objects.values_list("estimate", flat=True))
    # Hundreds of triệu to tens of tỷ.
    assert min(estimates) >= 100_000_000 and max(estimates) <= 100_000_000_000

    cells: dict[tuple, dict] = {}
    for line in BudgetLine.objects.all():
        key = (line.project_id, line.year, line.source, line.sub_source, line.capital_type)
        assert line.stage not in cells.setdefault(key, {}), "one line per cell and stage"
        cells[key][line.stage] = line.amount
    allocated = [c for c in cells.values() if Stage.ALLOCATED in c]
    disbursed = [c for c in allocated if Stage.DISBURSED in c]
    assert all(Stage.NEED in c for c in cells.values())
    assert sum(c[Stage.ALLOCATED] <= c[Stage.NEED] for c in allocated) >= 0.9 * len(allocated)
    assert sum(c[Stage.DISBURSED] <= c[Stage.ALLOCATED] for c in disbursed) >= 0.9 * len(disbursed)
    need = dict(
        BudgetLine.objects.filter(stage=Stage.NEED)
        .values_list("project_id")
        .annotate(total=Sum("amount"))
    )
    matching = sum(need[p.pk] == p.estimate for p in Project.objects.all())
    assert matching >= 0.85 * Project.objects.count()


def test_years_lie_inside_each_plans_period_and_reports_end_by_the_dataset_date():
    generate("--provinces", "2", "--scale", "0.25")

    for project in Project.objects.select_related("plan"):
        plan = project.plan
        assert plan.start_year <= project.start_year <= project.end_year <= plan.end_year
    outside = BudgetLine.objects.exclude(
        year__gte=F("project__start_year"), year__lte=F("project__end_year")
    )
    assert not outside.exists()
    for target in IndicatorTarget.objects.select_related("indicator__plan"):
        plan = target.indicator.plan
        assert plan.start_year <= target.year <= plan.end_year
        assert target.indicator.baseline_year == plan.start_year - 1
    for measurement in Measurement.objects.select_related("indicator__plan"):
        assert measurement.indicator.plan.start_year <= measurement.date.year
        assert measurement.date <= dataset.AS_OF
    for report in StatusUpdate.objects.select_related("project"):
        assert report.project.start_year <= report.year
        assert (report.year, report.quarter) <= dataset.LAST_QUARTER
        assert report.created_at.date() <= dataset.AS_OF


def test_names_are_vietnamese_with_diacritics():
    generate("--provinces", "34", "--scale", "0.01")

    provinces = dict(Province.objects.values_list("slug", "name"))
    assert provinces["ha-noi"] == "Hà Nội"
    assert provinces["ca-mau"] == "Cà Mau"
    assert Province.objects.get(slug="ca-mau").code == "96"
    assert Province.objects.get(slug="quang-tri-2025").code == "44"
    assert len(provinces) == 34
    names = [
        *Project.objects.values_list("name", flat=True),
        *Indicator.objects.values_list("name", flat=True),
        *Plan.objects.values_list("title", flat=True),
        *Agency.objects.filter(kind=Agency.Kind.DEPARTMENT).values_list("name", flat=True),
    ]
    for name in names:
        assert unicodedata.is_normalized("NFC", name), name
        assert not name.isascii(), name
    assert (
        Project.objects.filter(name__contains="Đào tạo").exists()
        or Project.objects.filter(name__contains="Nâng cấp").exists()
    )


def test_reports_follow_the_workflow_and_set_the_projects_status():
    generate("--provinces", "2", "--scale", "0.25")

    reports = StatusUpdate.objects.select_related("author__membership", "reviewer__membership")
    states = dict(reports.values_list("state").annotate(n=Count("id")))
    assert states[StatusUpdate.State.APPROVED] > 0.7 * sum(states.values())
    for report in reports:
        province = report.project.plan.province_id
        assert report.author.membership.role == Membership.Role.STAFF
        assert report.author.membership.province_id == province
        if report.state == StatusUpdate.State.DRAFT:
            assert report.submitted_at is None and report.reviewer is None
        else:
            assert report.created_at <= report.submitted_at
        if report.state in (StatusUpdate.State.APPROVED, StatusUpdate.State.RETURNED):
            assert report.reviewer.membership.role == Membership.Role.LEADER
            assert report.submitted_at <= report.reviewed_at
            assert report.version == 2
        assert bool(report.return_reason) == (report.state == StatusUpdate.State.RETURNED)
    for project in Project.objects.prefetch_related("status_updates"):
        approved = sorted(
            (r for r in project.status_updates.all() if r.state == StatusUpdate.State.APPROVED),
            key=lambda r: (r.year, r.quarter),
        )
        assert project.version == len(approved)
        if approved:
            assert (project.status, project.percent_complete) == (
                approved[-1].status,
                approved[-1].percent_complete,
            )
        if project.status == Project.Status.COMPLETED:
            assert project.percent_complete == 100
        if project.status == Project.Status.NOT_STARTED:
            assert project.percent_complete in (None, 0)
    assert len(set(Project.objects.values_list("status", flat=True))) >= 5


def test_generated_data_writes_no_history():
    generate("--provinces", "1", "--scale", "0.05")
    generate("--provinces", "1", "--scale", "0.05", "--clear")

    for model in (Plan, Project, BudgetLine, StatusUpdate, Indicator, Measurement):
        assert not model.history.exists(), model


def test_running_again_needs_clear_and_clear_does_not_duplicate():
    generate("--provinces", "2", "--scale", "0.05")
    models = (Province, Agency, User, Membership, Plan, Project, BudgetLine, StatusUpdate,
              Indicator)  # fmt: skip
    before = {m: m.objects.count() for m in models}

    with pytest.raises(CommandError, match="--clear"):
        generate("--provinces", "2", "--scale", "0.05")
    output = generate("--provinces", "2", "--scale", "0.05", "--clear")

    assert {m: m.objects.count() for m in models} == before
    assert "Đã xóa dữ liệu thử cũ: 2 kế hoạch, 4 người dùng." in output


def test_clear_keeps_the_seed_data_and_the_fixture_provinces(seed):
    fixture_provinces = dict(Province.objects.values_list("slug", "pk"))
    seed_plans = set(Plan.objects.values_list("pk", flat=True))
    seed_counts = {
        "projects": Project.objects.count(),
        "money": BudgetLine.objects.aggregate(total=Sum("amount"), n=Count("id")),
        "indicators": Indicator.objects.count(),
        "users": sorted(User.objects.values_list("username", "first_name", "email")),
        "memberships": sorted(Membership.objects.values_list("user__username", "province__slug")),
    }

    output = generate("--provinces", "34", "--scale", "0.01")

    # The five 2025 provinces of fixtures/provinces.yaml are reused, the 29 others created.
    assert "Tỉnh, thành phố đã có (dùng lại): 5" in output
    assert Province.objects.count() == len(fixture_provinces) + 29
    for slug, pk in fixture_provinces.items():
        assert Province.objects.get(slug=slug).pk == pk
    demo = {
        row["username"] for row in yaml.safe_load((FIXTURES / "demo_users.yaml").read_text("utf-8"))
    }
    generated = set(dataset.generated_users().values_list("username", flat=True))
    assert len(generated) == 68 and not generated & demo
    agencies = Agency.objects.count()

    generate("--provinces", "34", "--scale", "0.01", "--clear")
    assert Agency.objects.count() == agencies  # reused, not duplicated
    dataset.clear()

    assert set(Plan.objects.values_list("pk", flat=True)) == seed_plans
    assert not dataset.generated_users().exists()
    assert seed_counts["projects"] == Project.objects.count()
    assert seed_counts["money"] == BudgetLine.objects.aggregate(total=Sum("amount"), n=Count("id"))
    assert seed_counts["indicators"] == Indicator.objects.count()
    assert (
        sorted(User.objects.values_list("username", "first_name", "email")) == seed_counts["users"]
    )
    assert (
        sorted(Membership.objects.values_list("user__username", "province__slug"))
        == seed_counts["memberships"]
    )
    # Agencies are reference data: kept for the next run.
    assert Agency.objects.count() == agencies


@pytest.mark.parametrize("args", [["--provinces", "0"], ["--provinces", "35"], ["--scale", "0"]])
def test_out_of_range_options_are_refused(args):
    with pytest.raises(CommandError):
        generate(*args)
    assert not Plan.objects.exists()
