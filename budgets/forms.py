from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetLine
from budgets.money import in_unit, parse_money


class MoneyInput(forms.TextInput):
    """Text, not type=number: "3,4 tỷ" and "1.500.000.000" must reach the field as typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "size": 18, **(attrs or {})})


class MoneyField(forms.Field):
    """A money input in đồng that also takes the units documents use: "3,4 tỷ", "500 triệu"."""

    widget = MoneyInput
    default_help_text = _("Bằng đồng (1.500.000.000) hoặc kèm đơn vị: “1,5 tỷ”, “500 triệu”.")

    def __init__(self, *, min_value=None, max_value=None, step_size=None, **kwargs):
        # Model integer fields pass their bounds; amounts are checked here instead.
        super().__init__(**kwargs)
        if not self.help_text:
            self.help_text = self.default_help_text

    def prepare_value(self, value):
        if isinstance(value, int):
            return in_unit(value, "dong")
        return value

    def to_python(self, value):
        if value in self.empty_values or str(value).strip() == "":
            return None
        try:
            return parse_money(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class BudgetLineForm(forms.ModelForm):
    """A money line of a project (year × source × capital type × stage × amount), as the plan
    editor and the project page enter and correct it: one form, one rule.

    The year may be left blank for money of the whole period, as the model's help says. A year
    outside the plan's period is kept only with a reason (``reason``: written into the line's
    history); ``outside`` tells the page to warn about it after the save."""

    amount = MoneyField(label=_("Số tiền"))
    reason = forms.CharField(
        label=_("Lý do"),
        required=False,
        max_length=300,
        help_text=_("Bắt buộc khi năm nằm ngoài giai đoạn của kế hoạch."),
    )

    class Meta:
        model = BudgetLine
        fields = ["year", "stage", "source", "sub_source", "capital_type", "amount"]

    def __init__(self, *args, plan=None, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan if plan is not None else self.instance.project.plan
        self.fields["year"].widget.attrs.update({"size": 5, "inputmode": "numeric"})
        self.fields["sub_source"].widget.attrs.update({"size": 14})
        self.fields["amount"].widget.attrs.update({"size": 14})
        if stages is not None:
            self.fields["stage"].choices = [(stage.value, stage.label) for stage in stages]
            self.fields["stage"].initial = stages[0].value
        self.outside = False

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        plan = self.plan
        self.outside = year is not None and not plan.start_year <= year <= plan.end_year
        if self.outside and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                _(
                    "Năm %(year)s nằm ngoài giai đoạn %(start)s–%(end)s của kế hoạch "
                    "%(plan)s: ghi lý do để lưu, hoặc sửa lại năm."
                )
                % {
                    "year": year,
                    "start": plan.start_year,
                    "end": plan.end_year,
                    "plan": plan.document_number,
                },
            )
        return cleaned
