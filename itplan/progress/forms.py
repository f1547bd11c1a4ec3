"""The forms of progress reporting: a quarterly report (status, %, results), its money and
measurements, the return of a report with a reason, and an attachment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.forms import BudgetLineForm
from budgets.models import Stage
from indicators.models import Measurement, parse_value
from projects import attachments
from projects.models import Attachment, StatusUpdate
from projects.versioning import VersionedForm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented way): the cleaned value is a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": attachments.ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = data if isinstance(data, list | tuple) else [data]
        return [single(upload, initial) for upload in uploads if upload]


class StatusUpdateForm(VersionedForm):
    """A report's text and figures, with its files in the same form: the files chosen are
    checked (``projects.attachments.check``) and saved with the text in one transaction, and a
    refused file leaves what was typed on the page, the error beside the file input."""

    files = MultipleFileField(
        label=_("Đính kèm tệp"),
        required=False,
        help_text=_(
            "Chọn một hoặc nhiều tệp: PDF, ảnh JPG/PNG, Word, Excel, PowerPoint, OpenDocument; "
            "mỗi tệp tối đa 10 MB."
        ),
    )
    remove = forms.ModelMultipleChoiceField(
        label=_("Xóa tệp đã đính kèm"),
        queryset=Attachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = StatusUpdate
        fields = [
            "year",
            "quarter",
            "status",
            "percent_complete",
            "results",
            "difficulties",
            "proposals",
        ]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["remove"].queryset = self.instance.attachments.all()
        else:
            del self.fields["remove"]

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        problems = []
        for upload in uploads:
            try:
                attachments.check(upload)
            except forms.ValidationError as problem:
                problems.extend(problem.messages)
        if problems:
            # A browser cannot put the files back into the input: say that none was kept.
            problems.append(_("Chưa lưu tệp nào; hãy chọn lại các tệp cần đính kèm."))
            raise forms.ValidationError(problems)
        return uploads

    def _check_file_count(self, cleaned) -> None:
        kept = self.instance.attachments.count() if self.instance.pk is not None else 0
        kept -= len(cleaned.get("remove") or [])
        if kept + len(cleaned.get("files") or []) > attachments.MAX_PER_REPORT:
            self.add_error(
                "files",
                _("Mỗi báo cáo đính kèm tối đa %(count)s tệp; báo cáo đã có %(kept)s tệp.")
                % {"count": attachments.MAX_PER_REPORT, "kept": kept},
            )

    def clean(self):
        """One report per project and period: name the one already there (``self.taken``, for
        the page to link) instead of letting the database refuse a second."""
        cleaned = super().clean()
        self._check_file_count(cleaned)
        self.taken = None
        project_id = self.instance.project_id
        if project_id is not None and cleaned.get("year") and "quarter" in cleaned:
            period = StatusUpdate.of_period(project_id, cleaned["year"], cleaned["quarter"])
            self.taken = period.exclude(pk=self.instance.pk).first()
        if self.taken is not None:
            raise forms.ValidationError(
                _(
                    "Dự án đã có báo cáo %(period)s (%(state)s): mỗi kỳ một báo cáo. Hãy mở báo "
                    "cáo đó thay vì lập báo cáo thứ hai."
                ),
                code="unique",
                params={
                    "period": self.taken.period_label,
                    "state": self.taken.get_state_display(),
                },
            )
        return cleaned


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), required=True
    )


class MoneyReportForm(BudgetLineForm):
    """Money allocated (bố trí) or disbursed (giải ngân) for a project, entered on its page;
    with ``any_stage``, one of its lines of any stage, corrected there. The rules are the plan
    editor's (``BudgetLineForm``)."""

    def __init__(self, *args, any_stage=False, **kwargs):
        stages = None if any_stage else [Stage.ALLOCATED, Stage.DISBURSED]
        super().__init__(*args, stages=stages, **kwargs)
        self.fields["stage"].label = _("Loại số liệu")


class MeasurementForm(forms.ModelForm):
    """An actual value of an indicator: "65" or, for x/y units, "10/19"."""

    reading = forms.CharField(
        label=_("Giá trị thực hiện"), help_text=_("Ví dụ “65” hoặc “10/19” (10 trên 19).")
    )
    date = forms.DateField(
        label=_("Ngày số liệu"), input_formats=["%d/%m/%Y"], help_text=_("dd/mm/yyyy")
    )

    class Meta:
        model = Measurement
        fields = ["date", "source"]

    def clean_reading(self):
        value, denominator, _text = parse_value(self.cleaned_data["reading"])
        if value is None:
            raise forms.ValidationError(
                _("“%(text)s” không phải là một số hay một tỉ số x/y.")
                % {"text": self.cleaned_data["reading"]}
            )
        if value < 0 or (denominator is not None and denominator <= 0):
            raise forms.ValidationError(_("Giá trị không được âm, mẫu số phải lớn hơn 0."))
        self.instance.value, self.instance.denominator = value, denominator
        return self.cleaned_data["reading"]


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp đính kèm"),
        help_text=_("PDF, ảnh JPG/PNG, Word, Excel, PowerPoint, OpenDocument; tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachments.check(upload)
        return upload
