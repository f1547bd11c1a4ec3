from django import forms
from django.utils.translation import gettext_lazy as _

from itplan.models import Letterhead, Report
from itplan.reports.period import ROMAN, Period


class ReportForm(forms.ModelForm):
    """What the clerk writes around the figures before issuing."""

    class Meta:
        model = Report
        fields = [
            "parent_body",
            "issuing_body",
            "place",
            "issue_date",
            "summary",
            "recipient",
            "assessment",
            "difficulties",
            "proposals",
            "next_tasks",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issue_date": forms.DateInput(format="%d/%m/%Y"),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "assessment": forms.Textarea(attrs={"rows": 6}),
            "next_tasks": forms.Textarea(attrs={"rows": 6}),
            "difficulties": forms.Textarea(attrs={"rows": 6}),
            "proposals": forms.Textarea(attrs={"rows": 6}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }


class IssueForm(forms.Form):
    number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=50, help_text=_("Ví dụ 15/BC-SKHCN.")
    )


class SignedForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF đã ký số"),
        help_text=_("Tệp PDF của báo cáo tải từ cổng, đã ký số bằng USB token hoặc ký số từ xa."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


def period_choices(start: int, end: int) -> list[tuple[int, list]]:
    """The periods of the years ``start``..``end``, newest year first: ``[(year, [(code,
    label), …]), …]`` (the whole plan period is the empty code)."""
    choices = []
    for year in range(end, start - 1, -1):
        periods = [Period(year), Period(year, half=1), Period(year, half=2)]
        periods += [Period(year, quarter=q) for q in ROMAN]
        choices.append((year, [(p.code, _upper_first(p.label())) for p in periods]))
    return choices


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]  # str.capitalize would lower "III"


class LetterheadForm(forms.ModelForm):
    """A province's letterhead: what every new draft of its reports starts from."""

    class Meta:
        model = Letterhead
        fields = [
            "parent_body",
            "issuing_body",
            "number_suffix",
            "place",
            "recipient",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
