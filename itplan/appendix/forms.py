"""The forms of the appendix import: the upload (file, unit and defaults) and the confirmation
of a preview (what to do with projects already in the plan, which agency an unknown name is)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.models import CapitalType, Source
from itplan.models import AppendixImport

from .workbook import BadFile, check_size

ACCEPTED = (".xlsx", ".xlsm", ".csv", ".docx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp phụ lục"),
        help_text=_(
            "Tệp Excel (.xlsx), CSV hoặc văn bản Word (.docx) có bảng phụ lục, tối đa 10 MB và "
            "5.000 dòng."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    unit = forms.ChoiceField(
        label=_("Đơn vị tính khi bảng không ghi"),
        choices=[
            ("", _("Theo bảng (dòng “ĐVT: …”)")),
            ("trieu", _("Triệu đồng")),
            ("ty", _("Tỷ đồng")),
            ("dong", _("Đồng")),
        ],
        required=False,
    )
    default_source = forms.ChoiceField(
        label=_("Nguồn vốn khi bảng không ghi"), choices=Source.choices, initial=Source.LOCAL
    )
    default_capital_type = forms.ChoiceField(
        label=_("Loại vốn khi bảng không ghi"),
        choices=CapitalType.choices,
        initial=CapitalType.UNSPECIFIED,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.name, upload.size)
        except BadFile as problem:
            raise forms.ValidationError(str(problem)) from None
        if upload.name.lower().endswith(".doc"):
            raise forms.ValidationError(
                _(
                    "“%(name)s” là văn bản Word 97-2003 (.doc). Hãy mở tệp trong Word và lưu lại "
                    "dưới dạng “Tài liệu Word (.docx)” rồi tải lên lại."
                )
                % {"name": upload.name}
            )
        if not upload.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(
                _(
                    "“%(name)s” không phải tệp Excel (.xlsx) hay CSV. Tệp .xls cũ: hãy mở trong "
                    "Excel và lưu lại dưới dạng .xlsx."
                )
                % {"name": upload.name}
            )
        return upload


class ConfirmForm(forms.Form):
    """The choices the preview asks for: what to do with projects already in the plan, and for
    each lead agency not yet known, whether to create it or use an existing one."""

    on_existing = forms.ChoiceField(
        label=_("Dự án đã có trong kế hoạch"),
        choices=AppendixImport.OnExisting.choices,
        initial=AppendixImport.OnExisting.SKIP,
        widget=forms.RadioSelect,
    )

    MERGE, APART = "merge", "apart"

    def __init__(self, *args, unknown_agencies=(), agencies=(), similar=(), **kwargs):
        super().__init__(*args, **kwargs)
        # a name spelled like an existing project's: merge into it (the default) or keep apart
        self.similar_fields = []
        for project in similar:
            key = f"match_{project.row}"
            self.fields[key] = forms.ChoiceField(
                label=project.name,
                choices=[
                    (self.MERGE, _("Gộp vào dự án hiện có")),
                    (self.APART, _("Giữ riêng (thêm dự án mới)")),
                ],
                initial=self.MERGE,
                required=False,  # not posted: merged, as the page proposes
                widget=forms.RadioSelect,
            )
            self.similar_fields.append((project, self[key]))
        choices = [("", _("Thêm cơ quan mới với tên này"))] + [(a.pk, a.name) for a in agencies]
        self.agency_fields = []
        for i, name in enumerate(unknown_agencies):
            key = f"agency_{i}"
            self.fields[key] = forms.TypedChoiceField(
                label=name, choices=choices, required=False, coerce=int, empty_value=None
            )
            self.agency_fields.append((name, key))

    def keep_apart(self) -> set[int]:
        """The sheet rows the clerk keeps apart from the existing project of a similar name."""
        return {
            project.row
            for project, field in self.similar_fields
            if self.cleaned_data.get(field.name) == self.APART
        }

    def agency_boundfields(self) -> list:
        return [self[key] for _name, key in self.agency_fields]

    def agency_choices(self) -> dict[str, int]:
        return {
            name: self.cleaned_data[key]
            for name, key in self.agency_fields
            if self.cleaned_data.get(key)
        }
