"""The leader's queue, at the top of the leader's home (the dashboard): the progress reports
waiting for him, oldest sent first, each approved with one click or returned with a reason,
through ``projects.progress``'s ``approve`` and ``return_`` (which check who acts). Rendered on
every request, outside the page cache, so a report moved a moment ago is never shown still
waiting."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Window
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import StatusUpdate
from projects.progress import WorkflowError, approve, return_, waiting_for
from provinces.access import can_review, scope

SHOWN = 30  # a longer queue links to the progress board for the rest


class QueueReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": gettext_lazy("Hãy ghi lý do trả lại để người báo cáo biết cần sửa gì.")
        },
    )


def _waiting(user):
    return waiting_for(user, scope(StatusUpdate.objects.all(), user)).select_related(
        "project__plan__province", "author"
    )


def render(request, *, failed: StatusUpdate | None = None, form=None) -> str:
    """The queue's HTML for a user who reviews reports (empty for anyone else); ``failed``
    is the report whose return ``form`` refused, shown with its error beside the reason."""
    if not can_review(request.user):
        return ""
    # The count of all waiting reports rides on each row (a window over the whole query): one
    # query however long the queue is.
    reports = list(_waiting(request.user).annotate(waiting=Window(Count("id")))[:SHOWN])
    count = reports[0].waiting if reports else 0
    if failed is not None and failed not in reports:  # beyond the rows shown: its error too
        reports.insert(0, failed)
    rows = [
        {
            "report": report,
            "form": form if failed is not None and report.pk == failed.pk else QueueReturnForm(),
        }
        for report in reports
    ]
    return render_to_string(
        "progress/_queue.html",
        {"rows": rows, "count": count, "more": count > SHOWN},
        request,
    )


def review(request):
    """A leader's click in the queue: approve, or return with a reason. Returns a redirect to
    the page it came from, or — a return without a reason — the queue's HTML with the error
    beside the reason, for the page to show again (status 400)."""
    if not can_review(request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo của tỉnh mới được duyệt hoặc trả lại báo cáo."))
    update = get_object_or_404(
        scope(StatusUpdate.objects.select_related("project__plan"), request.user),
        pk=request.POST.get("bao_cao") or 0,
    )
    action = request.POST.get("action")
    try:
        if action == "approve":
            approve(update, by=request.user)
            messages.success(
                request,
                _("Đã duyệt báo cáo %(period)s của “%(project)s”.")
                % {"period": update.period_label, "project": update.project},
            )
        elif action == "return":
            form = QueueReturnForm(request.POST)
            if not form.is_valid():
                return render(request, failed=update, form=form)
            return_(update, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("Đã trả lại báo cáo %(period)s của “%(project)s” cho người báo cáo.")
                % {"period": update.period_label, "project": update.project},
            )
        else:
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    except WorkflowError as problem:
        messages.error(request, str(problem))
    return HttpResponseRedirect(request.get_full_path())
