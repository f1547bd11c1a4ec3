"""The lists behind every dashboard figure (projects, budget lines, indicators), filtered by the
URL (``itplan.plans.filters``), paged, and exported as Excel/CSV (django-import-export)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budgets.models import BudgetLine, MoneySummary
from budgets.resources import BudgetLineResource
from budgets.rollup import need_subquery, roll_up
from indicators.achievement import as_of
from indicators.models import Indicator
from indicators.resources import IndicatorResource
from itplan import pagecache
from itplan.plans import filters
from itplan.plans.filters import BudgetLineFilter, IndicatorFilter, ProjectFilter
from itplan.plans.resources import ProjectResource
from projects.models import Project
from provinces.access import require_role, scope, sees_all
from provinces.spreadsheet import CSV, SEPARATORS, XLSX

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


def _export(request, resource, filterset, name: str) -> HttpResponse:
    """The filtered rows as XLSX or CSV (django-import-export), named after the list; the
    workbook says the filter above the table; the CSV is separated by ``;`` unless
    ``?phan_cach=,`` asks for commas."""
    fmt = request.GET["xuat"]
    file_format = FORMATS[fmt]()
    dataset = resource.export(queryset=filterset.qs)
    if fmt == "csv":
        separator = request.GET.get("phan_cach")
        separator = separator if separator in SEPARATORS else SEPARATORS[0]
        # the BOM makes Excel read the diacritics as UTF-8
        data = file_format.export_data(dataset, delimiter=separator).encode("utf-8-sig")
    else:
        dataset.caption = filters.caption(filterset)
        data = file_format.export_data(dataset)
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
        return _export(request, resource, _valid(filterset()), name)

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
    return _list(request, rows, "plans/project_list.html", title, ProjectResource(), "du-an")


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
        request, rows, "plans/budget_list.html", title, BudgetLineResource(), "kinh-phi", totals
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
    return _list(request, rows, "plans/indicator_list.html", title, IndicatorResource(), "chi-tieu")
