from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.money import with_unit
from projects.models import Archivable, LiveManager, Plan, Project, ProjectGroup
from projects.periods import YEAR_MAX, YEAR_MIN, YEAR_VALIDATORS


class Source(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    LOCAL = "local", _("Địa phương")
    OTHER = "other", _("Vốn khác")


class CapitalType(models.TextChoices):
    INVESTMENT = "investment", _("Đầu tư phát triển")
    RECURRENT = "recurrent", _("Sự nghiệp")
    UNSPECIFIED = "unspecified", _("Không ghi rõ")


class Stage(models.TextChoices):
    NEED = "need", _("Nhu cầu, dự kiến")
    ALLOCATED = "allocated", _("Bố trí")
    DISBURSED = "disbursed", _("Giải ngân")


YEAR_IN_RANGE = Q(year__isnull=True) | Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX)


class AmountQuerySet(models.QuerySet):
    """Sums over rows carrying ``year``, ``source``, ``capital_type``, ``stage`` and ``amount``:
    budget lines, or the plans' money summaries that stand in for them on the dashboards.
    Need, allocated and disbursed side by side come from ``budgets.rollup.roll_up``."""

    def total(self) -> int:
        """The sum of ``amount`` in đồng (0 when there is no line)."""
        return self.aggregate(total=models.Sum("amount"))["total"] or 0

    def sums_by(self, field: str) -> dict:
        """``{value of field: sum in đồng}`` in one query, e.g. ``sums_by("source")``."""
        rows = self.order_by().values(field).annotate(total=models.Sum("amount"))
        return {row[field]: row["total"] for row in rows}


class BudgetLineQuerySet(AmountQuerySet):
    def for_plan(self, plan):
        return self.filter(project__plan=plan)


class BudgetLine(Archivable):
    """Money for a project: one year (or the whole period), source, capital type and stage."""

    project = models.ForeignKey(
        Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(
        _("năm"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Để trống khi số tiền là cho cả giai đoạn."),
    )
    source = models.CharField(_("nguồn vốn"), max_length=20, choices=Source.choices)
    sub_source = models.CharField(
        _("nguồn cụ thể"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Quỹ Dịch vụ viễn thông công ích, Đề án 191, doanh nghiệp."),
    )
    capital_type = models.CharField(
        _("loại vốn"),
        max_length=20,
        choices=CapitalType.choices,
        default=CapitalType.UNSPECIFIED,
    )
    stage = models.CharField(
        _("giai đoạn"), max_length=20, choices=Stage.choices, default=Stage.NEED
    )
    amount = models.BigIntegerField(_("số tiền (đồng)"))

    history = HistoricalRecords()
    objects = LiveManager.from_queryset(BudgetLineQuerySet)()
    province_lookup = "project__plan__province"

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("kinh phí")
        ordering = ["project", "year", "source", "capital_type", "stage"]
        # The lists walk this order a page at a time instead of sorting 500.000 lines.
        indexes = [models.Index(fields=ordering, name="budgetline_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budgetline_amount_not_negative"
            ),
            models.CheckConstraint(condition=YEAR_IN_RANGE, name="budgetline_year_in_range"),
        ]

    def __str__(self):
        year = self.year or _("cả giai đoạn")
        return f"{self.project} — {year} — {self.get_source_display()}"

    def clean(self):
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("Số tiền không được âm.")})


class MoneySummary(models.Model):
    """A plan's budget lines summed by year, source, capital type and stage: a few dozen rows
    per plan that the dashboards read instead of every line (half a million nationally).

    Derived data, never edited: ``budgets.summary`` rewrites a plan's rows whenever its lines
    change (``refresh_money_summary`` rebuilds them all).
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="money_summary"
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True)
    source = models.CharField(_("nguồn vốn"), max_length=20, choices=Source.choices)
    capital_type = models.CharField(_("loại vốn"), max_length=20, choices=CapitalType.choices)
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=Stage.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    lines = models.PositiveIntegerField(_("số dòng kinh phí"))

    objects = AmountQuerySet.as_manager()
    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("tổng hợp kinh phí của kế hoạch")
        verbose_name_plural = _("tổng hợp kinh phí của kế hoạch")
        constraints = [
            # One row per key, the whole period (no year) included: two requests adding the
            # first line of a key at once cannot make two rows (PostgreSQL; SQLite has one writer).
            models.UniqueConstraint(
                fields=["plan", "year", "source", "capital_type", "stage"],
                nulls_distinct=False,
                name="moneysummary_one_row_per_key",
            )
        ]

    def __str__(self):
        return f"{self.plan_id} — {self.year} — {self.source} — {self.stage}"


class StatedTotal(Archivable):
    """A total or subtotal as the plan document writes it, with the scope it covers.

    Kept exactly as stated; the reconciliation compares it with the sum computed over the budget
    lines (``measure=budget``) or the projects' own estimates (``measure=estimate``) in its scope.
    """

    class Measure(models.TextChoices):
        BUDGET = "budget", _("Tổng các dòng kinh phí")
        ESTIMATE = "estimate", _("Tổng dự kiến kinh phí của các dự án")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="stated_totals"
    )
    label = models.CharField(_("dòng trong văn bản"), max_length=300)
    where = models.CharField(_("vị trí trong văn bản"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    measure = models.CharField(
        _("đối chiếu với"), max_length=20, choices=Measure.choices, default=Measure.BUDGET
    )
    appendix = models.CharField(_("phụ lục"), max_length=50, blank=True)
    group = models.ForeignKey(
        ProjectGroup, verbose_name=_("nhóm"), null=True, blank=True, on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    source = models.CharField(_("nguồn vốn"), max_length=20, choices=Source.choices, blank=True)
    sub_source = models.CharField(_("nguồn cụ thể"), max_length=200, blank=True)
    capital_type = models.CharField(
        _("loại vốn"), max_length=20, choices=CapitalType.choices, blank=True
    )
    stage = models.CharField(
        _("giai đoạn"), max_length=20, choices=Stage.choices, default=Stage.NEED
    )

    history = HistoricalRecords()
    objects = LiveManager()
    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("tổng số theo văn bản")
        verbose_name_plural = _("tổng số theo văn bản")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="statedtotal_amount_not_negative"
            ),
            models.CheckConstraint(condition=YEAR_IN_RANGE, name="statedtotal_year_in_range"),
        ]

    def __str__(self):
        return f"{self.label}: {with_unit(self.amount)}"
