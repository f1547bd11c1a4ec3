"""The API's errors as JSON (``{"detail": …}``) in the request's language: Vietnamese unless
the client sends ``Accept-Language: en`` (``itplan.middleware``). Django REST framework's own
Vietnamese catalogue holds a handful of its messages, so the common ones are said here; where
the English catalogue lacks one of them (until the catalogues are regenerated), a client asking
for English gets DRF's own English words rather than Vietnamese."""

from django.http import Http404
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler

# DRF's default message of each exception -> ours
SAID = {
    exceptions.NotAuthenticated: gettext_noop(
        "Chưa xác thực: gửi khóa API (Authorization: Bearer …) hoặc đăng nhập cổng."
    ),
    exceptions.AuthenticationFailed: gettext_noop("Khóa API không đúng."),
    exceptions.PermissionDenied: gettext_noop("Bạn không có quyền xem dữ liệu này."),
    exceptions.NotFound: gettext_noop("Không tìm thấy, hoặc không thuộc phạm vi bạn được xem."),
    exceptions.NotAcceptable: gettext_noop("API chỉ trả về JSON."),
    exceptions.ParseError: gettext_noop("Yêu cầu không đúng định dạng."),
    exceptions.MethodNotAllowed: gettext_noop(
        "API chỉ cho phép đọc (GET, HEAD): phương thức này không được dùng."
    ),
    exceptions.Throttled: gettext_noop("Quá nhiều yêu cầu: hãy thử lại sau %(seconds)s giây."),
}


def handler(exc, context):
    response = exception_handler(exc, context)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    said = SAID.get(type(exc))
    if response is None or said is None or not isinstance(response.data, dict):
        return response
    generic = isinstance(exc, exceptions.MethodNotAllowed | exceptions.Throttled)
    if not generic and str(exc.detail) != str(type(exc).default_detail):
        return response  # a message of our own (a revoked token, no role…): already translated
    words = _(said)
    if words == said and (get_language() or "").startswith("en"):
        return response  # no English for ours yet: DRF's English
    if isinstance(exc, exceptions.Throttled):
        words %= {"seconds": int(exc.wait or 1)}
    response.data["detail"] = words
    return response
