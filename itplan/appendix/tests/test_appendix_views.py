"""The portal's appendix pages: upload → preview → confirm, bad files, access, downloads."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine, StatedTotal
from itplan.models import AppendixImport
from projects.models import Project
from provinces.models import Agency
from tests.appendix import FILES, XLSX, confirm, confirm_fields, upload, workbook_bytes
from tests.factories import (
    BudgetLineFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    StatedTotalFactory,
    make_user,
)


@pytest.fixture
def staff(seed):
    return make_user("cb", "staff", seed["bac-lieu"].province)


HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Thời gian thực hiện", "NSTW", "NSĐP"]


def test_upload_preview_confirm_creates_the_projects(client, staff, empty_plan):
    client.force_login(staff)
    response = upload(client, empty_plan, (FILES / "bac-lieu-2213-2011.xlsx").read_bytes())
    record = AppendixImport.objects.get()
    assert response.url == reverse("import_preview", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "11 dự án, nhiệm vụ" in page
    assert "Hoàn thiện hệ thống một cửa huyện Đông Hải" in page
    assert "32.200" in page  # the stated "Cộng" and the computed sum, in triệu đồng
    assert Project.objects.filter(plan=empty_plan).count() == 0  # nothing written yet

    fields = confirm_fields(client, record)
    response = client.post(reverse("import_preview", args=[record.pk]), fields)
    assert response.url == reverse("plan_detail", args=[empty_plan.pk])
    assert Project.objects.filter(plan=empty_plan).count() == 11
    # a second click on "Xác nhận nhập" (back button, double submit) imports nothing again
    again = client.post(reverse("import_preview", args=[record.pk]), fields)
    assert again.status_code == 404
    assert Project.objects.filter(plan=empty_plan).count() == 11
    assert BudgetLine.objects.for_plan(empty_plan).total() == 32_200_000_000
    record.refresh_from_db()
    assert (record.status, record.user, record.projects_created) == ("done", staff, 11)
    plan_page = client.get(response.url).content.decode()
    assert "Đã nhập “phu-luc.xlsx”: 11 dự án mới" in plan_page
    assert "Hoàn thiện hệ thống một cửa huyện Đông Hải" in plan_page
    project = Project.objects.get(plan=empty_plan, ref="3")
    assert project.history.get().history_user == staff


def test_second_import_of_the_same_file_never_duplicates(client, staff, empty_plan):
    client.force_login(staff)
    content = (FILES / "bac-lieu-2213-2011.xlsx").read_bytes()
    for on_existing in ("skip", "update"):
        upload(client, empty_plan, content)
        record = AppendixImport.objects.filter(status="preview").get()
        page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
        assert (
            "11 dự án đã có trong kế hoạch" in page
            or on_existing == "skip"
            and (Project.objects.filter(plan=empty_plan).count() == 0)
        )
        confirm(client, record, on_existing=on_existing)
    assert Project.objects.filter(plan=empty_plan).count() == 11
    assert BudgetLine.objects.for_plan(empty_plan).total() == 32_200_000_000
    assert StatedTotal.objects.filter(plan=empty_plan).count() == 3
    last = AppendixImport.objects.get(on_existing="update")
    assert (last.projects_created, last.projects_updated) == (0, 11)


def test_updating_from_the_file_keeps_the_status_the_reports_moved(client, staff, empty_plan):
    """ "Cập nhật dự án đã có" replaces a project's description and money with the file's; its
    status (moved by approved progress reports) and notes typed in the portal stay."""
    client.force_login(staff)
    content = (FILES / "bac-lieu-2213-2011.xlsx").read_bytes()
    upload(client, empty_plan, content)
    confirm(client, AppendixImport.objects.get())
    project = Project.objects.get(plan=empty_plan, ref="3")
    typed_estimate = project.estimate
    Project.objects.filter(pk=project.pk).update(
        status=Project.Status.COMPLETED, notes="Nghiệm thu 20/10/2013", estimate=1
    )

    upload(client, empty_plan, content)
    confirm(client, AppendixImport.objects.get(status="preview"), on_existing="update")

    project.refresh_from_db()
    assert (project.status, project.notes) == (Project.Status.COMPLETED, "Nghiệm thu 20/10/2013")
    assert project.estimate == typed_estimate  # the file's figure again
    assert BudgetLine.objects.for_plan(empty_plan).total() == 32_200_000_000


def test_errors_are_pinned_to_row_and_column_and_nothing_is_written(client, staff, empty_plan):
    client.force_login(staff)
    content = workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            HEADER,
            [1, "Cổng thông tin điện tử", "Sở TT&TT", "2012-2013", "1.500", "ba trăm"],
            [2, "Một cửa điện tử", "Sở TT&TT", "2013", "", "-200"],
        ]
    )
    upload(client, empty_plan, content)
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "“ba trăm” không phải là số tiền" in page
    assert "F (NSĐP)" in page and "<td>3</td>" in page
    assert "là số âm" in page
    response = confirm(client, record)
    assert response.status_code == 200
    assert "Tệp còn lỗi, chưa thể nhập." in response.content.decode()
    assert Project.objects.filter(plan=empty_plan).count() == 0
    assert not Agency.objects.filter(name="Sở TT&TT").exists()


def test_unknown_agency_can_be_mapped_to_an_existing_one(client, staff, empty_plan):
    client.force_login(staff)
    content = workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            HEADER,
            [1, "Cổng thông tin điện tử", "Sở Thông tin & Truyền thông tỉnh", "2012", "100", ""],
            [2, "Hệ thống hội nghị", "Sở TT&TT", "2012", "", "50"],  # known by its abbreviation
        ]
    )
    upload(client, empty_plan, content)
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "Sở Thông tin &amp; Truyền thông tỉnh" in page
    agency = Agency.objects.get(province=empty_plan.province, name="Sở Thông tin và Truyền thông")
    confirm(client, record, agency_0=agency.pk)
    assert set(Project.objects.filter(plan=empty_plan).values_list("lead_agency", flat=True)) == {
        agency.pk
    }
    assert not Agency.objects.filter(name__startswith="Sở Thông tin & Truyền").exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<" + "a" * (300 * 2**20) + "/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("phu-luc.xlsx", b"day khong phai Excel", "không phải là tệp Excel (.xlsx) hay CSV"),
        (
            "phu-luc.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + "EncryptedPackage".encode("utf-16-le")
            + b"\0" * 512,
            "được bảo vệ bằng mật khẩu",
        ),
        ("phu-luc.xlsx", b"PK\x03\x04" + b"\0" * 100, "không phải là tệp Excel"),
        ("bom.xlsx", None, "giải nén ra quá lớn"),
        (
            "phu-luc.xlsx",
            workbook_bytes([["Báo cáo"], ["không có bảng"]]),
            "Không tìm thấy dòng tiêu đề",
        ),
        (
            "phu-luc.xlsx",
            workbook_bytes(
                [["ĐVT: triệu đồng"], HEADER]
                + [[i, f"Dự án {i}", "Sở TT&TT", "2012", "1", ""] for i in range(5100)]
            ),
            "có hơn 5.000 dòng",
        ),
    ],
)
def test_bad_files_get_a_clear_message_and_no_write(
    client, staff, empty_plan, name, content, message
):
    client.force_login(staff)
    upload(client, empty_plan, _zip_bomb() if content is None else content, name=name)
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert message in page
    assert "disabled>Xác nhận nhập" in page.replace('"', "").replace(" >", ">") or (
        "disabled" in page
    )
    confirm(client, record)
    assert Project.objects.filter(plan=empty_plan).count() == 0


def test_oversized_upload_is_refused_before_reading(client, staff, empty_plan, settings):
    settings.APPENDIX_MAX_UPLOAD_BYTES = 1000
    client.force_login(staff)
    response = upload(client, empty_plan, b"x" * 2000)
    assert response.status_code == 200
    assert "quá giới hạn" in response.content.decode()
    assert not AppendixImport.objects.exists()


def test_year_outside_the_plan_is_a_warning_kept_as_written(client, staff, empty_plan):
    client.force_login(staff)
    content = workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Đơn vị chủ trì", "Năm 2010", "Năm 2011"],
            [1, "Cổng thông tin", "Sở TT&TT", "100", "200"],
        ]
    )
    upload(client, empty_plan, content)
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "năm 2010 nằm ngoài thời kỳ 2011–2015" in page
    confirm(client, record)
    assert sorted(BudgetLine.objects.for_plan(empty_plan).values_list("year", flat=True)) == [
        2010,
        2011,
    ]


@pytest.mark.parametrize("role", ["leader", "national"])
def test_readers_cannot_import(client, seed, empty_plan, role):
    province = None if role == "national" else empty_plan.province
    client.force_login(make_user("r", role, province))
    assert client.get(reverse("import_upload", args=[empty_plan.pk])).status_code == 403
    assert client.get(reverse("plan_detail", args=[empty_plan.pk])).status_code == 200
    assert client.get(reverse("plan_export", args=[empty_plan.pk])).status_code == 200


def test_other_province_gets_404_everywhere(client, seed, staff, empty_plan):
    client.force_login(staff)
    upload(client, empty_plan, (FILES / "bac-lieu-2213-2011.xlsx").read_bytes())
    record = AppendixImport.objects.get()
    other = make_user("tv", "staff", seed["tra-vinh"].province)
    client.force_login(other)
    for name, arg in [
        ("plan_detail", empty_plan.pk),
        ("import_upload", empty_plan.pk),
        ("plan_export", empty_plan.pk),
        ("plan_template", empty_plan.pk),
        ("import_preview", record.pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    response = client.post(reverse("import_preview", args=[record.pk]), {"on_existing": "skip"})
    assert response.status_code == 404
    assert client.post(reverse("import_cancel", args=[record.pk])).status_code == 404
    assert Project.objects.filter(plan=empty_plan).count() == 0


def test_anonymous_is_sent_to_login(client, empty_plan):
    for name in ("plan_detail", "import_upload", "plan_export", "plan_template"):
        response = client.get(reverse(name, args=[empty_plan.pk]))
        assert response.status_code == 302 and response.url.startswith("/dang-nhap/?next=")


def test_template_has_lists_instructions_and_imports_back(client, staff, seed):
    plan = seed["bac-lieu"]
    client.force_login(staff)
    response = client.get(reverse("plan_template", args=[plan.pk]))
    assert response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Phụ lục", "Danh mục", "Hướng dẫn"]
    sheet = book["Phụ lục"]
    header = [c.value for c in sheet[6]]
    assert header[:2] == ["TT", "Tên dự án, nhiệm vụ"] and "Nguồn vốn" in header
    lists = {
        re.match("[A-Z]+", str(v.sqref)).group(): v.formula1
        for v in sheet.data_validations.dataValidation
    }
    source_col = openpyxl.utils.get_column_letter(header.index("Nguồn vốn") + 1)
    assert "Danh mục" in lists[source_col]
    # filled in the way the instructions say, it imports
    year, source, capital, stage, amount = (
        header.index(h) + 1 for h in ("Năm", "Nguồn vốn", "Loại vốn", "Loại số liệu", "Kinh phí")
    )
    sheet.cell(7, 1, "I"), sheet.cell(7, 2, "Hạ tầng")
    sheet.cell(8, 1, 1), sheet.cell(8, 2, "Mạng LAN"), sheet.cell(8, 5, "Sở TT&TT")
    for r, (y, s, c, a) in enumerate(
        [
            (2012, "Trung ương", "Đầu tư phát triển", "1.500"),
            (2013, "Địa phương", "Sự nghiệp", "250"),
        ],
        start=8,
    ):
        sheet.cell(r, year, y), sheet.cell(r, source, s), sheet.cell(r, capital, c)
        sheet.cell(r, stage, "Nhu cầu, dự kiến"), sheet.cell(r, amount, a)
    buffer = io.BytesIO()
    book.save(buffer)
    from itplan.appendix import preview_file

    preview = preview_file("mau.xlsx", buffer.getvalue(), plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    (project,) = preview.projects
    assert [(line.year, line.source, line.capital_type, line.amount) for line in project.lines] == [
        (2012, "central", "investment", 1_500_000_000),
        (2013, "local", "recurrent", 250_000_000),
    ]
    assert str(project.group) == "I Hạ tầng"


def test_export_has_the_appendix_layout(client, staff, seed):
    client.force_login(staff)
    response = client.get(reverse("plan_export", args=[seed["bac-lieu"].pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Phụ lục"]
    assert sheet["A4"].value == "ĐVT: triệu đồng"
    assert sheet.freeze_panes == "C8"  # two header rows under the titles
    assert (
        sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    )  # A4
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(row for row in values if row[1] == "Tổng cộng")
    assert 32_200 in total and 14_890 in total and 17_310 in total
    assert "Đối chiếu" in book.sheetnames


def test_plan_page_and_preview_query_counts_do_not_grow_with_projects(
    client, db, django_assert_num_queries
):
    province = ProvinceFactory()
    plan = PlanFactory(province=province)
    client.force_login(make_user("u", "staff", province))
    StatedTotalFactory(plan=plan)

    def add(count):
        for _ in range(count):
            BudgetLineFactory(project=ProjectFactory(plan=plan))

    rows = [["ĐVT: triệu đồng"], ["TT", "Tên dự án", "Đơn vị chủ trì", "NSĐP"]]
    one = workbook_bytes([*rows, [1, "Dự án 1", "Sở A", "10"]])
    twenty = workbook_bytes([*rows, *[[i, f"Dự án {i}", f"Sở {i}", "10"] for i in range(20)]])
    add(1)
    upload(client, plan, one)
    small = AppendixImport.objects.latest("pk")
    upload(client, plan, twenty)
    large = AppendixImport.objects.latest("pk")
    pages = {
        reverse("plan_detail", args=[plan.pk]): reverse("plan_detail", args=[plan.pk]),
        reverse("import_preview", args=[small.pk]): reverse("import_preview", args=[large.pk]),
    }
    counts = {}
    for first in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(first).status_code == 200
        counts[first] = len(queries)
    add(20)
    for first, second in pages.items():
        with django_assert_num_queries(counts[first]):
            assert client.get(second).status_code == 200
