"""Flat Excel/CSV export of projects (django-import-export), one row per project.

It lives beside ``ProjectAdmin`` because a project row carries its budget total, which spans
the projects and budgets apps.
"""

from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field

from budgets.models import Stage
from budgets.money import rate
from budgets.resources import money
from budgets.rollup import need_total, stage_total
from projects.models import Project
from provinces.spreadsheet import MONEY_FORMAT, RATE_FORMAT, SheetResource


class ProjectResource(SheetResource, resources.ModelResource):
    sheet_title = _("Dự án")
    number_formats = {
        "estimate": MONEY_FORMAT,
        "need": MONEY_FORMAT,
        "allocated": MONEY_FORMAT,
        "disbursed": MONEY_FORMAT,
        "disbursement_rate": RATE_FORMAT,
    }

    province = Field(attribute="plan__province__name", column_name=_("Tỉnh"))
    plan = Field(attribute="plan__document_number", column_name=_("Kế hoạch"))
    group = Field(attribute="group", column_name=_("Nhóm"))
    ref = Field(attribute="ref", column_name=_("Số thứ tự"))
    name = Field(attribute="name", column_name=_("Tên dự án, nhiệm vụ"))
    objective = Field(attribute="objective", column_name=_("Mục tiêu"))
    scale = Field(attribute="scale", column_name=_("Quy mô, nội dung"))
    lead_agency = Field(attribute="lead_agency__name", column_name=_("Cơ quan chủ trì"))
    partners = Field(attribute="partners", column_name=_("Cơ quan phối hợp (như văn bản ghi)"))
    partner_agencies = Field(column_name=_("Cơ quan phối hợp"))
    period = Field(attribute="period", column_name=_("Thời gian thực hiện"))
    status = Field(attribute="get_status_display", column_name=_("Tình trạng"))
    estimate = money("estimate", _("Dự kiến kinh phí (triệu đồng)"))
    need = money("need_total", _("Nhu cầu vốn theo các dòng kinh phí (triệu đồng)"))
    allocated = money("allocated_total", _("Vốn đã bố trí (triệu đồng)"))
    disbursed = money("disbursed_total", _("Vốn đã giải ngân (triệu đồng)"))
    disbursement_rate = Field(column_name=_("Tỷ lệ giải ngân"))
    notes = Field(attribute="notes", column_name=_("Ghi chú"))

    class Meta:
        model = Project
        fields = [
            "province",
            "plan",
            "group",
            "ref",
            "name",
            "objective",
            "scale",
            "lead_agency",
            "partners",
            "partner_agencies",
            "period",
            "status",
            "estimate",
            "need",
            "allocated",
            "disbursed",
            "disbursement_rate",
            "notes",
        ]

    def filter_export(self, queryset, **kwargs):
        # ProjectAdmin's changelist queryset already sums the need; annotating twice would
        # join the budget lines twice.
        if "need_total" not in queryset.query.annotations:
            queryset = queryset.annotate(need_total=need_total())
        queryset = queryset.annotate(
            allocated_total=stage_total(Stage.ALLOCATED),
            disbursed_total=stage_total(Stage.DISBURSED),
        )
        return queryset.select_related("plan__province", "group", "lead_agency").prefetch_related(
            "partner_agencies"
        )

    def dehydrate_disbursement_rate(self, project):
        """Disbursed of allocated (``budgets.money.rate``: 45.5) as the share Excel's ``0.0%``
        shows (0.455); empty without an allocation."""
        percent = rate(project.disbursed_total or 0, project.allocated_total or 0)
        return None if percent is None else percent / 100

    def dehydrate_partner_agencies(self, project):
        return "; ".join(agency.name for agency in project.partner_agencies.all())
