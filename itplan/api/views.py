"""The read API's endpoints: GET (and HEAD) only, every queryset narrowed by
``provinces.access.scope`` to what the request's user reads on the pages, filtered by the URL
parameters of the portal's lists (``itplan.plans.filters``: ``tinh``, ``ke_hoach``, ``nam``,
``nguon``…), in cursor pages, with ETags (``itplan.api.etags``)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets.models import BudgetLine, MoneySummary
from budgets.rollup import need_subquery, roll_up
from indicators.achievement import as_of
from indicators.models import Indicator
from itplan.api import params, serializers
from itplan.api.etags import ConditionalGet
from itplan.plans.filters import money_rows
from projects.models import Plan, Project, StatusUpdate
from provinces.access import scope
from provinces.models import Province


class ReadOnly(ConditionalGet, viewsets.ReadOnlyModelViewSet):
    """A list and a detail of scoped rows; another province's row is 404, as on the pages."""

    http_method_names = ["get", "head", "options"]

    def rows(self):
        """The rows before the scope (each endpoint says which)."""
        raise NotImplementedError

    def get_queryset(self):
        return scope(self.rows(), self.request.user)

    def list(self, request, *args, **kwargs):
        return self.handle_conditional(request) or super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.handle_conditional(request) or super().retrieve(request, *args, **kwargs)


class ProvinceViewSet(ReadOnly):
    """Provinces the user reads: their own and those merged into it in 2025 (every province
    for national viewers), each with its predecessors and successor."""

    serializer_class = serializers.ProvinceSerializer

    def rows(self):
        return Province.objects.prefetch_related("predecessors")


class PlanViewSet(ReadOnly):
    serializer_class = serializers.PlanSerializer
    filterset_class = params.PlanParams

    def rows(self):
        return Plan.objects.all()


class ProjectViewSet(ReadOnly):
    """Projects, filtered as the project list is (``tinh``, ``ke_hoach``, ``don_vi``,
    ``tinh_trang``, ``q``, ``tre_han``, ``chua_bao_cao``; the money parameters keep the projects
    having such lines)."""

    serializer_class = serializers.ProjectSerializer
    filterset_class = params.ProjectParams

    def rows(self):
        return Project.objects.select_related("lead_agency").annotate(need=need_subquery())


AS_OF = OpenApiParameter(
    "ngay",
    OpenApiTypes.DATE,
    description="Ngày tính mức đạt (YYYY-MM-DD), mặc định hôm nay.",
)


def as_of_date(request) -> datetime.date:
    given = request.query_params.get("ngay")
    if not given:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(given)
    except ValueError:
        raise exceptions.ValidationError(
            {"ngay": [_("Ngày không hợp lệ, cần dạng YYYY-MM-DD.")]}
        ) from None


@extend_schema_view(list=extend_schema(parameters=[AS_OF]))
class IndicatorViewSet(ReadOnly):
    """Indicators with their baseline, target and achievement on ``ngay``
    (``indicators.achievement.as_of``, as the dashboard and the indicator list)."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = params.IndicatorParams

    def rows(self):
        return Indicator.objects.all()

    def get_queryset(self):
        return as_of(super().get_queryset(), as_of_date(self.request))


class ProgressReportViewSet(ReadOnly):
    """Approved progress reports only (drafts, reports waiting for review and returned ones
    stay inside the portal)."""

    serializer_class = serializers.ProgressReportSerializer
    filterset_class = params.ProgressReportParams

    def rows(self):
        return StatusUpdate.objects.filter(state=StatusUpdate.State.APPROVED)


class MoneyView(ConditionalGet, APIView):
    """Need, allocated and disbursed in đồng for the budget lines the parameters select, from
    ``budgets.rollup.roll_up`` over the same rows as the budget list and the dashboard
    (``itplan.plans.filters.money_rows``: the plans' summaries, or the lines under a
    project-level filter)."""

    http_method_names = ["get", "head", "options"]

    @extend_schema(
        responses=serializers.MoneySerializer,
        parameters=params.schema_parameters(params.MoneyParams),
    )
    def get(self, request):
        unchanged = self.handle_conditional(request)
        if unchanged:
            return unchanged
        lines = params.MoneyParams(
            request.query_params,
            queryset=scope(BudgetLine.objects.all(), request.user),
            request=request,
        )
        if not lines.is_valid():
            raise exceptions.ValidationError(lines.errors)
        money = roll_up(money_rows(lines, scope(MoneySummary.objects.all(), request.user)))
        data = {
            "total": money.total,
            "disbursement_rate": money.disbursement_rate,
            "lines": money.lines,
            "by_year": money.by_year,
            "by_source": money.by_source,
        }
        return Response(serializers.MoneySerializer(data).data)
