"""Flat Excel/CSV export of indicators (django-import-export), one row per indicator with its
yearly targets and latest measurement."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.widgets import IntegerWidget

from indicators.models import Indicator
from provinces.spreadsheet import SheetResource


class IndicatorResource(SheetResource, resources.ModelResource):
    sheet_title = _("Chỉ tiêu")

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
    baseline = Field(attribute="baseline_display", column_name=_("Giá trị cơ sở"))
    targets = Field(column_name=_("Mục tiêu theo năm"))
    latest = Field(column_name=_("Số liệu thực hiện mới nhất"))
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
            "notes",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("plan__province").prefetch_related("targets", "measurements")

    def dehydrate_targets(self, indicator):
        """ "2020: 80; 2025: 100", from the prefetched targets."""
        return "; ".join(str(target) for target in indicator.targets.all())

    def dehydrate_latest(self, indicator):
        """ "31/12/2023: 85", from the prefetched measurements."""
        latest = max(indicator.measurements.all(), key=attrgetter("date"), default=None)
        return str(latest) if latest is not None else ""
