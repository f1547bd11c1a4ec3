"""Portal pages outside the admin: the plan page, the appendix import (upload → preview →
confirm), and the Excel downloads. Access goes through ``provinces.access``: a plan of another
province answers 404, reading needs a role, importing needs the staff role."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budgets.models import BudgetLine, CapitalType, Source, Stage, need_total
from budgets.money import in_unit, with_unit
from budgets.reconciliation import reconcile
from itplan import dashboard
from itplan.appendix import Defaults, NotImportable, apply, preview_file
from itplan.appendix.export import plan_workbook, template_workbook
from itplan.forms import ConfirmForm, UploadForm
from itplan.models import AppendixImport
from projects.models import Plan, Project
from provinces import spreadsheet
from provinces.access import can_edit, has_role, require_role, scope
from provinces.models import Agency
from provinces.text import fold

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def home(request):
    """Where a user lands: staff on their work (the progress board), leaders, national viewers
    and administrators on the dashboard; a user without a role on the admin, which says so."""
    if can_edit(request.user) and not request.user.is_superuser:
        return redirect("progress_board")
    if has_role(request.user):
        return redirect("dashboard")
    return redirect("admin:index")


def _plan(request, plan_id: int, *, edit: bool = False) -> Plan:
    require_role(request.user)
    plan = get_object_or_404(scope(Plan.objects.all(), request.user), pk=plan_id)
    if edit and not can_edit(request.user):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được nhập dữ liệu."))
    return plan


@login_required
def plan_detail(request, plan_id: int):
    plan = _plan(request, plan_id)
    projects = (
        Project.objects.filter(plan=plan)
        .select_related("group", "lead_agency")
        .annotate(need=need_total())
        .order_by("group__order", "order", "id")
    )
    groups = defaultdict(list)
    for project in projects:
        groups[project.group].append({"project": project, "need": in_unit(project.need or 0)})
    today = timezone.localdate()
    indicators = [
        (indicator, *indicator.progress(today))
        for indicator in plan.indicators.select_related("plan").prefetch_related(
            "targets", "measurements"
        )
    ]
    check = reconcile(plan)
    return render(
        request,
        "itplan/plan_detail.html",
        {
            "plan": plan,
            "groups": dict(groups),
            "reconciliation": check.display(),
            "differences": check.differences,
            "total": with_unit(check.computed["total"]),
            "imports": plan.imports.select_related("user").exclude(
                status=AppendixImport.Status.PREVIEW
            )[:10],
            "can_edit": can_edit(request.user),
            "indicators": indicators,
            "money": dashboard.money(BudgetLine.objects.for_plan(plan)),
        },
    )


@login_required
def import_upload(request, plan_id: int):
    plan = _plan(request, plan_id, edit=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = AppendixImport(
            plan=plan,
            user=request.user,
            file=upload,
            file_name=upload.name[:255],
            unit=form.cleaned_data["unit"],
            default_source=form.cleaned_data["default_source"],
            default_capital_type=form.cleaned_data["default_capital_type"],
        )
        record.save()
        url = reverse("import_preview", args=[record.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # the upload page's script navigates itself; a redirect would be followed (and the
            # workbook read) once by the request and again by the page
            return JsonResponse({"location": url})
        return redirect(url)
    return render(request, "itplan/import_upload.html", {"plan": plan, "form": form})


def _record(request, import_id: int) -> AppendixImport:
    if not can_edit(request.user):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được nhập dữ liệu."))
    return get_object_or_404(
        scope(AppendixImport.objects.select_related("plan__province"), request.user),
        pk=import_id,
        status=AppendixImport.Status.PREVIEW,
    )


def _preview(record: AppendixImport):
    with record.file.open("rb") as f:
        content = f.read()
    defaults = Defaults(
        source=record.default_source,
        capital_type=record.default_capital_type,
        unit=record.unit or None,
    )
    return preview_file(
        record.file_name, content, record.plan, sheet=record.sheet or None, defaults=defaults
    )


@login_required
def import_preview(request, import_id: int):
    record = _record(request, import_id)
    if "sheet" in request.GET:
        record.sheet = request.GET["sheet"][:100]
        record.save(update_fields=["sheet"])
    preview = _preview(record)
    form = ConfirmForm(
        request.POST or None,
        unknown_agencies=preview.unknown_agencies,
        agencies=Agency.objects.filter(province=record.plan.province),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                # One confirmation at a time per plan, and each preview confirmed once: under
                # the lock the file is read again, so projects another import added meanwhile
                # are found as existing instead of duplicated.
                Plan.objects.select_for_update().filter(pk=record.plan_id).exists()
                pending = AppendixImport.objects.select_for_update().filter(
                    pk=record.pk, status=AppendixImport.Status.PREVIEW
                )
                if not pending.exists():
                    raise NotImportable(_("Lần nhập này đã được xác nhận hoặc đã hủy."))
                preview = _preview(record)
                result = apply(
                    preview,
                    record.plan,
                    user=request.user,
                    on_existing=form.cleaned_data["on_existing"],
                    agency_choices=form.agency_choices(),
                    record=_with_sheet(record, preview.sheet, form),
                )
        except NotImportable as problem:
            messages.error(request, str(problem))
        else:
            messages.success(
                request,
                _(
                    "Đã nhập “%(file)s”: %(created)s dự án mới, %(updated)s dự án cập nhật, "
                    "%(skipped)s dự án bỏ qua, %(lines)s dòng kinh phí, %(totals)s số tổng."
                )
                % {
                    "file": record.file_name,
                    "created": result.projects_created,
                    "updated": result.projects_updated,
                    "skipped": result.projects_skipped,
                    "lines": result.budget_lines,
                    "totals": result.stated_totals,
                },
            )
            return redirect("plan_detail", plan_id=record.plan_id)
    return render(
        request,
        "itplan/import_preview.html",
        {
            "plan": record.plan,
            "record": record,
            "preview": preview,
            "form": form,
            "unit": preview.unit or "trieu",
            "projects": [_project_row(p) for p in preview.projects],
            "totals": [_stated_row(s) for s in preview.stated],
            "computed": {
                k: with_unit(v) for k, v in preview.computed_totals().items() if isinstance(v, int)
            },
        },
    )


def _with_sheet(record, sheet, form) -> AppendixImport:
    record.sheet = sheet
    record.on_existing = form.cleaned_data["on_existing"]
    return record


def _project_row(project) -> dict:
    return {
        "p": project,
        "lines": [
            {
                "line": line,
                "what": " · ".join(
                    str(part)
                    for part in (
                        line.year or _("cả giai đoạn"),
                        Source(line.source).label,
                        line.sub_source,
                        CapitalType(line.capital_type).label,
                        Stage(line.stage).label,
                    )
                    if part
                ),
                "amount": with_unit(line.amount),
            }
            for line in project.lines
        ],
        "estimate": with_unit(project.estimate),
    }


def _stated_row(stated) -> dict:
    return {
        "s": stated,
        "stated": in_unit(stated.amount),
        "computed": in_unit(stated.computed),
        "difference": in_unit(stated.difference),
    }


@login_required
@require_POST
def import_cancel(request, import_id: int):
    record = _record(request, import_id)
    plan_id = record.plan_id
    record.file.delete(save=False)
    record.delete()
    messages.info(request, _("Đã hủy lần nhập; dữ liệu không thay đổi."))
    return redirect("plan_detail", plan_id=plan_id)


def _xlsx(book, name: str) -> HttpResponse:
    response = HttpResponse(spreadsheet.save(book), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def plan_export(request, plan_id: int):
    plan = _plan(request, plan_id)
    return _xlsx(plan_workbook(plan), f"phu-luc-{slugify(fold(plan.document_number))}")


@login_required
def plan_template(request, plan_id: int):
    plan = _plan(request, plan_id)
    return _xlsx(template_workbook(plan), f"mau-phu-luc-{slugify(fold(plan.document_number))}")
