"""Import hardening (issue 15): the preview GET writes nothing and reads no file again; the
confirmation writes exactly the preview it names and refuses any other; oversized and forged
workbooks are refused fast and small; money and year cells never give a 500; an import keeps
the history of what it replaces; abandoned uploads lose their files after a day."""

import io
import os
import re
import time
import tracemalloc
import zipfile
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from budgets.models import BudgetLine, StatedTotal
from itplan.appendix import uploads
from itplan.models import AppendixImport
from projects.models import Project
from tests.appendix import (
    HIDDEN,
    confirm,
    confirm_fields,
    upload,
    workbook_bytes,
)
from tests.factories import PlanFactory, StatedTotalFactory, make_user

HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Năm", "NSĐP"]


@pytest.fixture
def empty_plan(db):
    """A plan without projects (the seed is not needed here: it would triple the run time)."""
    return PlanFactory(start_year=2011, end_year=2015)


@pytest.fixture
def staff(empty_plan):
    return make_user("cb", "staff", empty_plan.province)


def two_sheets() -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Phụ lục 1"
    second = book.create_sheet("Phụ lục 2")
    for sheet, name in ((first, "Cổng thông tin điện tử"), (second, "Trung tâm dữ liệu tỉnh")):
        sheet.append(["ĐVT: triệu đồng"])
        sheet.append(["TT", "Tên dự án", "Đơn vị chủ trì", "NSĐP"])
        sheet.append([1, name, "Sở TT&TT", "100"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def one_project(money="100", year=2012) -> bytes:
    return workbook_bytes(
        [["ĐVT: triệu đồng"], HEADER, [1, "Cổng thông tin điện tử", "Sở TT&TT", year, money]]
    )


def uploaded(client, plan, content: bytes, **fields) -> AppendixImport:
    upload(client, plan, content, **fields)
    return AppendixImport.objects.latest("pk")


def names(plan) -> list[str]:
    return sorted(Project.objects.filter(plan=plan).values_list("name", flat=True))


# -- 1. No GET writes; the confirmation names its preview ---------------------------------------


def test_choosing_another_sheet_by_get_shows_it_and_writes_nothing(
    client, staff, empty_plan, no_reading_after_upload
):
    client.force_login(staff)
    record = no_reading_after_upload(two_sheets())
    history = record.history.count()
    page = client.get(reverse("import_preview", args=[record.pk]), {"sheet": "Phụ lục 2"})
    text = page.content.decode()
    assert "Trung tâm dữ liệu tỉnh" in text and "Cổng thông tin điện tử" not in text
    record.refresh_from_db()
    assert record.sheet == "Phụ lục 1"  # the GET saved nothing
    assert record.history.count() == history
    assert names(empty_plan) == []


def test_confirm_writes_the_sheet_the_page_showed_from_the_stored_reading(
    client, staff, empty_plan, no_reading_after_upload
):
    client.force_login(staff)
    record = no_reading_after_upload(two_sheets())
    url = reverse("import_preview", args=[record.pk])
    page = client.get(url, {"sheet": "Phụ lục 2"}).content.decode()
    fields = {name: value for name, value in HIDDEN.findall(page) if name != "csrfmiddlewaretoken"}
    response = client.post(url, {**fields, "on_existing": "skip"})
    assert response.status_code == 302
    assert names(empty_plan) == ["Trung tâm dữ liệu tỉnh"]
    record.refresh_from_db()
    assert (record.status, record.sheet) == ("done", "Phụ lục 2")


@pytest.fixture
def no_reading_after_upload(client, empty_plan, monkeypatch):
    """Upload a file, then make any further reading of a workbook fail the test."""

    def run(content: bytes) -> AppendixImport:
        record = uploaded(client, empty_plan, content)

        def refuse(*args, **kwargs):
            raise AssertionError("the file was read again")

        monkeypatch.setattr(openpyxl, "load_workbook", refuse)
        monkeypatch.setattr(uploads, "read_upload", refuse)
        return record

    return run


def _tampered_token(fields):
    token = fields["token"]
    return {**fields, "token": token[:-2] + ("AA" if not token.endswith("AA") else "BB")}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: {**f, "token": ""}, "Mã xác nhận của bản xem trước không hợp lệ"),
        (_tampered_token, "Mã xác nhận của bản xem trước không hợp lệ"),
        (lambda f: {**f, "sheet": "Phụ lục 2"}, "không khớp với bản xem trước"),
        (lambda f: {**f, "unit": "ty"}, "không khớp với bản xem trước"),
        (lambda f: {**f, "default_source": "central"}, "không khớp với bản xem trước"),
        (lambda f: {**f, "checksum": "0" * 64}, "không khớp với bản xem trước"),
    ],
    ids=["no-token", "tampered-token", "other-sheet", "other-unit", "other-source", "checksum"],
)
def test_a_confirm_that_does_not_match_the_preview_is_refused_and_writes_nothing(
    client, staff, empty_plan, change, message
):
    client.force_login(staff)
    record = uploaded(client, empty_plan, two_sheets())
    fields = change(confirm_fields(client, record))
    response = client.post(reverse("import_preview", args=[record.pk]), fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "không có gì được ghi" in response.content.decode()
    assert names(empty_plan) == []
    record.refresh_from_db()
    assert record.status == "preview"


def test_a_confirm_of_a_file_changed_on_the_server_is_refused(client, staff, empty_plan):
    client.force_login(staff)
    record = uploaded(client, empty_plan, one_project())
    fields = confirm_fields(client, record)
    with open(record.file.path, "wb") as f:  # someone swaps the stored file
        f.write(one_project(money="999"))
    response = client.post(reverse("import_preview", args=[record.pk]), fields)
    assert "trên máy chủ đã thay đổi" in response.content.decode()
    assert names(empty_plan) == []


def test_the_token_of_another_upload_is_refused(client, staff, empty_plan):
    client.force_login(staff)
    first = uploaded(client, empty_plan, one_project())
    second = uploaded(client, empty_plan, one_project())
    fields = confirm_fields(client, first)
    response = client.post(reverse("import_preview", args=[second.pk]), fields)
    assert "không khớp với bản xem trước" in response.content.decode()
    assert names(empty_plan) == []


def test_a_preview_made_stale_by_another_import_is_refused(client, staff, empty_plan):
    client.force_login(staff)
    first = uploaded(client, empty_plan, one_project())
    second = uploaded(client, empty_plan, one_project())
    stale = confirm_fields(client, second)  # shown while the project was still new
    assert confirm(client, first).status_code == 302
    response = client.post(reverse("import_preview", args=[second.pk]), stale)
    assert "Bản xem trước không còn đúng" in response.content.decode()
    assert names(empty_plan) == ["Cổng thông tin điện tử"]  # once, not twice
    # shown again, the page now says the project exists, and confirming that works
    assert "1 dự án đã có trong kế hoạch" in response.content.decode()
    assert confirm(client, second).status_code == 302
    assert names(empty_plan) == ["Cổng thông tin điện tử"]


# -- 2. Bounded import --------------------------------------------------------------------------


def _styled_empty_cells(rows: int = 1000, columns: int = 1000) -> bytes:
    """An .xlsx of about 2 MB whose one sheet holds rows × columns empty cells, each styled
    bold (the issue's 1,7 MB workbook): XML written directly, openpyxl would take minutes."""
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active["A1"].font = Font(bold=True)
    base = io.BytesIO()
    book.save(base)
    letters = [get_column_letter(c) for c in range(1, columns + 1)]

    def row(r: int) -> str:
        cells = "".join(f'<c r="{letter}{r}" s="1"/>' for letter in letters)
        return f'<row r="{r}">{cells}</row>'

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(row(r) for r in range(1, rows + 1))}</sheetData></worksheet>"
    )
    return _replace_part(base.getvalue(), "xl/worksheets/sheet1.xml", xml.encode())


def _replace_part(content: bytes, part: str, data: bytes, level: int = 1) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for item in source.infolist():
            archive.writestr(item.filename, data if item.filename == part else source.read(item))
    return out.getvalue()


@pytest.fixture(scope="module")
def styled_bomb() -> bytes:
    return _styled_empty_cells()


def test_a_workbook_of_a_million_styled_empty_cells_is_refused_fast_and_small(
    client, staff, empty_plan, styled_bomb
):
    assert len(styled_bomb) < 4 * 2**20
    sheet = zipfile.ZipFile(io.BytesIO(styled_bomb)).getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > 19 * 2**20  # unpacks to about 20 MB, within the ratio limit
    assert sheet.file_size < 100 * sheet.compress_size
    client.force_login(staff)
    started = time.perf_counter()
    record = uploaded(client, empty_plan, styled_bomb)
    elapsed = time.perf_counter() - started

    tracemalloc.start()
    try:
        uploaded(client, empty_plan, styled_bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert elapsed < 2, f"{elapsed:.2f} s"
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MB"
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "có một trang tính hơn 300.000 ô hoặc dòng" in page
    assert "kể cả ô trống đã định dạng" in page
    assert names(empty_plan) == []


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            lambda: _zip(
                {"xl/workbook.xml": b"<workbook/>"} | {f"xl/x{i}.xml": b"<a/>" for i in range(2000)}
            ),
            "gồm 2.001 phần, quá giới hạn 2.000 phần",
        ),
        (
            lambda: _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/a.xml": b" " * 2**22}),
            "phần “xl/worksheets/a.xml” nén",
        ),
        (
            lambda: _zip({"xl/workbook.xml": b"<w/>", "xl/sharedStrings.xml": b"<si/>" * 300_001}),
            "có hơn 300.000 chuỗi văn bản",
        ),
        (
            lambda: _zip({"xl/workbook.xml": b"<workbook/>", "xl/styles.xml": b"<xf/>" * 64_001}),
            "có hơn 64.000 định dạng ô",
        ),
    ],
    ids=["entries", "ratio", "shared-strings", "formats"],
)
def test_packages_over_a_limit_are_refused_naming_it(
    client, staff, empty_plan, settings, content, message
):
    if "nén" not in message:  # repeated tags compress far over the ratio: test the count
        settings.APPENDIX_MAX_RATIO = 10**6
    client.force_login(staff)
    record = uploaded(client, empty_plan, content())
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert message in page
    if "nén" in message:
        assert re.search(r"nén [\d.]+ lần, quá giới hạn 100 lần", page)
    assert names(empty_plan) == []


def test_the_unpacked_limit_comes_from_settings(client, staff, empty_plan, settings):
    settings.APPENDIX_MAX_UNPACKED_BYTES = 2**20
    content = _zip({"xl/workbook.xml": b"<workbook/>", "xl/media/a.xml": os.urandom(2 * 2**20)})
    client.force_login(staff)
    record = uploaded(client, empty_plan, content)
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "giải nén ra quá lớn: 2,0 MB, quá giới hạn 1,0 MB của một phụ lục" in page


def _with_sheet_xml(content: bytes, edit) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(content))
    xml = archive.read("xl/worksheets/sheet1.xml")
    return _replace_part(content, "xl/worksheets/sheet1.xml", edit(xml))


def _rows(count: int) -> bytes:
    return workbook_bytes(
        [["ĐVT: triệu đồng"], HEADER]
        + [[i, f"Dự án {i}", "Sở TT&TT", 2012, "1"] for i in range(1, count + 1)]
    )


@pytest.mark.parametrize("dimension", ["A1:A1", "A1:XFD1048576"])
def test_a_forged_dimension_neither_hides_rows_nor_walks_empty_ones(
    client, staff, empty_plan, dimension
):
    forged = f'<dimension ref="{dimension}"'.encode()
    content = _with_sheet_xml(
        _rows(30), lambda xml: re.sub(rb'<dimension ref="[^"]+"', forged, xml)
    )
    client.force_login(staff)
    started = time.perf_counter()
    record = uploaded(client, empty_plan, content)
    assert time.perf_counter() - started < 2
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "30 dự án, nhiệm vụ" in page


def test_an_empty_styled_row_a_million_rows_down_is_ignored_without_walking_to_it(
    client, staff, empty_plan
):
    far = b'<row r="1000000"><c r="A1000000" s="1"/></row></sheetData>'
    content = _with_sheet_xml(_rows(3), lambda xml: xml.replace(b"</sheetData>", far))
    client.force_login(staff)
    started = time.perf_counter()
    record = uploaded(client, empty_plan, content)
    assert time.perf_counter() - started < 1
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "3 dự án, nhiệm vụ" in page and "0 lỗi" in page


def test_a_value_past_the_row_limit_is_refused_without_walking_to_it(client, staff, empty_plan):
    far = b'<row r="1000000"><c r="B1000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    content = _with_sheet_xml(_rows(3), lambda xml: xml.replace(b"</sheetData>", far))
    client.force_login(staff)
    started = time.perf_counter()
    record = uploaded(client, empty_plan, content)
    assert time.perf_counter() - started < 1
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "có hơn 5.000 dòng" in page


def test_a_csv_of_a_million_empty_lines_is_refused_without_keeping_them(client, staff, empty_plan):
    content = "TT,Tên dự án,Đơn vị chủ trì,NSĐP\n1,Cổng,Sở TT&TT,100\n".encode() + b"\n" * 2_000_000
    content += "2,Thêm,Sở TT&TT,100\n".encode()
    client.force_login(staff)
    record = uploaded(client, empty_plan, content, name="phu-luc.csv")
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "có hơn 5.000 dòng" in page


# -- 3. Money, year cells ----------------------------------------------------------------------


def _with_value(xml_value: str) -> bytes:
    """The one-project workbook with the NSĐP cell's stored value replaced as written."""
    marker = 987654321
    content = one_project(money=marker)
    old, new = f"<v>{marker}</v>".encode(), f"<v>{xml_value}</v>".encode()
    return _with_sheet_xml(content, lambda xml: xml.replace(old, new))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda: one_project(money=1e30), "quá lớn: số tiền phải dưới 10^15 đồng"),
        (lambda: one_project(money=10**20), "quá lớn: số tiền phải dưới 10^15 đồng"),
        (lambda: one_project(money=10**9), "quá lớn"),  # 10^9 triệu = 10^15 đồng
        (lambda: one_project(money="100.000.000.000.000.000.000"), "quá lớn"),
        (lambda: one_project(money="10^20 đồng"), "không phải là số tiền"),
        (lambda: one_project(money="1e30"), "không phải là số tiền"),
        (lambda: one_project(money="1e309"), "không phải là số tiền"),
        (lambda: one_project(money="nan"), "không phải là số tiền"),
        (lambda: one_project(money="inf"), "không phải là số tiền"),
        (lambda: one_project(money="-0"), "là số âm"),
        (lambda: _with_value("1e309"), "“inf” không phải là số tiền"),  # float("1e309")
        (lambda: _with_value("-1E3"), "là số âm"),
    ],
    ids=[
        "float-1e30",
        "int-1e20",
        "1e15-dong",
        "text-1e20",
        "10^20-dong",
        "text-1e30",
        "text-1e309",
        "text-nan",
        "text-inf",
        "text-minus-0",
        "xml-1e309",
        "xml-negative",
    ],
)
def test_a_bad_money_cell_is_named_and_nothing_is_written(
    client, staff, empty_plan, content, message
):
    client.force_login(staff)
    record = uploaded(client, empty_plan, content())
    response = client.get(reverse("import_preview", args=[record.pk]))
    assert response.status_code == 200
    (error,) = uploads.show(record).preview.errors
    assert (error.sheet, error.row, error.column) == ("Phụ lục", 3, "E (NSĐP)")
    assert message in error.message and error.message in response.content.decode()
    assert confirm(client, record).status_code == 200
    assert names(empty_plan) == [] and not BudgetLine.objects.for_plan(empty_plan).exists()


def test_the_largest_amount_below_the_limit_is_written(client, staff, empty_plan):
    client.force_login(staff)
    record = uploaded(client, empty_plan, one_project(money="999.999.999,999999"))
    assert confirm(client, record).status_code == 302
    assert BudgetLine.objects.for_plan(empty_plan).get().amount == 10**15 - 1


@pytest.mark.parametrize("year", ["1e309", "nan", "3015", "2014,5", "inf", "-2014"])
def test_a_bad_year_cell_is_named(client, staff, empty_plan, year):
    client.force_login(staff)
    record = uploaded(client, empty_plan, one_project(year=year))
    assert client.get(reverse("import_preview", args=[record.pk])).status_code == 200
    (error,) = uploads.show(record).preview.errors
    assert (error.row, error.column) == (3, "D (Năm)")
    assert f"“{year}” không phải là một năm (1990–2100)" in error.message


def test_unreadable_numbers_in_the_xml_give_a_message_not_a_500(client, staff, empty_plan):
    client.force_login(staff)
    record = uploaded(client, empty_plan, _with_value("NaN"))
    response = client.get(reverse("import_preview", args=[record.pk]))
    assert response.status_code == 200
    assert "Trang “Phụ lục” của tệp “phu-luc.xlsx” bị hỏng" in response.content.decode()


CELLS = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "-0", "1e30", "10^20 đồng", "2014", "1.500"]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),  # noqa: DTZ001
    st.booleans(),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(year=CELLS, money=CELLS, estimate=CELLS)
def test_no_cell_content_gives_a_500(client, staff, empty_plan, year, money, estimate):
    """Random text, numbers (NaN, infinities, huge), dates in the year, money and estimate
    cells: the preview answers, and either reads the project or names the cell."""
    content = workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            [*HEADER, "Tổng mức đầu tư"],
            [1, "Cổng thông tin điện tử", "Sở TT&TT", year, money, estimate],
        ]
    )
    client.force_login(staff)
    response = upload(client, empty_plan, content)
    assert response.status_code == 302
    record = AppendixImport.objects.latest("pk")
    page = client.get(reverse("import_preview", args=[record.pk]))
    assert page.status_code == 200
    preview = uploads.show(record).preview
    for error in preview.errors:
        assert (error.sheet, error.row) == ("Phụ lục", 3)
        assert error.column in ("D (Năm)", "E (NSĐP)", "F (Tổng mức đầu tư)")
    if not preview.errors:
        (project,) = preview.projects
        assert all(0 <= line.amount < 10**15 for line in project.lines)
        assert project.estimate is None or 0 <= project.estimate < 10**15


# -- 4. History --------------------------------------------------------------------------------


def _with_total(amount: str) -> bytes:
    return workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Đơn vị chủ trì", "NSĐP"],
            [1, "Cổng thông tin điện tử", "Sở TT&TT", amount],
            ["", "Tổng cộng", "", amount],
        ]
    )


def test_a_supplementary_import_lists_the_totals_it_replaces_and_keeps_them_in_history(
    client, staff, empty_plan
):
    kept = StatedTotalFactory(plan=empty_plan, label="Tổng theo văn bản", where="Trang 3")
    client.force_login(staff)
    first = uploaded(client, empty_plan, _with_total("100"), name="dot-1.xlsx")
    assert (
        "sẽ được thay thế"
        not in client.get(reverse("import_preview", args=[first.pk])).content.decode()
    )
    confirm(client, first)
    (old,) = StatedTotal.objects.filter(plan=empty_plan, where__startswith="Tệp")

    second = uploaded(client, empty_plan, _with_total("250"), name="dot-2.xlsx")
    page = client.get(reverse("import_preview", args=[second.pk])).content.decode()
    replaced = page[page.index('id="replaced"') :]
    replaced = replaced[: replaced.index("</table>")]
    assert "Tổng cộng" in replaced and "100 triệu đồng" in replaced and "dot-1.xlsx" in replaced
    assert "Tổng theo văn bản" not in replaced
    assert confirm(client, second, on_existing="update").status_code == 302

    amounts = dict(StatedTotal.objects.filter(plan=empty_plan).values_list("label", "amount"))
    assert amounts == {"Tổng theo văn bản": kept.amount, "Tổng cộng": 250_000_000}
    deleted = StatedTotal.history.get(id=old.pk, history_type="-")
    assert deleted.amount == 100_000_000
    assert deleted.history_user == staff
    assert deleted.history_change_reason == "Nhập phụ lục từ tệp “dot-2.xlsx”"


def test_cancel_keeps_the_record_with_its_history(client, staff, empty_plan):
    client.force_login(staff)
    record = uploaded(client, empty_plan, one_project())
    response = client.post(reverse("import_cancel", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "cancelled" and record.file
    latest = record.history.first()
    assert (latest.status, latest.history_user) == ("cancelled", staff)
    assert record.history.count() == 2  # uploaded, cancelled
    assert names(empty_plan) == []
    # the cancelled upload cannot be confirmed any more
    assert client.get(reverse("import_preview", args=[record.pk])).status_code == 404


@pytest.mark.parametrize(("role", "deleted"), [("staff", False), ("admin", True)])
def test_only_an_administrator_deletes_an_import_record(client, staff, empty_plan, role, deleted):
    client.force_login(staff)
    record = uploaded(client, empty_plan, one_project())
    confirm(client, record)
    user = staff if role == "staff" else make_user("quantri", "admin")
    client.force_login(user)
    url = reverse("admin:itplan_appendiximport_delete", args=[record.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == (302 if deleted else 403)
    assert AppendixImport.objects.filter(pk=record.pk).exists() is not deleted
    if deleted:
        assert AppendixImport.history.filter(id=record.pk, history_type="-").exists()


NOON = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # 12:00 in Hà Nội


def test_purge_uploads_removes_old_cancelled_and_abandoned_files_and_keeps_the_records(
    client, staff, empty_plan
):
    client.force_login(staff)
    with time_machine.travel(NOON, tick=False):
        cancelled = uploaded(client, empty_plan, one_project())
        client.post(reverse("import_cancel", args=[cancelled.pk]))
        abandoned = uploaded(client, empty_plan, one_project())
        done = uploaded(client, empty_plan, one_project())
        confirm(client, done)
    with time_machine.travel(NOON + timedelta(hours=20), tick=False):
        recent = uploaded(client, empty_plan, one_project())
    records = [cancelled, abandoned, done, recent]
    paths = {r.pk: AppendixImport.objects.get(pk=r.pk).file.path for r in records}

    with time_machine.travel(NOON + timedelta(hours=23), tick=False):
        call_command("purge_uploads", stdout=io.StringIO())
    assert all(os.path.exists(p) for p in paths.values())  # none a day old yet

    out = io.StringIO()
    with time_machine.travel(NOON + timedelta(hours=25), tick=False):
        call_command("purge_uploads", stdout=out)
    exists = {pk: os.path.exists(path) for pk, path in paths.items()}
    assert exists == {cancelled.pk: False, abandoned.pk: False, done.pk: True, recent.pk: True}
    assert "Đã xóa 2 tệp." in out.getvalue()
    for record in (cancelled, abandoned):
        record.refresh_from_db()
        assert (record.status, record.file.name, record.parsed) == ("cancelled", "", None)
        assert "tệp đã được xóa lúc 03/03/2026 13:00" in record.message.lower()
    abandoned.refresh_from_db()
    assert abandoned.message.startswith("Bỏ dở (không xác nhận)")
    assert AppendixImport.objects.count() == 4

    with time_machine.travel(NOON + timedelta(hours=33), tick=False):  # recent: 13 h old
        call_command("purge_uploads", "--hours", "12", stdout=out)
    assert not os.path.exists(paths[recent.pk])
    assert os.path.exists(paths[done.pk])
