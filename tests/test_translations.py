"""The two catalogues are complete: every string of the code has its English in locale/en (the
code's strings are Vietnamese), every entry of locale/vi (the third-party strings Django and the
libraries leave untranslated) has its Vietnamese, the compiled .mo files hold what the .po files
say, and the switch in the menu turns the portal into English."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import make_user

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|\{[a-z_]*\}")
# What makemessages reads: the code and templates, not the tests, the benchmarks or the venv.
IGNORE = [".venv*", "benchmarks", "tests", "*/tests/*"]


@pytest.fixture(autouse=True)
def vietnamese_afterwards():
    """A request in English leaves English active in this thread (LocaleMiddleware does not
    reset it): the tests after this one expect the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_every_entry_of_the_catalogue_is_translated(language):
    po = _catalogue(language)
    assert len(po) > (800 if language == "en" else 100)
    assert _untranslated(po) == []


def test_english_keeps_every_placeholder():
    wrong = []
    for entry in _catalogue("en"):
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        wrong += [
            s for s, t in pairs if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
        ]
    assert wrong == []


@pytest.mark.parametrize("language", ["en", "vi"])
def test_compiled_catalogue_holds_the_po(language):
    """compilemessages was run after the last edit of the .po (both files are committed)."""
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    }
    stale = [
        e.msgid
        for e in _catalogue(language)
        if not e.obsolete
        and compiled.get((e.msgctxt, e.msgid)) != (e.msgstr or dict(e.msgstr_plural))
    ]
    assert stale == []


def test_every_string_of_the_code_is_in_the_english_catalogue(tmp_path):
    """makemessages on a copy of the code adds no entry without English: a string added with
    _() is translated in locale/en in the same change (README, "Thêm một chuỗi chữ")."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext không có trên máy này (apt-get install gettext); .ci/run cài nó.")
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "code"
    shutil.copytree(
        base,
        copy,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv*",
            "media",
            "node_modules",
            "__pycache__",
            "*.sqlite3",
            "tests",
            "benchmarks",
        ),
    )
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
        + [f"--ignore={pattern}" for pattern in IGNORE],
        cwd=copy,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1", "HOME": str(tmp_path)},
        check=True,
        capture_output=True,
    )
    po = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    assert _untranslated(po) == []


def test_the_menu_switches_to_english_and_back(client, db):
    client.force_login(make_user("lanhdao", "national"))
    page = client.get(reverse("dashboard")).content.decode()
    assert '<button class="link" name="language" value="en" lang="en">English</button>' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/tong-quan/"})
    page = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in page
    assert "IT application plans overview" in page
    assert "Total funding need" in page
    assert "Tổng nhu cầu vốn" not in page
    client.post(reverse("set_language"), {"language": "vi", "next": "/tong-quan/"})
    assert "Tổng nhu cầu vốn" in client.get(reverse("dashboard")).content.decode()


def test_sort_and_money_units_follow_the_language(client, seed):
    """django-filter formats its "(descending)" once at import, and the money unit was a plain
    string: both follow the reader's language now."""
    client.force_login(make_user("lanhdao", "national"))
    page = client.get(reverse("project_list")).content.decode()
    assert "Tên dự án (giảm dần)" in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("project_list")).content.decode()
    assert "Project name (descending)" in page
    assert "(giảm dần)" not in page
    project = seed["bac-lieu"].projects.order_by("order").first()
    client.force_login(make_user("canbo", "staff", project.plan.province))
    page = client.get(reverse("project_detail", args=[project.pk])).content.decode()
    assert "3.000 million VND" in page
    assert "triệu đồng" not in page
