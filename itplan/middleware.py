from django.middleware.locale import LocaleMiddleware


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose English with the switch in the page header (Django's
    language cookie). The browser's Accept-Language is ignored: many officials' browsers are set
    to English, and they expect the portal in Vietnamese."""

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
