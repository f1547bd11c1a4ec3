"""The first report PDF after a worker starts, timed in a fresh process (benchmarks/test_pdf.py
runs it): Django set up, the worker's start as gunicorn makes it (``import itplan.wsgi``, which
warms up: ``itplan.reports.render.warm_up``), then the first and the second PDF of Trà Vinh's
seed plan for 2014, each with its content. Prints the seconds as JSON.

    python -m benchmarks.first_pdf prepare sqlite:////tmp/first.sqlite3   # migrate, seed
    python -m benchmarks.first_pdf measure sqlite:////tmp/first.sqlite3   # PDF_WARM_UP=0: cold

Its own database (SQLite, prepared once by ``prepare``): the time is WeasyPrint's, not the
queries'.
"""

import json
import os
import sys
from time import perf_counter

PLAN = "tra-vinh-952-2011.yaml"
PERIOD = "2014"
USERNAME = "bench.canbo.travinh"


def prepare() -> None:
    from django.core.management import call_command

    from itplan.dataset.seed import FIXTURES, load_plan, load_provinces
    from tests.factories import make_user

    call_command("migrate", verbosity=0)
    load_provinces()
    plan = load_plan(FIXTURES / "plans" / PLAN)
    make_user(USERNAME, "staff", plan.province)


def measure() -> dict:
    started = perf_counter()
    import django

    django.setup()
    setup_s = perf_counter() - started

    started = perf_counter()
    import itplan.wsgi  # noqa: F401 - a worker's start: the application, then the warm-up

    start_s = perf_counter() - started

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from itplan.reports import Period, new_report
    from itplan.reports.render import pdf
    from projects.models import Plan

    user = get_user_model().objects.get(username=USERNAME)
    plan = Plan.objects.get(province__slug="tra-vinh")
    runs = []
    for _ in range(2):
        started = perf_counter()
        report, data = new_report(
            params={"ke_hoach": str(plan.pk)},
            period=Period.parse(PERIOD),
            user=user,
            today=timezone.localdate(),
        )
        document = pdf(report, data)
        runs.append(perf_counter() - started)
        assert document.startswith(b"%PDF")
    return {
        "setup_s": round(setup_s, 3),
        "worker_start_s": round(start_s, 3),
        "first_s": round(runs[0], 3),
        "second_s": round(runs[1], 3),
        "warmed_up": os.environ.get("PDF_WARM_UP", "1") != "0",
    }


if __name__ == "__main__":
    command, database = sys.argv[1], sys.argv[2]
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itplan.settings")
    if command == "prepare":
        import django

        django.setup()
        prepare()
    else:
        print(json.dumps(measure()))  # read by benchmarks/test_pdf.py
