"""The "Khóa API" page (``/tai-khoan/khoa-api/``): a signed-in user lists their API tokens,
makes one (its secret shown on the answer to that POST, and never again) and revokes one (the
row stays, marked revoked). Both are POSTs with the CSRF token; the page's GET changes nothing;
another user's token is 404."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from itplan.api import auth
from itplan.models import ApiToken

LIFETIMES = [
    ("30", gettext_lazy("30 ngày")),
    ("90", gettext_lazy("90 ngày")),
    ("365", gettext_lazy("1 năm")),
    ("", gettext_lazy("Không hết hạn")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên khóa"),
        max_length=100,
        help_text=gettext_lazy("Để nhận ra khóa sau này, ví dụ “Bảng điều khiển của Bộ”."),
    )
    lifetime = forms.ChoiceField(
        label=gettext_lazy("Thời hạn"), choices=LIFETIMES, initial="90", required=False
    )

    def expires_at(self) -> datetime.datetime | None:
        days = self.cleaned_data.get("lifetime")
        return timezone.now() + datetime.timedelta(days=int(days)) if days else None


def _page(request, form, secret=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "secret": secret, "now": timezone.now()},
        status=status,
    )
    response["Cache-Control"] = "no-store, private"  # the secret must not stay in a cache
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request):
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    _row, secret = auth.issue(
        request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
    )
    return _page(request, TokenForm(), secret=secret)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    auth.revoke(token, by=request.user)
    messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name})
    return redirect("api_tokens")
