"""No GET changes data: every URL of the portal and of the admin, opened with GET (with the query
parameters its pages use) by every role, leaves every table exactly as it was."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from itplan.models import Report
from projects.models import Attachment
from tests.database import changed_tables, snapshot
from tests.factories import two_provinces

QUERIES = ["", "?xuat=csv", "?xuat=xlsx", "?dinh_dang=pdf", "?dinh_dang=xlsx", "?sheet=Khác"]
ROLES = ["staff", "leader", "national", "admin", "norole"]


@pytest.fixture
def world(db):
    world = two_provinces()
    a = world["a"]
    a["appendiximport"].file.save("phu-luc.csv", ContentFile("TT,Tên dự án\n1,Một cửa\n".encode()))
    a["attachment"] = Attachment.objects.create(
        report=a["statusupdate"],
        file=ContentFile(b"%PDF-1.4", name="bb.pdf"),
        name="bb.pdf",
        size=8,
        uploaded_by=world["staff"],
    )
    a["report"] = Report.objects.create(
        province=a["province"],
        params={"ke_hoach": str(a["plan"].pk)},
        period="2026",
        issuing_body="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        place="Bạc Liêu",
        issue_date=datetime.date(2026, 12, 3),
        summary="Kết quả thực hiện kế hoạch năm 2026",
        recipient="Ủy ban nhân dân tỉnh",
        created_by=world["staff"],
    )
    return world


def _portal_urls(world) -> list[str]:
    """Every named portal URL with its arguments filled from the world's province "a"."""
    a = world["a"]
    values = {
        "plan_id": a["plan"].pk,
        "project_id": a["project"].pk,
        "line_id": a["budgetline"].pk,
        "import_id": a["appendiximport"].pk,
        "attachment_id": a["attachment"].pk,
        "indicator_id": a["indicator"].pk,
        "fmt": "pdf",
        "uidb64": "MQ",  # the password reset link, with a token that is not valid
        "token": "set-password",
    }
    urls = []
    for pattern in _named_patterns(get_resolver().url_patterns):
        names = pattern.pattern.regex.groupindex
        report = a["report"] if pattern.name.startswith("ubnd_") else a["statusupdate"]
        kwargs = {name: values.get(name, report.pk) for name in names}
        urls.append(reverse(pattern.name, kwargs=kwargs))
    return urls


def _named_patterns(patterns):
    """The named patterns of the portal, through its includes (the admin's are walked apart)."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name:
                yield pattern
        elif getattr(pattern, "app_name", None) != "admin":
            yield from _named_patterns(pattern.url_patterns)


def _admin_urls(world) -> list[str]:
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        obj = world["a"].get(model._meta.model_name)
        if obj is None:
            continue
        urls += [
            reverse(f"{prefix}_change", args=[obj.pk]),
            reverse(f"{prefix}_delete", args=[obj.pk]),
            reverse(f"{prefix}_history", args=[obj.pk]),
        ]
        history = getattr(model, "history", None)
        if isinstance(model_admin, SimpleHistoryAdmin):
            version = history.filter(**{model._meta.pk.attname: obj.pk}).first()
            urls.append(reverse(f"{prefix}_simple_history", args=[obj.pk, version.history_id]))
    return urls


def test_every_get_leaves_the_database_unchanged(world):
    urls = _portal_urls(world) + _admin_urls(world)
    assert len(urls) > 60  # every pattern was found
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(world[role])
    clients["anonymous"] = Client()
    writes = []
    for url in urls:
        for query in QUERIES if "/admin/" not in url else [""]:
            for role, client in clients.items():
                before = snapshot()
                response = client.get(url + query)
                assert response.status_code < 500, (role, url + query)
                changed = changed_tables(before, snapshot())
                if changed:
                    writes.append((role, url + query, changed))
    assert writes == []
