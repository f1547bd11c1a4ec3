"""Admin for provinces and agencies, and the province scoping every data-entry admin uses."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from provinces import access
from provinces.models import Agency, Commune, Membership, Province
from provinces.spreadsheet import CSV, XLSX
from provinces.text import folded_search


class ScopedMixin:
    """Admin rules of ``provinces.access``: rows, choices and object URLs limited to the user's
    provinces; staff edit, leaders and national viewers read, admins do everything."""

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user)

    def has_module_permission(self, request):
        return access.has_role(request.user)

    def has_view_permission(self, request, obj=None):
        if not access.has_role(request.user):
            return False
        return obj is None or access.in_scope(obj, request.user)

    def _can_edit(self, request, obj):
        if obj is None:
            return access.can_edit(request.user)
        return access.can_change(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._can_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._can_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._can_edit(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scope_choices(field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scope_choices(field, request)


def _scope_choices(field, request):
    queryset = getattr(field, "queryset", None) if field is not None else None
    if queryset is not None and hasattr(queryset.model, "province_lookup"):
        field.queryset = access.scope(queryset, request.user)
    return field


class ScopedAdmin(ScopedMixin, admin.ModelAdmin):
    pass


class ScopedHistoryAdmin(ScopedMixin, SimpleHistoryAdmin):
    """A scoped admin with django-simple-history's pages, which also find deleted objects
    through their history: another province's history answers 404, like its object."""

    def _refuse_out_of_scope(self, request, object_id):
        pk_name = self.model._meta.pk.attname
        try:
            record = (
                self.model.history.filter(**{pk_name: unquote(object_id)})
                .order_by("-history_date")
                .first()
            )
        except (ValueError, ValidationError):  # not an id
            raise Http404 from None
        if record is not None and not access.in_scope(record.instance, request.user):
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_out_of_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version, for whoever may read the object; reverting to it (POST) only for
        administrators, on a row that still exists, through the change form's own checks."""
        self._refuse_out_of_scope(request, object_id)
        try:
            current = self.model._base_manager.filter(pk=unquote(object_id)).first()
        except (ValueError, ValidationError):  # not an id
            raise Http404 from None
        request.reverting = current  # the row as it is now, for the form's version check
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        access.require_admin(request.user)
        if current is None or getattr(current, "deletion_id", None) is not None:
            self.message_user(
                request,
                _(
                    "Không khôi phục được phiên bản này vì “%(object)s” đã bị xoá. Hãy khôi phục "
                    "nó ở mục “Đã xoá” trước (nếu còn), rồi mới chọn phiên bản."
                )
                % {"object": current or object_id},
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
                    args=[object_id],
                )
            )
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return not request.user.is_superuser or super().revert_disabled(request, obj)

    def history_view_title(self, request, obj):
        return _("Lịch sử thay đổi: %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("Phiên bản cũ: %(object)s") % {"object": obj}
        return _("Trở về phiên bản này: %(object)s") % {"object": obj}


class ScopedInline(ScopedMixin):
    """For inlines: the parent's scope decides (the rows come through the parent)."""

    def get_queryset(self, request):
        return admin.options.InlineModelAdmin.get_queryset(self, request)


class FoldedSearchMixin:
    """Search that ignores diacritics and case: "mot cua" finds "Một cửa". It matches the
    model's ``search_key`` column (see ``provinces.text.fold``), which every database indexes."""

    search_key_field = "search_key"

    def get_search_results(self, request, queryset, search_term):
        return queryset.filter(folded_search(self.search_key_field, search_term)), False


class EraFilter(admin.SimpleListFilter):
    title = _("thời kỳ")
    parameter_name = "thoi_ky"

    def lookups(self, request, model_admin):
        return [("hien-hanh", _("Hiện hành")), ("cu", _("Trước sắp xếp 2025"))]

    def queryset(self, request, queryset):
        if self.value() == "hien-hanh":
            return queryset.filter(valid_until__isnull=True)
        if self.value() == "cu":
            return queryset.filter(valid_from__isnull=True)
        return queryset


@admin.register(Province)
class ProvinceAdmin(ScopedAdmin):
    list_display = [
        "name",
        "kind",
        "code",
        "valid_from",
        "valid_until",
        "successor",
        "predecessor_list",
        "commune_count",
    ]
    list_filter = [EraFilter, "kind"]
    list_select_related = ["successor"]
    readonly_fields = ["predecessor_list", "commune_count"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(commune_count=Count("communes"))
            .prefetch_related(
                Prefetch("predecessors", queryset=Province.objects.only("name", "successor"))
            )
        )

    @admin.display(description=_("gồm các tỉnh cũ"))
    def predecessor_list(self, obj):
        return ", ".join(p.name for p in obj.predecessors.all()) or "—"

    @admin.display(description=_("số xã, phường"), ordering="commune_count")
    def commune_count(self, obj):
        return getattr(obj, "commune_count", 0)

    def _can_edit(self, request, obj):
        return request.user.is_superuser


@admin.register(Commune)
class CommuneAdmin(FoldedSearchMixin, ScopedAdmin):
    """The communes of ``vietnam_provinces``, for looking up: nobody edits them here, the next
    ``load_divisions`` would undo it."""

    list_display = ["name", "kind", "code", "province"]
    list_filter = ["kind", ("province", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["province"]
    search_fields = ["name"]
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        if search_term.strip().isdigit():
            return queryset.filter(code=search_term.strip().zfill(5)), False
        return super().get_search_results(request, queryset, search_term)

    def _can_edit(self, request, obj):
        return False


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, ScopedAdmin):
    list_display = ["name", "kind", "province"]
    list_filter = [("province", admin.RelatedOnlyFieldListFilter), "kind"]
    list_select_related = ["province"]
    search_fields = ["name"]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    verbose_name_plural = _("vai trò trên cổng")


# Django stores a permission's name in English at migrate time ("Can add plan"): the user and
# group forms name each one from its action and the model's Vietnamese verbose name instead.
PERMISSION_ACTIONS = {"add": _("Thêm"), "change": _("Sửa"), "delete": _("Xoá"), "view": _("Xem")}


def permission_label(permission) -> str:
    """ "Kinh phí | dòng kinh phí | Sửa dòng kinh phí" for the permission change_budgetline."""
    action, _sep, _model = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action not in PERMISSION_ACTIONS or model is None:
        return str(permission)
    name = model._meta.verbose_name
    return f"{permission.content_type} | {PERMISSION_ACTIONS[action]} {name}"


class PermissionLabelsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(PermissionLabelsMixin, GroupAdmin):
    pass


@admin.register(User)
class PortalUserAdmin(PermissionLabelsMixin, UserAdmin):
    inlines = [MembershipInline]
    list_display = [
        "username",
        "first_name",
        "membership__role",
        "membership__province",
        "is_active",
    ]
    list_select_related = ["membership__province"]
    list_filter = ["membership__role", "membership__province", "is_active"]


class ScopedExportMixin(ExportMixin):
    """django-import-export's export of the changelist (its scoped, filtered queryset) as XLSX
    or CSV, for whoever may view the list. Put it before the scoped admin class."""

    formats = [XLSX, CSV]  # ours: texts that look like formulas stay texts
    export_form_class = ExportForm  # its field list shows our Vietnamese column names
    to_encoding = "utf-8-sig"  # the BOM makes Excel read the CSV's diacritics as UTF-8

    def has_export_permission(self, request):
        return self.has_view_permission(request)
