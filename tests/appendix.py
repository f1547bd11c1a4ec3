"""Helpers of the appendix import tests: the seed appendices typed as Excel (``FILES``,
``SEED_CASES``), importing one into an empty copy of its plan, what a plan holds (projects, đồng by
project), and the portal's upload → preview → confirm as a clerk clicks through it."""

import html
import io
import re
from collections import Counter, defaultdict
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets.models import BudgetLine
from itplan.appendix import Defaults, apply, preview_file
from projects.models import Plan, Project
from provinces.agencies import agency_key
from provinces.text import fold
from tests.browser import login

FILES = Path(__file__).parent / "files"


def empty_copy(plan: Plan, suffix: str = "nhập thử") -> Plan:
    return Plan.objects.create(
        province=plan.province,
        kind=plan.kind,
        document_number=f"{plan.document_number} ({suffix})",
        issue_date=plan.issue_date,
        title=plan.title,
        start_year=plan.start_year,
        end_year=plan.end_year,
    )


def import_file(path: Path, plan: Plan, sheet=None, **defaults):
    preview = preview_file(
        path.name, path.read_bytes(), plan, sheet=sheet, defaults=Defaults(**defaults)
    )
    assert not preview.errors, [str(e) for e in preview.errors]
    apply(preview, plan)
    return preview


def money_by_project(plan: Plan) -> dict:
    """{(appendix, folded name): Counter{(year, source, capital type, stage): đồng}}"""
    result = defaultdict(Counter)
    for line in BudgetLine.objects.filter(project__plan=plan).select_related("project__group"):
        project = line.project
        key = (project.group.appendix if project.group else "", fold(project.name))
        result[key][(line.year, line.source, line.capital_type, line.stage)] += line.amount
    return result


def projects_of(plan: Plan) -> list[tuple]:
    return [
        (
            p.group.appendix if p.group else "",
            p.ref,
            fold(p.name),
            p.estimate,
            agency_key(p.lead_agency.name) if p.lead_agency else "",
        )
        for p in Project.objects.filter(plan=plan)
        .select_related("group", "lead_agency")
        .order_by("group__appendix", "order")
    ]


# Where the seed fixture knows more than the typed table shows: the fixture's inferences
# (fixtures/plans/*.yaml `inferences`), each checked here by what the import gives instead.
SEED_CASES = {
    "bac-lieu": ("bac-lieu-2213-2011.xlsx", [None], {}),
    "quang-tri": ("quang-tri-1024-2011.xlsx", [None], {}),
    "binh-dinh": ("binh-dinh-576-2012.xlsx", [None], {}),
    "tra-vinh": ("tra-vinh-952-2011.xlsx", [None], {"unit": "trieu"}),
    "tien-giang": ("tien-giang-172-2013.xlsx", ["Phụ lục 1", "Phụ lục 2"], {}),
}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, plan, content: bytes, name="phu-luc.xlsx", **fields):
    data = {
        "file": SimpleUploadedFile(name, content),
        "default_source": "local",
        "default_capital_type": "unspecified",
        "unit": "",
        **fields,
    }
    return client.post(reverse("import_upload", args=[plan.pk]), data)


def workbook_bytes(rows, title="Phụ lục") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def confirm_fields(client, record, **choices) -> dict:
    """What the preview page's "Xác nhận nhập" form posts: the preview's identity (token,
    checksum, sheet, options, as hidden fields) and the user's choices."""
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    form = page[page.index('id="confirm"') :]
    fields = {name: html.unescape(value) for name, value in HIDDEN.findall(form)}
    fields.pop("csrfmiddlewaretoken", None)
    return {**fields, "on_existing": "skip", **choices}


def confirm(client, record, **choices):
    """Click "Xác nhận nhập" on the record's preview page."""
    url = reverse("import_preview", args=[record.pk])
    return client.post(url, confirm_fields(client, record, **choices))


# -- a workbook whose name column the importer does not know, and the province's next file ----
UNKNOWN = [
    ["KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026"],
    ["ĐVT: triệu đồng"],
    ["STT", "Công việc trọng tâm", "Cơ quan chủ trì", "Thời gian thực hiện", "NSTW", "NSĐP"],
    [1, "Số hóa hồ sơ một cửa", "Văn phòng UBND tỉnh", "2026", 1200, 300],
    [2, "Nền tảng dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "2026-2027", None, 2500],
]
# The province's next file: the same headers, the columns in another order.
NEXT = [
    ["ĐVT: triệu đồng"],
    ["STT", "Cơ quan chủ trì", "Công việc trọng tâm", "NSĐP", "NSTW"],
    [1, "Sở Khoa học và Công nghệ", "Hệ thống giám sát an toàn thông tin", 900, 100],
]


# -- in the browser ------------------------------------------------------------------------
PREVIEW_URL = re.compile(r"/nhap-phu-luc/\d+/$")


def browser_upload(page, live_server, plan, path: Path):
    """From the plan page, through "Nhập phụ lục", to the preview of ``path``."""
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.locator(".actions").get_by_role("link", name="Nhập phụ lục").click()
    page.set_input_files("#id_file", path)
    page.get_by_role("button", name="Tải lên và xem trước").click()
    # The form posts with XMLHttpRequest (for the progress bar), then navigates.
    page.wait_for_url(PREVIEW_URL)


def logged_in_page(browser, live_server, **options):
    page = browser.new_page(locale="vi-VN", **options)
    login(page, live_server, "canbo.baclieu")
    return page
