from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator, IndicatorTarget, Measurement
from indicators.resources import IndicatorResource
from projects.admin import ArchiveAdminMixin
from provinces.admin import ScopedExportMixin, ScopedHistoryAdmin, ScopedInline


class TargetInline(ScopedInline, admin.TabularInline):
    model = IndicatorTarget
    fields = ["year", "value", "denominator", "text"]
    extra = 1


class MeasurementInline(ScopedInline, admin.TabularInline):
    model = Measurement
    fields = ["date", "value", "denominator", "text", "source"]
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(ArchiveAdminMixin, ScopedExportMixin, ScopedHistoryAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["ref", "name", "category", "unit", "baseline", "plan"]
    list_display_links = ["name"]
    list_filter = [
        ("plan__province", admin.RelatedOnlyFieldListFilter),
        ("plan", admin.RelatedOnlyFieldListFilter),
        "category",
        "unit",
    ]
    list_select_related = ["plan__province"]
    search_fields = ["name", "category"]
    inlines = [TargetInline, MeasurementInline]
    fieldsets = [
        (None, {"fields": ["plan", "category", "ref", "order", "name", "notes"]}),
        (
            _("Đơn vị và giá trị cơ sở"),
            {
                "fields": [
                    "unit",
                    "unit_label",
                    "direction",
                    "baseline_year",
                    "baseline_value",
                    "baseline_denominator",
                    "baseline_text",
                ]
            },
        ),
    ]

    @admin.display(description=_("giá trị cơ sở"))
    def baseline(self, obj):
        year = f" ({obj.baseline_year})" if obj.baseline_year else ""
        return f"{obj.baseline_shown}{year}" if obj.baseline_display else "—"
