from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItplanConfig(AppConfig):
    name = "itplan"
    verbose_name = _("Cổng kế hoạch CNTT")

    def ready(self):
        from itplan import pagecache, sessions

        pagecache.connect()
        sessions.connect()
