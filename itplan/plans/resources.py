"""Flat Excel/CSV export of projects (django-import-export), one row per project.

It lives beside ``ProjectAdmin`` because a project row carries its budget total, which spans
the projects and budgets apps.
"""

from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field

from budgets.resources import money
from budgets.rollup import need_total
from projects.models import Project


class ProjectResource(resources.ModelResource):
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
    estimate = money("estimate", _("Dự kiến kinh phí (đồng)"))
    need = money("need_total", _("Nhu cầu vốn theo các dòng kinh phí (đồng)"))
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
            "notes",
        ]

    def filter_export(self, queryset, **kwargs):
        # ProjectAdmin's changelist queryset already sums the need; annotating twice would
        # join the budget lines twice.
        if "need_total" not in queryset.query.annotations:
            queryset = queryset.annotate(need_total=need_total())
        return queryset.select_related("plan__province", "group", "lead_agency").prefetch_related(
            "partner_agencies"
        )

    def dehydrate_partner_agencies(self, project):
        return "; ".join(agency.name for agency in project.partner_agencies.all())
