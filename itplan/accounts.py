"""A user's own account: sign out, change the password, reset a forgotten one by e-mail.

Django's views with the portal's Vietnamese templates (``templates/registration/``, under
Django's names: the admin's own password change and logout show the same pages), under
Vietnamese paths; signing in stays at ``/dang-nhap/`` (``itplan.urls``). The reset link is built
from ``SITE_URL``, the address users reach the portal at, never from the request's Host header.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path


class PasswordResetView(auth_views.PasswordResetView):
    """Sends the Vietnamese reset e-mail; says the same whether the address is known or not."""

    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


urlpatterns = [
    # POST only (Django 5): a link or an image cannot sign a user out.
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("quen-mat-khau/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
