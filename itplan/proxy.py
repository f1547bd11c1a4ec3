"""The client's address as django-axes counts failed logins, behind reverse proxies or not.

Behind nginx every request comes from nginx's address, and axes would lock everyone together.
Each proxy appends the address it received the request from to ``X-Forwarded-For``; anything
to the left of what our own proxies wrote was sent by the client and may be invented. So with
``AXES_IPWARE_PROXY_COUNT`` proxies (1: one nginx in front of gunicorn) the client is the entry
that many places from the right. Without it (gunicorn reached directly) the header is ignored.

Why not django-ipware, which axes uses when installed: its ``proxy_count`` counts the proxies
listed *inside* the header, so one nginx needs a count of 0, which then reads ``REMOTE_ADDR``,
the proxy; the rule here is the one nginx, gunicorn and Werkzeug's ProxyFix document.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    """The address failed logins are counted against (``AXES_CLIENT_IP_CALLABLE``)."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    return hops[-count] if len(hops) >= count else remote
