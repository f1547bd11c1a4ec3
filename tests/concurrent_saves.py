"""Run by tests/test_sqlite_concurrency.py in a subprocess, on a fresh SQLite file named by
DATABASE_URL (the test database of pytest-django is in memory, where SQLite locks differently):
migrate, then 20 threads each save a project and its progress report at the same moment.
Prints {"errors": [...], "projects": n, "reports": n} as JSON."""

import json
import os
import sys
import threading

import django

THREADS = 20


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itplan.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from projects.models import Project, StatusUpdate
    from tests.factories import PlanFactory, ProjectFactory, ProvinceFactory, make_user

    call_command("migrate", verbosity=0)
    plan = PlanFactory(province=ProvinceFactory())
    author = make_user("canbo", "staff", plan.province)
    projects = [ProjectFactory(plan=plan) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors = []

    def save(project):
        try:
            start.wait()
            with transaction.atomic():  # as a form view does: read, then write
                project = Project.objects.get(pk=project.pk)
                project.name += " (đã sửa)"
                project.save()
                StatusUpdate.objects.create(
                    project=project,
                    year=2026,
                    quarter=1,
                    status=Project.Status.IN_PROGRESS,
                    percent_complete=50,
                    author=author,
                )
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(p,)) for p in projects]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    json.dump(
        {
            "errors": errors,
            "projects": Project.objects.filter(name__endswith="(đã sửa)").count(),
            "reports": StatusUpdate.objects.count(),
            "journal_mode": journal,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
