"""Flat Excel/CSV export of budget lines (django-import-export), one row per line."""

from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.widgets import Widget

from budgets.models import BudgetLine
from budgets.money import to_unit
from provinces.spreadsheet import MONEY_FORMAT, SheetResource


class TrieuWidget(Widget):
    """Whole đồng written as a number of triệu (``budgets.money.to_unit``, exact), so a
    spreadsheet sums it and shows it with ``spreadsheet.MONEY_FORMAT``: not the text
    "3.000.000.000", not raw đồng."""

    def render(self, value, obj=None, **kwargs):
        return None if value is None else to_unit(value, "trieu")


def money(attribute: str | None, column_name: str) -> Field:
    """A money column in triệu đồng; give it ``spreadsheet.MONEY_FORMAT`` in the resource's
    ``number_formats``."""
    return Field(attribute=attribute, column_name=column_name, widget=TrieuWidget())


class BudgetLineResource(SheetResource, resources.ModelResource):
    """One row per budget line: a line holds one stage, so its amount sits beside its stage
    (the project export puts need, allocated, disbursed and the rate side by side)."""

    sheet_title = _("Kinh phí")
    number_formats = {"amount": MONEY_FORMAT}
    province = Field(attribute="project__plan__province__name", column_name=_("Tỉnh"))
    plan = Field(attribute="project__plan__document_number", column_name=_("Kế hoạch"))
    project_ref = Field(attribute="project__ref", column_name=_("Số thứ tự dự án"))
    project = Field(attribute="project__name", column_name=_("Dự án, nhiệm vụ"))
    year = Field(attribute="year", column_name=_("Năm"))
    source = Field(attribute="get_source_display", column_name=_("Nguồn vốn"))
    sub_source = Field(attribute="sub_source", column_name=_("Nguồn cụ thể"))
    capital_type = Field(attribute="get_capital_type_display", column_name=_("Loại vốn"))
    stage = Field(attribute="get_stage_display", column_name=_("Giai đoạn"))
    amount = money("amount", _("Số tiền (triệu đồng)"))

    class Meta:
        model = BudgetLine
        fields = [
            "province",
            "plan",
            "project_ref",
            "project",
            "year",
            "source",
            "sub_source",
            "capital_type",
            "stage",
            "amount",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("project__plan__province")

    def dehydrate_year(self, line):
        # A number where there is a year, so the column still filters and sorts as years.
        return line.year if line.year is not None else str(_("cả giai đoạn"))
