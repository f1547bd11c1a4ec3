"""The dashboards and lists, rendered once and served from the cache until the data changes.

A page's body (everything but the header with the user's name and forms) depends on the data,
the user's scope, the query string, the language and the date (late projects, indicators'
elapsed time). The cache key holds all five; the data enters through a *data version*, a token
that any write to the portal's data replaces:

- every save and delete of a model of the data apps (``watched_models``: ``post_save``,
  ``post_delete``, ``m2m_changed``) replaces it when its transaction commits. Not before: the
  version would then be a row locked until the commit, which every other writer would wait on.
  A page computed from the old rows meanwhile is stored under the old version, which nobody
  asks for after the commit;
- writers that skip the signals (``bulk_create``, ``QuerySet.update``: the appendix import, the
  seed, the dataset generator, archiving, a restored backup) send ``projects.signals.data_written``.

The cache is Django's (``CACHES``: the database by default, shared by every worker; Redis or
memcached where a deployment has one). ``PAGE_CACHE_SECONDS`` bounds how long a body lives even if
a write were missed; 0 turns the cache off.

Why not Django's ``cache_page``: it caches whole responses per URL, with the user's header, CSRF
token and session cookie in them, and expires by time only.
"""

import hashlib
from urllib.parse import urlencode
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.shortcuts import render as render_page
from django.template.loader import render_to_string
from django.utils import timezone, translation
from simple_history.models import HistoricalChanges

from budgets.models import MoneySummary
from projects.signals import data_written
from provinces.access import province_ids, sees_all

VERSION_KEY = "itplan:data-version"
DATA_APPS = {"provinces", "projects", "budgets", "indicators"}


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or evicted: a new token, shared by whoever adds it first
        cache.add(VERSION_KEY, uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _replace_version() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)


def data_changed() -> None:
    """Every cached page is stale once the current transaction commits (at once outside one)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _replace_version()
    elif not _pending(connection):  # once per transaction: a plan and its 10.000 lines
        transaction.on_commit(_replace_version)


def _pending(connection) -> bool:
    """True while the connection's transaction holds writes not committed yet. Django drops the
    callbacks of a rolled-back block and runs them at the commit, emptying the list either way."""
    return any(func is _replace_version for _, func, _ in connection.run_on_commit)


def _on_write(sender, **kwargs) -> None:
    data_changed()


def watched_models() -> list:
    """The models of the data apps, without their history and the money summaries (derived:
    they change with their lines). Connecting per model, not for every sender, keeps Django's
    fast deletes for the rest."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in DATA_APPS
        and model is not MoneySummary
        and not issubclass(model, HistoricalChanges)
    ]


def connect() -> None:
    data_written.connect(_on_write, dispatch_uid="itplan.pagecache.data_written")
    for model in watched_models():
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(
                _on_write, sender=model, dispatch_uid=f"itplan.pagecache.{model._meta.label}"
            )


def scope_key(user) -> str:
    """Users who see the same rows share pages: 'all', or their provinces."""
    return "all" if sees_all(user) else "p" + "-".join(map(str, sorted(province_ids(user))))


def _key(request, template: str) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)  # the same filter in any order
    parts = (
        data_version(),
        template,
        translation.get_language(),
        timezone.localdate().isoformat(),
        scope_key(request.user),
        hashlib.sha256(query.encode()).hexdigest()[:32],
    )
    return "itplan:page:" + ":".join(parts)


def render(request, template: str, title: str, context, scripts=(), before="", status=200):
    """``template`` (a page's body) rendered with ``context()`` inside the portal's page, taken
    from the cache while the data, the scope, the query, the language and the date are the same.
    ``context`` is called only when the body is not cached. ``before`` (HTML the caller renders
    each time, never cached: the user's own queue) goes above the body."""
    seconds = settings.PAGE_CACHE_SECONDS
    # Inside a transaction that wrote (a test case; a view that writes and then shows a page),
    # the page is computed from what this connection sees and shown to it alone.
    if not seconds or _pending(transaction.get_connection()):
        key = None
    else:
        key = _key(request, template)
    body = cache.get(key) if key else None
    if body is None:
        body = render_to_string(template, context(), request)
        if key:
            cache.set(key, body, seconds)  # a SafeString: pickled as one, escaped already
    return render_page(
        request,
        "itplan/page.html",
        {"title": title, "body": body, "scripts": scripts, "before": before},
        status=status,
    )
