"""The checks of ``make prod-check`` against a stack that ``deploy/stack.sh up`` started.

Everything goes through nginx over TLS (the stack's own certificate, verified), as a browser
would: the login form with its CSRF token, the main pages of each role, a UBND report issued by
a province's staff and printed by the background worker, a static file served by nginx, an
upload over nginx's limit. It also shows that one signed-in session was served by both gunicorn
instances (the rendered nginx.conf adds ``X-Upstream``), so sessions and the page cache are
shared through Redis. Run with the stack's environment (``. $STACK_DIR/env``); exits 1 naming
the first check that failed.

    python deploy/prod_check.py users     # the seed's users of each role (needs the database)
    python deploy/prod_check.py http      # the checks through nginx
"""

import http.client
import http.cookiejar
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = "prod-check-users.json"  # in STACK_DIR: the users made for this run
PLAN_FILE = "tra-vinh-952-2011.yaml"  # the seed plan the checks read and report on
# One user of each role; the province ones on the plan's province.
ROLES = {"staff": "canbo.check", "leader": "lanhdao.check", "national": "trunguong.check"}


class CheckFailed(Exception):
    pass


def check(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# ---- users (Django, on the stack's database) ----


def make_users() -> None:
    """The plan's province staff and leader and a national viewer, each with a random password
    (the administrator comes from ``createsuperuser``, as an operator makes one)."""
    import secrets

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itplan.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from projects.models import Plan
    from provinces.models import Membership

    plan = Plan.objects.get(province__slug="tra-vinh", document_number__startswith="952")
    users = {}
    for role, username in ROLES.items():
        password = secrets.token_urlsafe(16)
        user = get_user_model().objects.create_user(username, password=password, is_staff=True)
        province = None if role == "national" else plan.province
        Membership.objects.create(user=user, role=role, province=province)
        users[role] = {"username": username, "password": password}
    users["admin"] = {
        "username": os.environ["DJANGO_SUPERUSER_USERNAME"],
        "password": os.environ["DJANGO_SUPERUSER_PASSWORD"],
    }
    state = {"users": users, "plan": plan.pk}
    path = Path(os.environ["STACK_DIR"]) / PASSWORDS
    path.write_text(json.dumps(state))
    path.chmod(0o600)


# ---- a browser's session through nginx ----


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    """One browser: its cookies, the TLS context trusting the stack's certificate, and which
    gunicorn answered each request."""

    def __init__(self, base: str, ca: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.tls = ssl.create_default_context(cafile=ca)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=self.tls),
            urllib.request.HTTPCookieProcessor(self.jar),
            NoRedirect,
        )
        self.upstreams: list[str] = []

    def request(self, path: str, data: dict | None = None, *, follow: bool = True):
        """``(status, headers, body, final path)``; POSTs carry the CSRF token and Referer."""
        url = urllib.parse.urljoin(self.base, path)
        body = None
        headers = {"Accept-Language": "vi"}
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookie("csrftoken"), **data}
            body = urllib.parse.urlencode(data).encode()
            headers["Referer"] = url  # Django's CSRF check over HTTPS wants a same-origin one
        for _ in range(5):
            request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - ours
            try:
                response = self.opener.open(request, timeout=120)
            except urllib.error.HTTPError as error:
                response = error
            content = response.read()
            if response.headers.get("X-Upstream"):
                self.upstreams.append(response.headers["X-Upstream"])
            location = response.headers.get("Location")
            if not (follow and response.status in (301, 302, 303) and location):
                return response.status, response.headers, content, urllib.parse.urlsplit(url).path
            url, body = urllib.parse.urljoin(url, location), None
            headers.pop("Referer", None)
        raise CheckFailed(f"{path}: quá nhiều lần chuyển hướng")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def login(self, username: str, password: str) -> None:
        status, _, body, _ = self.request("/dang-nhap/")
        check(status == 200, f"trang đăng nhập trả về {status}")
        check(b"csrfmiddlewaretoken" in body, "trang đăng nhập không có mã CSRF")
        status, headers, _, _ = self.request(
            "/dang-nhap/", {"username": username, "password": password}, follow=False
        )
        check(
            status == 302 and self.cookie("sessionid"),
            f"đăng nhập {username}: {status}, không có phiên (CSRF hay mật khẩu?)",
        )


# ---- the checks ----

COMMON = ["/", "/ke-hoach/", "/ke-hoach/{plan}/", "/tong-quan/", "/du-an/", "/kinh-phi/"]
COMMON += ["/chi-tieu/", "/bao-cao-ubnd/"]
PAGES = {
    "staff": [*COMMON, "/tien-do/", "/chua-bao-cao/"],
    "leader": [*COMMON, "/tien-do/"],
    "national": COMMON,
    "admin": [*COMMON, "/tien-do/", "/admin/", "/admin/auth/user/"],
}


def roles_and_pages(base: str, ca: str, state: dict, log) -> dict[str, Session]:
    """Each role logs in and opens its main pages: each 200, and each session served by both
    gunicorn instances."""
    sessions = {}
    for role, user in state["users"].items():
        session = Session(base, ca)
        session.login(user["username"], user["password"])
        for page in PAGES[role]:
            path = page.format(plan=state["plan"])
            status, _, body, final = session.request(path)
            check(status == 200, f"{role} mở {path} ({final}): {status}")
            check(b"<html" in body.lower(), f"{role} mở {path}: không phải trang HTML")
        served = sorted(set(session.upstreams))
        check(
            len(served) >= 2,
            f"phiên của {role} chỉ do {served} phục vụ: hai gunicorn phải cùng phục vụ một phiên",
        )
        log(f"{role:8} đăng nhập, {len(PAGES[role])} trang 200, do {' và '.join(served)} phục vụ")
        sessions[role] = session
    return sessions


def report_through_worker(staff: Session, state: dict, log) -> None:
    """Staff keep a draft of the plan's 2014 report, issue it; the worker prints the PDF."""
    started = time.monotonic()
    preview = f"/bao-cao-ubnd/xem/?ke_hoach={state['plan']}&ky=2014"
    status, _, body, _ = staff.request(preview)
    check(status == 200, f"xem báo cáo UBND: {status}")
    status, _, _, final = staff.request(preview, {})
    match = re.fullmatch(r"/bao-cao-ubnd/(\d+)/", final)
    check(status == 200 and match, f"lưu dự thảo báo cáo: {status} tại {final}")
    report = match[1]
    status, _, body, _ = staff.request(f"/bao-cao-ubnd/{report}/ban-hanh/", {"number": "9/BC-KT"})
    check(status == 200, f"ban hành báo cáo: {status}")
    check("Đã ban hành".encode() in body, "ban hành báo cáo: trang không báo đã ban hành")
    state_url = f"/bao-cao-ubnd/{report}/trang-thai/"
    pdf_state = {}
    while time.monotonic() - started < 120:
        status, _, body, _ = staff.request(state_url)
        pdf_state = json.loads(body)
        if pdf_state["state"] in ("ready", "failed"):
            break
        time.sleep(1)
    check(pdf_state.get("state") == "ready", f"tệp PDF do db_worker tạo: {pdf_state}")
    status, headers, body, _ = staff.request(pdf_state["url"])
    check(
        status == 200 and headers.get_content_type() == "application/pdf",
        f"tải PDF: {status} {headers.get('Content-Type')}",
    )
    check(body.startswith(b"%PDF"), "tệp tải về không phải PDF")
    log(
        f"báo cáo UBND số 9/BC-KT ban hành, db_worker tạo PDF ({len(body) // 1024} KB) "
        f"sau {time.monotonic() - started:.1f} s"
    )


def static_from_nginx(session: Session, log) -> None:
    """A hashed static file from the page: nginx answers (no gunicorn), cached for a year."""
    _, _, body, _ = session.request("/dang-nhap/")
    match = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
    check(match, "trang không dẫn tới tệp CSS có mã băm (collectstatic, ManifestStaticFiles)")
    path = match[1].decode()
    before = len(session.upstreams)
    status, headers, _, _ = session.request(path)
    check(status == 200, f"{path}: {status}")
    check(len(session.upstreams) == before, f"{path} do gunicorn trả, không phải nginx")
    cache = headers.get("Cache-Control", "")
    check("max-age=31536000" in cache and "immutable" in cache, f"{path}: Cache-Control {cache}")
    log(f"tệp tĩnh {path} do nginx trả, Cache-Control: {cache}")


def upload_too_large(session: Session, state: dict, log) -> None:
    """A 12 MiB upload (the portal takes 10 MiB): nginx answers 413 before gunicorn sees it."""
    size = 12 * 1024 * 1024
    host = urllib.parse.urlsplit(session.base)
    connection = http.client.HTTPSConnection(
        host.hostname, host.port, context=session.tls, timeout=30
    )
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.jar)
    connection.putrequest("POST", f"/ke-hoach/{state['plan']}/nhap-phu-luc/")
    for name, value in {
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": str(size),
        "Cookie": cookies,
        "X-CSRFToken": session.cookie("csrftoken"),
        "Referer": session.base + "/",
    }.items():
        connection.putheader(name, value)
    connection.endheaders()
    try:  # nginx may answer and close before the whole body is sent
        chunk = b"0" * (1024 * 1024)
        for _ in range(size // len(chunk)):
            connection.send(chunk)
    except OSError:
        pass
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    check(response.status == 413, f"tải lên 12 MiB: {response.status}, nginx phải trả 413")
    check(not response.getheader("X-Upstream"), "tải lên 12 MiB đã tới gunicorn")
    check("Tệp quá lớn" in body, "trang 413 của nginx không phải trang tiếng Việt của cổng")
    log("tải lên 12 MiB bị nginx từ chối: 413 (giới hạn client_max_body_size 11m)")


def api_through_nginx(session: Session, log) -> None:
    """The read API answers through nginx with its ETag, and a repeat with If-None-Match is
    304: the validator survives the proxy."""
    status, headers, body, _ = session.request("/api/v1/plans/")
    check(status == 200, f"/api/v1/plans/: {status}")
    check(headers.get_content_type() == "application/json", "/api/v1/plans/ không trả JSON")
    check(json.loads(body).get("results"), "/api/v1/plans/ không có kế hoạch nào")
    etag = headers.get("ETag")
    check(etag, "/api/v1/plans/ không có ETag qua nginx")
    request = urllib.request.Request(  # noqa: S310 - the stack's own https address
        session.base + "/api/v1/plans/", headers={"If-None-Match": etag}
    )
    try:
        status = session.opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.status
    check(status == 304, f"/api/v1/plans/ với If-None-Match: {status}, cần 304")
    log(f"API /api/v1/plans/ qua nginx: JSON, ETag {etag}, hỏi lại: 304")


def plain_http_redirects(log) -> None:
    url = os.environ["STACK_HTTP_URL"] + "/tong-quan/"
    request = urllib.request.Request(url)  # noqa: S310 - the stack's own http address
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    location = response.headers.get("Location", "")
    expected = os.environ["STACK_URL"] + "/tong-quan/"
    check(response.status == 301 and location == expected, f"HTTP: {response.status} {location}")
    log(f"HTTP chuyển sang HTTPS: 301 → {location}")


def shared_redis(log) -> None:
    """The sessions and the cached pages are in the stack's Redis, where both instances read."""
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = [key.decode() for key in client.scan_iter("itplan:*", count=1000)]
    sessions = sum("django.contrib.sessions" in key for key in keys)
    check(sessions >= len(ROLES) + 1, f"Redis giữ {sessions} phiên, cần ít nhất {len(ROLES) + 1}")
    check(len(keys) > sessions, "Redis không giữ trang nào của bộ nhớ đệm")
    log(f"Redis dùng chung: {sessions} phiên, {len(keys) - sessions} khóa bộ nhớ đệm trang")


def run_http() -> None:
    base, ca = os.environ["STACK_URL"], os.environ["STACK_CA"]
    state = json.loads((Path(os.environ["STACK_DIR"]) / PASSWORDS).read_text())

    def log(line: str) -> None:
        print(f"  ✓ {line}", flush=True)

    sessions = roles_and_pages(base, ca, state, log)
    report_through_worker(sessions["staff"], state, log)
    static_from_nginx(sessions["national"], log)
    upload_too_large(sessions["staff"], state, log)
    api_through_nginx(sessions["leader"], log)
    plain_http_redirects(log)
    shared_redis(log)


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        if command == "users":
            make_users()
        elif command == "http":
            run_http()
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except CheckFailed as failure:
        print(f"  ✗ KIỂM TRA KHÔNG ĐẠT: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
