"""The report form's helpers, shared by the new-report and the edit pages: the form bound with
its files (and, on ``?tu=<id>``, filled from the previous report), saving text and files in one
transaction, the autosave of a draft, and what the form shows beside the fields (the project's
last approved status and %, the previous report to start from)."""

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from itplan.progress.forms import StatusUpdateForm
from projects import attachments
from projects.models import ONE_PER_PERIOD, StatusUpdate
from projects.progress import last_approved, previous_report

# What a report copies from the previous one when the clerk starts from it.
COPIED = ("status", "percent_complete", "results", "difficulties", "proposals")
FROM_PREVIOUS = "tu"


def bind(request, instance: StatusUpdate, *, period: StatusUpdate, initial=None):
    """The report form for ``instance``, bound to the post and its files; on a GET with
    ``?tu=<id>`` naming ``period``'s previous report, filled from that report's text and figures.
    Returns the form and the previous report (or None)."""
    previous = previous_report(period)
    initial = dict(initial or {})
    if (
        request.method == "GET"
        and previous is not None
        and request.GET.get(FROM_PREVIOUS) == str(previous.pk)
    ):
        initial |= {name: getattr(previous, name) for name in COPIED}
    if request.method == "POST":
        form = StatusUpdateForm(request.POST, request.FILES, instance=instance, initial=initial)
    else:
        form = StatusUpdateForm(instance=instance, initial=initial)
    return form, previous


def save(form: StatusUpdateForm, *, by) -> StatusUpdate:
    """The report's text and its files (added and removed) in one transaction: a file the
    storage or the database refuses leaves the text unsaved too."""
    with transaction.atomic():
        update = form.save()
        attachments.replace_files(
            update,
            add=form.cleaned_data.get("files") or [],
            remove=form.cleaned_data.get("remove") or [],
            by=by,
        )
    return update


def autosave(form: StatusUpdateForm) -> JsonResponse:
    """Save what is typed as it stands, never sending it: a new report becomes a draft, an
    edited draft or returned report keeps its state. The files wait for the form's own save.
    Answers the time saved, the report's address (where the form posts from then on) and its
    version (which the form sends back)."""
    form.fields.pop("files", None)
    form.fields.pop("remove", None)
    if not form.is_valid():
        errors = [str(e) for e in form.non_field_errors()] + [
            f"{form.fields[name].label}: {' '.join(messages)}"
            for name, messages in form.errors.items()
            if name in form.fields
        ]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    try:
        with transaction.atomic():
            update = form.save()
    except IntegrityError:  # the same period saved from another tab at the same moment
        return JsonResponse({"error": str(ONE_PER_PERIOD)}, status=409)
    saved = timezone.localtime()
    return JsonResponse(
        {
            "message": _("Đã lưu nháp lúc %(time)s") % {"time": saved.strftime("%H:%M")},
            "url": reverse("report_detail", args=[update.pk]),
            "version": update.version,
        }
    )


def context(project, form: StatusUpdateForm, previous: StatusUpdate | None) -> dict:
    """Beside the form: the last approved report (its status and % are the project's), the
    previous report to start from, and whether the % typed is below the last approved one."""
    last = last_approved(project.pk)
    lower = False
    if last is not None:
        typed = form["percent_complete"].value()
        try:
            lower = int(typed) < last.percent_complete
        except (TypeError, ValueError):
            lower = False
    return {"last_approved": last, "previous": previous, "percent_lower": lower}
