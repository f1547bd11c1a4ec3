"""A careful import: a project typed again with another case, punctuation or a "tỉnh …" suffix is
shown beside the project it matches, merged into it or kept apart as the clerk chooses; a file
that names another plan's document number, or money of years outside the plan's period, is
flagged before anything is written."""

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from itplan.models import AppendixImport
from projects.models import Project
from tests.appendix import FILES, confirm, empty_copy, upload, workbook_bytes
from tests.factories import make_user

HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Thời gian thực hiện", "NSTW", "NSĐP"]
FIRST = [
    ["ĐVT: triệu đồng"],
    HEADER,
    [1, "Cổng thông tin điện tử tỉnh Bạc Liêu", "Sở TT&TT", "2012-2013", 1500, 300],
    [2, "Hệ thống một cửa điện tử", "Sở TT&TT", "2013", None, 200],
]
# the same two projects typed again: one otherwise spelled, one exactly; and a new one
AGAIN = [
    ["ĐVT: triệu đồng"],
    HEADER,
    [1, "CỔNG THÔNG TIN ĐIỆN TỬ.", "Sở TT&TT", "2012-2014", 1800, 400],
    [2, "Hệ thống một cửa điện tử", "Sở TT&TT", "2013", None, 250],
    [3, "Hội nghị truyền hình trực tuyến", "Sở TT&TT", "2014", 900, None],
]


@pytest.fixture
def staff(seed):
    return make_user("cb", "staff", seed["bac-lieu"].province)


@pytest.fixture
def imported(client, staff, empty_plan):
    """``empty_plan`` holding FIRST's two projects, the portal's one a completed project with
    notes typed in the portal."""
    client.force_login(staff)
    upload(client, empty_plan, workbook_bytes(FIRST), name="lan-1.xlsx")
    confirm(client, AppendixImport.objects.get())
    portal = Project.objects.get(plan=empty_plan, ref="1")
    Project.objects.filter(pk=portal.pk).update(
        status=Project.Status.COMPLETED, notes="Nghiệm thu 20/10/2013"
    )
    return portal


def preview_again(client, plan):
    upload(client, plan, workbook_bytes(AGAIN), name="lan-2.xlsx")
    record = AppendixImport.objects.get(status="preview")
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    return record, page


def test_preview_shows_the_existing_project_a_name_spelled_otherwise_matches(
    client, empty_plan, imported
):
    record, page = preview_again(client, empty_plan)
    assert "1 dự án trùng tên viết khác với dự án đã có: chọn gộp hay giữ riêng" in page
    assert "1 dự án đã có trong kế hoạch" in page  # "Hệ thống một cửa điện tử", same name
    similar = page[page.index('id="similar-projects"') :]
    similar = similar[: similar.index("</table>")]
    assert "CỔNG THÔNG TIN ĐIỆN TỬ." in similar
    assert "Cổng thông tin điện tử tỉnh Bạc Liêu" in similar
    assert reverse("project_detail", args=[imported.pk]) in similar
    assert "Hệ thống một cửa điện tử" not in similar  # the same name: "Dự án đã có" below
    # merging is proposed: its radio is the checked one
    assert 'name="match_3" value="merge" id="id_match_3_0" checked' in similar
    assert "Gộp vào dự án hiện có" in similar and "Giữ riêng (thêm dự án mới)" in similar


def test_merging_updates_the_existing_project_and_keeps_its_name_status_and_notes(
    client, staff, empty_plan, imported
):
    record, _page = preview_again(client, empty_plan)
    response = confirm(client, record, match_3="merge")
    assert response.status_code == 302

    assert Project.objects.filter(plan=empty_plan).count() == 3  # the new one only
    imported.refresh_from_db()
    assert imported.name == "Cổng thông tin điện tử tỉnh Bạc Liêu"
    assert (imported.status, imported.notes) == (
        Project.Status.COMPLETED,
        "Nghiệm thu 20/10/2013",
    )
    assert imported.period == "2012-2014"  # the file's description
    assert sorted(imported.budget_lines.values_list("amount", flat=True)) == [
        400_000_000,
        1_800_000_000,
    ]
    change = imported.history.first()
    assert change.history_user == staff
    assert change.history_change_reason == (
        "Gộp dòng 3 “CỔNG THÔNG TIN ĐIỆN TỬ.” của tệp “lan-2.xlsx”"
    )
    record.refresh_from_db()
    assert (record.projects_created, record.projects_updated, record.projects_skipped) == (
        1,
        1,
        1,  # the same name, skipped as "Bỏ qua dự án đã có" says
    )


def test_merging_is_what_happens_when_the_choice_is_not_posted(client, empty_plan, imported):
    record, _page = preview_again(client, empty_plan)
    confirm(client, record)
    assert Project.objects.filter(plan=empty_plan).count() == 3
    assert imported.budget_lines.get(source="central").amount == 1_800_000_000


def test_keeping_apart_creates_a_new_project_and_leaves_the_existing_one(
    client, empty_plan, imported
):
    record, _page = preview_again(client, empty_plan)
    lines_before = sorted(imported.budget_lines.values_list("amount", flat=True))
    confirm(client, record, match_3="apart")

    assert Project.objects.filter(plan=empty_plan).count() == 4
    assert Project.objects.filter(plan=empty_plan, name="CỔNG THÔNG TIN ĐIỆN TỬ.").exists()
    imported.refresh_from_db()
    assert imported.period == "2012-2013"
    assert sorted(imported.budget_lines.values_list("amount", flat=True)) == lines_before
    record.refresh_from_db()
    assert (record.projects_created, record.projects_updated) == (2, 0)


def test_a_reader_cannot_confirm_the_merge(client, seed, empty_plan, imported):
    record, _page = preview_again(client, empty_plan)
    fields = {"on_existing": "skip", "match_3": "merge"}
    before = sorted(BudgetLine.objects.for_plan(empty_plan).values_list("pk", "amount"))
    for role, province in [
        ("leader", empty_plan.province),
        ("national", None),
        ("staff", seed["tra-vinh"].province),
    ]:
        client.force_login(make_user(f"u-{role}", role, province))
        response = client.post(reverse("import_preview", args=[record.pk]), fields)
        assert response.status_code in (403, 404), role
    assert sorted(BudgetLine.objects.for_plan(empty_plan).values_list("pk", "amount")) == before
    record.refresh_from_db()
    assert record.status == "preview"


def test_same_project_twice_in_one_file_is_flagged_by_the_same_rule(client, staff, empty_plan):
    client.force_login(staff)
    rows = [
        *FIRST,
        [3, "Cổng thông tin điện tử (tỉnh Bạc Liêu)", "Sở TT&TT", "2014", 100, None],
    ]
    upload(client, empty_plan, workbook_bytes(rows))
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert "trùng tên với dự án ở dòng 3 cùng nhóm." in page


# -- the file against the plan: its document number and its years ---------------------------


def test_a_file_naming_another_plans_document_number_is_flagged(client, staff, empty_plan):
    """The Bạc Liêu appendix says "kèm theo Quyết định số 2213/QĐ-UBND"; ``empty_plan`` is
    99/KH-UBND."""
    client.force_login(staff)
    upload(client, empty_plan, (FILES / "bac-lieu-2213-2011.xlsx").read_bytes())
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert (
        "<td>Phụ lục</td><td>3</td><td>A</td><td>tệp ghi “(Ban hành kèm theo Quyết định số "
        "2213/QĐ-UBND ngày 18 tháng 8 năm 2011 của Chủ tịch Ủy ban nhân dân tỉnh Bạc Liêu)”, "
        "không phải số hiệu của kế hoạch này (99/KH-UBND)"
    ) in page
    # a warning: the clerk may still import
    assert 'type="submit">Xác nhận nhập' in page


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("bac-lieu", "bac-lieu-2213-2011.xlsx"),
        ("quang-tri", "quang-tri-1024-2011.xlsx"),  # "Kế hoạch số: 1024 /KH-UBND", spaced
        ("tien-giang", "tien-giang-172-2013.xlsx"),  # "172 /KH-UBND", over two title rows
    ],
)
def test_the_plans_own_document_number_is_not_flagged(seed, slug, name):
    from itplan.appendix import preview_file

    plan = empty_copy(seed[slug])
    content = (FILES / name).read_bytes()
    preview = preview_file(name, content, plan)
    assert not [w for w in preview.warnings if "số hiệu" in w.message]
    other = empty_copy(seed[slug], "khác")
    other.document_number = "1/KH-UBND"
    assert [w.row for w in preview_file(name, content, other).warnings if "số hiệu" in w.message]


def test_a_money_column_of_a_year_outside_the_period_is_flagged_once(client, staff, empty_plan):
    client.force_login(staff)
    content = workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Đơn vị chủ trì", "Năm 2015", "Năm 2031", "Năm 2032"],
            [1, "Cổng thông tin", "Sở TT&TT", 100, 200, None],
            [2, "Một cửa điện tử", "Sở TT&TT", 100, 300, None],
        ]
    )
    upload(client, empty_plan, content)
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert (
        "<td>2</td><td>E (Năm 2031)</td><td>năm 2031 nằm ngoài thời kỳ 2011–2015 của kế hoạch; "
        "số tiền của cột (dòng 3, 4) giữ như bảng ghi.</td>"
    ) in page
    assert (
        "<td>2</td><td>F (Năm 2032)</td><td>năm 2032 nằm ngoài thời kỳ 2011–2015 của kế hoạch; "
        "cột chưa có số tiền.</td>"
    ) in page
    assert page.count("nằm ngoài thời kỳ") == 2  # per column, not per cell
    confirm(client, record)
    assert sorted(BudgetLine.objects.for_plan(empty_plan).values_list("year", flat=True)) == [
        2015,
        2015,
        2031,
        2031,
    ]


def test_a_year_typed_in_a_row_outside_the_period_is_flagged_on_its_row(staff, empty_plan):
    from itplan.appendix import preview_file

    content = workbook_bytes(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Đơn vị chủ trì", "Năm", "Kinh phí"],
            [1, "Cổng thông tin", "Sở TT&TT", 2013, 100],
            [2, "Một cửa điện tử", "Sở TT&TT", 2019, 300],
        ]
    )
    preview = preview_file("nam.xlsx", content, empty_plan)
    assert [(w.row, w.message) for w in preview.warnings if "ngoài thời kỳ" in w.message] == [
        (4, "năm 2019 nằm ngoài thời kỳ 2011–2015 của kế hoạch; giữ như bảng ghi.")
    ]
