"""The open-data package: a Frictionless Data Package that validates, whose foreign keys hold,
whose money per plan is the portal's roll-up, whose Vietnamese survives, which another
province's user cannot download, and which the command writes byte for byte as the download."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from decimal import Decimal

import frictionless
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budgets import rollup
from budgets.models import BudgetLine
from indicators.models import Measurement
from itplan.opendata import package
from projects.archive import archive
from projects.models import Plan
from provinces.models import Province
from tests.factories import ProjectFactory, make_user

BAC_LIEU_TITLE = (
    "Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Bạc Liêu "
    "giai đoạn 2011 - 2015"
)


def tables(files: dict[str, bytes]) -> dict[str, list[dict]]:
    """Each CSV of a package as rows of {column: text}, read as a program would (UTF-8, commas)."""
    return {
        path.removeprefix("data/").removesuffix(".csv"): list(
            csv.DictReader(io.StringIO(content.decode("utf-8"), newline=""))
        )
        for path, content in files.items()
        if path.endswith(".csv")
    }


def unzipped(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive_file:
        return {name: archive_file.read(name) for name in archive_file.namelist()}


def everything() -> dict[str, bytes]:
    return package.build(Plan.objects.all(), name="ke-hoach-cntt-thu", title="Thử")


def as_user(client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def errors(path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(path))
    return [(task.name, error.type) for task in report.tasks for error in task.errors]


def test_each_seed_plans_package_validates_with_frictionless(seed, tmp_path):
    for slug, plan in seed.items():
        folder = package.write(package.of_plan(plan), tmp_path / slug)
        report = frictionless.validate(str(folder))
        assert report.valid, (slug, report.flatten(["title", "note"]))
        rows = tables(package.of_plan(plan))
        assert [row["document_number"] for row in rows["plans"]] == [plan.document_number]
        assert len(rows["projects"]) == plan.projects.count() > 0


def test_the_zip_validates_too_and_holds_the_descriptor_and_six_tables(seed, tmp_path):
    path = package.write(package.of_plan(seed["tien-giang"]), tmp_path / "tien-giang.zip")
    assert frictionless.validate(str(path)).valid
    assert sorted(unzipped(path.read_bytes())) == [
        "data/budget-lines.csv",
        "data/indicator-targets.csv",
        "data/indicators.csv",
        "data/measurements.csv",
        "data/plans.csv",
        "data/projects.csv",
        "datapackage.json",
    ]


def test_foreign_keys_hold_and_a_broken_one_is_caught(seed, tmp_path):
    files = everything()
    rows = tables(files)
    plans = {row["id"] for row in rows["plans"]}
    projects = {row["id"]: row["plan_id"] for row in rows["projects"]}
    indicators = {row["id"] for row in rows["indicators"]}
    assert len(plans) == 5 and set(projects.values()) == plans
    for line in rows["budget-lines"]:
        assert projects[line["project_id"]] == line["plan_id"]
    assert {row["plan_id"] for row in rows["indicators"]} <= plans
    assert {row["indicator_id"] for row in rows["indicator-targets"]} <= indicators
    assert errors(package.write(files, tmp_path / "good")) == []

    # The validator does check the keys: a money line pointing to no plan is an error.
    broken = dict(files)
    first = rows["budget-lines"][0]
    text = broken["data/budget-lines.csv"].decode()
    broken["data/budget-lines.csv"] = text.replace(
        f"{first['id']},{first['project_id']},{first['plan_id']},",
        f"{first['id']},{first['project_id']},99999,",
        1,
    ).encode()
    assert errors(package.write(broken, tmp_path / "broken")) == [("budget-lines", "foreign-key")]


def test_money_per_plan_is_the_portals_roll_up_for_the_five_seed_plans(seed):
    rows = tables(everything())
    from_lines = defaultdict(lambda: dict.fromkeys(rollup.STAGES, 0))
    for line in rows["budget-lines"]:
        assert line["amount"].isdigit()  # whole đồng, no separators
        from_lines[int(line["plan_id"])][line["stage"]] += int(line["amount"])
    stated = {int(row["id"]): row for row in rows["plans"]}
    for plan in seed.values():
        portal = rollup.of_plans([plan.pk]).total
        assert from_lines[plan.pk] == portal, plan.document_number
        assert {stage: int(stated[plan.pk][stage]) for stage in rollup.STAGES} == portal
    # The figure the plan page shows: 32.200 triệu đồng for Bạc Liêu.
    assert stated[seed["bac-lieu"].pk]["need"] == "32200000000"
    assert int(stated[seed["tien-giang"].pk]["allocated"]) > 0


def test_archived_money_lines_are_left_out(seed):
    plan = seed["bac-lieu"]
    line = BudgetLine.objects.filter(project__plan=plan).order_by("-amount").first()
    staff = make_user("canbo.thu", "staff", plan.province)
    archive(line, by=staff, reason="Nhập trùng")
    rows = tables(package.of_plan(plan))
    assert str(line.pk) not in {row["id"] for row in rows["budget-lines"]}
    assert int(rows["plans"][0]["need"]) == 32_200_000_000 - line.amount
    assert int(rows["plans"][0]["need"]) == rollup.of_plans([plan.pk]).total["need"]


def test_vietnamese_text_survives_in_utf8_with_iso_dates_and_units(seed):
    files = package.of_plan(seed["bac-lieu"])
    assert not files["data/plans.csv"].startswith(b"\xef\xbb\xbf")  # no BOM: for programs
    rows = tables(files)
    plan = rows["plans"][0]
    assert plan["title"] == BAC_LIEU_TITLE
    assert plan["issue_date"] == "2011-08-18"
    assert plan["province_name"] == "Bạc Liêu"
    first = rows["projects"][0]
    assert first["name"].startswith("Xây dựng hệ thống hội nghị giao ban trực tuyến")
    assert first["status_label"] == "Chưa thực hiện"
    assert first["lead_agency"] == "Sở Thông tin và Truyền thông"

    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["title"] == BAC_LIEU_TITLE
    lines = next(r for r in descriptor["resources"] if r["name"] == "budget-lines")
    amount = next(f for f in lines["schema"]["fields"] if f["name"] == "amount")
    assert amount["type"] == "integer" and amount["unit"] == "đồng"
    assert amount["title"] == "Số tiền" and "Đơn vị: đồng" in amount["description"]


def test_the_package_names_its_licence_and_todays_publisher(seed, settings):
    descriptor = json.loads(package.of_plan(seed["bac-lieu"])["datapackage.json"])
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    # Bạc Liêu was merged into Cà Mau in 2025: its plans are published by Cà Mau's department.
    assert descriptor["contributors"] == [
        {
            "title": "Sở Khoa học và Công nghệ tỉnh Cà Mau",
            "organization": "UBND TỈNH CÀ MAU",
            "role": "publisher",
        }
    ]
    assert descriptor["created"].startswith(timezone.localdate().isoformat())

    settings.OPEN_DATA_LICENSE = "CC0-1.0"
    descriptor = json.loads(package.of_plan(seed["bac-lieu"])["datapackage.json"])
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert descriptor["licenses"][0]["path"].endswith("/publicdomain/zero/1.0/")


def test_indicators_carry_the_achievement_the_plan_page_shows(seed, client):
    plan = seed["binh-dinh"]
    indicator = plan.indicators.filter(baseline_value=15).first()  # 15 % -> 100 % by 2015
    Measurement.objects.create(
        indicator=indicator, date=timezone.localdate(), value=Decimal("57.5"), source="Sở KH&CN"
    )
    rows = tables(package.of_plan(plan))
    row = next(r for r in rows["indicators"] if r["id"] == str(indicator.pk))
    assert (row["baseline_value"], row["target_value"], row["actual_value"]) == (
        "15",
        "100",
        "57.5",
    )
    assert row["progress"] == "0.5"
    assert (row["achievement"], row["achievement_label"]) == ("off_track", "Chậm tiến độ")
    _target, _latest, shown = indicator.progress(timezone.localdate())
    assert row["achievement_label"] == shown.label
    measured = [r for r in rows["measurements"] if r["indicator_id"] == str(indicator.pk)]
    assert [(m["date"], m["value"], m["source"]) for m in measured] == [
        (timezone.localdate().isoformat(), "57.5", "Sở KH&CN")
    ]


def test_texts_stay_exactly_as_entered_for_programs(db):
    project = ProjectFactory(name="=1+2 Cổng dịch vụ công", objective="- Kết nối; “trục”, dòng 2\n")
    rows = tables(package.of_plan(project.plan))
    assert rows["projects"][0]["name"] == "=1+2 Cổng dịch vụ công"
    assert rows["projects"][0]["objective"] == "- Kết nối; “trục”, dòng 2\n"


# --- the download ------------------------------------------------------------------------------


def test_plan_page_links_the_download_and_the_province_downloads_its_plan(seed, client):
    plan = seed["bac-lieu"]
    as_user(client, "lanhdao.baclieu")
    url = reverse("plan_open_data", args=[plan.pk])
    page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert f'href="{url}"' in page and "Dữ liệu mở (CSV)" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "du-lieu-mo-ke-hoach-cntt-bac-lieu-2213-qd-ubnd.zip" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store, private"
    assert tables(unzipped(response.content))["plans"][0]["title"] == BAC_LIEU_TITLE


def test_another_provinces_user_cannot_download_a_plan(seed, client):
    url = reverse("plan_open_data", args=[seed["bac-lieu"].pk])
    as_user(client, "canbo.travinh")
    response = client.get(url)
    assert response.status_code == 404
    assert not response.has_header("Content-Disposition")
    assert BAC_LIEU_TITLE.encode() not in response.content

    client.force_login(make_user("khong.vai.tro", None))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page

    as_user(client, "trunguong")  # the national viewer reads all
    assert client.get(url).status_code == 200
    # Bạc Liêu was merged into Cà Mau: Cà Mau's staff read (and download) its plans.
    client.force_login(make_user("canbo.camau", "staff", Province.objects.get(slug="ca-mau")))
    assert client.get(url).status_code == 200


def test_the_download_takes_as_many_queries_for_a_big_plan_as_for_a_small_one(seed, client):
    as_user(client, "trunguong")
    counts = {}
    for slug in ("bac-lieu", "tra-vinh"):  # 11 and 39 projects
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("plan_open_data", args=[seed[slug].pk])).status_code == 200
        counts[slug] = len(captured)
    assert seed["tra-vinh"].projects.count() > 3 * seed["bac-lieu"].projects.count()
    assert counts["bac-lieu"] == counts["tra-vinh"]


# --- the command -------------------------------------------------------------------------------


def test_the_command_writes_the_same_package_as_the_download(seed, client, tmp_path):
    plan = seed["tra-vinh"]
    as_user(client, "canbo.travinh")
    downloaded = client.get(reverse("plan_open_data", args=[plan.pk])).content

    call_command("export_open_data", plan=str(plan.pk), output=tmp_path / "a.zip")
    call_command("export_open_data", plan=plan.document_number, output=tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == downloaded
    assert (tmp_path / "b.zip").read_bytes() == downloaded

    call_command("export_open_data", plan=str(plan.pk), output=tmp_path / "folder")
    written = {
        str(path.relative_to(tmp_path / "folder")): path.read_bytes()
        for path in (tmp_path / "folder").rglob("*")
        if path.is_file()
    }
    assert written == unzipped(downloaded)


def test_the_command_exports_a_province_with_the_provinces_merged_into_it(seed, tmp_path):
    call_command("export_open_data", province="ca-mau", output=tmp_path / "ca-mau")
    rows = tables(
        {
            f"data/{path.name}": path.read_bytes()
            for path in (tmp_path / "ca-mau" / "data").glob("*.csv")
        }
    )
    assert [row["province"] for row in rows["plans"]] == ["bac-lieu"]
    assert frictionless.validate(str(tmp_path / "ca-mau" / "datapackage.json")).valid

    call_command("export_open_data", all=True, output=tmp_path / "all.zip")
    assert len(tables(unzipped((tmp_path / "all.zip").read_bytes()))["plans"]) == 5


@pytest.mark.parametrize(
    ("options", "message"),
    [({"plan": "999999"}, "Không có kế hoạch mã 999999"), ({"province": "khong-co"}, "khong-co")],
)
def test_the_command_says_what_it_cannot_find(seed, tmp_path, options, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("export_open_data", output=tmp_path / "x.zip", **options)
    assert not (tmp_path / "x.zip").exists()
