"""Flat Excel/CSV export of indicators (django-import-export), one row per indicator with its
yearly targets and latest measurement."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.widgets import IntegerWidget

from indicators.achievement import label
from indicators.models import Indicator
from provinces.spreadsheet import RATE_FORMAT, SheetResource


class IndicatorResource(SheetResource, resources.ModelResource):
    """Values with their units ("70 %"); on the list (indicators annotated by
    ``achievement.as_of``) also how far each has come and its status, "Vượt chỉ tiêu" past the
    target (``achievement.label``)."""

    sheet_title = _("Chỉ tiêu")
    number_formats = {"progress": RATE_FORMAT}

    province = Field(attribute="plan__province__name", column_name=_("Tỉnh"))
    plan = Field(attribute="plan__document_number", column_name=_("Kế hoạch"))
    category = Field(attribute="category", column_name=_("Lĩnh vực"))
    ref = Field(attribute="ref", column_name=_("Số thứ tự"))
    name = Field(attribute="name", column_name=_("Chỉ tiêu"))
    unit = Field(attribute="get_unit_display", column_name=_("Đơn vị"))
    unit_label = Field(attribute="unit_label", column_name=_("Đối tượng đếm"))
    direction = Field(attribute="get_direction_display", column_name=_("Chiều mong muốn"))
    baseline_year = Field(
        attribute="baseline_year",
        column_name=_("Năm cơ sở"),
        widget=IntegerWidget(coerce_to_string=False),
    )
    baseline = Field(attribute="baseline_shown", column_name=_("Giá trị cơ sở"))
    targets = Field(column_name=_("Mục tiêu theo năm"))
    latest = Field(column_name=_("Số liệu thực hiện mới nhất"))
    progress = Field(column_name=_("Mức đạt"))
    achievement = Field(column_name=_("Đánh giá"))
    notes = Field(attribute="notes", column_name=_("Ghi chú"))

    class Meta:
        model = Indicator
        fields = [
            "province",
            "plan",
            "category",
            "ref",
            "name",
            "unit",
            "unit_label",
            "direction",
            "baseline_year",
            "baseline",
            "targets",
            "latest",
            "progress",
            "achievement",
            "notes",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("plan__province").prefetch_related("targets", "measurements")

    def dehydrate_targets(self, indicator):
        """ "2020: 80 %; 2025: 100 %", from the prefetched targets."""
        return "; ".join(f"{target.year}: {target.shown}" for target in indicator.targets.all())

    def dehydrate_latest(self, indicator):
        """ "31/12/2023: 85 %", from the prefetched measurements."""
        latest = max(indicator.measurements.all(), key=attrgetter("date"), default=None)
        return f"{latest.date:%d/%m/%Y}: {latest.shown}" if latest is not None else ""

    def dehydrate_progress(self, indicator):
        """The share of the way from the baseline to the target (``as_of``'s ``progress``; the
        admin's rows are not annotated: empty)."""
        return indicator.__dict__.get("progress")

    def dehydrate_achievement(self, indicator):
        status = indicator.__dict__.get("achievement")
        return label(status, indicator.__dict__.get("progress")) if status else ""
