"""The UBND report's PDF on the national dataset: a plan of about 50 projects (a province
leader's report) and the national roll-up (34 provinces, ~20.000 projects). The figures go to
bench-results.json, "pdf": the median seconds of the PDF (``plan_50_projects_s``, ``national_s``)
and, as the baseline measured in the same run, the seconds to gather the report's content (the
queries and the data, no layout), with their ratio.

Targets (issue 6): the plan's PDF under 2 s, the national one under 15 s. Printed and recorded
(``meets_target``); the test fails only on a PDF that is not one.

Where a person waits (issue 19): "pdf_first", the first PDF after a worker starts against the
second, in fresh processes (benchmarks/first_pdf.py), with and without the warm-up (target: the
first at most 1,5 × the second); "issue", the POST that issues a report, through the test client
with the portal's database queue (target: 2 s; the PDF is made by the worker afterwards).
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from statistics import median
from time import perf_counter

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from benchmarks.results import record
from itplan.dataset.seed import FIXTURES, load_plan, load_provinces
from itplan.reports import Period, new_report
from itplan.reports.render import pdf
from projects.models import Plan
from tests.factories import make_user

RUNS = 3
TARGETS = {"plan_50_projects": 2.0, "national": 15.0}


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = perf_counter()
        result = function()
        times.append(perf_counter() - started)
    return median(times), result


@pytest.mark.django_db
def test_report_pdf_at_national_scale(national, capsys):
    today = timezone.localdate()
    plans = Plan.objects.annotate(n=Count("projects"))
    plan = min(plans, key=lambda p: (abs(p.n - 50), p.pk))  # the plan nearest 50 projects
    leader = make_user("bench.lanhdao.pdf", "leader", plan.province)
    cases = {
        "plan_50_projects": (leader, {"ke_hoach": str(plan.pk)}),
        "national": (national["users"]["national"], {}),
    }
    figures = {}
    for name, (user, params) in cases.items():
        runs = RUNS if name != "national" else 2

        def build(user=user, params=params):
            return new_report(params=params, period=Period(), user=user, today=today)

        content_s, (report, data) = timed(build, runs)
        pdf_s, document = timed(lambda report=report, data=data: pdf(report, data), runs)
        assert document.startswith(b"%PDF")
        total = content_s + pdf_s
        figures[name] = {
            "s": round(total, 2),
            "content_s": round(content_s, 3),
            "layout_s": round(pdf_s, 3),
            "ratio_to_content": round(total / content_s, 1),
            "projects": data["figures"]["projects"],
            "bytes": len(document),
            "meets_target": total < TARGETS[name],
        }
    result = {
        "plan_50_projects_s": figures["plan_50_projects"]["s"],
        "national_s": figures["national"]["s"],
        "runs": RUNS,
        **figures,
    }
    record("pdf", result)
    with capsys.disabled():
        print(f"\n{'report':20} {'PDF s':>7} {'content s':>10} {'ratio':>6} {'projects':>9}")
        for name, row in figures.items():
            mark = "" if row["meets_target"] else "  (target missed)"
            print(
                f"{name:20} {row['s']:7.2f} {row['content_s']:10.3f} "
                f"{row['ratio_to_content']:6.1f} {row['projects']:9d}{mark}"
            )


ROOT = Path(__file__).resolve().parent.parent
FIRST_PDF_RATIO = 1.5  # the first PDF after a worker start at most 1,5 × the second
ISSUE_S = 2.0
WORKER_STARTS = 3


def first_pdf(command: str, database: str, warm_up: bool = True) -> dict | None:
    """``benchmarks/first_pdf.py`` in a process of its own: a worker that starts fresh."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "PDF_WARM_UP": "1" if warm_up else "0"}
    done = subprocess.run(  # noqa: S603 - this interpreter and the repository's own script
        [sys.executable, "-m", "benchmarks.first_pdf", command, database],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]) if command == "measure" else None


def _summary(starts: list[dict]) -> dict:
    first, second = median(s["first_s"] for s in starts), median(s["second_s"] for s in starts)
    return {
        "first_s": round(first, 3),
        "second_s": round(second, 3),
        "ratio": round(median(s["first_s"] / s["second_s"] for s in starts), 2),
        "worker_start_s": round(median(s["worker_start_s"] for s in starts), 3),
        "setup_s": round(median(s["setup_s"] for s in starts), 3),
    }


def test_first_pdf_after_a_worker_start(tmp_path, capsys):
    database = f"sqlite:///{tmp_path / 'first-pdf.sqlite3'}"
    first_pdf("prepare", database)
    warm = _summary([first_pdf("measure", database) for _ in range(WORKER_STARTS)])
    cold = _summary([first_pdf("measure", database, warm_up=False) for _ in range(WORKER_STARTS)])
    result = {
        **warm,
        "target_ratio": FIRST_PDF_RATIO,
        "meets_target": warm["ratio"] <= FIRST_PDF_RATIO,
        "without_warm_up": cold,
        "report": "Trà Vinh 952/QĐ-UBND, năm 2014",
        "worker_starts": WORKER_STARTS,
    }
    record("pdf_first", result)
    with capsys.disabled():
        print(f"\n{'first PDF':20} {'first s':>8} {'second s':>9} {'ratio':>6} {'start s':>8}")
        for name, row in (("warmed up", warm), ("without warm-up", cold)):
            mark = "" if name != "warmed up" or result["meets_target"] else "  (target missed)"
            print(
                f"{name:20} {row['first_s']:8.2f} {row['second_s']:9.2f} {row['ratio']:6.2f} "
                f"{row['worker_start_s']:8.2f}{mark}"
            )


@pytest.mark.django_db
def test_issuing_answers_while_the_pdf_is_made_after(
    national, client, settings, django_capture_on_commit_callbacks, capsys
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the portal's
    today = timezone.localdate()
    load_provinces()
    tra_vinh = load_plan(FIXTURES / "plans" / "tra-vinh-952-2011.yaml")
    plans = Plan.objects.annotate(n=Count("projects"))
    plan_50 = min(plans, key=lambda p: (abs(p.n - 50), p.pk))
    cases = {
        "tra_vinh_2014": (tra_vinh, "2014"),
        "tra_vinh_plan": (tra_vinh, ""),
        "plan_50_projects": (plan_50, ""),
    }
    figures = {}
    for name, (plan, period) in cases.items():
        staff = make_user(f"bench.canbo.{name}", "staff", plan.province)
        client.force_login(staff)
        times = []
        for run in range(RUNS):
            draft, _ = new_report(
                params={"ke_hoach": str(plan.pk)},
                period=Period.parse(period),
                user=staff,
                today=today,
            )
            draft.save()
            started = perf_counter()
            with django_capture_on_commit_callbacks(execute=True):  # the task is queued
                response = client.post(
                    reverse("ubnd_issue", args=[draft.pk]), {"number": f"{run + 1}/BC-{name}"}
                )
            times.append(perf_counter() - started)
            assert response.status_code == 302
            draft.refresh_from_db()
            assert draft.issued and not draft.pdf  # made by the worker, not in the request
        figures[name] = {
            "s": round(median(times), 3),
            "projects": plan.projects.count(),
            "meets_target": median(times) <= ISSUE_S,
        }
    assert DBTaskResult.objects.count() == RUNS * len(cases)
    record("issue", {**figures, "target_s": ISSUE_S, "runs": RUNS, "backend": "database"})
    with capsys.disabled():
        print(f"\n{'issue':20} {'s':>7} {'projects':>9}")
        for name, row in figures.items():
            mark = "" if row["meets_target"] else "  (target missed)"
            print(f"{name:20} {row['s']:7.3f} {row['projects']:9d}{mark}")
