"""django-axes (the lockout after failed sign-ins) under a Vietnamese name in the admin: the
library's app has no verbose name, so the admin would title its section "Axes"."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Đăng nhập sai và khóa tài khoản")
