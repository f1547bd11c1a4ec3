from django.middleware.locale import LocaleMiddleware


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the switch in the page header (Django's
    language cookie). The browser's Accept-Language is ignored: many officials' browsers are set
    to English, and they expect the portal in Vietnamese. The read API (``/api/``) is the
    exception: its clients are programs, which ask for a language on purpose (its errors come
    in Vietnamese, or in English with ``Accept-Language: en``)."""

    def process_request(self, request):
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


class NoStoreDownloadsMiddleware:
    """Every download (a response with Content-Disposition: attachments, plan workbooks and
    templates, list exports, UBND reports, the admin's exports) is ``Cache-Control: no-store,
    private``: no browser, proxy or shared computer keeps a copy of a province's data. One rule
    here rather than on each view, so a new download cannot forget it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Content-Disposition"):
            response["Cache-Control"] = "no-store, private"
            del response["Expires"]
        return response
