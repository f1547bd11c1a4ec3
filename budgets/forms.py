from django import forms
from django.utils.translation import gettext_lazy as _

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
