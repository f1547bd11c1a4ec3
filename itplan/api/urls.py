"""``/api/v1/``: the read API, its OpenAPI schema and its docs (Swagger UI from the portal's
own static files: drf-spectacular-sidecar; the page's script is a file of its own, as the
portal's Content-Security-Policy allows no inline script)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from itplan.api import docs, views

router = DefaultRouter()
router.include_format_suffixes = False  # JSON only: no ".json" twin of every URL
router.register("provinces", views.ProvinceViewSet, basename="api-province")
router.register("plans", views.PlanViewSet, basename="api-plan")
router.register("projects", views.ProjectViewSet, basename="api-project")
router.register("indicators", views.IndicatorViewSet, basename="api-indicator")
router.register("progress-reports", views.ProgressReportViewSet, basename="api-report")

urlpatterns = [
    path("", include(router.urls)),
    path("money/", views.MoneyView.as_view(), name="api-money"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", docs.SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
