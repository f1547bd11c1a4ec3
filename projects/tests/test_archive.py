"""Nothing lost by a click: a deleted plan, project, budget line, report or indicator is archived
(hidden from pages and figures), listed under "Đã xoá" for administrators, restored in one click
within 90 days and purged after."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from budgets.models import BudgetLine, MoneySummary
from budgets.reconciliation import computed_totals
from projects import archive
from projects.models import Deletion, Plan, Project
from tests.admin_forms import form_data
from tests.database import changed_tables, snapshot
from tests.factories import BudgetLineFactory, ProjectFactory, make_user, two_provinces


def _need(plan) -> int:
    return computed_totals(plan)["total"]


@pytest.fixture
def bac_lieu(seed):
    return seed["bac-lieu"]


def test_staff_delete_of_a_project_hides_it_and_an_admin_restores_it_in_one_click(client, bac_lieu):
    """Bạc Liêu's plan needs 32.200 triệu; its first project goes, and comes back."""
    staff = make_user("canbo.bl", "staff", bac_lieu.province)
    admin = make_user("quantri", "admin")
    project = bac_lieu.projects.order_by("order").first()
    project_need = sum(project.budget_lines.filter(stage="need").values_list("amount", flat=True))
    assert _need(bac_lieu) == 32_200_000_000 and project_need > 0

    client.force_login(staff)
    response = client.post(
        reverse("admin:projects_project_delete", args=[project.pk]),
        {"post": "yes", "reason": "Nhập trùng"},
    )
    assert response.status_code == 302

    assert not Project.objects.filter(pk=project.pk).exists()
    assert _need(bac_lieu) == 32_200_000_000 - project_need
    assert (
        sum(
            MoneySummary.objects.filter(plan=bac_lieu, stage="need").values_list(
                "amount", flat=True
            )
        )
        == 32_200_000_000 - project_need
    )
    assert (
        project.name not in client.get(reverse("plan_detail", args=[bac_lieu.pk])).content.decode()
    )
    assert client.get(reverse("project_detail", args=[project.pk])).status_code == 404

    # Staff do not see "Đã xoá" and cannot restore.
    deletion = Deletion.objects.get()
    assert client.get(reverse("admin:projects_deletion_changelist")).status_code == 403
    restore_url = reverse("admin:projects_deletion_restore", args=[deletion.pk])
    assert client.post(restore_url).status_code == 403
    assert not Project.objects.filter(pk=project.pk).exists()

    client.force_login(admin)
    page = client.get(reverse("admin:projects_deletion_changelist")).content.decode()
    assert str(project) in page and "canbo.bl" in page and "Nhập trùng" in page
    assert restore_url in page  # the button
    assert client.get(restore_url).status_code == 405  # no GET restores
    response = client.post(restore_url, follow=True)
    assert "Đã khôi phục" in response.content.decode()

    assert Project.objects.filter(pk=project.pk).exists()
    assert _need(bac_lieu) == 32_200_000_000
    history = Project.history.filter(id=project.pk).order_by("history_date")
    reasons = [(h.history_user.username, h.history_change_reason) for h in list(history)[-2:]]
    assert reasons == [("canbo.bl", "Nhập trùng"), ("quantri", "Khôi phục từ mục Đã xoá")]


def test_a_plan_with_projects_is_deleted_only_once_its_number_is_typed(client, bac_lieu):
    client.force_login(make_user("canbo.bl", "staff", bac_lieu.province))
    url = reverse("admin:projects_plan_delete", args=[bac_lieu.pk])
    assert "Gõ số hiệu “2213/QĐ-UBND”" in client.get(url).content.decode()

    before = snapshot()
    response = client.post(url, {"post": "yes", "document_number": "2213"}, follow=True)
    assert "hãy gõ đúng số hiệu “2213/QĐ-UBND”" in response.content.decode()
    assert changed_tables(before, snapshot()) == []

    client.post(url, {"post": "yes", "document_number": "2213/QĐ-UBND"})
    assert not Plan.objects.filter(pk=bac_lieu.pk).exists()
    assert not Project.objects.filter(plan_id=bac_lieu.pk).exists()
    assert not MoneySummary.objects.filter(plan_id=bac_lieu.pk).exists()
    assert Project._base_manager.filter(plan_id=bac_lieu.pk).count() == 11
    assert Deletion.objects.get().counts["dự án, nhiệm vụ"] == 11


def test_a_budget_line_removed_in_the_project_form_is_archived(client, db):
    project = ProjectFactory()
    kept, dropped = (
        BudgetLineFactory(project=project),
        BudgetLineFactory(project=project, year=2023),
    )
    client.force_login(make_user("canbo", "staff", project.plan.province))
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = form_data(client.get(url).content, "project_form")
    index = next(k for k, v in data.items() if k.endswith("-id") and v == str(dropped.pk))
    data[index.replace("-id", "-DELETE")] = "on"
    assert client.post(url, data).status_code == 302
    assert list(BudgetLine.objects.filter(project=project)) == [kept]
    assert BudgetLine._base_manager.get(pk=dropped.pk).deletion is not None
    assert MoneySummary.objects.get(plan=project.plan).amount == kept.amount


def test_revert_of_a_deleted_row_says_why_instead_of_an_error(client, db):
    world = two_provinces()
    project, admin = world["a"]["project"], world["admin"]
    version = Project.history.filter(id=project.pk).earliest("history_date")
    archive.archive(project, by=admin)
    client.force_login(admin)
    url = reverse("admin:projects_project_simple_history", args=[project.pk, version.history_id])
    response = client.post(url, {"name": "x"}, follow=True)
    assert response.status_code == 200
    assert "đã bị xoá. Hãy khôi phục nó ở mục “Đã xoá” trước" in response.content.decode()
    assert Project._base_manager.get(pk=project.pk).deletion is not None


def test_restore_waits_for_the_plan_and_ends_after_90_days_when_purge_removes(db):
    world = two_provinces()
    admin, project, plan = world["admin"], world["a"]["project"], world["a"]["plan"]
    first = archive.archive(project, by=admin)
    archive.archive(plan, by=admin)
    with pytest.raises(archive.ArchiveError, match="cũng đang ở mục Đã xoá"):
        archive.restore(first, by=admin)

    later = timezone.now() + datetime.timedelta(days=91)
    Deletion.objects.update(deleted_at=later - datetime.timedelta(days=91))
    first.refresh_from_db()
    purged, problems = archive.purge(now=later)
    assert problems == [] and len(purged) == 2
    assert not Plan._base_manager.filter(pk=plan.pk).exists()
    assert not Project._base_manager.filter(pk=project.pk).exists()
    assert world["b"]["project"] in Project.objects.all()  # the other province is untouched
    with pytest.raises(archive.ArchiveError, match="không khôi phục được"):
        archive.restore(first, by=admin)


def test_only_who_may_change_a_row_archives_it(db):
    world = two_provinces()
    for who in ("leader", "national", "norole"):
        with pytest.raises(PermissionDenied):
            archive.archive(world["a"]["project"], by=world[who])
    with pytest.raises(PermissionDenied, match="quyền"):
        archive.archive(world["b"]["project"], by=world["staff"])
    assert Deletion.objects.count() == 0
    deletion = archive.archive(world["a"]["project"], by=world["staff"])
    with pytest.raises(PermissionDenied, match="quản trị viên"):
        archive.restore(deletion, by=world["staff"])
