from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from itplan.api import pages as api_pages
from itplan.appendix import views as appendix_views
from itplan.dashboard import views as dashboard_views
from itplan.opendata import views as opendata_views
from itplan.plans import edit_views, lists, views
from itplan.progress import files
from itplan.progress import views as progress_views
from itplan.reports import views as report_views

admin.site.site_header = _("Cổng theo dõi kế hoạch ứng dụng CNTT")
admin.site.site_title = _("Kế hoạch CNTT")
admin.site.index_title = _("Quản lý dữ liệu")
# The data tables need the width more than the app list beside them.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("", include("itplan.accounts")),  # logout, password change and reset
    path("admin/", admin.site.urls),
    path("ngon-ngu/", include("django.conf.urls.i18n")),
    path("api/v1/", include("itplan.api.urls")),
    path("tai-khoan/khoa-api/", api_pages.token_list, name="api_tokens"),
    path(
        "tai-khoan/khoa-api/<int:token_id>/thu-hoi/",
        api_pages.token_revoke,
        name="api_token_revoke",
    ),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/them/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:plan_id>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:plan_id>/nhap/", edit_views.plan_editor, name="plan_editor"),
    path("ke-hoach/<int:plan_id>/them-du-an/", edit_views.project_add, name="project_add"),
    path("du-an/<int:project_id>/sua/", edit_views.project_edit, name="project_edit"),
    path("du-an/<int:project_id>/xoa/", edit_views.project_archive, name="project_archive"),
    path("du-an/<int:project_id>/them-kinh-phi/", edit_views.line_add, name="line_add"),
    path("kinh-phi/<int:line_id>/sua/", edit_views.line_edit, name="line_edit"),
    path("kinh-phi/<int:line_id>/xoa/", edit_views.line_archive, name="line_archive"),
    path(
        "ke-hoach/<int:plan_id>/nhap-phu-luc/",
        appendix_views.import_upload,
        name="import_upload",
    ),
    path("ke-hoach/<int:plan_id>/xuat-excel/", appendix_views.plan_export, name="plan_export"),
    path("ke-hoach/<int:plan_id>/mau-excel/", appendix_views.plan_template, name="plan_template"),
    path(
        "ke-hoach/<int:plan_id>/du-lieu-mo/", opendata_views.plan_open_data, name="plan_open_data"
    ),
    path("nhap-phu-luc/<int:import_id>/", appendix_views.import_preview, name="import_preview"),
    path("nhap-phu-luc/<int:import_id>/huy/", appendix_views.import_cancel, name="import_cancel"),
    path(
        "nhap-phu-luc/<int:import_id>/nhan-cot/",
        appendix_views.import_columns,
        name="import_columns",
    ),
    path("tong-quan/", dashboard_views.dashboard_view, name="dashboard"),
    path("du-an/", lists.project_list, name="project_list"),
    path("kinh-phi/", lists.budget_list, name="budget_list"),
    path("chi-tieu/", lists.indicator_list, name="indicator_list"),
    path("tien-do/", progress_views.progress_board, name="progress_board"),
    path("chua-bao-cao/", progress_views.missing_reports, name="missing_reports"),
    path("du-an/<int:project_id>/", progress_views.project_detail, name="project_detail"),
    path("du-an/<int:project_id>/bao-cao/", progress_views.report_create, name="report_create"),
    path("bao-cao/<int:report_id>/", progress_views.report_detail, name="report_detail"),
    path(
        "bao-cao/<int:report_id>/dinh-kem/",
        files.attachment_add,
        name="attachment_add",
    ),
    path("dinh-kem/<int:attachment_id>/", files.attachment, name="attachment"),
    path(
        "dinh-kem/<int:attachment_id>/xoa/",
        files.attachment_delete,
        name="attachment_delete",
    ),
    path("chi-tieu/<int:indicator_id>/", progress_views.indicator_detail, name="indicator_detail"),
    path("bao-cao-ubnd/", report_views.report_index, name="ubnd_index"),
    path("bao-cao-ubnd/xem/", report_views.report_preview, name="ubnd_preview"),
    path("bao-cao-ubnd/mau-dau-van-ban/", report_views.letterhead_edit, name="ubnd_letterhead"),
    path("bao-cao-ubnd/<int:report_id>/", report_views.report_detail, name="ubnd_detail"),
    path("bao-cao-ubnd/<int:report_id>/ban-hanh/", report_views.report_issue, name="ubnd_issue"),
    path("bao-cao-ubnd/<int:report_id>/ban-ky-so/", report_views.report_sign, name="ubnd_sign"),
    path(
        "bao-cao-ubnd/<int:report_id>/ky-so-may-chu/",
        report_views.report_sign_on_server,
        name="ubnd_sign_on_server",
    ),
    path(
        "bao-cao-ubnd/<int:report_id>/tai/<str:fmt>/",
        report_views.report_download,
        name="ubnd_download",
    ),
    # The issued report's PDF, made in the background: its state (polled by the page), and
    # making it again after a failure
    path("bao-cao-ubnd/<int:report_id>/trang-thai/", report_views.pdf_status, name="ubnd_status"),
    path("bao-cao-ubnd/<int:report_id>/tao-lai-pdf/", report_views.pdf_remake, name="ubnd_remake"),
]
