"""The clerk's column mapping: a header the importer does not understand is shown as typed with a
choice per column; the choice re-reads the stored upload at once, is remembered for the province
when the import is confirmed and applied to its next file; only who may import for the province
reads or changes it; the command takes a mapping too."""

import html
import io
import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from budgets.models import BudgetLine
from itplan.appendix import mapping
from itplan.models import AppendixImport, ColumnMapping
from projects.models import Plan, Project
from tests.appendix import NEXT, UNKNOWN, confirm, upload, workbook_bytes
from tests.factories import make_user

TRIEU = 10**6


@pytest.fixture
def staff(seed):
    return make_user("cb", "staff", seed["bac-lieu"].province)


def remap(client, record, **choices):
    data = {"sheet": "Phụ lục", **{f"col_{i}": role for i, role in choices.items()}}
    return client.post(reverse("import_columns", args=[record.pk]), data)


def selected(page: str, index: int) -> str:
    """The role chosen under column ``index`` on the preview page."""
    select = re.search(rf'<select name="col_{index}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.search(r'<option value="([^"]*)" selected>', select).group(1)


def page_of(client, record) -> str:
    return client.get(reverse("import_preview", args=[record.pk])).content.decode()


def test_unknown_header_is_shown_as_typed_with_a_choice_per_column(client, staff, empty_plan):
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(UNKNOWN))
    record = AppendixImport.objects.get()
    page = page_of(client, record)
    assert "Không tìm thấy dòng tiêu đề của bảng" in page
    mapping_form = page[page.index('id="columns-form"') : page.index('id="confirm"')]
    assert "Công việc trọng tâm" in mapping_form  # the header row as typed
    assert "Số hóa hồ sơ một cửa" in mapping_form  # and the first row under it
    assert len(re.findall(r'<select name="col_\d+"', mapping_form)) == 6
    assert '<option value="name">Tên dự án, nhiệm vụ</option>' in mapping_form
    assert "Dòng 3" in mapping_form  # the header's row in the sheet


def test_mapping_the_name_column_reads_the_table_at_once_and_writes_nothing(
    client, staff, empty_plan
):
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(UNKNOWN))
    record = AppendixImport.objects.get()
    response = remap(client, record, **{"1": "name"})
    assert response.status_code == 302
    page = page_of(client, record)
    assert "2 dự án, nhiệm vụ" in page and "0 lỗi" in page
    assert "Nền tảng dữ liệu dùng chung" in page
    assert "1.200 triệu đồng" in page and "2.500 triệu đồng" in page
    assert not Project.objects.filter(plan=empty_plan).exists()
    assert not ColumnMapping.objects.exists()  # remembered only on confirmation
    # the other columns were read by their words
    assert [selected(page, i) for i in range(6)] == [
        "ref",
        "name",
        "lead",
        "period",
        "money",
        "money",
    ]


def test_confirmed_mapping_is_remembered_and_applied_to_the_provinces_next_file(
    client, staff, empty_plan
):
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(UNKNOWN))
    record = AppendixImport.objects.get()
    remap(client, record, **{"1": "name"})
    response = confirm(client, record)
    assert response.url == reverse("plan_detail", args=[empty_plan.pk])
    assert Project.objects.filter(plan=empty_plan).count() == 2
    assert BudgetLine.objects.for_plan(empty_plan).total() == 4_000 * TRIEU
    saved = ColumnMapping.objects.get(province=empty_plan.province)
    assert (saved.roles, saved.updated_by) == ({"cong viec trong tam": "name"}, staff)

    upload(client, empty_plan, workbook_bytes(NEXT), name="lan-sau.xlsx")
    second = AppendixImport.objects.get(file_name="lan-sau.xlsx")
    page = page_of(client, second)
    assert "Dùng cách nhận cột đã lưu của tỉnh" in page
    assert "1 dự án, nhiệm vụ" in page and "0 lỗi" in page
    assert "Hệ thống giám sát an toàn thông tin" in page
    confirm(client, second)
    project = Project.objects.get(name="Hệ thống giám sát an toàn thông tin")
    assert sorted((line.source, line.amount) for line in project.budget_lines.all()) == [
        ("central", 100 * TRIEU),
        ("local", 900 * TRIEU),
    ]


def test_choosing_the_headers_own_meaning_again_forgets_the_saved_choice(client, staff, empty_plan):
    ColumnMapping.objects.create(
        province=empty_plan.province, roles={"cong viec trong tam": "name", "nsdp": "other"}
    )
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(UNKNOWN))
    record = AppendixImport.objects.get()
    page = page_of(client, record)
    assert "Dùng cách nhận cột đã lưu của tỉnh" in page
    assert selected(page, 5) == "other"
    remap(client, record, **{"1": "name", "5": "money"})  # F "NSĐP" read by its words again
    confirm(client, record)
    saved = ColumnMapping.objects.get(province=empty_plan.province)
    assert saved.roles == {"cong viec trong tam": "name"}
    assert BudgetLine.objects.for_plan(empty_plan).filter(source="other").count() == 0


def test_another_provinces_staff_neither_reads_nor_changes_the_mapping(
    client, seed, staff, empty_plan
):
    ColumnMapping.objects.create(
        province=empty_plan.province, roles={"cong viec trong tam": "name"}
    )
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(UNKNOWN))
    record = AppendixImport.objects.get()
    parsed = json.dumps(record.parsed, sort_keys=True)

    other = make_user("tv", "staff", seed["tra-vinh"].province)
    client.force_login(other)
    assert client.get(reverse("import_preview", args=[record.pk])).status_code == 404
    assert remap(client, record, **{"1": "ignore", "2": "name"}).status_code == 404
    record.refresh_from_db()
    assert json.dumps(record.parsed, sort_keys=True) == parsed
    with pytest.raises(PermissionDenied):
        mapping.remember(empty_plan.province, {"nsdp": "other"}, ["nsdp"], by=other)
    assert ColumnMapping.objects.get().roles == {"cong viec trong tam": "name"}

    # Their own upload of the same file is not read with Bạc Liêu's choices.
    tra_vinh = Plan.objects.create(
        province=seed["tra-vinh"].province,
        kind=empty_plan.kind,
        document_number="1/KH-TV",
        issue_date=empty_plan.issue_date,
        title="Kế hoạch thử",
        start_year=2026,
        end_year=2030,
    )
    upload(client, tra_vinh, workbook_bytes(UNKNOWN), name="tv.xlsx")
    page = page_of(client, AppendixImport.objects.get(file_name="tv.xlsx"))
    assert "Không tìm thấy dòng tiêu đề của bảng" in page
    assert "Dùng cách nhận cột đã lưu" not in page


def test_leaders_cannot_map_and_get_does_nothing(client, seed, staff, empty_plan):
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(UNKNOWN))
    record = AppendixImport.objects.get()
    parsed = json.dumps(record.parsed, sort_keys=True)
    assert client.get(reverse("import_columns", args=[record.pk])).status_code == 405
    client.force_login(make_user("ld", "leader", empty_plan.province))
    assert remap(client, record, **{"1": "name"}).status_code == 403
    record.refresh_from_db()
    assert json.dumps(record.parsed, sort_keys=True) == parsed


def run(*args):
    out = io.StringIO()
    try:
        call_command("import_appendix", *args, stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, json.loads(out.getvalue())


def test_command_takes_a_mapping_by_excel_letters(empty_plan, tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(UNKNOWN))
    status, data = run(str(path), "--plan", empty_plan.document_number)
    assert status == 1 and "Không tìm thấy dòng tiêu đề" in data["errors"][0]["message"]

    status, data = run(str(path), "--plan", empty_plan.document_number, "--columns", "name=B")
    assert status == 0, data["errors"]
    assert [p["name"] for p in data["projects"]] == [
        "Số hóa hồ sơ một cửa",
        "Nền tảng dữ liệu dùng chung",
    ]
    assert data["computed_totals"]["total"] == 4_000 * TRIEU

    status, data = run(
        str(path), "--plan", empty_plan.document_number, "--columns", "name=B,other=F"
    )
    assert [(line["source"], line["amount"]) for line in data["projects"][1]["budget_lines"]] == [
        ("other", 2_500 * TRIEU)
    ]


def test_command_names_a_chosen_column_the_table_does_not_have(empty_plan, tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(UNKNOWN))
    status, data = run(
        str(path), "--plan", empty_plan.document_number, "--columns", "name=B,notes=K"
    )
    assert status == 1
    assert [(e["column"], e["message"]) for e in data["errors"]] == [
        ("K", "cột này được chọn nhưng bảng chỉ có đến cột F.")
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("ten=B", "không có vai trò cột “ten”"),
        ("name", "không có vai trò cột “name”"),
        ("name=2", "“2” không phải là tên cột Excel"),
        ("name=B,lead=b", "Cột B được gán hai lần"),
    ],
)
def test_command_refuses_an_unknown_role_or_column(empty_plan, tmp_path, spec, message):
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(workbook_bytes(UNKNOWN))
    with pytest.raises(CommandError) as error:
        call_command(
            "import_appendix", str(path), "--plan", empty_plan.document_number, "--columns", spec
        )
    assert message in html.unescape(str(error.value))
    assert not Project.objects.filter(plan=empty_plan).exists()
