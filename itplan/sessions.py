"""Idle timeout: a signed-in session ends SESSION_IDLE_MINUTES after the user's last request.

The session's expiry (``SESSION_COOKIE_AGE``, the idle time) is moved forward as the user works.
Django's own ``SESSION_SAVE_EVERY_REQUEST`` would do it by writing the session row on every
request, a write per page view that every gunicorn worker would queue for on SQLite; here the
row is rewritten at most once a minute, so a session ends between ``idle - 1`` and ``idle``
minutes after the last request. The expiry itself is enforced by Django's session backend (an
expired session is not loaded), and the page cache is untouched: it keys pages on the user's
scope, never on the session.
"""

import time

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in

REFRESH_KEY = "_idle_refreshed"
REFRESH_SECONDS = 60


def _mark(session) -> None:
    session[REFRESH_KEY] = int(time.time())


def _on_login(sender, request, user, **kwargs) -> None:
    # The login saves the session with a fresh expiry already: no second write on the next page.
    if request is not None and hasattr(request, "session"):
        _mark(request.session)


def connect() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="itplan.sessions.login")


class IdleTimeoutMiddleware:
    """Marks a signed-in session modified when its expiry was last moved over a minute ago, so
    SessionMiddleware saves it with a fresh ``SESSION_COOKIE_AGE`` (row and cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            if time.time() - session.get(REFRESH_KEY, 0) >= REFRESH_SECONDS:
                _mark(session)
        return self.get_response(request)
