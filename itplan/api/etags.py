"""Conditional GET for the API: every answer carries an ETag, and a request whose
``If-None-Match`` names it gets 304 Not Modified without its queries being run.

The ETag is derived, not hashed from the body: it is a digest of the portal's *data version*
(``itplan.pagecache.data_version``, replaced by every write to the data, as the page cache
relies on), the user's scope (every province they read, or "all"), the language, today's date
(the indicators' achievement depends on it) and the full URL. A body hash would need the body,
so every conditional request would cost as much as a plain one; this one costs a cache read.
"""

import hashlib

from django.utils import timezone, translation
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.response import Response

from itplan.pagecache import data_version
from provinces.access import membership, province_ids, sees_all


def etag_for(request) -> str:
    user = request.user
    if sees_all(user):
        reach = "all"
    else:
        m = membership(user)
        reach = f"{m and m.role}:{province_ids(user)}"
    parts = (
        data_version(),
        reach,
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
    )
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def unchanged(request, etag: str) -> bool:
    """Whether the client's ``If-None-Match`` holds ``etag`` (weak comparison, as for GET)."""
    wanted = parse_etags(request.headers.get("If-None-Match", ""))
    bare = etag.removeprefix("W/")
    return "*" in wanted or any(tag.removeprefix("W/") == bare for tag in wanted)


class ConditionalGet:
    """A view mixin: GET and HEAD answer 304 when the client's copy is current, and every
    successful answer names its ETag."""

    def dispatch(self, request, *args, **kwargs):
        self._etag = None
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permissions, throttling
        if request.method in ("GET", "HEAD"):
            self._etag = etag_for(request)

    def handle_conditional(self, request):
        if self._etag and unchanged(request, self._etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": self._etag})
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._etag and response.status_code in (200, 304):
            response["ETag"] = self._etag
            response["Cache-Control"] = "private, no-cache"
        return response
