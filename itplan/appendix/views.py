"""The appendix pages of a plan: the import (upload → preview → confirm or cancel, driven by
``itplan.appendix.uploads``) and the Excel downloads (the plan's appendix, an empty template).
Importing needs the staff role of the plan's province; downloading, a role that reads it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl.utils import get_column_letter

from budgets.models import CapitalType, Source, Stage
from budgets.money import in_unit, with_unit
from itplan.appendix import NotImportable, uploads
from itplan.appendix.columns import ROLES
from itplan.appendix.export import plan_workbook, template_workbook
from itplan.appendix.forms import ConfirmForm, UploadForm
from itplan.models import AppendixImport
from itplan.plans.views import plan_or_404
from provinces import spreadsheet
from provinces.access import can_edit, scope
from provinces.models import Agency
from provinces.text import fold

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def import_upload(request, plan_id: int):
    plan = plan_or_404(request, plan_id, edit=True)
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
        content = upload.read()
        upload.seek(0)
        uploads.read(record, content)  # the one reading of the file; saves the record
        url = reverse("import_preview", args=[record.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # the upload page's script navigates itself
            return JsonResponse({"location": url})
        return redirect(url)
    return render(request, "appendix/import_upload.html", {"plan": plan, "form": form})


def _record(request, import_id: int) -> AppendixImport:
    if not can_edit(request.user):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được nhập dữ liệu."))
    return get_object_or_404(
        scope(AppendixImport.objects.select_related("plan__province"), request.user),
        pk=import_id,
        status=AppendixImport.Status.PREVIEW,
    )


@login_required
def import_preview(request, import_id: int):
    """The stored preview of the upload (GET: any sheet, ``?sheet=``; nothing is written nor
    read again); POST confirms the preview the page showed, identified by its token."""
    record = _record(request, import_id)
    data = request.POST if request.method == "POST" else request.GET
    shown = uploads.show(record, data.get("sheet"))
    form = ConfirmForm(
        request.POST or None,
        unknown_agencies=shown.preview.unknown_agencies,
        agencies=Agency.objects.filter(province=record.plan.province),
        similar=shown.preview.similar,
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = uploads.confirm(
                record,
                request.POST,
                user=request.user,
                on_existing=form.cleaned_data["on_existing"],
                agency_choices=form.agency_choices(),
                keep_apart=form.keep_apart(),
            )
        except NotImportable as problem:
            messages.error(request, str(problem))
            record.refresh_from_db()
            shown = uploads.show(record, shown.preview.sheet)
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
    preview = shown.preview
    return render(
        request,
        "appendix/import_preview.html",
        {
            "plan": record.plan,
            "record": record,
            "preview": preview,
            "word": record.file_name.lower().endswith(".docx"),  # its sheets are tables
            "shown": shown,
            "form": form,
            "unit": preview.unit or "trieu",
            "projects": [_project_row(p) for p in preview.projects],
            "totals": [_stated_row(s) for s in preview.stated],
            "replaces": [
                {"t": total, "amount": with_unit(total.amount)} for total in shown.replaces
            ],
            "computed": {
                k: with_unit(v) for k, v in preview.computed_totals().items() if isinstance(v, int)
            },
            "mapping": _mapping(preview),
        },
    )


def _mapping(preview) -> dict | None:
    """The header rows as typed with a choice of role under each column, for the clerk; None
    when the sheet shows no header rows at all."""
    if not preview.shown_rows:
        return None
    width = max(len(row) for row in preview.shown_rows)
    known = {c.index: c for c in preview.columns}
    auto = [("auto", _("Tự nhận theo tiêu đề"))] if not known else []
    columns = []
    for index in range(width):
        column = known.get(index)
        columns.append(
            {
                "index": index,
                "letter": get_column_letter(index + 1),
                "selected": column.role if column else "auto",
                "chosen": bool(column and column.role != column.auto),
            }
        )
    return {
        "first_row": preview.shown_from or 1,
        "rows": preview.shown_rows,
        "columns": columns,
        "roles": auto + [(code, label) for code, label in ROLES],
        # open where the clerk has to act: no header understood, or errors to fix
        "open": preview.header_rows is None or bool(preview.errors),
    }


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
def import_columns(request, import_id: int):
    """The clerk's choice of what each column is: the stored upload is read again with it and
    the preview shows the result (nothing is written to the plan)."""
    record = _record(request, import_id)
    sheet = request.POST.get("sheet", record.sheet)
    choices = {
        int(key.removeprefix("col_")): value
        for key, value in request.POST.items()
        if key.startswith("col_") and key.removeprefix("col_").isdigit()
    }
    try:
        uploads.remap(record, sheet, choices, user=request.user)
    except NotImportable as problem:
        messages.error(request, str(problem))
    else:
        messages.info(request, _("Đã đọc lại bảng theo cách nhận cột vừa chọn."))
    url = reverse("import_preview", args=[record.pk])
    return redirect(f"{url}?{urlencode({'sheet': sheet})}")


@login_required
@require_POST
def import_cancel(request, import_id: int):
    record = _record(request, import_id)
    uploads.cancel(record, user=request.user)
    messages.info(request, _("Đã hủy lần nhập; dữ liệu không thay đổi."))
    return redirect("plan_detail", plan_id=record.plan_id)


def _xlsx(book, name: str) -> HttpResponse:
    response = HttpResponse(spreadsheet.save(book), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def plan_export(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    return _xlsx(plan_workbook(plan), f"phu-luc-{slugify(fold(plan.document_number))}")


@login_required
def plan_template(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    return _xlsx(template_workbook(plan), f"mau-phu-luc-{slugify(fold(plan.document_number))}")
