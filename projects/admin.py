"""Admin of the projects app. Archiving: the "Xoá" of an archivable row (plans, projects, money,
reports, indicators) archives it through ``projects.archive``, and administrators see what was
deleted under "Đã xoá" and restore it in one click. Progress reports and reporting periods: the
hand corrections of the workflow's fields (``projects.corrections``). Plans and projects, whose
screens show their money too, are in ``itplan.admin``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects import archive
from projects.corrections import CorrectionAdmin, CorrectionForm
from projects.models import ONE_PER_PERIOD, Attachment, Deletion, ReportingPeriod, StatusUpdate
from projects.progress import REPORT_WORKFLOW_FIELDS
from projects.versioning import STALE_MESSAGE, StaleEdit
from provinces.admin import ScopedHistoryAdmin, ScopedInline


class ArchiveAdminMixin:
    """For the admin of an archivable model (and of a parent whose inlines are archivable):
    deleting, one row, a selection or an inline row, archives instead of removing."""

    delete_confirmation_template = "admin/archive_confirmation.html"

    def get_deleted_objects(self, objs, request):
        # Nothing is removed: the rows beneath are archived with the row (same province, same
        # rule, checked by ``archive``) or stay as they are (import records, groups, targets),
        # so neither Django's per-model delete permissions nor protected rows stand in the way.
        deleted, counts, _perms_needed, _protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), []

    def delete_model(self, request, obj):
        archive.archive(obj, by=request.user, reason=request.POST.get("reason", "").strip())

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            archive.archive(obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if not archive.is_archivable(formset.model):
            return super().save_formset(request, form, formset, change)
        changed = formset.save(commit=False)  # deleted rows are only listed, not removed
        for obj in formset.deleted_objects:
            archive.archive(obj, by=request.user)
        for obj in changed:
            obj.save()
        formset.save_m2m()

    def response_delete(self, request, obj_display, obj_id):
        messages.info(
            request,
            _(
                "“%(object)s” đã được chuyển vào mục Đã xoá; quản trị viên khôi phục được trong "
                "%(days)s ngày."
            )
            % {"object": obj_display, "days": Deletion.RESTORE_DAYS},
        )
        return super().response_delete(request, obj_display, obj_id)


class VersionedAdminMixin:
    """For the admin of a ``VersionedModel``: a save that lost a race says so instead of a 500,
    and a history revert is checked against the row as it is now (the past version carries its
    own, older version number)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEdit:  # another save won the race after this form was checked
            self.message_user(request, STALE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleEdit:
            self.message_user(request, STALE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        current = getattr(request, "reverting", None)  # set by ScopedHistoryAdmin on a revert
        if current is not None and obj is not None:
            obj.version = current.version
        return super().get_form(request, obj, change, **kwargs)


@admin.register(Deletion)
class DeletionAdmin(admin.ModelAdmin):
    """ "Đã xoá": what was deleted, by whom and when, for administrators, with "Khôi phục"."""

    list_display = [
        "deleted_at",
        "kind",
        "label",
        "province",
        "deleted_by",
        "rows",
        "reason",
        "state",
        "restore_button",
    ]
    list_filter = [
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("province", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["content_type", "province", "deleted_by", "restored_by"]
    search_fields = ["label", "reason"]
    date_hierarchy = "deleted_at"

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("loại"), ordering="content_type")
    def kind(self, obj):
        return obj.content_type.name

    @admin.display(description=gettext_lazy("số dòng"))
    def rows(self, obj):
        return ", ".join(f"{name}: {count}" for name, count in obj.counts.items())

    @admin.display(description=gettext_lazy("tình trạng"))
    def state(self, obj):
        if obj.purged_at:
            return _("Đã xoá hẳn %(date)s") % {"date": f"{obj.purged_at:%d/%m/%Y}"}
        if obj.restored_at:
            return _("Đã khôi phục %(date)s (%(user)s)") % {
                "date": f"{obj.restored_at:%d/%m/%Y}",
                "user": obj.restored_by or "—",
            }
        return _("Khôi phục được đến %(date)s") % {"date": f"{obj.restore_until:%d/%m/%Y}"}

    @admin.display(description=gettext_lazy("khôi phục"))
    def restore_button(self, obj):
        if not obj.restorable:
            return "—"
        # A button of the changelist's own form (which carries the CSRF token), sent to the
        # restore URL: one click, and no form nested in another.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post">{}</button>',
            reverse("admin:projects_deletion_restore", args=[obj.pk]),
            _("Khôi phục"),
        )

    def get_urls(self):
        restore = self.admin_site.admin_view(require_POST(self.restore_view))
        return [
            path("<int:object_id>/khoi-phuc/", restore, name="projects_deletion_restore"),
            *super().get_urls(),
        ]

    def restore_view(self, request, object_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        deletion = get_object_or_404(Deletion, pk=object_id)
        try:
            count = archive.restore(deletion, by=request.user)
        except archive.ArchiveError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request,
                _("Đã khôi phục “%(label)s” (%(count)s dòng).")
                % {"label": deletion.label, "count": count},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:projects_deletion_changelist"))


class AttachmentInline(ScopedInline, admin.TabularInline):
    """The report's files, downloaded through the portal's access-checked view (MEDIA_ROOT is
    not served); they are added on the report's portal page."""

    model = Attachment
    fields = ["download", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("tệp"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("attachment", args=[obj.pk]), obj.name)


class StatusUpdateAdminForm(CorrectionForm):
    class Meta:
        model = StatusUpdate
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        project, year = cleaned.get("project"), cleaned.get("year")
        if project is not None and year and "quarter" in cleaned:
            others = StatusUpdate.of_period(project.pk, year, cleaned["quarter"])
            if others.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(ONE_PER_PERIOD, code="unique")
        return cleaned


@admin.register(StatusUpdate)
class StatusUpdateAdmin(
    CorrectionAdmin, VersionedAdminMixin, ArchiveAdminMixin, ScopedHistoryAdmin
):
    """Progress reports, for correcting one by hand; the portal's "Cập nhật tiến độ" pages are
    where they are written, sent and reviewed (``projects.progress``). The workflow's fields
    are read-only except to administrators, and staff change a report here only while it is a
    draft or returned, as on the portal."""

    form = StatusUpdateAdminForm
    official_fields = REPORT_WORKFLOW_FIELDS
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "project",
                    ("year", "quarter"),
                    ("status", "percent_complete"),
                    "results",
                    "difficulties",
                    "proposals",
                ]
            },
        ),
        (
            gettext_lazy("Quy trình duyệt"),
            {
                "fields": [
                    ("author", "state"),
                    ("submitted_at", "reviewer", "reviewed_at"),
                    "return_reason",
                ]
            },
        ),
    ]

    list_display = ["project", "period_label", "state", "status", "percent_complete", "author"]
    list_filter = [
        "state",
        "year",
        "quarter",
        ("project__plan__province", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["project", "author"]
    autocomplete_fields = ["project"]
    readonly_fields = ["author"]
    search_fields = ["project__name"]
    inlines = [AttachmentInline]

    def _can_edit(self, request, obj):
        if obj is not None and not obj.editable and not request.user.is_superuser:
            return False
        return super()._can_edit(request, obj)

    @admin.display(description=gettext_lazy("kỳ báo cáo"))
    def period_label(self, obj):
        return obj.period_label


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    """Deadlines of the reporting periods, the same for every province; administrators set
    them (a period without one is due 15 days after it ends)."""

    list_display = ["year", "quarter", "deadline"]
    # A plain ModelAdmin: only users holding the model permissions (administrators) see it.
