"""An issued report's PDF, printed in the background (issue 19, item 5): issuing answers at once
and the page shows "Đang tạo tệp PDF…" until the worker has stored it; a PDF that could not be
made shows why, and staff make it again; the state URL the page polls, for each role; the
worker's and the web workers' warm-up."""

import importlib
import io
import logging
import signal
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from itplan.dataset.seed import FIXTURES, load_plan, load_provinces
from itplan.models import Report
from itplan.reports import render
from provinces.models import Province
from tests.database import changed_tables, snapshot
from tests.factories import make_user


@pytest.fixture
def tra_vinh(db):
    """Trà Vinh's seed plan, a draft of its 2014 report, and the province's staff and leader
    (the other seed plans are not needed: loading them costs seconds)."""
    load_provinces()
    plan = load_plan(FIXTURES / "plans" / "tra-vinh-952-2011.yaml")
    staff = make_user("cb.tv", "staff", plan.province)
    leader = make_user("ld.tv", "leader", plan.province)
    draft = Report.objects.create(
        province=plan.province,
        params={"ke_hoach": str(plan.pk)},
        period="2014",
        parent_body="UBND TỈNH TRÀ VINH",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        place="Trà Vinh",
        issue_date="2026-11-20",
        summary="Kết quả thực hiện kế hoạch 952/QĐ-UBND, năm 2014",
        recipient="Ủy ban nhân dân tỉnh Trà Vinh",
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        created_by=staff,
    )
    return {"plan": plan, "staff": staff, "leader": leader, "draft": draft}


def issue(client, user, report, capture, *, run_task: bool):
    """Issue ``report`` as ``user``; its PDF task runs (the immediate backend) only when the
    transaction's commit callbacks are run: ``run_task``."""
    client.force_login(user)
    with capture(execute=run_task) as callbacks:
        response = client.post(reverse("ubnd_issue", args=[report.pk]), {"number": "7/BC-SKHCN"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.issued
    return callbacks


def status(client, report):
    return client.get(reverse("ubnd_status", args=[report.pk]))


def posted(client, url):
    """POST ``url``, checking that the database is left as it was (a refused write)."""
    before = snapshot()
    response = client.post(url)
    assert changed_tables(before, snapshot()) == []
    return response


def page(client, report) -> str:
    return client.get(reverse("ubnd_detail", args=[report.pk])).content.decode()


def test_issuing_shows_progress_then_the_pdf_downloads(
    client, tra_vinh, django_capture_on_commit_callbacks
):
    report, staff = tra_vinh["draft"], tra_vinh["staff"]
    callbacks = issue(client, staff, report, django_capture_on_commit_callbacks, run_task=False)
    assert len(callbacks) == 1  # the PDF is queued, not printed in the request
    assert not report.pdf and report.pdf_error == ""

    text = page(client, report)
    assert "Đang tạo tệp PDF…" in text
    assert f'href="{reverse("ubnd_detail", args=[report.pk])}">Tải lại trang</a>' in text
    assert "js/report-status.js" in text
    assert f'data-status-url="{reverse("ubnd_status", args=[report.pk])}"' in text
    assert reverse("ubnd_download", args=[report.pk, "pdf"]) not in text  # no "Tải PDF" yet
    assert status(client, report).json() == {"state": "pending", "url": "", "error": ""}
    early = client.get(reverse("ubnd_download", args=[report.pk, "pdf"]))
    assert early.status_code == 409
    assert early["Content-Type"].startswith("text/html")
    assert "Tệp PDF của báo cáo số 7/BC-SKHCN chưa sẵn sàng" in early.content.decode()

    callbacks[0]()  # the worker takes the task
    report.refresh_from_db()
    assert report.pdf.name.endswith(".pdf") and report.pdf_error == ""
    download_url = reverse("ubnd_download", args=[report.pk, "pdf"])
    assert status(client, report).json() == {"state": "ready", "url": download_url, "error": ""}
    text = page(client, report)
    assert "Đang tạo tệp PDF" not in text and "report-status.js" not in text
    assert f'href="{download_url}">Tải PDF</a>' in text
    download = client.get(download_url)
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert body.startswith(b"%PDF") and body == report.pdf.open("rb").read()


def test_the_state_url_answers_whoever_may_see_the_report(
    client, tra_vinh, django_capture_on_commit_callbacks
):
    report = tra_vinh["draft"]
    issue(client, tra_vinh["staff"], report, django_capture_on_commit_callbacks, run_task=False)
    bac_lieu = Province.objects.get(slug="bac-lieu")
    users = {
        "staff": tra_vinh["staff"],
        "leader": tra_vinh["leader"],
        "staff_other": make_user("cb.bl", "staff", bac_lieu),
        "leader_other": make_user("ld.bl", "leader", bac_lieu),
        "national": make_user("tw", "national"),
        "anonymous": None,
    }
    answers = {}
    for who, user in users.items():
        client.logout()
        if user:
            client.force_login(user)
        before = snapshot()
        response = status(client, report)
        assert changed_tables(before, snapshot()) == [], who  # a GET changes nothing
        answers[who] = response.status_code
        if response.status_code == 200:
            assert response.json()["state"] == "pending"
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))
    assert answers == {
        "staff": 200,
        "leader": 200,
        "staff_other": 404,
        "leader_other": 404,
        "national": 404,
        "anonymous": 302,
    }


def test_a_draft_has_no_pdf_to_wait_for(client, tra_vinh):
    client.force_login(tra_vinh["leader"])
    assert status(client, tra_vinh["draft"]).json()["state"] == "draft"
    text = page(client, tra_vinh["draft"])
    assert "Đang tạo tệp PDF" not in text
    assert reverse("ubnd_download", args=[tra_vinh["draft"].pk, "pdf"]) in text


@pytest.fixture
def broken_printer(monkeypatch):
    def refuse(report, data):
        raise OSError("không đọc được phông chữ Tinos")

    monkeypatch.setattr("itplan.reports.document.pdf", refuse)
    return monkeypatch


def test_a_pdf_that_fails_shows_why_and_staff_make_it_again(
    client, tra_vinh, django_capture_on_commit_callbacks, broken_printer
):
    report, staff, leader = tra_vinh["draft"], tra_vinh["staff"], tra_vinh["leader"]
    issue(client, staff, report, django_capture_on_commit_callbacks, run_task=True)
    assert not report.pdf
    assert report.pdf_error == "OSError: không đọc được phông chữ Tinos"
    assert status(client, report).json() == {
        "state": "failed",
        "url": "",
        "error": "OSError: không đọc được phông chữ Tinos",
    }
    text = page(client, report)
    assert "Chưa tạo được tệp PDF của báo cáo." in text
    assert "Lý do: OSError: không đọc được phông chữ Tinos" in text
    assert "Tạo lại tệp PDF</button>" in text
    assert "Đang tạo tệp PDF" not in text
    download = client.get(reverse("ubnd_download", args=[report.pk, "pdf"]))
    assert download.status_code == 409
    assert "Lý do: OSError: không đọc được phông chữ Tinos" in download.content.decode()

    # The leader reads the reason, without the button, and may not make it again
    client.force_login(leader)
    text = page(client, report)
    assert "Lý do: OSError" in text and "Tạo lại tệp PDF</button>" not in text
    remake = reverse("ubnd_remake", args=[report.pk])
    assert posted(client, remake).status_code == 403
    client.force_login(make_user("cb.bl", "staff", Province.objects.get(slug="bac-lieu")))
    assert posted(client, remake).status_code == 404
    assert client.get(remake).status_code == 405
    client.logout()
    assert posted(client, remake)["Location"].startswith(reverse("login"))

    # Staff make it again once the printer works
    broken_printer.undo()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remake, follow=True)
    assert "Đang tạo lại tệp PDF." in response.content.decode()
    report.refresh_from_db()
    assert report.pdf.read().startswith(b"%PDF") and report.pdf_error == ""
    assert f'href="{reverse("ubnd_download", args=[report.pk, "pdf"])}">Tải PDF</a>' in page(
        client, report
    )
    # Made: nothing to make again
    again = client.post(remake, follow=True)
    assert "Báo cáo này không cần tạo lại tệp PDF." in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker_make_the_pdf(client, tra_vinh, settings, monkeypatch):
    """The portal's own backend end to end: issuing queues a task row once committed; the
    worker (``manage.py db_worker``, warmed up first) prints and stores the PDF."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    warm_ups = []
    monkeypatch.setattr("itplan.management.commands.db_worker.warm_up", lambda: warm_ups.append(1))
    report = tra_vinh["draft"]
    client.force_login(tra_vinh["staff"])
    client.post(reverse("ubnd_issue", args=[report.pk]), {"number": "7/BC-SKHCN"})
    report.refresh_from_db()
    assert report.issued and not report.pdf
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.args_kwargs["args"]) == (
        "itplan.reports.tasks.make_pdf",
        [report.pk],
    )
    assert status(client, report).json()["state"] == "pending"

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", batch=True, startup_delay=False, stdout=io.StringIO())
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert warm_ups == [1]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value is True
    report.refresh_from_db()
    assert report.pdf.read().startswith(b"%PDF")
    assert status(client, report).json()["state"] == "ready"


def test_warm_up_prints_a_page_with_the_reports_stylesheet(monkeypatch):
    printed = []
    print_pdf = render.print_pdf
    monkeypatch.setattr(render, "print_pdf", lambda html: printed.append(html) or print_pdf(html))
    assert render.warm_up() > 0
    assert "Tinos_700Bold.ttf" in printed[0] and "Ủy ban nhân dân" in printed[0]


def test_warm_up_failing_only_logs(monkeypatch, settings, caplog):
    def refuse(html):
        raise OSError("fontconfig")

    monkeypatch.setattr(render, "print_pdf", refuse)
    with caplog.at_level(logging.ERROR, logger="itplan.reports.render"):
        assert render.warm_up() is None
    assert "PDF warm-up failed" in caplog.text
    settings.PDF_WARM_UP = False
    caplog.clear()
    assert render.warm_up() is None and caplog.text == ""


def test_the_web_worker_warms_up_when_it_loads_the_application(monkeypatch):
    calls = []
    monkeypatch.setattr(render, "warm_up", lambda: calls.append(1))
    monkeypatch.delitem(sys.modules, "itplan.wsgi", raising=False)
    wsgi = importlib.import_module("itplan.wsgi")
    assert callable(wsgi.application) and calls == [1]
