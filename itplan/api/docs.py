"""The API's docs page: Swagger UI (drf-spectacular's split view: the page and its start-up
script are two responses) in a page frame without inline style or script, which the portal's
Content-Security-Policy refuses."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "API — Cổng theo dõi kế hoạch ứng dụng CNTT"
