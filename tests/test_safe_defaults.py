"""Safe defaults: the browser's policies (CSP without inline script, Permissions-Policy,
Referrer-Policy), downloads never cached, django-axes behind a reverse proxy, and WeasyPrint
reading only the portal's own static files."""

import re
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itplan.models import Report
from itplan.reports.fetcher import StaticFilesOnly
from itplan.reports.render import CSS, print_pdf
from projects.models import Attachment
from tests.factories import make_user, report

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A script element that runs code: neither loaded from a file nor data (json_script's JSON).
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>', re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


# --- browser policies -----------------------------------------------------------------------------


def test_pages_carry_a_content_security_policy_without_inline_script(client, world):
    client.force_login(world["staff_a"])
    directives = policy(client.get(reverse("progress_board")))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_login_page_has_the_policies_too(client, db):
    response = client.get(reverse("login"))
    assert policy(response)["script-src"] == "'self'"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_browser_features_are_switched_off_and_the_referrer_stays_on_the_site(client, world):
    client.force_login(world["leader_a"])
    response = client.get(reverse("dashboard"))
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


TEMPLATES = [
    *(ROOT / "templates").rglob("*.html"),
    *(ROOT / "itplan").glob("*/templates/**/*.html"),  # each feature's, beside it
]


@pytest.mark.parametrize("template", sorted(p.relative_to(ROOT).as_posix() for p in TEMPLATES))
def test_no_template_holds_inline_script_or_event_handlers(template):
    text = (ROOT / template).read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), template
    assert not INLINE_HANDLER.search(text), template


def test_pages_with_scripts_load_them_from_files(client, world):
    client.force_login(world["staff_a"])
    plan = world["a"].plan
    pages = {
        "dashboard": reverse("dashboard"),
        "upload": reverse("import_upload", args=[plan.pk]),
        "admin": reverse("admin:projects_project_change", args=[world["a"].pk]),
    }
    client.force_login(make_user("quantri", "admin"))
    for name, url in pages.items():
        page = client.get(url).content.decode()
        assert "<script src=" in page, name
        assert not INLINE_SCRIPT.search(page), name
        assert not INLINE_HANDLER.search(page), name
    upload_page = client.get(pages["upload"]).content.decode()
    assert 'src="/static/js/upload.js"' in upload_page
    assert 'data-uploading="Đang tải lên…"' in upload_page


# --- downloads ------------------------------------------------------------------------------------


def assert_not_stored(response, what):
    assert response.status_code == 200, what
    assert response.has_header("Content-Disposition"), what
    assert response["Cache-Control"] == "no-store, private", what


def test_every_download_is_marked_no_store(client, world):
    staff = world["staff_a"]
    client.force_login(staff)
    plan = world["a"].plan
    draft = report(world["a"], staff)
    client.post(
        reverse("attachment_add", args=[draft.pk]),
        {"file": SimpleUploadedFile("Biên bản.pdf", PDF)},
    )
    attachment = Attachment.objects.get(report=draft)
    downloads = {
        "attachment": reverse("attachment", args=[attachment.pk]),
        "plan export": reverse("plan_export", args=[plan.pk]),
        "plan template": reverse("plan_template", args=[plan.pk]),
        "plan open data": reverse("plan_open_data", args=[plan.pk]),
        "project list xlsx": reverse("project_list") + "?xuat=xlsx",
        "budget list csv": reverse("budget_list") + "?xuat=csv",
        "indicator list xlsx": reverse("indicator_list") + "?xuat=xlsx",
    }
    for what, url in downloads.items():
        assert_not_stored(client.get(url), what)

    assert client.post(reverse("ubnd_preview") + f"?ke_hoach={plan.pk}&ky=").status_code == 302
    ubnd = Report.objects.latest("id")
    assert_not_stored(client.get(reverse("ubnd_download", args=[ubnd.pk, "xlsx"])), "UBND xlsx")

    url = reverse("admin:projects_project_export")
    form = client.get(url).context["form"]
    xlsx = next(value for value, label in form.fields["format"].choices if label == "xlsx")
    assert_not_stored(client.post(url, {"format": xlsx, "resource": "0"}), "admin export")


def test_ordinary_pages_keep_their_caching_headers(client, world):
    client.force_login(world["staff_a"])
    assert "no-store" not in client.get(reverse("progress_board")).get("Cache-Control", "")


# --- django-axes behind a reverse proxy ---------------------------------------------------------


def fail_login(client, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": "canbo.a", "password": "sai-mat-khau"},
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1  # AXES_IPWARE_PROXY_COUNT=1 in the environment


def test_two_clients_behind_one_proxy_are_locked_separately(client, world, behind_one_proxy):
    for _ in range(5):
        last = fail_login(client, "203.0.113.5")
    assert last.status_code == 429  # the first client is locked out
    other = fail_login(client, "198.51.100.7")
    assert other.status_code == 200  # the second one only sees a wrong password
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in other.content.decode()


def test_without_a_proxy_count_the_forwarded_header_is_ignored(client, world):
    assert settings.AXES_IPWARE_PROXY_COUNT == 0
    for number in range(5):  # a client cannot escape the lock by inventing addresses
        last = fail_login(client, f"203.0.113.{number}")
    assert last.status_code == 429


def test_a_spoofed_address_before_the_proxys_own_is_not_believed(client, world, behind_one_proxy):
    for number in range(5):  # the proxy appends the real address last
        last = fail_login(client, f"192.0.2.{number}, 203.0.113.5")
    assert last.status_code == 429


# --- WeasyPrint ---------------------------------------------------------------------------------


@pytest.fixture
def listener():
    """A TCP port on the loopback that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    yield server
    server.close()


def connected(server) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return False
    return True


def test_report_printing_fetches_nothing_from_the_network(listener, caplog):
    port = listener.getsockname()[1]
    html = (
        f'<p>Báo cáo</p><img src="http://127.0.0.1:{port}/x.png">'
        f"<div style=\"background: url('http://127.0.0.1:{port}/y.png')\">x</div>"
    )
    assert print_pdf(html).startswith(b"%PDF")
    assert not connected(listener)


def test_report_printing_reads_no_file_outside_the_static_folders(tmp_path):
    secret = tmp_path / "bi-mat.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    fetcher = StaticFilesOnly()
    for url in (
        "file:///etc/passwd",
        secret.as_uri(),
        (ROOT / "static" / "css" / ".." / ".." / "pyproject.toml").as_uri(),
        "http://127.0.0.1:9/x.png",
        "https://example.com/font.woff2",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError, match="không|Không"):
            fetcher(url)
    pdf = print_pdf('<img src="file:///etc/passwd"><p>x</p>')
    assert b"root:" not in pdf


def fonts_printed(fetcher) -> set[str]:
    """The fonts WeasyPrint embeds for a paragraph in Tinos, with the report's stylesheet."""
    from weasyprint import HTML

    css = (ROOT / "static" / "css" / "report.css").read_text(encoding="utf-8")
    page = f"<style>{css}</style><p style='font-family: Tinos'>Báo cáo tiến độ</p>"
    document = HTML(string=page, base_url=str(CSS), url_fetcher=fetcher).render()
    document.write_pdf()
    return {font.family for font in document.fonts.values()}


def test_report_printing_still_reads_the_portals_fonts_and_styles():
    fetcher = StaticFilesOnly()
    font = next((ROOT / "static" / "fonts" / "tinos").glob("*.ttf"))
    assert fetcher(font.as_uri()).read(4) == font.read_bytes()[:4]
    css = ROOT / "static" / "css" / "report.css"
    assert fetcher(css.as_uri()).read() == css.read_bytes()
    assert fonts_printed(StaticFilesOnly()) == {"Tinos"}


def test_the_font_check_above_would_see_a_refused_font():
    class RefuseAll(StaticFilesOnly):
        def fetch(self, url, headers=None):
            raise ValueError(url)

    assert "Tinos" not in fonts_printed(RefuseAll())  # the system has no Tinos of its own
