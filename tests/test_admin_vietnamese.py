"""The admin speaks Vietnamese, including the strings Django and django-simple-history ship
untranslated, and shows money in triệu đồng with Vietnamese separators."""

import re

from django.urls import reverse

from tests.factories import BudgetLineFactory, ProjectFactory, make_user


def test_changelist_filters_and_money_are_vietnamese(client, db):
    project = ProjectFactory(estimate=3_360_000_000)
    BudgetLineFactory(project=project, amount=1_234_500_000)
    client.force_login(make_user("canbo", "staff", project.plan.province))
    html = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "Hiện số lượng" in html
    assert "Show counts" not in html
    assert "3.360" in html  # dự kiến, triệu đồng
    assert "1.234,5" in html  # nhu cầu theo các dòng, triệu đồng


def test_history_page_is_vietnamese(client, db):
    project = ProjectFactory()
    client.force_login(make_user("canbo", "staff", project.plan.province))
    html = client.get(reverse("admin:projects_project_history", args=[project.pk])).content
    text = html.decode()
    assert "Lịch sử thay đổi" in text
    assert "Change history" not in text


def test_money_input_shows_dong_grouped_and_accepts_units(client, db):
    project = ProjectFactory(estimate=4_800_000_000)
    client.force_login(make_user("canbo", "staff", project.plan.province))
    html = client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
    estimate = re.search(r'<input[^>]*name="estimate"[^>]*>', html).group(0)
    assert 'type="text"' in estimate
    assert 'value="4.800.000.000"' in estimate
