"""The README and docs/*.md name only files that are in the repository, and say what a user sees
where they land after signing in."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# `code` spans and the targets of [links](…)
SPANS = re.compile(r"`([^`\n]+)`|\]\(([^)\s#]+)")
# a relative path (`itplan/appendix/write.py`, `docs/`, `static/fonts/tinos/`) or a file name
# with an extension (`conftest.py`, `pyproject.toml`)
PATH = re.compile(r"^(?:\.{1,2}/)?[\w.-]+(?:/[\w.-]+)*/?$")
FILE = re.compile(r"\.(?:py|md|toml|yaml|yml|txt|html|css|js|json|cfg|ini|sh|xlsx|docx)$")
ROOT_FILES = {"Makefile", "README.md", "manage.py", "conftest.py", "pyproject.toml"}
# named by the documents, on purpose not in the repository
ELSEWHERE = {"manifest.json"}  # a member of every backup archive


def generated() -> set[str]:
    """What the portal or its tools write and git ignores (`.venv/`, `db.sqlite3`,
    `mutation-report.txt`): named by the README, never in the repository."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return {line.strip().strip("/") for line in lines if line.strip() and "*" not in line}


def named_paths(text: str) -> set[str]:
    found = set()
    for span in SPANS.finditer(text):
        for word in (span.group(1) or span.group(2) or "").split():
            word = word.rstrip(".,;:)")
            if not PATH.match(word) or word.startswith("/") or "://" in word:
                continue
            if "/" in word and not word[0].isdigit():
                found.add(word)
            elif word in ROOT_FILES or (FILE.search(word) and word.count(".") == 1):
                # a file name alone; not an extension alone (`.xlsx`) nor a dotted name
                # (`reports.workbook.xlsx`)
                if not word.startswith("."):
                    found.add(word)
    return found


def exists(path: str) -> bool:
    if path.endswith(".html") and any(ROOT.glob(f"**/templates/{path}")):
        return True  # a template by its name (`plans/plan_detail.html`)
    if "/" not in path.rstrip("/"):
        # a file name alone: at the top or anywhere in the repository
        return (ROOT / path).exists() or any(
            ".venv" not in p.parts for p in ROOT.glob(f"**/{path}")
        )
    return (ROOT / path).exists()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_a_document_names_is_in_the_repository(doc):
    text = doc.read_text(encoding="utf-8")
    ignored = generated()
    paths = named_paths(text)
    assert paths, "no path found: the extraction is broken"
    missing = sorted(
        path
        for path in paths
        if not exists(path)
        and path not in ELSEWHERE
        and path.strip("/").split("/")[0] not in ignored
        and path.strip("/") not in ignored
    )
    assert missing == [], f"{doc.name} names paths that are not in the repository"


def test_the_extraction_finds_what_a_reader_would_follow():
    text = (
        "See `itplan/appendix/write.py`, [docs](docs/architecture.md), `conftest.py`, "
        "`tests/files/` and `python manage.py reconcile --plan 2213/QĐ-UBND`; "
        "URLs `/tien-do/`, `https://x.vn/a` and `2213/QĐ-UBND` are not paths."
    )
    assert named_paths(text) == {
        "itplan/appendix/write.py",
        "docs/architecture.md",
        "conftest.py",
        "tests/files/",
        "manage.py",
    }
    assert not exists("itplan/appendix/nothing.py")


def test_the_readme_says_where_each_role_lands(client, seed):
    """The walk-through's landing pages are the ones the home page sends each role to."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = re.search(r"Log in at `/dang-nhap/`:(.+?)\.\s", readme, re.S).group(1)
    assert "staff land on “Cập nhật tiến độ” (`/tien-do/`)" in " ".join(said.split())
    assert "(`/tong-quan/`)" in said
    for username, landing in [
        ("canbo.baclieu", "/tien-do/"),
        ("lanhdao.baclieu", "/tong-quan/"),
        ("trunguong", "/tong-quan/"),
        ("admin", "/tong-quan/"),
    ]:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=username))
        assert client.get("/", follow=False).url == landing, username
