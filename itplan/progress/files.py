"""The files attached to a progress report: staff add and remove them while the report is a
draft or returned, through ``projects.attachments.replace_files`` (mostly in the report's own
form, ``itplan.progress.editing``; these two addresses stay for a single file posted alone);
whoever may read the report downloads them (never shown inline). MEDIA_ROOT is not served:
every download goes through ``attachment`` and its access check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itplan.progress.forms import AttachmentForm
from projects import attachments
from projects.models import Attachment, StatusUpdate
from provinces.access import can_change, require_role, scope

from .views import _check_draft_readable, _report


def _attachments_editable(request, update: StatusUpdate) -> None:
    if not (can_change(request.user, update) and update.editable):
        raise PermissionDenied(
            _("Chỉ cán bộ Sở thêm, xóa tệp của báo cáo đang nháp hoặc bị trả lại.")
        )


@login_required
@require_POST
def attachment_add(request, report_id: int):
    update = _report(request, report_id)
    _attachments_editable(request, update)
    form = AttachmentForm(request.POST, request.FILES)
    if update.attachments.count() >= attachments.MAX_PER_REPORT:
        messages.error(
            request,
            _("Mỗi báo cáo đính kèm tối đa %(count)s tệp.") % {"count": attachments.MAX_PER_REPORT},
        )
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        attachments.replace_files(update, add=[upload], by=request.user)
        messages.success(request, _("Đã đính kèm tệp “%(name)s”.") % {"name": upload.name})
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("report_detail", report_id=update.pk)


def _attachment(request, attachment_id: int) -> Attachment:
    require_role(request.user)
    item = get_object_or_404(
        scope(Attachment.objects.select_related("report"), request.user), pk=attachment_id
    )
    _check_draft_readable(request, item.report)
    return item


@login_required
def attachment(request, attachment_id: int):
    """The file, to users who may read its report; always as a download, never shown inline."""
    item = _attachment(request, attachment_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp “%(name)s” không còn trên máy chủ.") % {"name": item.name}) from None
    return FileResponse(handle, as_attachment=True, filename=item.name)


@login_required
@require_POST
def attachment_delete(request, attachment_id: int):
    item = _attachment(request, attachment_id)
    _attachments_editable(request, item.report)
    attachments.replace_files(item.report, remove=[item], by=request.user)
    messages.success(request, _("Đã xóa tệp “%(name)s”.") % {"name": item.name})
    return redirect("report_detail", report_id=item.report_id)
