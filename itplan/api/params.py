"""The API's URL parameters: the portal's own filter sets (``itplan.plans.filters``), so that
``/api/v1/money/?tinh=…&nam=2024&nguon=central`` sums what ``/kinh-phi/?tinh=…&nam=2024&
nguon=central`` lists. Only the sort (``sap_xep``) is left out: a cursor page walks the rows in
the order of their id."""

import copy

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field

from itplan.plans import filters
from projects.models import Plan, StatusUpdate

IDS = ("tinh", "ke_hoach", "don_vi")  # the province, plan and lead agency, by id


def _for_api(filterset: type) -> type:
    """``filterset`` without its sort, its province, plan and agency named as ids in the
    schema (copies: the portal's own filter sets stay as they are)."""
    filterset.base_filters.pop("sap_xep", None)
    for name in IDS:
        if name in filterset.base_filters:
            chosen = copy.deepcopy(filterset.base_filters[name])
            field = {"type": "integer", "description": f"{chosen.label} (id)"}
            filterset.base_filters[name] = extend_schema_field(field)(chosen)
    return filterset


@_for_api
class ProjectParams(filters.ProjectFilter):
    pass


@_for_api
class MoneyParams(filters.BudgetLineFilter):
    pass


@_for_api
class IndicatorParams(filters.IndicatorFilter):
    pass


@_for_api
class PlanParams(django_filters.FilterSet):
    """A province (with the provinces merged into it in 2025), as the lists take it."""

    tinh = filters.RememberedChoiceFilter(
        label=_("Tỉnh"), queryset=filters._provinces, method="filter_province"
    )

    class Meta:
        model = Plan
        fields = []

    def filter_province(self, queryset, name, province):
        return queryset.filter(Q(province=province) | Q(province__successor=province))


@_for_api
class ProgressReportParams(filters.PortalFilterSet):
    """The project's filters (province, plan, lead agency, status, text) and the period."""

    project_path = "project__"
    nam = django_filters.NumberFilter(field_name="year", label=_("Năm"))
    quy = django_filters.NumberFilter(field_name="quarter", label=_("Quý"))

    class Meta:
        model = StatusUpdate
        fields = []


def schema_parameters(filterset: type) -> list[OpenApiParameter]:
    """The OpenAPI parameters of ``filterset`` for a view that is not a list (the money)."""
    found = []
    for name, filter_ in filterset.base_filters.items():
        choices = filter_.extra.get("choices")
        number = isinstance(filter_, django_filters.NumberFilter) or name in IDS
        found.append(
            OpenApiParameter(
                name,
                OpenApiTypes.INT if number else OpenApiTypes.STR,
                enum=[value for value, _label in choices] if choices else None,
                description=str(filter_.label or ""),
            )
        )
    return found
