"""Plans in the portal, without the admin: the plan list, a new plan, and the plan editor of
projects and money lines (amounts as clerks type them, a year outside the period kept only with
a reason, warnings that do not block); the project page's money entry under the same rules."""

import pytest
from django.urls import reverse

from budgets.forms import BudgetLineForm
from budgets.lines import save_line
from budgets.models import BudgetLine
from itplan.progress.forms import MoneyReportForm
from projects.models import Deletion, Plan, Project
from tests.factories import (
    BudgetLineFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    StatedTotalFactory,
    make_user,
)

TRIEU = 10**6
LINE = {"stage": "need", "source": "local", "capital_type": "investment"}


@pytest.fixture
def plan(db):
    return PlanFactory(province=ProvinceFactory(name="Bạc Liêu"), start_year=2011, end_year=2015)


@pytest.fixture
def project(plan):
    return ProjectFactory(plan=plan, period="2012 - 2014", name="Cổng dịch vụ công")


@pytest.fixture
def clerk(client, plan):
    client.force_login(make_user("canbo", "staff", plan.province))
    return client


def form(plan, **data):
    return BudgetLineForm(LINE | data, plan=plan)


@pytest.mark.parametrize(
    ("typed", "dong"),
    [("1,2 tỷ", 1_200_000_000), ("350 triệu", 350 * TRIEU), ("1.200.000.000", 1_200_000_000)],
)
def test_amounts_are_read_as_clerks_type_them(plan, typed, dong):
    line_form = form(plan, year="2013", amount=typed)
    assert line_form.is_valid(), line_form.errors
    assert line_form.cleaned_data["amount"] == dong


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("tám trăm", "“tám trăm” không phải là số tiền"),
        ("-5 triệu", "“-5 triệu” là số âm: số tiền không được âm"),
        ("1,5", "“1,5” không phải là một số đồng nguyên"),
    ],
)
def test_an_amount_that_is_not_money_is_an_error_naming_it(plan, typed, message):
    line_form = form(plan, year="2013", amount=typed)
    assert not line_form.is_valid()
    assert line_form.errors["amount"] == [message]


def test_a_year_outside_the_plan_period_needs_a_reason(plan):
    line_form = form(plan, year="2031", amount="1 tỷ")
    assert not line_form.is_valid()
    assert line_form.errors["reason"] == [
        f"Năm 2031 nằm ngoài giai đoạn 2011–2015 của kế hoạch {plan.document_number}: ghi lý "
        "do để lưu, hoặc sửa lại năm."
    ]
    with_reason = form(plan, year="2031", amount="1 tỷ", reason="Vốn kéo dài sang năm 2031")
    assert with_reason.is_valid() and with_reason.outside


def test_the_year_may_be_blank_as_its_help_says(plan):
    line_form = MoneyReportForm(LINE | {"stage": "allocated", "amount": "2 tỷ"}, plan=plan)
    assert "Để trống khi số tiền là cho cả giai đoạn." in line_form.fields["year"].help_text
    assert line_form.is_valid(), line_form.errors
    assert line_form.cleaned_data["year"] is None


def test_save_warns_disbursed_above_allocated_and_a_stated_total_out_of_balance(project):
    user = make_user("canbo", "staff", project.plan.province)
    BudgetLineFactory(project=project, year=2013, amount=1_500_000_000)
    StatedTotalFactory(plan=project.plan, amount=1_500_000_000)  # matches the line
    allocated = BudgetLine(project=project, year=2013, source="local", amount=100 * TRIEU)
    allocated.stage = "allocated"
    save_line(allocated, by=user)
    disbursed = BudgetLine(
        project=project, year=2013, source="local", stage="disbursed", amount=300 * TRIEU
    )
    warnings = save_line(disbursed, by=user)
    assert "Năm 2013, Địa phương: giải ngân 300 triệu đồng vượt số bố trí 100 triệu đồng." in (
        warnings
    )
    need = BudgetLine(project=project, year=2014, source="local", stage="need", amount=TRIEU)
    warnings = save_line(need, by=user, reason="Bổ sung theo văn bản điều chỉnh")
    assert any(
        w.startswith("Tổng “Tổng cộng”") and "nay các dòng cộng lại 1.501 triệu đồng" in w
        for w in warnings
    ), warnings
    record = need.history.get()
    assert (record.history_user, record.history_change_reason) == (
        user,
        "Bổ sung theo văn bản điều chỉnh",
    )


def test_the_plan_list_shows_the_plans_of_the_users_province(clerk, plan, project):
    BudgetLineFactory(project=project, year=2013, amount=1_500_000_000)
    StatedTotalFactory(plan=plan, amount=2_000_000_000)
    other = PlanFactory(document_number="9/KH-UBND")
    page = clerk.get(reverse("plan_list")).content.decode()
    row = page[page.index(plan.document_number) :].split("</tr>")[0]
    assert "15/03/2021" in row and "2011–2015" in row and "Bạc Liêu" in row
    assert '<td class="money">1</td>' in row and '<td class="money">1.500</td>' in row
    assert "lệch 1" in row
    assert other.document_number not in page
    assert "Thêm kế hoạch" in page


def test_leaders_see_the_list_without_the_add_button(client, plan):
    client.force_login(make_user("lanhdao", "leader", plan.province))
    page = client.get(reverse("plan_list")).content.decode()
    assert plan.document_number in page and "Thêm kế hoạch" not in page
    assert client.get(reverse("plan_create")).status_code == 403
    plan_page = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert 'id="open-editor"' not in plan_page and "Sửa trong trang quản trị" not in plan_page
    assert client.get(reverse("plan_editor", args=[plan.pk])).status_code == 403


def test_a_new_plan_is_checked_then_saved(clerk, plan):
    data = {
        "province": plan.province.pk,
        "kind": "five_year",
        "document_number": plan.document_number,
        "issue_date": "2021-03-15",
        "title": "Kế hoạch ứng dụng CNTT 2026-2030",
        "start_year": "2030",
        "end_year": "1999",
    }
    response = clerk.post(reverse("plan_create"), data)
    errors = response.context["form"].errors
    assert errors["document_number"] == [f"Bạc Liêu đã có kế hoạch số {plan.document_number}."]
    assert errors["issue_date"] == ["Ngày phải viết dạng dd/mm/yyyy, ví dụ 15/03/2021."]
    assert errors["end_year"] == ["Năm phải từ 2000 đến 2100."]
    data |= {"document_number": "12/KH-UBND", "issue_date": "15/01/2026", "end_year": "2026"}
    assert clerk.post(reverse("plan_create"), data).context["form"].errors["end_year"] == [
        "Năm kết thúc 2026 trước năm bắt đầu 2030."
    ]
    response = clerk.post(reverse("plan_create"), data | {"end_year": "2030"})
    new = Plan.objects.get(document_number="12/KH-UBND")
    assert response.url == reverse("plan_editor", args=[new.pk])
    assert (new.start_year, new.end_year, new.issue_date.year) == (2030, 2030, 2026)
    assert new.history.get().history_user.username == "canbo"


def test_staff_cannot_create_a_plan_in_another_province(clerk):
    other = ProvinceFactory()
    data = {
        "province": other.pk,
        "kind": "annual",
        "document_number": "1/KH",
        "issue_date": "01/01/2026",
        "title": "x",
        "start_year": "2026",
        "end_year": "2026",
    }
    response = clerk.post(reverse("plan_create"), data)
    assert "province" in response.context["form"].errors
    assert not Plan.objects.filter(province=other).exists()


def test_the_clerk_corrects_the_plan_and_is_warned_of_lines_left_outside_its_period(
    clerk, plan, project
):
    BudgetLineFactory(project=project, year=2015, amount=100 * TRIEU)
    BudgetLineFactory(project=project, year=None, amount=100 * TRIEU)
    data = {
        "province": ProvinceFactory().pk,  # the issuing province stays, whatever is posted
        "kind": "five_year",
        "document_number": "7/KH-UBND",
        "issue_date": "15/03/2011",
        "title": "Kế hoạch ứng dụng CNTT giai đoạn 2011-2014",
        "start_year": "2011",
        "end_year": "2014",
    }
    response = clerk.post(reverse("plan_edit", args=[plan.pk]), data, follow=True)
    plan.refresh_from_db()
    assert (plan.document_number, plan.end_year) == ("7/KH-UBND", 2014)
    assert plan.province.name == "Bạc Liêu"
    assert plan.history.latest().history_change_reason == "Sửa thông tin kế hoạch trên cổng"
    shown = [str(m) for m in response.context["messages"]]
    assert "1 dòng kinh phí có năm nằm ngoài giai đoạn 2011–2014 mới." in shown
    assert "Đã lưu kế hoạch 7/KH-UBND." in shown


def test_a_plan_keeps_its_own_number_but_not_another_plans(clerk, plan):
    PlanFactory(province=plan.province, document_number="9/KH-UBND")
    data = {
        "kind": plan.kind,
        "document_number": "9/KH-UBND",
        "issue_date": "15/03/2011",
        "title": plan.title,
        "start_year": "2011",
        "end_year": "2015",
    }
    url = reverse("plan_edit", args=[plan.pk])
    errors = clerk.post(url, data).context["form"].errors
    assert errors["document_number"] == ["Bạc Liêu đã có kế hoạch số 9/KH-UBND."]
    response = clerk.post(url, data | {"document_number": plan.document_number})
    assert response.status_code == 302


def test_the_clerk_adds_a_project_and_its_money_in_the_editor(clerk, plan):
    editor = reverse("plan_editor", args=[plan.pk])
    response = clerk.post(
        reverse("project_add", args=[plan.pk]),
        {"name": "Trục liên thông", "new_group": "Hạ tầng kỹ thuật", "period": "2012-2013"},
    )
    project = Project.objects.get(name="Trục liên thông")
    assert response.url == f"{editor}#du-an-{project.pk}"
    assert project.group.title == "Hạ tầng kỹ thuật"
    add = reverse("line_add", args=[project.pk])
    clerk.post(add, LINE | {"year": "2012", "amount": "1,2 tỷ"})
    clerk.post(add, LINE | {"year": "2013", "amount": "350 triệu"})
    page = clerk.get(editor).content.decode()
    assert "nhu cầu <strong>1.550</strong>" in page
    summary = clerk.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert f'id="open-editor" href="{editor}"' in summary
    assert "Tổng nhu cầu vốn: 1.550 triệu đồng" in summary


def test_a_line_with_errors_shows_them_beside_the_field_with_the_typed_values(clerk, project):
    response = clerk.post(
        reverse("line_add", args=[project.pk]), LINE | {"year": "2031", "amount": "tám trăm"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    card = page[page.index(f'id="du-an-{project.pk}"') :]
    assert "“tám trăm” không phải là số tiền" in card
    assert "Năm 2031 nằm ngoài giai đoạn 2011–2015" in card
    assert 'value="tám trăm"' in card and 'value="2031"' in card
    assert not BudgetLine.objects.exists()


def test_a_line_is_corrected_and_archived_in_place(clerk, project):
    line = BudgetLineFactory(project=project, year=2013, amount=500 * TRIEU)
    editor = clerk.get(reverse("plan_editor", args=[project.plan.pk]), {"sua-dong": line.pk})
    assert 'value="500.000.000"' in editor.content.decode()  # the amount as it was entered
    clerk.post(reverse("line_edit", args=[line.pk]), LINE | {"year": "2014", "amount": "0,6 tỷ"})
    line.refresh_from_db()
    assert (line.year, line.amount) == (2014, 600 * TRIEU)
    response = clerk.post(reverse("line_archive", args=[line.pk]), {"reason": "Nhập trùng"})
    assert response.status_code == 302
    assert not BudgetLine.objects.exists()
    archived = BudgetLine._base_manager.get(pk=line.pk)
    assert Deletion.objects.get(pk=archived.deletion_id).reason == "Nhập trùng"


def test_a_project_is_archived_with_its_lines(clerk, project):
    BudgetLineFactory(project=project)
    clerk.post(reverse("project_archive", args=[project.pk]), {"reason": "Gộp dự án"})
    assert not Project.objects.filter(pk=project.pk).exists()
    assert Project._base_manager.filter(pk=project.pk).exists()
    assert not BudgetLine.objects.exists()


def test_the_project_page_opens_its_money_form_on_errors(clerk, project):
    url = reverse("project_detail", args=[project.pk])
    closed = clerk.get(url).content.decode()
    assert '<details id="money-entry">' in closed
    response = clerk.post(
        url, {"year": "2031", "stage": "disbursed", "source": "local", "amount": "5 tỷ"}
    )
    page = response.content.decode()
    assert '<details id="money-entry" open>' in page
    assert "Năm 2031 nằm ngoài giai đoạn 2011–2015" in page
    assert not BudgetLine.objects.exists()


def test_the_project_page_warns_of_disbursed_above_allocated(clerk, project):
    url = reverse("project_detail", args=[project.pk])
    data = {"year": "2013", "source": "local", "capital_type": "investment"}
    clerk.post(url, data | {"stage": "allocated", "amount": "100 triệu"})
    response = clerk.post(url, data | {"stage": "disbursed", "amount": "300 triệu"}, follow=True)
    page = response.content.decode()
    assert "Đã ghi giải ngân 300 triệu đồng năm 2013." in page
    assert "giải ngân 300 triệu đồng vượt số bố trí 100 triệu đồng" in page


def test_the_project_page_corrects_and_archives_a_line(clerk, project):
    line = BudgetLineFactory(project=project, year=2013, amount=500 * TRIEU)
    url = reverse("project_detail", args=[project.pk])
    assert 'name="line"' in clerk.get(url, {"sua-dong": line.pk}).content.decode()
    clerk.post(url, LINE | {"line": line.pk, "year": "2012", "amount": "700 triệu"})
    line.refresh_from_db()
    assert (line.year, line.amount) == (2012, 700 * TRIEU)
    clerk.post(url, {"archive_line": line.pk})
    assert not BudgetLine.objects.exists() and BudgetLine._base_manager.count() == 1


def test_the_menu_sends_everyone_to_the_portal_and_only_admins_to_the_admin(client, plan):
    client.force_login(make_user("lanhdao", "leader", plan.province))
    page = client.get(reverse("plan_list")).content.decode()
    assert f'href="{reverse("plan_list")}">Kế hoạch<' in page
    assert 'href="/admin/"' not in page
    client.force_login(make_user("quantri", "admin"))
    assert 'href="/admin/">Quản trị<' in client.get(reverse("plan_list")).content.decode()
