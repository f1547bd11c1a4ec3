"""The load mixes' bookkeeping (``make load``): what the working day's requests target, how a
request is classed in the gunicorn log, and when a run misses its targets. Quick: run alone
with ``pytest benchmarks/test_load_mix.py --confcutdir=benchmarks``."""

import re

import pytest

from benchmarks import workday
from benchmarks.load import TARGETS, _missed, _saves
from benchmarks.load_log import kind, summary
from itplan.dataset import generate
from projects.models import StatusUpdate
from projects.progress import current_period
from provinces.models import Membership


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/tong-quan/", "dashboard"),
        ("GET", "/tong-quan/?nam=2024&nguon=local", "dashboard_filtered"),
        ("GET", "/du-an/?tinh_trang=paused&q=cong", "list"),
        ("GET", "/kinh-phi/?nam=2024&giai_doan=need", "list"),
        ("GET", "/du-an/12/", "clerk_page"),
        ("GET", "/bao-cao/7/", "clerk_page"),
        ("POST", "/bao-cao/7/", "write_report"),
        ("POST", "/du-an/12/bao-cao/", "write_report"),
        ("POST", "/kinh-phi/5/sua/", "write_money_line"),
        ("POST", "/du-an/12/them-kinh-phi/", "write_money_line"),
        ("GET", "/kinh-phi/?xuat=csv&nam=2024", "export"),
        ("GET", "/ke-hoach/3/xuat-excel/", "export"),
        ("GET", "/bao-cao-ubnd/xem/?ke_hoach=3&ky=2025&dinh_dang=pdf", "pdf"),
    ],
)
def test_each_request_of_the_mixes_is_classed_by_what_it_does(method, path, expected):
    assert kind(method, path) == expected


def test_log_summary_gives_each_kind_its_times_and_statuses():
    line = '127.0.0.1 - - [03/Dec/2026:21:50:00 +0000] "{} {} HTTP/1.0" {} 12 "-" "wrk" {}\n'
    lines = [line.format("GET", "/tong-quan/", 200, ms * 1000) for ms in range(1, 101)]
    lines.append(line.format("POST", "/bao-cao/7/", 302, 250_000))
    figures = summary(lines)
    assert figures["dashboard"]["requests"] == 100
    assert figures["dashboard"]["p50_ms"] == pytest.approx(50.5, abs=0.6)
    assert figures["dashboard"]["p95_ms"] == pytest.approx(95, abs=1)
    assert figures["dashboard"]["max_ms"] == 100
    assert figures["write_report"] == {
        "requests": 1,
        "p50_ms": 250.0,
        "p95_ms": 250.0,
        "max_ms": 250.0,
        "statuses": {"302": 1},
    }


def _run(**counters):
    figures = {
        "requests": 100,
        "sent_read": 70,
        "sent_write": 30,
        "sent_export": 0,
        "sent_pdf": 0,
        "report_saves": 10,
        "report_creates": 2,
        "autosaves": 3,
        "line_saves": 5,
    }
    return figures | counters


BEFORE = {"reports": 100, "report_saves": 1000, "lines": 50, "line_saves": 10}


def test_saves_match_when_every_answered_save_is_in_the_database():
    after = {"reports": 102, "report_saves": 1015, "lines": 52, "line_saves": 15}
    saves = _saves(_run(), BEFORE, after)
    assert saves["saves_done"] == 20
    assert saves["saves_answered"] == 20
    assert saves["saves_match"]


def test_a_save_answered_but_missing_from_the_database_is_caught():
    after = {"reports": 102, "report_saves": 1014, "lines": 52, "line_saves": 15}
    assert not _saves(_run(), BEFORE, after)["saves_match"]


def test_saves_of_requests_unanswered_at_the_end_are_allowed_only_up_to_their_number():
    # 100 answered of 101 sent: one save may be in the database without its answer, not two.
    one_more = {"reports": 102, "report_saves": 1016, "lines": 52, "line_saves": 15}
    two_more = {"reports": 102, "report_saves": 1017, "lines": 52, "line_saves": 15}
    assert _saves(_run(sent_read=71), BEFORE, one_more)["saves_match"]
    assert not _saves(_run(sent_read=71), BEFORE, two_more)["saves_match"]


def _good_working_day() -> dict:
    bounds = TARGETS["working_day"]["kinds_p95_ms"]
    return {
        "requests_per_s": 12.0,
        "p95_ms": 8000.0,
        "errors": 0,
        "saves_match": True,
        "saves_answered": 20,
        "saves_done": 20,
        "unanswered_at_end": 0,
        "kinds": {name: {"p95_ms": bound / 2} for name, bound in bounds.items()},
    }


def test_a_working_day_within_its_targets_misses_none():
    assert _missed("working_day", _good_working_day()) == []


def test_a_slow_kind_a_kind_never_answered_and_an_error_are_each_flagged():
    figures = _good_working_day()
    figures["kinds"]["pdf"] = {"p95_ms": 9000.0}
    del figures["kinds"]["export"]
    figures["errors"] = 1
    missed = _missed("working_day", figures)
    assert "pdf p95_ms 9000.0 >= 6000 (in the workers)" in missed
    assert "export: no request answered" in missed
    assert "errors 1 > 0" in missed
    assert len(missed) == 3


def test_lua_literal_escapes_text_and_nests_tables():
    text = workday._lua({"a": [1, 'x"y\\z'], "b": None, "c": True})
    assert text == '{a={\n1,\n"x\\"y\\\\z"}, b=nil, c=true}'


@pytest.mark.django_db
def test_prepare_gives_clerks_drafts_of_the_period_and_projects_without_a_report(tmp_path):
    generate(provinces=2, seed=1, scale=0.2)
    path = tmp_path / "data.lua"
    first = workday.prepare(str(path), per_province=5, drafts=5)
    # A second run replaces the first run's reports instead of adding to them.
    again = workday.prepare(str(path), per_province=5, drafts=5)
    year, quarter = current_period()
    period = StatusUpdate.objects.filter(year=year, quarter=quarter)
    assert first["drafts"] == again["drafts"] == 10  # two provinces, five each
    assert again["reports_cleared"] == first["drafts"]
    assert period.count() == again["drafts"]
    assert set(period.values_list("state", flat=True)) == {StatusUpdate.State.DRAFT}
    for report in period.select_related("project__plan", "author"):
        clerk = Membership.objects.get(user=report.author)
        assert clerk.role == "staff"
        assert clerk.province_id == report.project.plan.province_id
    lua = path.read_text(encoding="utf-8")
    fresh = [int(n) for n in re.findall(r"\{project=(\d+), session=\"\w+\", status", lua)]
    assert len(fresh) == again["fresh"] == 10
    assert not period.filter(project__in=fresh).exists()
    assert lua.count("session=") >= again["drafts"] + again["fresh"]
