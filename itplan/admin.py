"""Admin of plans and projects: the screens that span apps (a project with its budget lines, a
plan with its stated totals and its reconciliation)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budgets.admin import MONEY_FIELDS, BudgetLineInline, trieu_column
from budgets.reconciliation import reconcile
from budgets.rollup import need_total
from itplan.models import AppendixImport, Letterhead
from itplan.plans.resources import ProjectResource
from projects.admin import ArchiveAdminMixin, VersionedAdminMixin
from projects.corrections import CorrectionAdmin, CorrectionForm
from projects.models import (
    Plan,
    Project,
    ProjectGroup,
)
from projects.progress import PROJECT_OFFICIAL_FIELDS
from projects.versioning import VersionedForm
from provinces.admin import (
    FoldedSearchMixin,
    ScopedAdmin,
    ScopedExportMixin,
    ScopedHistoryAdmin,
    ScopedInline,
)


class ProjectGroupInline(ScopedInline, admin.TabularInline):
    model = ProjectGroup
    # the group it lies in is the appendix's (set by the import), shown, not chosen here
    fields = ["order", "appendix", "parent", "ref", "title"]
    readonly_fields = ["parent"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")


@admin.register(Plan)
class PlanAdmin(ArchiveAdminMixin, ScopedHistoryAdmin):
    list_display = [
        "document_number",
        "province",
        "kind",
        "issue_date",
        "period",
        "project_count",
        "need_trieu",
    ]
    list_filter = [("province", admin.RelatedOnlyFieldListFilter), "kind"]
    list_select_related = ["province"]
    search_fields = ["document_number", "title", "signer"]
    date_hierarchy = "issue_date"
    formfield_overrides = MONEY_FIELDS
    inlines = [ProjectGroupInline]
    readonly_fields = ["reconciliation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "province",
                    "kind",
                    "document_number",
                    "issue_date",
                    "signer",
                    "title",
                    ("start_year", "end_year"),
                    "amends",
                    "amends_text",
                    "source_file",
                    "notes",
                ]
            },
        ),
        (_("Đối chiếu tổng số"), {"fields": ["reconciliation"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                project_total=Count("projects", distinct=True),
                need_total=need_total("projects__budget_lines"),
            )
        )

    @admin.display(description=_("giai đoạn"))
    def period(self, obj):
        return f"{obj.start_year}–{obj.end_year}"

    @admin.display(description=_("số dự án"), ordering="project_total")
    def project_count(self, obj):
        return obj.project_total

    need_trieu = trieu_column("need_total", _("nhu cầu vốn (triệu đồng)"))

    def delete_view(self, request, object_id, extra_context=None):
        """A plan that holds projects is deleted only once its number is typed."""
        plan = self.get_object(request, unquote(object_id))
        number = plan.document_number if plan is not None and plan.projects.exists() else None
        if request.method == "POST" and number is not None:
            if request.POST.get("document_number", "").strip() != number:
                self.message_user(
                    request,
                    _("Chưa xoá: hãy gõ đúng số hiệu “%(number)s” của kế hoạch để xác nhận.")
                    % {"number": number},
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.get_full_path())
        context = {**(extra_context or {}), "confirm_number": number}
        return super().delete_view(request, object_id, context)

    @admin.display(description=_("tổng số theo văn bản và tính từ các dòng"))
    def reconciliation(self, obj):
        if obj.pk is None:
            return "—"
        plan_filter = f"?plan__id__exact={obj.pk}"
        context = {
            "r": reconcile(obj).display(),
            "stated_url": reverse("admin:budgets_statedtotal_changelist") + plan_filter,
            "projects_url": reverse("admin:projects_project_changelist") + plan_filter,
        }
        return render_to_string("admin/projects/reconciliation.html", context)


class ProjectAdminForm(CorrectionForm, VersionedForm):
    class Meta:
        model = Project
        fields = "__all__"


@admin.register(Project)
class ProjectAdmin(
    CorrectionAdmin,
    VersionedAdminMixin,
    ArchiveAdminMixin,
    ScopedExportMixin,
    FoldedSearchMixin,
    ScopedHistoryAdmin,
):
    """Projects; their official status and % complete are those of the latest approved
    progress report (``projects.progress``): read-only here except to administrators."""

    official_fields = PROJECT_OFFICIAL_FIELDS
    resource_classes = [ProjectResource]
    list_display = [
        "ref",
        "name_short",
        "group",
        "lead_agency",
        "status",
        "estimate_trieu",
        "need_trieu",
        "plan",
    ]
    list_display_links = ["name_short"]
    list_filter = [
        ("plan__province", admin.RelatedOnlyFieldListFilter),
        ("plan", admin.RelatedOnlyFieldListFilter),
        "status",
        ("lead_agency", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["plan__province", "group", "lead_agency"]
    search_fields = ["name"]
    form = ProjectAdminForm

    formfield_overrides = MONEY_FIELDS
    autocomplete_fields = ["lead_agency", "partner_agencies"]
    inlines = [BudgetLineInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "plan",
                    "group",
                    ("ref", "order"),
                    "name",
                    ("status", "percent_complete"),
                    "version_seen",
                ]
            },
        ),
        (_("Nội dung"), {"fields": ["objective", "scale", "period", "estimate", "notes"]}),
        (_("Cơ quan"), {"fields": ["lead_agency", "partner_agencies", "partners"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(need_total=need_total())

    def get_fieldsets(self, request, obj=None):
        """A reader (leader, national viewer) sees the project without ``version_seen``: it
        guards a save they cannot make, and read-only it would print "None"."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        first, *rest = fieldsets
        fields = [field for field in first[1]["fields"] if field != "version_seen"]
        return [(first[0], {**first[1], "fields": fields}), *rest]

    @admin.display(description=_("tên dự án, nhiệm vụ"), ordering="name")
    def name_short(self, obj):
        return str(obj)

    estimate_trieu = trieu_column("estimate", _("dự kiến (triệu đồng)"))
    need_trieu = trieu_column("need_total", _("nhu cầu theo các dòng (triệu đồng)"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "group" and field is not None:
            field.label_from_instance = lambda g: f"{g.plan.document_number} — {g}"
            field.queryset = field.queryset.select_related("plan")
        return field


@admin.register(AppendixImport)
class AppendixImportAdmin(ScopedAdmin):
    """The record of every appendix import: read-only, made by the import itself."""

    list_display = [
        "created_at",
        "plan",
        "file_name",
        "sheet",
        "user",
        "status",
        "projects_created",
        "projects_updated",
        "projects_skipped",
        "budget_lines",
    ]
    list_filter = ["status", ("plan__province", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["plan__province", "user"]
    date_hierarchy = "created_at"
    exclude = ["file"]  # stored outside the web root; the import pages read it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # the record of who imported what: only an administrator may remove one
        return request.user.is_active and request.user.is_superuser


@admin.register(Letterhead)
class LetterheadAdmin(ScopedHistoryAdmin):
    """A province's letterhead for its UBND reports (staff set it on the portal too)."""

    list_display = ["province", "parent_body", "issuing_body", "signer_name"]
