"""The whole database as values, to compare before and after a request."""

from django.apps import apps

# Written by logging in and by Django's own bookkeeping, never by a data write.
IGNORED = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def snapshot() -> dict:
    """``{model label: sorted rows}`` of every table, archived rows and history included."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in IGNORED:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        tables[label] = [tuple(map(repr, row)) for row in rows]
    return tables


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])
