import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itplan.settings")
application = get_wsgi_application()

# Each worker (gunicorn imports this module once per worker; runserver once per start) loads
# WeasyPrint, the report templates and fonts now rather than in its first PDF request. A failure
# only logs (itplan.reports.render.warm_up).
from itplan.reports.render import warm_up  # noqa: E402 - needs the application's settings

warm_up()
