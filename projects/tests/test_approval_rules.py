"""Approval only by the rule: a report is sent by its province's staff and approved or returned by
its province's leader (never its author), through the portal and nowhere else; the admin shows
the workflow's fields and a project's official figures read-only except to administrators, who
must give a reason; one report per project and period; an older period never overwrites a newer
approved one."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from projects.models import Project, StatusUpdate
from projects.progress import WorkflowError, approve, return_, submit
from tests.factories import make_user, report

State = StatusUpdate.State
PERIOD = {"year": 2026, "quarter": 3}


@pytest.fixture
def people(world):
    """The conftest's two provinces, plus an administrator and a leader of province A who wrote
    the report himself (he was staff when he wrote it)."""
    world["admin"] = make_user("quantri", "admin")
    world["author_leader"] = make_user("lanhdao.tacgia", "leader", world["a"].plan.province)
    return world


def rows() -> dict:
    """Every report and project as stored, to compare before and after an attempt."""
    return {
        "reports": list(StatusUpdate.objects.order_by("pk").values()),
        "projects": list(Project.objects.order_by("pk").values()),
    }


def sent(people, author="staff_a", **fields) -> StatusUpdate:
    update = report(people["a"], people[author], **(PERIOD | fields))
    update.state, update.submitted_at = State.SUBMITTED, update.created_at
    update.save()
    return update


# -- the moves themselves ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff_a", "national", "leader_b", "staff_b"])
def test_only_a_leader_of_the_province_may_approve_or_return(people, who):
    update = sent(people)
    before = rows()
    with pytest.raises(PermissionDenied, match="lãnh đạo của tỉnh"):
        approve(update, by=people[who])
    with pytest.raises(PermissionDenied, match="lãnh đạo của tỉnh"):
        return_(update, by=people[who], reason="Thiếu số liệu")
    assert rows() == before


@pytest.mark.parametrize("author", ["author_leader", "admin"])
def test_nobody_approves_or_returns_his_own_report(people, author):
    update = sent(people, author=author)
    before = rows()
    with pytest.raises(WorkflowError, match="Không tự duyệt báo cáo của mình."):
        approve(update, by=people[author])
    with pytest.raises(WorkflowError, match="Không tự duyệt báo cáo của mình."):
        return_(update, by=people[author], reason="Thiếu số liệu")
    assert rows() == before


@pytest.mark.parametrize("who", ["leader_a", "national", "staff_b"])
def test_only_staff_of_the_province_may_submit(people, who):
    draft = report(people["a"], people["staff_a"], **PERIOD)
    before = rows()
    with pytest.raises(PermissionDenied, match="cán bộ Sở của tỉnh"):
        submit(draft, by=people[who])
    assert rows() == before


def test_leader_and_administrator_approve_others_reports(people):
    for n, who in enumerate(["leader_a", "admin"], start=1):
        update = sent(people, percent_complete=10 * n, quarter=n)
        approve(update, by=people[who])
        update.refresh_from_db()
        assert (update.state, update.reviewer) == (State.APPROVED, people[who])
    people["a"].refresh_from_db()
    assert people["a"].percent_complete == 20


# -- through the portal's POST URLs -------------------------------------------------------

# who, the answer, whether the report is approved afterwards
APPROVALS = [
    ("staff_a", 403, False),
    ("national", 403, False),
    ("leader_b", 404, False),
    ("author_leader", 302, False),
    ("leader_a", 302, True),
    ("admin", 302, True),
]


@pytest.mark.parametrize(("who", "code", "done"), APPROVALS)
def test_approve_through_the_report_page(client, people, who, code, done):
    author = "author_leader" if who == "author_leader" else "staff_a"
    update = sent(people, author=author, percent_complete=55)
    before = rows()
    client.force_login(people[who])
    url = reverse("report_detail", args=[update.pk])
    response = client.post(url, {"action": "approve"}, follow=code == 302)
    assert (response.redirect_chain[0][1] if code == 302 else response.status_code) == code
    update.refresh_from_db()
    people["a"].refresh_from_db()
    if done:
        assert update.state == State.APPROVED and update.reviewer == people[who]
        assert people["a"].percent_complete == 55
        assert "Đã duyệt: tình trạng của dự án được cập nhật." in response.content.decode()
    else:
        assert rows() == before
    if who == "author_leader":
        assert "Không tự duyệt báo cáo của mình." in response.content.decode()


@pytest.mark.parametrize(("who", "code", "done"), APPROVALS)
def test_return_through_the_report_page(client, people, who, code, done):
    author = "author_leader" if who == "author_leader" else "staff_a"
    update = sent(people, author=author)
    before = rows()
    client.force_login(people[who])
    response = client.post(
        reverse("report_detail", args=[update.pk]),
        {"action": "return", "reason": "Bổ sung biên bản nghiệm thu"},
    )
    assert response.status_code == code
    update.refresh_from_db()
    if done:
        assert (update.state, update.return_reason) == (
            State.RETURNED,
            "Bổ sung biên bản nghiệm thu",
        )
    else:
        assert rows() == before


@pytest.mark.parametrize(
    ("who", "code", "done"),
    [
        ("leader_a", 403, False),
        ("national", 403, False),
        ("staff_b", 404, False),
        ("staff_a", 302, True),
        ("admin", 302, True),
    ],
)
def test_submit_through_the_report_page(client, people, who, code, done):
    draft = report(people["a"], people["staff_a"], **PERIOD)
    before = rows()
    client.force_login(people[who])
    data = PERIOD | {
        "status": "in_progress",
        "percent_complete": 40,
        "results": "Đã lắp đặt thiết bị",
        "action": "submit",
        "version_seen": draft.version,
    }
    response = client.post(reverse("report_detail", args=[draft.pk]), data)
    assert response.status_code == code
    draft.refresh_from_db()
    if done:
        assert draft.state == State.SUBMITTED
    else:
        assert rows() == before


def test_the_author_sees_no_approve_or_return_button(client, people):
    update = sent(people, author="author_leader")
    client.force_login(people["author_leader"])
    page = client.get(reverse("report_detail", args=[update.pk])).content.decode()
    assert 'value="approve"' not in page and 'value="return"' not in page
    client.force_login(people["leader_a"])
    page = client.get(reverse("report_detail", args=[update.pk])).content.decode()
    assert 'value="approve"' in page and 'value="return"' in page


# -- through the admin ---------------------------------------------------------------------


def admin_data(client, url: str, **changes) -> dict:
    """The admin change form's own values, as the browser would post them back, with
    ``changes``."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.SplitDateTimeField):
            moment = timezone.localtime(value) if value and not isinstance(value, list) else None
            data[f"{name}_0"] = f"{moment:%d/%m/%Y}" if moment else ""
            data[f"{name}_1"] = f"{moment:%H:%M:%S}" if moment else ""
        elif value is None:
            data[name] = ""
        else:
            data[name] = value
    for prefix in ("attachments", "budget_lines"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_staffs_admin_post_of_state_approved_changes_nothing(client, people):
    draft = report(people["a"], people["staff_a"], **PERIOD)
    client.force_login(people["staff_a"])
    url = reverse("admin:projects_statusupdate_change", args=[draft.pk])
    form = client.get(url).context["adminform"].form
    assert not {"state", "reviewer", "submitted_at", "reviewed_at", "return_reason"} & set(
        form.fields
    )
    data = admin_data(client, url)
    data |= {"state": "approved", "reviewer": people["staff_a"].pk, "return_reason": "x"}
    before = rows()
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.state, draft.reviewer, draft.reviewed_at) == (State.DRAFT, None, None)
    assert rows()["projects"] == before["projects"]


@pytest.mark.parametrize("who", ["staff_a", "leader_a", "national"])
def test_a_sent_report_cannot_be_changed_in_the_admin_but_by_an_administrator(client, people, who):
    update = sent(people)
    url = reverse("admin:projects_statusupdate_change", args=[update.pk])
    client.force_login(people["admin"])
    data = admin_data(client, url, state="approved", percent_complete=90)
    before = rows()
    client.force_login(people[who])
    assert client.post(url, data).status_code == 403
    assert rows() == before


def test_administrators_direct_change_asks_for_a_reason_kept_in_history(client, people):
    update = sent(people)
    client.force_login(people["admin"])
    url = reverse("admin:projects_statusupdate_change", args=[update.pk])
    page = client.get(url).content.decode()
    assert "Lý do thay đổi" in page
    data = admin_data(client, url, state="approved", reviewer=people["leader_a"].pk)
    before = rows()
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["change_reason"]
    assert errors == [
        "Sửa trực tiếp trạng thái, người duyệt cần ghi lý do thay đổi (lưu vào lịch sử)."
    ]
    assert rows() == before
    reason = "Lãnh đạo duyệt trên giấy ngày 12/10, nhập bù"
    assert client.post(url, data | {"change_reason": reason}).status_code == 302
    update.refresh_from_db()
    assert (update.state, update.reviewer) == (State.APPROVED, people["leader_a"])
    last = update.history.first()
    assert (last.history_change_reason, last.history_user) == (reason, people["admin"])


def test_staff_cannot_see_a_reason_field(client, people):
    draft = report(people["a"], people["staff_a"], **PERIOD)
    client.force_login(people["staff_a"])
    url = reverse("admin:projects_statusupdate_change", args=[draft.pk])
    assert "Lý do thay đổi" not in client.get(url).content.decode()


@pytest.mark.parametrize(("who", "code"), [("staff_a", 302), ("leader_a", 403), ("national", 403)])
def test_project_official_figures_are_read_only_in_the_admin(client, people, who, code):
    project = people["a"]
    url = reverse("admin:projects_project_change", args=[project.pk])
    client.force_login(people["admin"])
    data = admin_data(client, url, status="completed", percent_complete=100)
    before = rows()
    client.force_login(people[who])
    assert client.post(url, data).status_code == code
    project.refresh_from_db()
    assert (project.status, project.percent_complete) == (Project.Status.NOT_STARTED, None)
    assert rows()["reports"] == before["reports"]


def test_administrator_corrects_a_projects_figures_with_a_reason(client, people):
    project = people["a"]
    url = reverse("admin:projects_project_change", args=[project.pk])
    client.force_login(people["admin"])
    data = admin_data(client, url, status="completed", percent_complete=100)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "% hoàn thành" in response.context["adminform"].form.errors["change_reason"][0]
    project.refresh_from_db()
    assert project.percent_complete is None
    reason = "Biên bản nghiệm thu 15/11/2026"
    assert client.post(url, data | {"change_reason": reason}).status_code == 302
    project.refresh_from_db()
    assert (project.status, project.percent_complete) == (Project.Status.COMPLETED, 100)
    assert project.history.first().history_change_reason == reason


def test_history_revert_of_an_approved_version_is_refused_to_staff(client, people):
    update = sent(people)
    approve(update, by=people["leader_a"])
    approved = update.history.first()
    StatusUpdate.objects.filter(pk=update.pk).update(state=State.RETURNED)  # later corrected
    client.force_login(people["staff_a"])
    url = reverse(
        "admin:projects_statusupdate_simple_history", args=[update.pk, approved.history_id]
    )
    before = rows()
    assert client.post(url, {"project": update.project_id, **PERIOD}).status_code == 403
    assert rows() == before


# -- one report per project and period ---------------------------------------------------


@pytest.mark.parametrize("quarter", [3, None])
def test_the_database_refuses_a_second_report_for_a_period(people, quarter):
    report(people["a"], people["staff_a"], year=2026, quarter=quarter)
    with pytest.raises(IntegrityError), transaction.atomic():
        report(people["a"], people["staff_a"], year=2026, quarter=quarter)
    report(people["b"], people["staff_b"], year=2026, quarter=quarter)  # another project
    assert StatusUpdate.objects.count() == 2


def test_the_report_form_opens_this_periods_draft(client, people, monkeypatch):
    monkeypatch.setattr("itplan.progress.views.current_period", lambda: (2026, 3))
    draft = report(people["a"], people["staff_a"], **PERIOD)
    client.force_login(people["staff_a"])
    response = client.get(reverse("report_create", args=[people["a"].pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("report_detail", args=[draft.pk])
    assert "Dự án đã có báo cáo Quý III/2026 (Nháp): mở báo cáo đó để tiếp tục." in (
        response.content.decode()
    )


def test_the_report_form_refuses_a_second_report_and_links_the_first(client, people, monkeypatch):
    monkeypatch.setattr("itplan.progress.views.current_period", lambda: (2026, 3))
    first = sent(people)
    client.force_login(people["staff_a"])
    url = reverse("report_create", args=[people["a"].pk])
    page = client.get(url).content.decode()
    assert "Dự án đã có báo cáo Quý III/2026 (Chờ duyệt)." in page
    assert reverse("report_detail", args=[first.pk]) in page
    before = rows()
    data = PERIOD | {"status": "in_progress", "percent_complete": 70, "action": "submit"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Dự án đã có báo cáo Quý III/2026 (Chờ duyệt): mỗi kỳ một báo cáo." in (
        response.content.decode()
    )
    assert rows() == before
    # another period is still open
    response = client.post(url, data | {"quarter": 4})
    assert StatusUpdate.objects.filter(project=people["a"], quarter=4).count() == 1


def test_the_admin_add_of_a_second_report_shows_a_vietnamese_error(client, people):
    report(people["a"], people["staff_a"], **PERIOD)
    client.force_login(people["staff_a"])
    url = reverse("admin:projects_statusupdate_add")
    data = {
        "project": people["a"].pk,
        **PERIOD,
        "status": "in_progress",
        "percent_complete": 20,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    before = rows()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Dự án này đã có báo cáo tiến độ cho kỳ này" in response.content.decode()
    assert rows() == before


# -- an older period never replaces a newer one --------------------------------------------


def test_a_late_approval_of_an_older_quarter_keeps_the_newer_figures(client, people):
    q3 = sent(people, quarter=3, percent_complete=70)
    q2 = sent(people, quarter=2, percent_complete=45, status=Project.Status.PREPARING)
    approve(q3, by=people["leader_a"])
    client.force_login(people["leader_a"])
    response = client.post(
        reverse("report_detail", args=[q2.pk]), {"action": "approve"}, follow=True
    )
    q2.refresh_from_db()
    people["a"].refresh_from_db()
    assert q2.state == State.APPROVED
    assert (people["a"].status, people["a"].percent_complete) == (Project.Status.IN_PROGRESS, 70)
    assert (
        "Đã duyệt báo cáo Quý II/2026. Tình trạng và % hoàn thành của dự án giữ theo báo cáo đã "
        "duyệt của kỳ sau (Quý III/2026)."
    ) in response.content.decode()


def test_a_years_report_counts_as_the_end_of_its_year(people):
    year = sent(people, quarter=None, percent_complete=80)
    approve(year, by=people["leader_a"])
    approve(sent(people, quarter=4, percent_complete=75), by=people["leader_a"])  # same end
    people["a"].refresh_from_db()
    assert people["a"].percent_complete == 75
    approve(sent(people, year=2025, quarter=None, percent_complete=30), by=people["leader_a"])
    people["a"].refresh_from_db()
    assert people["a"].percent_complete == 75
