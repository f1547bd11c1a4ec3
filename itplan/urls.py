from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("Cổng theo dõi kế hoạch ứng dụng CNTT")
admin.site.site_title = _("Kế hoạch CNTT")
admin.site.index_title = _("Quản lý dữ liệu")
# The data tables need the width more than the app list beside them.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
]
