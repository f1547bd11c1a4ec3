"""The dashboards (a province's and the national one: one page, whose scope is the user's and
the filter's) and the lists behind every figure, with their Excel/CSV export.

Filters live in the URL (``itplan.plans.filters``), so a view can be bookmarked, shared and
turned into a report. Every figure is an aggregate query (``itplan.dashboard.figures``); the
number of queries per page does not grow with the data.
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budgets.models import BudgetLine, MoneySummary, Stage
from budgets.money import to_unit
from budgets.resources import BudgetLineResource
from budgets.rollup import need_subquery, roll_up
from indicators.achievement import LABELS, as_of
from indicators.models import Indicator, format_value
from indicators.resources import IndicatorResource
from itplan import pagecache
from itplan.dashboard import figures as dashboard
from itplan.plans import filters
from itplan.plans.filters import BudgetLineFilter, IndicatorFilter, ProjectFilter
from itplan.plans.resources import ProjectResource
from projects.models import Project
from provinces.access import membership, require_role, scope, sees_all
from provinces.spreadsheet import CSV, XLSX

PAGE_SIZE = 50
FORMATS = {"xlsx": XLSX, "csv": CSV}


def link(request, name: str, **params) -> str:
    """The URL of ``name`` keeping the current filter, with ``params`` set (None removes one)."""
    query = request.GET.copy()
    for key in ("trang", "sap_xep", "xuat"):
        query.pop(key, None)
    for key, value in params.items():
        query.pop(key, None)
        if value is not None:
            query[key] = value
    encoded = query.urlencode()
    return reverse(name) + (f"?{encoded}" if encoded else "")


def _indicator_params(request):
    """The indicator lists take the plan-level filters only."""
    return {key: request.GET[key] for key in ("tinh", "ke_hoach") if key in request.GET}


@login_required
def dashboard_view(request):
    require_role(request.user)
    return pagecache.render(
        request,
        "itplan/dashboard.html",
        _("Tổng quan"),
        lambda: _dashboard(request),
        scripts=("vendor/chartjs/chart.umd.min.js", "js/charts.js"),
    )


def _dashboard(request) -> dict:
    today = timezone.localdate()
    projects = ProjectFilter(
        request.GET, queryset=scope(Project.objects.all(), request.user), request=request
    )
    lines = BudgetLineFilter(
        request.GET, queryset=scope(BudgetLine.objects.all(), request.user), request=request
    )
    indicators = IndicatorFilter(
        _indicator_params(request),
        queryset=as_of(scope(Indicator.objects.all(), request.user), today),
        request=request,
    ).qs
    projects.is_valid()  # an invalid parameter is shown on the form and ignored
    national = sees_all(request.user) and not projects.form.cleaned_data.get("tinh")
    money_rows = filters.money_rows(lines, scope(MoneySummary.objects.all(), request.user))
    money = roll_up(money_rows, by_province=national)
    if national:
        provinces = dashboard.provinces_side_by_side(projects.qs, money, today)
        figures = dashboard.national_figures(provinces, today)
    else:
        figures = dashboard.project_figures(projects.qs, today)
    member = membership(request.user)
    # A national list of every plan and agency would be thousands of options: they are offered
    # once a province is chosen.
    hidden = ["sap_xep", *(["ke_hoach", "don_vi"] if national else [])]
    context = {
        "filter": projects,
        "hidden_filters": hidden,
        "scope_name": member.province.name if member and member.province else "",
        "national": national,
        "figures": figures,
        "money": money,
        "indicator_figures": dashboard.indicator_figures(indicators),
        "links": {
            "projects": link(request, "project_list"),
            "lines": link(request, "budget_list"),
            "indicators": reverse("indicator_list") + _query(_indicator_params(request)),
            "late": link(request, "project_list", tre_han="1"),
            "unreported": link(request, "project_list", chua_bao_cao="1"),
            "report": link(request, "ubnd_preview"),
        },
    }
    charts = {
        "money_by_year": _money_chart(
            [str(r["year"] or _("cả giai đoạn")) for r in money.by_year],
            money.by_year,
            [
                link(request, "project_list", nam=r["year"]) if r["year"] else ""
                for r in money.by_year
            ],
        ),
        "money_by_source": _money_chart(
            [r["label"] for r in money.by_source],
            money.by_source,
            [
                link(request, "budget_list", nguon=r["source"], loai_von=r["capital_type"])
                for r in money.by_source
            ],
        ),
        "status": {
            "labels": [str(s["label"]) for s in figures["by_status"]],
            "datasets": [
                {"label": _("Số dự án"), "data": [s["count"] for s in figures["by_status"]]}
            ],
            "urls": [
                link(request, "project_list", tinh_trang=s["status"]) for s in figures["by_status"]
            ],
        },
    }
    if national:
        context["provinces"] = provinces
        charts["provinces"] = _money_chart(
            [p.province.name for p in provinces],
            [vars(p) for p in provinces],
            [link(request, "dashboard", tinh=p.province.pk) for p in provinces],
        )
    else:
        agencies = dashboard.by_agency(projects.qs, today)
        context["agencies"] = agencies
        charts["agencies"] = {
            "labels": [a["agency"] or _("Chưa ghi đơn vị") for a in agencies],
            "datasets": [
                {"label": _("Số dự án"), "data": [a["projects"] for a in agencies]},
                {"label": _("Hoàn thành"), "data": [a["completed"] for a in agencies]},
            ],
            "urls": [
                link(request, "project_list", don_vi=a["lead_agency"]) if a["lead_agency"] else ""
                for a in agencies
            ],
        }
        behind = dashboard.furthest_behind(indicators, today)
        context["indicators"] = [
            {
                "indicator": i,
                "baseline": i.baseline_display,
                "target": format_value(i.target_value, i.target_denominator, i.target_text or ""),
                "actual": format_value(i.actual_value, i.actual_denominator, i.actual_text or ""),
                "percent": None if i.progress is None else round(i.progress * 100),
                "label": LABELS[i.achievement],
            }
            for i in behind
        ]
    context["charts"] = charts
    return context


def _query(params: dict) -> str:
    return f"?{urlencode(params)}" if params else ""


def _short(text: str, size: int = 48) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _money_chart(labels, rows, urls) -> dict:
    """Need, allocated and disbursed side by side, in triệu đồng."""
    return {
        "labels": labels,
        "unit": _("triệu đồng"),
        "datasets": [
            {"label": str(Stage(stage).label), "data": [_trieu(row[stage]) for row in rows]}
            for stage in Stage.values
        ],
        "urls": urls,
    }


def _trieu(amount: int) -> float:
    return float(to_unit(amount, "trieu", 3))


def _export(resource, queryset, fmt: str, name: str) -> HttpResponse:
    """The filtered rows as XLSX or CSV (django-import-export), named after the list."""
    file_format = FORMATS[fmt]()
    data = file_format.export_data(resource.export(queryset=queryset))
    if fmt == "csv":
        data = data.encode("utf-8-sig")  # the BOM makes Excel read the diacritics as UTF-8
    response = HttpResponse(data, content_type=file_format.get_content_type())
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}-{stamp}.{fmt}"'
    return response


def _list(request, filterset, template: str, title: str, resource, name: str, extra=None):
    """A list page (from the cache while the data is the same), or its rows as ?xuat=xlsx|csv.

    ``filterset`` and ``extra`` are functions: they are called only when the page is computed.
    ``extra`` may give ``count``, the number of rows when known already (from the money
    summaries): the paginator then does not COUNT(*) them."""
    fmt = request.GET.get("xuat")
    if fmt in FORMATS:
        return _export(resource, _valid(filterset()).qs, fmt, name)

    def context():
        rows = _valid(filterset())
        hidden = []
        if sees_all(request.user) and not rows.form.cleaned_data.get("tinh"):
            hidden = ["ke_hoach", "don_vi"]
        more = extra(rows) if extra else {}
        paginator = Paginator(rows.qs, PAGE_SIZE)
        if "count" in more:
            paginator.count = more.pop("count")  # a cached_property: the value given stands
        return {
            "filter": rows,
            "page": paginator.get_page(request.GET.get("trang")),
            "export_xlsx": link(request, request.resolver_match.url_name, xuat="xlsx"),
            "export_csv": link(request, request.resolver_match.url_name, xuat="csv"),
            "page_query": _page_query(request),
            "hidden_filters": hidden,
            **more,
        }

    return pagecache.render(request, template, title, context)


def _valid(filterset):
    filterset.is_valid()  # an invalid parameter is shown on the form and ignored
    return filterset


def _page_query(request) -> str:
    """The current query without the page number, for the pager's links."""
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()


@login_required
def project_list(request):
    require_role(request.user)

    def rows():
        projects = (
            scope(Project.objects.all(), request.user)
            .select_related("plan__province", "lead_agency")
            .annotate(need=need_subquery())
            .order_by("plan", "order", "id")  # the project_list_order index
        )
        return ProjectFilter(request.GET, queryset=projects, request=request)

    title = _("Danh sách dự án, nhiệm vụ")
    return _list(request, rows, "itplan/project_list.html", title, ProjectResource(), "du-an")


@login_required
def budget_list(request):
    require_role(request.user)

    def rows():
        lines = (
            scope(BudgetLine.objects.all(), request.user)
            .select_related("project__plan__province")
            .order_by("project", "year", "source", "capital_type", "stage")  # its index
        )
        return BudgetLineFilter(request.GET, queryset=lines, request=request)

    def totals(lines):
        # The totals and the count of the same lines, from their summaries where possible
        money = roll_up(filters.money_rows(lines, scope(MoneySummary.objects.all(), request.user)))
        return {"total": money.total, "count": money.lines}

    title = _("Danh sách kinh phí")
    return _list(
        request, rows, "itplan/budget_list.html", title, BudgetLineResource(), "kinh-phi", totals
    )


@login_required
def indicator_list(request):
    require_role(request.user)

    def rows():
        indicators = as_of(
            scope(Indicator.objects.select_related("plan__province"), request.user),
            timezone.localdate(),
        ).order_by("plan__province__name", "plan__document_number", "order", "id")
        return IndicatorFilter(request.GET, queryset=indicators, request=request)

    title = _("Danh sách chỉ tiêu")
    return _list(
        request, rows, "itplan/indicator_list.html", title, IndicatorResource(), "chi-tieu"
    )
