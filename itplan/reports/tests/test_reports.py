"""UBND reports: the period, the amount in words, the content drawn from the seed plans, the
pages (scope, drafts, issuing, freezing) and who may see them. The PDF's own text is checked in
test_report_pdf.py."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from budgets.money import in_words
from itplan.models import Report
from itplan.reports import Period, PeriodError, ReportError, build, new_report
from itplan.reports.render import place_and_date
from projects.models import Project
from projects.progress import approve, submit
from provinces.models import Province
from tests.factories import (
    BudgetLineFactory,
    IndicatorFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
    report,
)

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("", "giai đoạn 2011 - 2015"),
        ("2014", "năm 2014"),
        ("2014-q3", "quý III năm 2014"),
        ("2014-6t1", "6 tháng đầu năm 2014"),
        ("2014-6t2", "6 tháng cuối năm 2014"),
    ],
)
def test_period_codes_read_and_name_the_period(code, label):
    period = Period.parse(code)
    assert period.code == code
    assert period.label((2011, 2015)) == label


@pytest.mark.parametrize(
    ("code", "named"), [("3015", "3015"), ("2014-q5", "2014-q5"), ("năm 2014", "năm 2014")]
)
def test_an_unreadable_period_is_refused_naming_it(code, named):
    with pytest.raises(PeriodError, match=named):
        Period.parse(code)


def test_period_end_and_its_reports():
    assert Period.parse("2014-q1").end(TODAY) == datetime.date(2014, 3, 31)
    assert Period.parse("2014-6t2").end(TODAY) == datetime.date(2014, 12, 31)
    assert Period.parse("2026").end(TODAY) == TODAY  # not over yet


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (32_200_000_000, "Ba mươi hai tỷ hai trăm triệu đồng"),
        (42_280_000_000, "Bốn mươi hai tỷ hai trăm tám mươi triệu đồng"),
        (439_050_000_000, "Bốn trăm ba mươi chín tỷ không trăm năm mươi triệu đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (9_876_000_000_000, "Chín nghìn tám trăm bảy mươi sáu tỷ đồng"),
        (2_021_015, "Hai triệu không trăm hai mươi mốt nghìn không trăm mười lăm đồng"),
        (0, "Không đồng"),
    ],
)
def test_amounts_in_words(amount, words):
    assert in_words(amount) == words


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (datetime.date(2026, 1, 5), "Bạc Liêu, ngày 05 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 28), "Bạc Liêu, ngày 28 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 9), "Bạc Liêu, ngày 09 tháng 3 năm 2026"),
        (datetime.date(2026, 11, 23), "Bạc Liêu, ngày 23 tháng 11 năm 2026"),
    ],
)
def test_place_and_date_as_decree_30_writes_them(date, text):
    assert place_and_date("Bạc Liêu", date) == text


def approved(project, staff, leader, **fields):
    update = report(project, staff, **fields)
    submit(update, by=staff)
    return approve(update, by=leader)


@pytest.fixture
def bac_lieu(seed):
    plan = seed["bac-lieu"]
    province = plan.province
    staff = make_user("cb.bl", "staff", province)
    leader = make_user("ld.bl", "leader", province)
    first, second = plan.projects.order_by("order")[:2]
    approved(
        first,
        staff,
        leader,
        year=2014,
        quarter=3,
        status=Project.Status.IN_PROGRESS,
        percent_complete=60,
        results="Đã lắp đặt 12 điểm cầu",
        difficulties="Đường truyền huyện Đông Hải chậm",
        proposals="Bổ sung 500 triệu đồng cho đường truyền",
    )
    approved(
        second,
        staff,
        leader,
        year=2013,
        quarter=4,
        results="Khảo sát xong",
        difficulties="Thiếu cán bộ",
    )
    return plan, staff, leader


def test_plan_report_content_from_the_seed(bac_lieu):
    plan, staff, _ = bac_lieu
    data = build(params={"ke_hoach": str(plan.pk)}, period=Period(), user=staff, today=TODAY)
    assert data["scope"]["province"] == "Bạc Liêu"
    assert data["figures"]["projects"] == 11
    in_progress = {row["label"]: row["count"] for row in data["figures"]["by_status"]}
    assert in_progress["Đang thực hiện"] == 2
    money = data["money"]
    assert money["total"]["need"] == 32_200_000_000
    assert money["words"]["need"] == "Ba mươi hai tỷ hai trăm triệu đồng"
    assert sorted(row["need"] for row in money["by_source"]) == [14_890_000_000, 17_310_000_000]
    first = data["projects"][0]
    assert (first["status"], first["percent"], first["report_period"]) == (
        "Đang thực hiện",
        60,
        "Quý III/2014",
    )
    assert first["results"] == "Đã lắp đặt 12 điểm cầu"
    # Difficulties of every approved report of the period, one line per project report
    assert "Đường truyền huyện Đông Hải chậm" in data["difficulties"]
    assert "Thiếu cán bộ" in data["difficulties"]
    assert data["proposals"].count("\n") == 0  # one project proposed something
    assert data["indicators"][0]["target"] == "70 %"


def test_the_period_narrows_reports_and_money(bac_lieu):
    plan, staff, _ = bac_lieu
    data = build(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse("2014"), user=staff, today=TODAY
    )
    assert "Đường truyền huyện Đông Hải chậm" in data["difficulties"]
    assert "Thiếu cán bộ" not in data["difficulties"]  # a 2013 report
    # Bạc Liêu's appendix gives the whole period only: no line of 2014
    assert data["money"]["total"]["need"] == 0
    # … so the report has nothing to say about 2014's money: no line, no cumulative, no zero
    assert data["money"]["lines"] == 0 and data["money"]["cumulative"] is None
    assert data["projects"][1]["money"] == {"period": None, "cumulative": None}
    assert data["projects"][1]["report_period"] == ""


def test_a_draft_proposes_the_header_a_clerk_writes(bac_lieu):
    plan, staff, _ = bac_lieu
    draft, data = new_report(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse("2014-q3"), user=staff, today=TODAY
    )
    # Made today, Bạc Liêu's plan is reported on by Cà Mau (merged on 01/07/2025)
    assert draft.parent_body == "UBND TỈNH CÀ MAU"
    assert draft.issuing_body == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert draft.recipient == "Ủy ban nhân dân tỉnh Cà Mau"
    assert draft.place == "Cà Mau"
    assert draft.summary.endswith("(2213/QĐ-UBND) của tỉnh Bạc Liêu (cũ), quý III năm 2014")
    assert draft.difficulties.startswith("- Xây dựng hệ thống hội nghị giao ban")
    assert draft.signer_title == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"


def test_a_scope_outside_the_users_province_is_refused(seed):
    leader = make_user("ld.tv", "leader", seed["tra-vinh"].province)
    with pytest.raises(ReportError, match="Kế hoạch"):
        build(
            params={"ke_hoach": str(seed["bac-lieu"].pk)},
            period=Period(),
            user=leader,
            today=TODAY,
        )


def test_report_page_shows_the_plan_and_refuses_another_provinces_plan(client, bac_lieu):
    plan, _, leader = bac_lieu
    client.force_login(leader)
    page = client.get(reverse("ubnd_preview"), {"ke_hoach": plan.pk, "ky": "2014-q3"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "UBND TỈNH CÀ MAU" in text
    assert "quý III năm 2014" in text
    assert "Đường truyền huyện Đông Hải chậm" in text
    other = Province.objects.get(slug="tra-vinh").plans.get()
    refused = client.get(reverse("ubnd_preview"), {"ke_hoach": other.pk})
    assert refused.status_code == 400
    assert "Phạm vi báo cáo không hợp lệ" in refused.content.decode()
    bad = client.get(reverse("ubnd_preview"), {"ky": "2013-3015"})
    assert bad.status_code == 400
    assert "2013-3015" in bad.content.decode()


def test_dashboard_links_to_the_report_of_its_filter(client, seed):
    client.force_login(make_user("tw", "national"))
    page = client.get(reverse("dashboard"), {"tinh": seed["tra-vinh"].province.pk}).content
    assert f'href="/bao-cao-ubnd/xem/?tinh={seed["tra-vinh"].province.pk}"'.encode() in page


def test_leaders_read_but_cannot_keep_a_draft(client, bac_lieu):
    plan, _, leader = bac_lieu
    client.force_login(leader)
    response = client.post(reverse("ubnd_preview") + f"?ke_hoach={plan.pk}")
    assert response.status_code == 403
    assert not Report.objects.exists()


def draft_for(client, staff, plan, period="2014-q3") -> Report:
    client.force_login(staff)
    response = client.post(reverse("ubnd_preview") + f"?ke_hoach={plan.pk}&ky={period}")
    assert response.status_code == 302
    return Report.objects.latest("id")


def test_staff_edit_a_draft_then_issue_it_and_the_issued_report_stays(
    client, bac_lieu, django_capture_on_commit_callbacks
):
    plan, staff, leader = bac_lieu
    draft = draft_for(client, staff, plan, period="")  # the whole plan: the money has no years
    form = {
        "parent_body": "UBND TỈNH BẠC LIÊU",
        "issuing_body": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "place": "Bạc Liêu",
        "issue_date": "05/01/2026",
        "summary": draft.summary,
        "recipient": draft.recipient,
        "difficulties": "Thiếu kinh phí đường truyền.",
        "proposals": "Đề nghị UBND tỉnh bố trí 500 triệu đồng.",
        "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "signer_name": "Nguyễn Văn An",
        "recipients": "- Như trên;\n- Lưu: VT.",
    }
    assert client.post(reverse("ubnd_detail", args=[draft.pk]), form).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):  # the PDF, printed once committed
        issued = client.post(reverse("ubnd_issue", args=[draft.pk]), {"number": "15/BC-SKHCN"})
    assert issued.status_code == 302
    draft.refresh_from_db()
    assert draft.issued and draft.number == "15/BC-SKHCN"
    assert draft.issue_date == datetime.date(2026, 1, 5)
    stored_pdf = draft.pdf.read()
    assert stored_pdf.startswith(b"%PDF")
    frozen_need = draft.data["money"]["total"]["need"]

    # The data changes after issuing: the issued report does not
    BudgetLine.objects.filter(project__plan=plan).update(amount=1)
    Project.objects.filter(plan=plan).update(status=Project.Status.COMPLETED)
    page = client.get(reverse("ubnd_detail", args=[draft.pk])).content.decode()
    assert "ngày 05 tháng 01 năm 2026" in page
    assert "Đề nghị UBND tỉnh bố trí 500 triệu đồng." in page
    assert "Ba mươi hai tỷ hai trăm triệu đồng" in page
    assert frozen_need == 32_200_000_000
    download = client.get(reverse("ubnd_download", args=[draft.pk, "pdf"]))
    assert b"".join(download.streaming_content) == stored_pdf
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("ubnd_download", args=[draft.pk, "xlsx"])).content)
    )
    assert book["Kinh phí theo nguồn"]["B7"].value == 32200  # total need, triệu đồng

    # Issued: not editable, not issued twice
    again = client.post(
        reverse("ubnd_issue", args=[draft.pk]), {"number": "16/BC-SKHCN"}, follow=True
    )
    draft.refresh_from_db()
    assert draft.number == "15/BC-SKHCN"
    assert "Báo cáo này đã ban hành, không ban hành lại được." in again.content.decode()
    assert client.post(reverse("ubnd_detail", args=[draft.pk]), form).status_code == 403


def test_issuing_needs_a_number_and_a_free_one(client, bac_lieu):
    plan, staff, _ = bac_lieu
    draft = draft_for(client, staff, plan)
    client.post(reverse("ubnd_issue", args=[draft.pk]), {"number": "BC-SKHCN"})
    draft.refresh_from_db()
    assert not draft.issued
    Report.objects.filter(pk=draft.pk).update(state=Report.State.ISSUED, number="15/BC-SKHCN")
    second = draft_for(client, staff, plan)
    response = client.post(
        reverse("ubnd_issue", args=[second.pk]), {"number": "15/BC-SKHCN"}, follow=True
    )
    assert "Số 15/BC-SKHCN đã dùng" in response.content.decode()
    second.refresh_from_db()
    assert not second.issued


@pytest.mark.parametrize("who", ["leader_other", "staff_other", "national"])
def test_another_provinces_users_cannot_see_or_download_a_report(client, bac_lieu, who):
    plan, staff, _ = bac_lieu
    draft = draft_for(client, staff, plan)
    tra_vinh = Province.objects.get(slug="tra-vinh")
    users = {
        "leader_other": lambda: make_user("ld.tv", "leader", tra_vinh),
        "staff_other": lambda: make_user("cb.tv", "staff", tra_vinh),
        "national": lambda: make_user("tw", "national"),
    }
    client.force_login(users[who]())
    for url in (
        reverse("ubnd_detail", args=[draft.pk]),
        reverse("ubnd_download", args=[draft.pk, "pdf"]),
        reverse("ubnd_download", args=[draft.pk, "xlsx"]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("ubnd_issue", args=[draft.pk]), {"number": "1/BC"}).status_code == 404
    )
    assert draft.summary not in client.get(reverse("ubnd_index")).content.decode()


def test_the_provinces_leader_lists_and_downloads_its_report(client, bac_lieu):
    plan, staff, leader = bac_lieu
    draft = draft_for(client, staff, plan)
    client.force_login(leader)
    assert draft.summary in client.get(reverse("ubnd_index")).content.decode()
    response = client.get(reverse("ubnd_download", args=[draft.pk, "xlsx"]))
    assert response.status_code == 200
    assert client.post(reverse("ubnd_detail", args=[draft.pk]), {}).status_code == 403


def _grow(plan, leader, staff, count: int) -> None:
    """``count`` more projects with money, an approved report each, and an indicator each."""
    for n in range(count):
        project = ProjectFactory(plan=plan)
        for stage in ("need", "allocated", "disbursed"):
            BudgetLineFactory(project=project, year=2024 + n % 2, stage=stage, amount=10**9)
        approved(project, staff, leader, difficulties=f"Khó khăn {n}", proposals=f"Đề xuất {n}")
        IndicatorFactory(plan=plan)


@pytest.mark.parametrize("fmt", [None, "xlsx"])
def test_report_query_count_does_not_grow_with_the_plan(client, db, django_assert_num_queries, fmt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    province = ProvinceFactory()
    plan = PlanFactory(province=province)
    staff = make_user("cb", "staff", province)
    leader = make_user("ld", "leader", province)
    _grow(plan, leader, staff, 1)
    client.force_login(leader)
    query = {"ke_hoach": plan.pk, **({"dinh_dang": fmt} if fmt else {})}
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("ubnd_preview"), query).status_code == 200
    _grow(plan, leader, staff, 20)
    with django_assert_num_queries(len(first)):
        response = client.get(reverse("ubnd_preview"), query)
    assert response.status_code == 200
    if fmt is None:
        assert "Khó khăn 19" in response.content.decode()
