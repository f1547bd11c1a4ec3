"""Optimistic locking: two people editing the same project or report — the second save is
refused with what the first one changed, never silently overwritten.

A model with ``VersionedModel`` carries a ``version`` that every save through ``save()``
increments with a conditional UPDATE, so a save based on an older version fails even when two
requests race. ``VersionedForm`` sends the version the user started from and names, on
conflict, the fields the other save changed and who made it.
"""

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class StaleEdit(Exception):
    """The row was saved by someone else since this copy was read."""


STALE_MESSAGE = gettext_lazy(
    "Người khác vừa lưu cùng lúc với bạn, nên lần lưu của bạn chưa được ghi. Hãy xem lại giá "
    "trị hiện tại rồi lưu lại."
)


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(gettext_lazy("phiên bản"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            claimed = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise StaleEdit(self.pk)
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class VersionedForm(forms.ModelForm):
    """A model form refusing to overwrite a newer version than the one it was opened on."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version_seen"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version_seen")
        if self.instance.pk is None or seen is None or seen == self.instance.version:
            return cleaned
        raise forms.ValidationError(self.conflict_message(seen), code="stale")

    def conflict_message(self, seen: int) -> str:
        current = type(self.instance)._base_manager.get(pk=self.instance.pk)
        changed = []
        model_fields = {f.name for f in current._meta.concrete_fields}
        for name, field in self.fields.items():
            if name not in model_fields or name not in self.cleaned_data:
                continue
            theirs = getattr(current, name)
            if theirs != self.cleaned_data[name]:
                display = getattr(current, f"get_{name}_display", None)
                changed.append(f"{field.label}: “{display() if display else theirs}”")
        who = ""
        history = getattr(current, "history", None)
        if history is not None:
            last = history.select_related("history_user").first()
            if last is not None and last.history_user is not None:
                who = last.history_user.get_full_name() or last.history_user.get_username()
        message = _(
            "Người khác%(who)s đã lưu thay đổi sau khi bạn mở trang này, nên lần lưu của bạn "
            "chưa được ghi. Giá trị hiện tại: %(changed)s. Hãy tải lại trang, xem lại rồi lưu."
        )
        return message % {
            "who": f" ({who})" if who else "",
            "changed": "; ".join(changed) or _("(không khác với giá trị bạn nhập)"),
        }
