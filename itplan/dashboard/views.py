"""The dashboards (a province's and the national one: one page, whose scope is the user's and
the filter's); each figure links to the list behind it (``itplan.plans.lists``).

Filters live in the URL (``itplan.plans.filters``), so a view can be bookmarked, shared and turned
into a report. Every figure is an aggregate query (``itplan.dashboard.figures``); the number of
queries per page does not grow with the data.
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from budgets.models import BudgetLine, MoneySummary, Stage
from budgets.money import to_unit
from budgets.rollup import roll_up
from indicators.achievement import as_of
from indicators.achievement import label as achievement_label
from indicators.models import Indicator
from itplan import pagecache
from itplan.dashboard import figures as dashboard
from itplan.plans import filters
from itplan.plans.filters import BudgetLineFilter, IndicatorFilter, ProjectFilter
from itplan.plans.lists import link
from itplan.progress import queue
from projects.models import Project
from provinces.access import membership, require_role, scope, sees_all


def _indicator_params(request):
    """The indicator lists take the plan-level filters only."""
    return {key: request.GET[key] for key in ("tinh", "ke_hoach") if key in request.GET}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dashboard_view(request):
    """The dashboard, headed for a leader by his queue of reports to approve, whose forms post
    here (``itplan.progress.queue``); the queue is rendered on every request, the rest may come
    from the page cache."""
    require_role(request.user)
    before, status = "", 200
    if request.method == "POST":
        outcome = queue.review(request)
        if isinstance(outcome, HttpResponseRedirect):
            return outcome
        before, status = outcome, 400  # a return without a reason: the error beside it
    return pagecache.render(
        request,
        "dashboard/dashboard.html",
        _("Tổng quan"),
        lambda: _dashboard(request),
        scripts=("vendor/chartjs/chart.umd.min.js", "js/charts.js"),
        before=before or queue.render(request),
        status=status,
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
                "baseline": i.baseline_shown,
                "target": i.in_units(i.target_value, i.target_denominator, i.target_text),
                "actual": i.in_units(i.actual_value, i.actual_denominator, i.actual_text),
                "percent": None if i.progress is None else round(i.progress * 100),
                "label": achievement_label(i.achievement, i.progress),
            }
            for i in behind
        ]
    context["charts"] = charts
    return context


def _query(params: dict) -> str:
    return f"?{urlencode(params)}" if params else ""


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
