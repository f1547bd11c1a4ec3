"""Personal API tokens: made and revoked by their owner on "Khóa API" (``itplan.api.pages``),
read by the API as ``Authorization: Bearer itp_<prefix>_<secret>``.

The token is 32 random bytes (256 bits) from ``secrets``; the database keeps its SHA-256 digest
and its first characters (the prefix, shown in the list so the owner knows which key is which).
A password hasher (PBKDF2, Argon2) is slow on purpose, to make guessing a *low-entropy* password
from its hash expensive; a 256-bit random secret cannot be guessed from its digest however fast
the hash, and the API reads the token on every request: a hash that costs 0.3 s would be the
slowest part of every call, and a lever for anyone to load the server. A plain digest also lets
the token be found by an indexed lookup (``digest`` is unique), with no salt per row to try.

Why not a library: django-rest-knox deletes a token when it is revoked and gives tokens no
name; djangorestframework-api-key grants access to a *program* (a permission class, without a
user behind the request), so the portal's scope by role would not apply. The model is a dozen
fields, the lookup three lines.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import authentication, exceptions, permissions

from itplan.models import ApiToken
from provinces import access

SCHEME = "Bearer"
START = "itp_"
# last_used_at is written at most this often per token: a write on every read would make the
# API's reads contend with the portal's writes
TOUCH_EVERY = timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue(user, *, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token of ``user``: the stored row and the token itself, which is never stored and
    so can be shown once only."""
    prefix = secrets.token_hex(4)
    token = f"{START}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(
        user=user, name=name, prefix=f"{START}{prefix}", digest=digest(token), expires_at=expires_at
    )
    return row, token


def revoke(token: ApiToken, *, by) -> ApiToken:
    """Revoke ``token`` (its owner only; anyone else gets PermissionDenied). The row stays, with
    the moment of revocation; revoking twice keeps the first moment."""
    if token.user_id != by.pk:
        raise exceptions.PermissionDenied(_("Chỉ chủ của khóa mới thu hồi được khóa."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_of(token: str):
    """The active user whom ``token`` belongs to, or AuthenticationFailed (401) for an unknown,
    revoked or expired token or an inactive user."""
    row = (
        ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
        if token.startswith(START)
        else None
    )
    now = timezone.now()
    if row is None or not row.user.is_active:
        raise exceptions.AuthenticationFailed(_("Khóa API không đúng."))
    if not row.usable(now):
        raise exceptions.AuthenticationFailed(_("Khóa API đã bị thu hồi hoặc đã hết hạn."))
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user, row


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; a request without it is left to the session."""

    def authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if not words or words[0].decode(errors="replace").lower() != SCHEME.lower():
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(_("Thiếu khóa API sau chữ Bearer."))
        return user_of(words[1].decode(errors="replace"))

    def authenticate_header(self, request):
        # A 401 (not 403) with the scheme to use, for a request without credentials
        return f'{SCHEME} realm="api"'


class HasPortalRole(permissions.BasePermission):
    """A signed-in user (by token or session) with a role on the portal, as the pages ask
    (``provinces.access.has_role``): a user whose role was removed reads nothing."""

    message = _("Tài khoản chưa được giao vai trò trên cổng.")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and access.has_role(user))


class TokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema (and Swagger UI's "Authorize") names the token."""

    target_class = TokenAuthentication
    name = "khoaApi"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix=SCHEME)
