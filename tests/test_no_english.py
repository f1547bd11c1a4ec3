"""With the portal in Vietnamese (its default), no page shows an English word: every portal page
and every admin page (index, changelists, add and change forms, history, the sign-in lockouts of
django-axes, the exports of django-import-export), opened by staff, a leader, the national viewer
and an administrator. The words are those the libraries print when a string is left untranslated
(tests/english.py)."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse
from import_export.admin import ExportMixin

from tests.english import english_words
from tests.test_no_get_writes import _admin_urls, _portal_urls, world  # noqa: F401

ROLES = ["staff", "leader", "national", "admin"]
# The sort and the filters of the lists, so OrderingFilter's labels and the filter form show.
QUERIES = {"/du-an/": "?sap_xep=-name", "/kinh-phi/": "?sap_xep=-year"}


def _export_urls() -> list[str]:
    urls = []
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, ExportMixin):
            try:
                urls.append(
                    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
                )
            except NoReverseMatch:
                pass
    return urls


def _pages(data) -> list[str]:
    urls = _portal_urls(data) + _admin_urls(data) + _export_urls()
    return [url + QUERIES.get(url, "") for url in urls]


@pytest.mark.parametrize("role", ROLES)
def test_no_english_word_on_any_page(world, role):  # noqa: F811
    client = Client()
    client.force_login(world[role])
    pages = _pages(world)
    assert len(pages) > 60  # every pattern was found
    assert any("/admin/axes/" in url for url in pages)
    assert any(url.endswith("/export/") for url in pages)
    found = []
    shown = 0
    for url in pages:
        response = client.get(url)
        if response.status_code not in (200, 403, 404) or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        shown += 1
        found += [f"{url}: {word}" for word in english_words(response.content.decode())]
    assert shown > 20
    assert found == [], "\n".join(sorted(set(found)))
