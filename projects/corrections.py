"""Direct corrections in the admin of the fields only the progress moves write.

A report's place in the workflow (state, reviewer, dates, return reason) and a project's official
status and % complete change through ``projects.progress`` (submit, approve, return), which check
who acts. In the admin they are read-only to everyone but administrators; an administrator may
correct them there, and then must say why: the reason is kept as the history record's change
reason. A history revert (administrators only, ``provinces.admin.ScopedHistoryAdmin``) goes
through the same form, so reverting these fields asks for a reason too.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REASON_MAX = 100  # django-simple-history's history_change_reason column


class CorrectionForm(forms.ModelForm):
    """A model form that asks for a reason when any of ``official_fields`` changes, compared
    with the stored row (so a history revert to other values asks too)."""

    official_fields: tuple[str, ...] = ()

    change_reason = forms.CharField(
        label=_("Lý do thay đổi"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi sửa trực tiếp các ô do quy trình duyệt ghi; lưu vào lịch sử."),
    )

    def official_changes(self) -> list[str]:
        """The labels of the official fields this form changes."""
        instance = self.instance
        stored = None
        if instance.pk is not None and not instance._state.adding:
            attnames = [instance._meta.get_field(n).attname for n in self.official_fields]
            rows = type(instance)._default_manager.filter(pk=instance.pk)
            stored = rows.values(*attnames).first()
        changed = []
        for name in self.official_fields:
            if name not in self.fields:
                continue  # read-only here: the form cannot change it
            field = instance._meta.get_field(name)
            value = getattr(instance, field.attname)
            differs = stored is not None and value != stored[field.attname]
            if name in self.changed_data or differs:
                changed.append(str(field.verbose_name))
        return changed

    def clean(self):
        cleaned = super().clean()
        changed = self.official_changes()
        if changed and not (cleaned.get("change_reason") or "").strip():
            self.add_error(
                "change_reason",
                forms.ValidationError(
                    gettext("Sửa trực tiếp %(fields)s cần ghi lý do thay đổi (lưu vào lịch sử).")
                    % {"fields": ", ".join(changed)},
                    code="required",
                ),
            )
        return cleaned


class CorrectionAdmin:
    """For a history admin whose form is a ``CorrectionForm``: its ``official_fields`` are
    read-only to all but administrators, who get the reason field; revert is theirs alone."""

    official_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += [name for name in self.official_fields if name not in readonly]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if request.user.is_superuser:
            fieldsets.append((_("Sửa trực tiếp (quản trị)"), {"fields": ["change_reason"]}))
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.official_fields = self.official_fields
        return form

    def save_model(self, request, obj, form, change):
        reason = (form.cleaned_data.get("change_reason") or "").strip()
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)
