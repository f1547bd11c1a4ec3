"""What WeasyPrint may read while printing a report: the portal's own static files, nothing else.

A report's words are typed by users (difficulties, proposals, Nơi nhận). Were any of them ever to
reach the HTML unescaped, an ``<img src="http://10.0.0.1/…">`` would make the server call into
its own network, and ``file:///etc/…`` would print the server's files into the PDF. The fetcher
refuses every URL but ``data:`` and the files under the static folders (``STATICFILES_DIRS``, the
apps' ``static/``, ``STATIC_ROOT``): the stylesheet's fonts and images.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher


def static_roots() -> list[Path]:
    """The folders the static files come from, resolved (symbolic links followed)."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


class StaticFilesOnly(URLFetcher):
    """A WeasyPrint URL fetcher that serves ``data:`` URLs and the portal's static files, and
    raises for anything else (WeasyPrint then leaves the resource out and logs a warning)."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = static_roots()

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme.lower() == "file":
            path = Path(url2pathname(parts.path)).resolve()
            if parts.netloc not in ("", "localhost") or not any(
                path.is_relative_to(root) for root in self.roots
            ):
                raise ValueError(f"Chỉ in được tệp tĩnh của cổng, không đọc {url}")
        elif parts.scheme.lower() != "data":
            raise ValueError(f"Không tải tài nguyên ngoài khi in báo cáo: {url}")
        return super().fetch(url, headers)
