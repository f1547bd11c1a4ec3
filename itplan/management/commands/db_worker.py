"""``manage.py db_worker``: django-tasks-db's worker, which makes the issued reports' PDFs in the
background (``itplan.reports.tasks``), warmed up before it takes its first task.

This command has the package's name and options and replaces it (the itplan app comes before
``django_tasks_db`` in INSTALLED_APPS), so the one command a deployment runs loads WeasyPrint,
the report templates and the fonts when the worker starts, not while a clerk waits for a PDF.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from itplan.reports.render import warm_up


class Command(db_worker.Command):
    help = "Chạy việc nền (tạo tệp PDF của báo cáo đã ban hành); nạp sẵn WeasyPrint và phông chữ."

    def handle(self, *args, reload: bool, batch: bool, **options):
        # With --reload the first process only watches the files and starts a second one, which
        # runs the tasks: that one warms up.
        if not (reload and not batch) or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            warm_up()
        return super().handle(*args, reload=reload, batch=batch, **options)
