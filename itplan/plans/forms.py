"""The forms of the plan editor: a new plan, a project of a plan, and the reason of an archive.
A project's money lines use ``budgets.forms.BudgetLineForm`` (the project page uses it too)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.forms import MoneyField
from projects.models import Plan, Project
from projects.periods import parse_period
from projects.versioning import VersionedForm
from provinces.access import province_ids
from provinces.models import Agency, Province

PLAN_YEAR_MIN, PLAN_YEAR_MAX = 2000, 2100


def _year(label):
    message = _("Năm phải từ %(min)s đến %(max)s.") % {"min": PLAN_YEAR_MIN, "max": PLAN_YEAR_MAX}
    return forms.IntegerField(
        label=label,
        min_value=PLAN_YEAR_MIN,
        max_value=PLAN_YEAR_MAX,
        error_messages={"min_value": message, "max_value": message},
        widget=forms.NumberInput(attrs={"size": 6}),
    )


class PlanForm(forms.ModelForm):
    """A plan as its document writes it: a new plan goes to one of the user's provinces (any,
    for an administrator); a plan's province stays the one that issued it."""

    issue_date = forms.DateField(
        label=_("Ngày ban hành"),
        input_formats=["%d/%m/%Y"],
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày phải viết dạng dd/mm/yyyy, ví dụ 15/03/2021.")},
    )
    start_year = _year(_("Từ năm"))
    end_year = _year(_("Đến năm"))

    class Meta:
        model = Plan
        fields = [
            "province",
            "kind",
            "document_number",
            "issue_date",
            "signer",
            "title",
            "start_year",
            "end_year",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Province.objects.filter(successor__isnull=True)
        if not user.is_superuser:
            provinces = Province.objects.filter(pk__in=province_ids(user))
        self.fields["province"].queryset = provinces.order_by("name")
        self.fields["province"].empty_label = None
        if self.instance.pk:  # the issuing province is part of what the plan is
            self.fields["province"].disabled = True
            self.fields["province"].queryset = Province.objects.filter(pk=self.instance.province_id)
        self.fields["title"].widget = forms.TextInput(attrs={"size": 60})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year",
                _("Năm kết thúc %(end)s trước năm bắt đầu %(start)s.")
                % {"end": end, "start": start},
            )
        province, number = cleaned.get("province"), cleaned.get("document_number")
        taken = Plan.objects.filter(province=province, document_number=number).exclude(
            pk=self.instance.pk
        )
        if province and number and taken.exists():
            self.add_error(
                "document_number",
                _("%(province)s đã có kế hoạch số %(number)s.")
                % {"province": province.name, "number": number},
            )
        return cleaned


class ProjectForm(VersionedForm):
    """A project of ``plan`` as the appendix writes it; ``new_group`` puts it in a new group."""

    estimate = MoneyField(label=_("Tổng mức, dự kiến kinh phí"), required=False)
    new_group = forms.CharField(
        label=_("hoặc nhóm mới"),
        required=False,
        max_length=500,
        help_text=_("Tên nhóm, ví dụ “Hạ tầng kỹ thuật”: tạo nhóm mới cho dự án."),
    )

    field_order = ["ref", "name", "group", "new_group", "lead_agency", "period", "estimate"]

    class Meta:
        model = Project
        fields = ["ref", "name", "group", "lead_agency", "period", "estimate", "objective"]
        widgets = {
            "name": forms.TextInput(attrs={"size": 60}),
            "ref": forms.TextInput(attrs={"size": 5}),
            "objective": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["group"].queryset = plan.groups.all()
        self.fields["group"].empty_label = _("(không nhóm)")
        self.fields["lead_agency"].queryset = Agency.objects.filter(province=plan.province_id)
        self.fields["period"].help_text = _("Ví dụ “2021 - 2025” hoặc “2023”.")

    def clean_period(self):
        period = self.cleaned_data["period"]
        problems = parse_period(period).problems
        if problems:
            raise forms.ValidationError(problems[0])
        return period


class ArchiveForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xoá"), required=False, max_length=300)

    @classmethod
    def reason_in(cls, data) -> str:
        """The reason posted with a "Xoá" (optional: blank when missing or too long)."""
        form = cls(data)
        return form.cleaned_data["reason"] if form.is_valid() else ""
