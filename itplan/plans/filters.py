"""The filters of the dashboards and of the lists behind them (django-filter), with one vocabulary
of URL parameters, so a dashboard's link to its list keeps the view it came from:

    tinh, ke_hoach, don_vi, tinh_trang, q               the projects (and what they own)
    nam, nguon, loai_von, giai_doan                     the budget lines
    linh_vuc, danh_gia                                  the indicators

A province includes the provinces merged into it in 2025 (Cà Mau shows Bạc Liêu's plans). On the
project list, the budget-line parameters keep the projects having such lines, so a click on the
2024 bar lists the projects with money in 2024. Text search ignores diacritics and case ("mot
cua" finds "Một cửa").
"""

from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetLine, CapitalType, MoneySummary, Source, Stage
from indicators.achievement import LABELS as ACHIEVEMENT_LABELS
from indicators.models import Indicator
from projects.models import Plan, Project
from projects.progress import DONE, current_period, due_reports
from provinces.access import scope
from provinces.models import Agency, Province
from provinces.text import folded_search

LINE_PARAMS = {"nam": "year", "nguon": "source", "loai_von": "capital_type", "giai_doan": "stage"}


class Select(forms.Select):
    """A select written in Python. Django renders each option through two templates: on a
    filter form of a hundred options that cost more than the dashboard's queries. Same HTML."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def _plans(request):
    return scope(Plan.objects.select_related("province"), request.user).order_by(
        "province__name", "-issue_date"
    )


def _agencies(request):
    return scope(Agency.objects.all(), request.user).order_by("name")


def _provinces(request):
    return scope(Province.objects.all(), request.user).order_by("name")


class _RememberedChoiceField(django_filters.fields.ModelChoiceField):
    def __init__(self, *args, remembered: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.remembered = {} if remembered is None else remembered

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = (self.queryset.model, str(self.queryset.query), str(value))
        if key not in self.remembered:
            self.remembered[key] = super().to_python(value)
        return self.remembered[key]


class RememberedChoiceFilter(django_filters.ModelChoiceFilter):
    """A province, plan or agency chosen in the URL, looked up once per request: a page's
    filter sets (its projects, budget lines, money and indicators) each validate the same
    parameter, and share the row instead of reading it again. The key holds the choices'
    SQL, so a narrower scope is a lookup of its own."""

    field_class = _RememberedChoiceField

    @property
    def field(self):
        request = self.get_request()
        if request is not None:
            if not hasattr(request, "chosen_rows"):
                request.chosen_rows = {}
            self.extra["remembered"] = request.chosen_rows
        return super().field


class PlanScopeFilterSet(django_filters.FilterSet):
    """Province, plan and text: the filters every list shares. ``project_path`` is how the
    model reaches the project's fields ("project__" for budget lines; empty for projects, and
    for indicators, which carry ``plan`` and ``search_key`` themselves)."""

    project_path = ""

    tinh = RememberedChoiceFilter(label=_("Tỉnh"), queryset=_provinces, method="filter_province")
    ke_hoach = RememberedChoiceFilter(label=_("Kế hoạch"), queryset=_plans, method="filter_project")
    q = django_filters.CharFilter(
        label=_("Tìm"),
        method="filter_text",
        widget=forms.TextInput(attrs={"placeholder": _("tìm theo tên, không cần dấu")}),
    )

    FIELDS = {"ke_hoach": "plan", "don_vi": "lead_agency", "tinh_trang": "status"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if "widget" not in filter_.extra and filter_.field_class.widget is forms.Select:
                filter_.extra["widget"] = Select
        # Once a province is chosen, its plans and agencies only: a national list would be
        # thousands of options to render.
        province = (self.data or {}).get("tinh")
        if province and str(province).isdigit():
            where = Q(province=province) | Q(province__successor=province)
            for name in ("ke_hoach", "don_vi"):
                if name in self.filters:
                    field = self.filters[name]
                    field.queryset = field.get_queryset(self.request).filter(where)

    def filter_province(self, queryset, name, province):
        path = f"{self.project_path}plan__province"
        return queryset.filter(Q(**{path: province}) | Q(**{f"{path}__successor": province}))

    def filter_project(self, queryset, name, value):
        return queryset.filter(**{f"{self.project_path}{self.FIELDS[name]}": value})

    def filter_text(self, queryset, name, value):
        return queryset.filter(folded_search(f"{self.project_path}search_key", value))


class PortalFilterSet(PlanScopeFilterSet):
    """The project-level filters."""

    don_vi = RememberedChoiceFilter(
        label=_("Đơn vị chủ trì"), queryset=_agencies, method="filter_project"
    )
    tinh_trang = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=Project.Status.choices, method="filter_project"
    )


class LineFilterSet(PlanScopeFilterSet):
    """The budget-line filters: year, source, capital type, stage."""

    nam = django_filters.NumberFilter(field_name="year", label=_("Năm"))
    nguon = django_filters.ChoiceFilter(
        field_name="source", label=_("Nguồn vốn"), choices=Source.choices
    )
    loai_von = django_filters.ChoiceFilter(
        field_name="capital_type", label=_("Loại vốn"), choices=CapitalType.choices
    )
    giai_doan = django_filters.ChoiceFilter(
        field_name="stage", label=_("Giai đoạn"), choices=Stage.choices
    )


class BudgetLineFilter(PortalFilterSet, LineFilterSet):
    project_path = "project__"

    sap_xep = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        fields=[
            ("project__name", "du_an"),
            ("year", "nam"),
            ("amount", "so_tien"),
            ("project__plan__province__name", "tinh"),
        ],
        field_labels={
            "project__name": _("Dự án"),
            "year": _("Năm"),
            "amount": _("Số tiền"),
            "project__plan__province__name": _("Tỉnh"),
        },
    )

    class Meta:
        model = BudgetLine
        fields = []


class ProjectFilter(BudgetLineFilter):
    """Projects; the budget-line parameters keep those having such lines."""

    project_path = ""
    sap_xep = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        fields=[
            ("name", "ten"),
            ("plan__province__name", "tinh"),
            ("status", "tinh_trang"),
            ("percent_complete", "phan_tram"),
            ("need", "nhu_cau"),
            ("lead_agency__name", "don_vi"),
        ],
        field_labels={
            "name": _("Tên dự án"),
            "plan__province__name": _("Tỉnh"),
            "status": _("Tình trạng"),
            "percent_complete": _("% hoàn thành"),
            "need": _("Nhu cầu vốn"),
            "lead_agency__name": _("Đơn vị chủ trì"),
        },
    )

    tre_han = django_filters.BooleanFilter(
        label=_("Trễ hạn"), method="filter_late", widget=forms.CheckboxInput
    )
    chua_bao_cao = django_filters.BooleanFilter(
        label=_("Chưa báo cáo kỳ này"), method="filter_unreported", widget=forms.CheckboxInput
    )

    class Meta:
        model = Project
        fields = []

    def filter_late(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.exclude(status__in=DONE).filter(end_year__lt=today.year)

    def filter_unreported(self, queryset, name, value):
        if not value:
            return queryset
        return due_reports(queryset, *current_period())

    def filter_queryset(self, queryset):
        lines = {}
        for name, value in self.form.cleaned_data.items():
            if name in LINE_PARAMS:
                if value not in (None, ""):
                    lines[LINE_PARAMS[name]] = value
            else:
                queryset = self.filters[name].filter(queryset, value)
        if lines:  # one line meeting them all, as the bar that was clicked
            queryset = queryset.filter(
                Exists(BudgetLine.objects.filter(project=OuterRef("pk"), **lines))
            )
        return queryset


class MoneySummaryFilter(LineFilterSet):
    """The same money as ``BudgetLineFilter``, from the plans' summaries (``money_rows``)."""

    class Meta:
        model = MoneySummary
        fields = []


PROJECT_PARAMS = ("q", "don_vi", "tinh_trang")


def money_rows(lines: BudgetLineFilter, summaries: QuerySet) -> QuerySet:
    """The rows to sum for the money ``lines`` asks for: the plans' ``summaries`` (a few dozen
    rows per plan) filtered as the lines are, or the lines themselves where a project-level
    filter (text, lead agency, status) is set. Reuses ``lines``' validated form: no second
    validation, no second lookup of the province or plan."""
    lines.is_valid()  # once; an invalid parameter is left out, as the lines' own qs leaves it
    data = getattr(lines.form, "cleaned_data", {})
    if any(data.get(name) for name in PROJECT_PARAMS):
        return lines.qs
    summary = MoneySummaryFilter(queryset=summaries, request=lines.request)
    rows = summaries
    for name, filter_ in summary.filters.items():
        if name in data:
            rows = filter_.filter(rows, data[name])
    return rows


class IndicatorFilter(PlanScopeFilterSet):
    """Indicators (already annotated by ``indicators.achievement.as_of``)."""

    linh_vuc = django_filters.CharFilter(
        field_name="category", lookup_expr="iexact", label=_("Lĩnh vực")
    )
    danh_gia = django_filters.ChoiceFilter(
        field_name="achievement", label=_("Đánh giá"), choices=list(ACHIEVEMENT_LABELS.items())
    )
    sap_xep = django_filters.OrderingFilter(
        label=_("Sắp xếp"),
        fields=[("name", "ten"), ("progress", "muc_dat"), ("plan__province__name", "tinh")],
        field_labels={
            "name": _("Chỉ tiêu"),
            "progress": _("Mức đạt"),
            "plan__province__name": _("Tỉnh"),
        },
    )

    class Meta:
        model = Indicator
        fields = []


def caption(filterset) -> str:
    """The filter a list was cut by, as its form names it, for the line above an exported table:
    "Bộ lọc: Tỉnh: Bạc Liêu · Năm: 2024 · Nguồn vốn: Trung ương (xuất ngày 03/12/2026)". The sort
    order and the parameters the form refused are left out."""
    form = filterset.form
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name == "sap_xep" or value in (None, "", False, [], ()):
            continue
        if value is True:
            shown = _("có")
        elif isinstance(value, str):
            shown = dict(getattr(field, "choices", ())).get(value, value)
        elif isinstance(value, Decimal) and value == value.to_integral_value():
            shown = int(value)
        else:
            shown = value
        parts.append(f"{field.label}: {shown}")
    shown = " · ".join(parts) if parts else _("không (mọi dữ liệu trong phạm vi của bạn)")
    today = timezone.localdate().strftime("%d/%m/%Y")
    return _("Bộ lọc: %(filter)s (xuất ngày %(date)s)") % {"filter": shown, "date": today}
