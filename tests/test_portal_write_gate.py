"""One gate per write, in the portal: every form that writes (money, measurements, progress
reports, attachments, appendix upload and cancel, UBND report drafts and issuing), posted by
every role on its own province's object and another's. A refused post leaves every table as it
was; the province's staff and the administrators get their write.

Progress report moves (send, approve, return) have their own matrix in test_approval_rules, and
the leader's queue on the dashboard in itplan/dashboard/tests/test_leader_queue.py.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itplan.models import AppendixImport, Report
from projects.models import Attachment
from tests.admin_forms import form_with
from tests.database import changed_tables, snapshot
from tests.factories import WRITERS, logged_in, make_user, two_provinces

WHO = WRITERS
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr("itplan.progress.views.current_period", lambda: (2026, 3))
    world = two_provinces()
    world["staff_b"] = make_user("canbo.b", "staff", world["b"]["province"])
    for key in ("a", "b"):
        objects = world[key]
        objects["attachment"] = Attachment.objects.create(
            report=objects["statusupdate"],
            file=SimpleUploadedFile("bb.pdf", PDF),
            name="bien-ban.pdf",
            size=len(PDF),
        )
        objects["report"] = Report.objects.create(
            province=objects["province"],
            params={"ke_hoach": str(objects["plan"].pk)},
            issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            place=objects["province"].name,
            issue_date=datetime.date(2026, 12, 3),
            summary="Kết quả thực hiện kế hoạch",
            recipient="Ủy ban nhân dân tỉnh",
            signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        )
    return world


def _page_form(world, province: str, url: str, field: str) -> dict:
    """The form as the province's own staff see it on the page."""
    client = logged_in(world["staff"] if province == "a" else world["staff_b"])
    return form_with(client.get(url).content, field)


def _money(world, province):
    project = world[province]["project"]
    url = reverse("project_detail", args=[project.pk])
    data = _page_form(world, province, url, "amount") | {
        "year": "2024",
        "stage": "disbursed",
        "source": "local",
        "amount": "250",
    }
    return url, data


LINE = {"stage": "need", "source": "local", "capital_type": "investment", "amount": "1,2 tỷ"}
PROJECT = {"name": "Trung tâm điều hành thông minh", "period": "2022 - 2024", "estimate": "5 tỷ"}


def _plan_add(world, province):
    data = {
        "province": world[province]["province"].pk,
        "kind": "five_year",
        "document_number": "77/KH-UBND",
        "issue_date": "15/03/2021",
        "title": "Kế hoạch ứng dụng CNTT",
        "start_year": "2021",
        "end_year": "2025",
    }
    return reverse("plan_create"), data


def _plan_edit(world, province):
    plan = world[province]["plan"]
    data = {
        "kind": plan.kind,
        "document_number": f"{plan.document_number}-sửa",
        "issue_date": "15/03/2021",
        "title": "Kế hoạch ứng dụng CNTT (sửa)",
        "start_year": str(plan.start_year),
        "end_year": str(plan.end_year),
    }
    return reverse("plan_edit", args=[plan.pk]), data


def _project_add(world, province):
    return reverse("project_add", args=[world[province]["plan"].pk]), PROJECT


def _project_edit(world, province):
    return reverse("project_edit", args=[world[province]["project"].pk]), PROJECT


def _project_archive(world, province):
    return reverse("project_archive", args=[world[province]["project"].pk]), {"reason": "Trùng"}


def _line_add(world, province):
    return reverse("line_add", args=[world[province]["project"].pk]), LINE | {"year": "2023"}


def _line_edit(world, province):
    return reverse("line_edit", args=[world[province]["budgetline"].pk]), LINE | {"year": ""}


def _line_archive(world, province):
    return reverse("line_archive", args=[world[province]["budgetline"].pk]), {}


def _page_line_edit(world, province):
    url = reverse("project_detail", args=[world[province]["project"].pk])
    return url, LINE | {"line": world[province]["budgetline"].pk, "year": "2022"}


def _page_line_archive(world, province):
    url = reverse("project_detail", args=[world[province]["project"].pk])
    return url, {"archive_line": world[province]["budgetline"].pk}


def _measurement(world, province):
    url = reverse("indicator_detail", args=[world[province]["indicator"].pk])
    data = _page_form(world, province, url, "source") | {
        "date": "01/12/2026",
        "reading": "45",
        "source": "Báo cáo của Sở",
    }
    return url, data


def _new_report(world, province):
    url = reverse("report_create", args=[world[province]["project"].pk])
    return url, _page_form(world, province, url, "percent_complete") | {
        "year": "2026",
        "quarter": "3",
        "percent_complete": "55",
        "action": "draft",
    }


def _edit_report(world, province):
    url = reverse("report_detail", args=[world[province]["statusupdate"].pk])
    data = _page_form(world, province, url, "results")
    return url, data | {"results": "Đã nghiệm thu giai đoạn 1", "action": "draft"}


def _new_report_with_file(world, province):
    url, data = _new_report(world, province)
    return url, data | {"files": [SimpleUploadedFile("anh.pdf", PDF)]}


def _autosave(world, province):
    url, data = _edit_report(world, province)
    return url, data | {"results": "Gõ dở, lưu tự động", "action": "autosave"}


def _attach(world, province):
    url = reverse("attachment_add", args=[world[province]["statusupdate"].pk])
    return url, {"file": SimpleUploadedFile("anh.pdf", PDF, content_type="application/pdf")}


def _detach(world, province):
    return reverse("attachment_delete", args=[world[province]["attachment"].pk]), {}


def _upload(world, province):
    url = reverse("import_upload", args=[world[province]["plan"].pk])
    data = _page_form(world, province, url, "default_source")
    sheet = "TT,Tên dự án,Kinh phí (triệu đồng)\n1,Cổng dữ liệu,100\n".encode()
    return url, data | {"file": SimpleUploadedFile("phu-luc.csv", sheet, content_type="text/csv")}


def _confirm(world, province):
    """"Xác nhận nhập" of an upload the province's staff previewed."""
    client = logged_in(world["staff"] if province == "a" else world["staff_b"])
    client.post(*_upload(world, province))
    record = AppendixImport.objects.filter(plan=world[province]["plan"]).latest("pk")
    url = reverse("import_preview", args=[record.pk])
    return url, form_with(client.get(url).content, "token") | {"on_existing": "skip"}


def _columns(world, province):
    """"Đọc lại bảng theo các cột đã chọn" on an upload the province's staff previewed."""
    client = logged_in(world["staff"] if province == "a" else world["staff_b"])
    client.post(*_upload(world, province))
    record = AppendixImport.objects.filter(plan=world[province]["plan"]).latest("pk")
    return reverse("import_columns", args=[record.pk]), {"sheet": record.sheet, "col_2": "other"}


def _cancel(world, province):
    return reverse("import_cancel", args=[world[province]["appendiximport"].pk]), {}


def _draft(world, province):
    query = f"?ke_hoach={world[province]['plan'].pk}&ky=2026"
    return reverse("ubnd_preview") + query, {}


def _edit_ubnd(world, province):
    url = reverse("ubnd_detail", args=[world[province]["report"].pk])
    return url, _page_form(world, province, url, "proposals") | {"proposals": "Bổ sung vốn"}


def _issue(world, province):
    return reverse("ubnd_issue", args=[world[province]["report"].pk]), {"number": "15/BC-SKHCN"}


WRITES = {  # what is posted, and the table the allowed write changes
    "money": (_money, "budgets.budgetline"),
    "plan add": (_plan_add, "projects.plan"),
    "plan edit": (_plan_edit, "projects.plan"),
    "project add": (_project_add, "projects.project"),
    "project edit": (_project_edit, "projects.project"),
    "project archive": (_project_archive, "projects.project"),
    "line add": (_line_add, "budgets.budgetline"),
    "line edit": (_line_edit, "budgets.budgetline"),
    "line archive": (_line_archive, "budgets.budgetline"),
    "project page line edit": (_page_line_edit, "budgets.budgetline"),
    "project page line archive": (_page_line_archive, "budgets.budgetline"),
    "measurement": (_measurement, "indicators.measurement"),
    "new report": (_new_report, "projects.statusupdate"),
    "edit report": (_edit_report, "projects.statusupdate"),
    "new report with a file": (_new_report_with_file, "projects.attachment"),
    "autosave report": (_autosave, "projects.statusupdate"),
    "attach": (_attach, "projects.attachment"),
    "detach": (_detach, "projects.attachment"),
    "appendix upload": (_upload, "itplan.appendiximport"),
    "import confirm": (_confirm, "projects.project"),
    "import columns": (_columns, "itplan.appendiximport"),
    "import cancel": (_cancel, "itplan.appendiximport"),
    "ubnd draft": (_draft, "itplan.report"),
    "ubnd edit": (_edit_ubnd, "itplan.report"),
    "ubnd issue": (_issue, "itplan.report"),
}


@pytest.mark.parametrize("write", WRITES)
def test_portal_write_for_each_role(world, write):
    for who, province, allowed in WHO:
        post, table = WRITES[write]
        url, data = post(world, province)
        client = logged_in(world[who])
        before = snapshot()
        response = client.post(url, data)
        assert response.status_code < 500, (who, url)
        changed = changed_tables(before, snapshot())
        if allowed:
            errors = response.content.decode() if response.status_code == 200 else ""
            assert table in changed, f"{write}: {who} on {province} did not write {errors}"
        else:
            assert changed == [], f"{write}: {who} on province {province} changed {changed}"
