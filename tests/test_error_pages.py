"""With DEBUG off (production), the error pages are the portal's own, in Vietnamese: 400, 403,
the CSRF failure, 404 and 500, each with its status and a way back home."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path
from django.utils import translation

from itplan.urls import urlpatterns as portal_urlpatterns
from tests.english import english_words
from tests.factories import ProvinceFactory, make_user


def _broken(request):
    raise RuntimeError("hỏng")


def _forbidden(request):
    raise PermissionDenied


# The portal's URLs and two that fail, for the 500 page and a bare 403 (this module is the
# URLconf of its tests).
urlpatterns = [path("hong/", _broken), path("cam/", _forbidden), *portal_urlpatterns]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls(__name__),
    pytest.mark.usefixtures("production"),
]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.fixture(autouse=True)
def vietnamese_afterwards():
    """A request in English leaves English active in this thread (LocaleMiddleware does not
    reset it): the tests after this one expect the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _assert_vietnamese(response, status: int, heading: str):
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    assert "Về trang chủ" in html
    assert english_words(html) == []


def test_404_is_vietnamese(client):
    client.force_login(make_user("canbo", "staff", ProvinceFactory()))
    response = client.get("/khong-co-trang-nay/")
    _assert_vietnamese(response, 404, "Không tìm thấy trang")
    assert "/khong-co-trang-nay/" in response.content.decode()


def test_404_for_anonymous_is_vietnamese(client):
    _assert_vietnamese(client.get("/khong-co/"), 404, "Không tìm thấy trang")


def test_403_names_the_reason_in_vietnamese(client):
    client.force_login(make_user("khongvaitro", None))  # a user without a role
    response = client.get("/tong-quan/")
    _assert_vietnamese(response, 403, "Không có quyền truy cập")


def test_bare_403_is_vietnamese(client):
    _assert_vietnamese(client.get("/cam/"), 403, "Không có quyền truy cập")


def test_500_is_a_plain_vietnamese_page():
    client = Client(raise_request_exception=False)
    response = client.get("/hong/")
    _assert_vietnamese(response, 500, "Lỗi máy chủ")
    assert "hỏng" not in response.content.decode()  # the error itself stays in the log


def test_400_is_vietnamese(client):
    response = client.get("/", HTTP_HOST="ke-hoach.gia-mao.example")
    _assert_vietnamese(response, 400, "Yêu cầu không hợp lệ")


def test_csrf_failure_is_vietnamese_and_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("canbo", "staff", ProvinceFactory()))
    response = client.post("/dang-xuat/")
    _assert_vietnamese(response, 403, "Biểu mẫu đã hết hạn")
    assert "tải lại trang" in response.content.decode()


def test_english_reader_gets_the_404_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/khong-co/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()
