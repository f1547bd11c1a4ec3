import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.achievement import achievement, as_number, sql_number, stored_progress
from projects.models import Archivable, LiveManager, Plan
from projects.periods import YEAR_VALIDATORS
from provinces.text import fold

VALUE_FIELD = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}


class IndicatorQuerySet(models.QuerySet):
    def refresh_progress_inputs(self) -> int:
        """Store each indicator's final target (year and number) and latest measured number
        (``as_number`` in SQL: x/y as a fraction) and date, then its progress: two UPDATEs."""
        targets = IndicatorTarget.objects.filter(indicator=OuterRef("pk")).order_by("-year")
        latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-id")
        count = self.update(
            final_target_year=Subquery(targets.values("year")[:1]),
            final_target_number=Subquery(targets.annotate(n=sql_number()).values("n")[:1]),
            latest_number=Subquery(latest.annotate(n=sql_number()).values("n")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )
        self.refresh_progress()
        return count

    def refresh_progress(self) -> int:
        """Store ``stored_progress`` from the baseline and the stored target and latest number."""
        return self.update(stored_progress=stored_progress())


class Indicator(Archivable):
    """A target the plan promises (chỉ tiêu), with its baseline."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Tỷ lệ %")
        COUNT = "count", _("Số lượng")
        RATIO = "ratio", _("Tỷ số x/y")
        TEXT = "text", _("Mô tả")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Tăng")
        DECREASE = "decrease", _("Giảm")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="indicators"
    )
    category = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    ref = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("chỉ tiêu"))
    unit = models.CharField(_("đơn vị"), max_length=20, choices=Unit.choices)
    unit_label = models.CharField(
        _("đối tượng đếm"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ “cơ quan” trong “10/19 cơ quan”."),
    )
    direction = models.CharField(
        _("chiều mong muốn"), max_length=20, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("năm cơ sở"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(_("giá trị cơ sở"), **VALUE_FIELD)
    baseline_denominator = models.DecimalField(_("mẫu số cơ sở"), **VALUE_FIELD)
    baseline_text = models.CharField(_("giá trị cơ sở (mô tả)"), max_length=300, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    search_key = models.TextField(editable=False, blank=True)
    # What achievement is computed from, kept here by the targets' and measurements' save() and
    # delete() (``refresh_progress_inputs``) so that a dashboard over thousands of indicators
    # reads one row each instead of running subqueries per row.
    final_target_year = models.PositiveSmallIntegerField(null=True, editable=False)
    final_target_number = models.FloatField(null=True, editable=False)
    latest_number = models.FloatField(null=True, editable=False)
    latest_date = models.DateField(null=True, editable=False)  # ``as_of`` reads the above up to it
    stored_progress = models.FloatField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "search_key",
            "final_target_year",
            "final_target_number",
            "latest_number",
            "latest_date",
            "stored_progress",
        ]
    )
    objects = LiveManager.from_queryset(IndicatorQuerySet)()
    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "order", "id"]

    def __str__(self):
        return self.name if len(self.name) <= 80 else self.name[:79] + "…"

    def save(self, *args, **kwargs):
        self.search_key = fold(self.name)
        super().save(*args, **kwargs)
        Indicator.objects.filter(pk=self.pk).refresh_progress()  # the baseline may have changed

    @property
    def baseline_display(self) -> str:
        return format_value(self.baseline_value, self.baseline_denominator, self.baseline_text)

    @property
    def baseline_shown(self) -> str:
        """The baseline with its unit: "85 %"."""
        return self.in_units(self.baseline_value, self.baseline_denominator, self.baseline_text)

    @property
    def unit_suffix(self) -> str:
        """What follows a number of this indicator: "%" for a percentage, the thing counted
        ("dịch vụ", "cơ quan") for a count or a ratio, nothing for a description."""
        if self.unit == self.Unit.PERCENT:
            return "%"
        if self.unit in (self.Unit.COUNT, self.Unit.RATIO):
            return self.unit_label
        return ""

    def in_units(self, value: Decimal | None, denominator: Decimal | None, text: str = "") -> str:
        """A value of this indicator as every page, report and export shows it: "85 %",
        "120 dịch vụ", "10/19 cơ quan"; a value written as text stays as written."""
        shown = format_value(value, denominator, text or "")
        if value is None or not self.unit_suffix:
            return shown
        return f"{shown} {self.unit_suffix}"

    def progress(self, today: datetime.date):
        """(final target, latest measurement on or before ``today``, Achievement), as
        ``achievement.as_of`` gives them in SQL; reads ``targets`` and ``measurements`` through
        ``.all()``, so a list prefetches them once."""
        targets = sorted(self.targets.all(), key=lambda t: t.year)
        target = targets[-1] if targets else None
        known = (m for m in self.measurements.all() if m.date <= today)
        latest = max(known, key=lambda m: (m.date, m.pk), default=None)
        result = achievement(
            baseline=as_number(self.baseline_value, self.baseline_denominator),
            target=as_number(target.value, target.denominator) if target else None,
            actual=as_number(latest.value, latest.denominator) if latest else None,
            start_year=self.baseline_year or self.plan.start_year,
            target_year=target.year if target else self.plan.end_year,
            today=today,
        )
        return target, latest, result


class ValueMixin(models.Model):
    """A numeric value, or numerator of denominator for x/y units: "2/19" is 2 of 19."""

    value = models.DecimalField(_("giá trị"), **VALUE_FIELD)
    denominator = models.DecimalField(_("mẫu số"), **VALUE_FIELD)
    text = models.CharField(_("mô tả"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        if self.denominator is not None and self.denominator <= 0:
            raise ValidationError({"denominator": _("Mẫu số phải lớn hơn 0.")})
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("Giá trị không được âm.")})

    @property
    def display(self) -> str:
        return format_value(self.value, self.denominator, self.text)


def format_value(value: Decimal | None, denominator: Decimal | None, text: str = "") -> str:
    """A value as the documents write it: "15", "1,7", "2/19", or its text when not a number."""
    if value is None:
        return text

    def plain(number: Decimal) -> str:
        return format(number.normalize(), "f").replace(".", ",")

    return f"{plain(value)}/{plain(denominator)}" if denominator is not None else plain(value)


class KeepsIndicatorCurrent(ValueMixin):
    """A target or measurement: saving or deleting one refreshes what its indicator stores for
    achievement (``refresh_progress_inputs``)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Indicator.objects.filter(pk=self.indicator_id).refresh_progress_inputs()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        Indicator.objects.filter(pk=self.indicator_id).refresh_progress_inputs()
        return result

    @property
    def shown(self) -> str:
        """The value with its indicator's unit (``Indicator.in_units``): "85 %"."""
        return self.indicator.in_units(self.value, self.denominator, self.text)


class IndicatorTarget(KeepsIndicatorCurrent):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)

    history = HistoricalRecords()
    province_lookup = "indicator__plan__province"

    class Meta:
        verbose_name = _("mục tiêu theo năm")
        verbose_name_plural = _("mục tiêu theo năm")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="target_indicator_year_unique"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="target_denominator_positive",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.display}"


class Measurement(KeepsIndicatorCurrent):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="measurements"
    )
    date = models.DateField(_("ngày số liệu"))
    source = models.CharField(_("nguồn số liệu"), max_length=300, blank=True)

    history = HistoricalRecords()
    province_lookup = "indicator__plan__province"

    class Meta:
        verbose_name = _("số liệu thực hiện")
        verbose_name_plural = _("số liệu thực hiện")
        ordering = ["indicator", "-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="measurement_denominator_positive",
            ),
        ]
        # ``achievement.as_of``'s lookup of an indicator's latest measurement on or before a
        # date, read from the index's end instead of the indicator's rows sorted
        indexes = [
            models.Index(fields=["indicator", "date", "id"], name="measurement_latest_by_date")
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.display}"


def parse_value(text: str | None) -> tuple[Decimal | None, Decimal | None, str]:
    """A document's value as (value, denominator, text): "15%" -> (15, None, ""),
    "2/19" -> (2, 19, ""), "1,7" -> (1.7, None, ""), "1 - 2" -> (None, None, "1 - 2")."""
    if text is None or str(text).strip() == "":
        return None, None, ""
    raw = str(text).strip().rstrip("%").strip().replace(",", ".")
    try:
        if "/" in raw:
            numerator, denominator = (Decimal(part.strip()) for part in raw.split("/", 1))
            return numerator, denominator, ""
        return Decimal(raw), None, ""
    except ArithmeticError:
        return None, None, str(text).strip()
