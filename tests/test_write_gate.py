"""One gate per write: every admin write (change, add, delete, the delete action, history
revert) for every role, on their own province's row and another's. Refused writes leave every
table exactly as it was (compared row by row); allowed ones make the change the user asked for.

The form data is what the administrator's own page holds (``tests.admin_forms``): the refused
user sends a complete, valid form, as an attacker with a copy of the page would.
"""

import re

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.database import changed_tables, snapshot
from tests.factories import WRITERS, logged_in, two_provinces

# key in ``two_provinces``: (admin URL prefix, a text field the change edits)
MODELS = {
    "plan": ("projects_plan", "title"),
    "project": ("projects_project", "name"),
    "budgetline": ("budgets_budgetline", "sub_source"),
    "statedtotal": ("budgets_statedtotal", "label"),
    "statusupdate": ("projects_statusupdate", "results"),
    "indicator": ("indicators_indicator", "name"),
    "agency": ("provinces_agency", "name"),
}
HISTORY = [key for key in MODELS if key != "agency"]
ARCHIVED = HISTORY  # the archivable ones: a delete hides them and keeps them

WHO = WRITERS


@pytest.fixture
def world(db):
    return two_provinces()


def _page_form(world, url: str, form_id: str) -> dict:
    response = logged_in(world["admin"]).get(url)
    assert response.status_code == 200, url
    return form_data(response.content, form_id)


def _attempt(world, who: str, url: str, data: dict):
    client = logged_in(world[who])  # logging in writes last_login: before the snapshot
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code < 500, (who, url, response.status_code)
    return before, snapshot()


def _check(world, who, allowed, before, after, done: bool):
    if allowed:
        assert done, f"{who}: the write they may make was not made"
    else:
        assert changed_tables(before, after) == [], f"{who} changed the database"


@pytest.mark.parametrize("key", MODELS)
def test_admin_change(world, key):
    prefix, field = MODELS[key]
    model = type(world["a"][key])
    for who, province, allowed in WHO:
        obj = world[province][key]
        url = reverse(f"admin:{prefix}_change", args=[obj.pk])
        data = _page_form(world, url, f"{model._meta.model_name}_form")
        data[field] = f"Sửa bởi {who}"
        before, after = _attempt(world, who, url, data)
        _check(
            world,
            who,
            allowed,
            before,
            after,
            getattr(model._base_manager.get(pk=obj.pk), field) == f"Sửa bởi {who}",
        )


def _without_inlines(data: dict) -> dict:
    """The change form as an add form: no inline rows of the existing object."""
    result = {}
    for name, value in data.items():
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            result[name] = "0"
        elif not re.match(r"^.+-\d+-", name) and name != "version_seen":
            result[name] = value
    return result


@pytest.mark.parametrize("key", MODELS)
def test_admin_add(world, key):
    prefix, field = MODELS[key]
    model = type(world["a"][key])
    for who, province, allowed in WHO:
        obj = world[province][key]
        change = reverse(f"admin:{prefix}_change", args=[obj.pk])
        data = _without_inlines(_page_form(world, change, f"{model._meta.model_name}_form"))
        data[field] = f"Thêm bởi {who}"
        if key == "plan":
            data["document_number"] = f"9{len(who)}/KH-{who}"
        if key == "statusupdate":
            data["quarter"] = "1"
            data["year"] = "2026" if who == "staff" else "2025"
        before, after = _attempt(world, who, reverse(f"admin:{prefix}_add"), data)
        _check(
            world,
            who,
            allowed,
            before,
            after,
            model.objects.filter(**{field: f"Thêm bởi {who}"}).exists(),
        )


@pytest.mark.parametrize("key", MODELS)
def test_admin_delete(world, key):
    prefix, _ = MODELS[key]
    model = type(world["a"][key])
    for who, province, allowed in WHO:
        obj = world[province][key]
        url = reverse(f"admin:{prefix}_delete", args=[obj.pk])
        data = {"post": "yes", "document_number": getattr(obj, "document_number", "")}
        before, after = _attempt(world, who, url, data)
        if key not in ARCHIVED:  # an agency that leads a project is protected for everyone
            assert changed_tables(before, after) == []
            continue
        _check(
            world,
            who,
            allowed,
            before,
            after,
            (
                not model.objects.filter(pk=obj.pk).exists()
                and model._base_manager.get(pk=obj.pk).deletion_id is not None
            ),
        )


@pytest.mark.parametrize("key", ARCHIVED)
def test_admin_delete_action(world, key):
    prefix, _ = MODELS[key]
    model = type(world["a"][key])
    for who, province, allowed in WHO:
        obj = world[province][key]
        data = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        before, after = _attempt(world, who, reverse(f"admin:{prefix}_changelist"), data)
        _check(
            world,
            who,
            allowed,
            before,
            after,
            not model.objects.filter(pk=obj.pk).exists(),
        )


@pytest.mark.parametrize("key", HISTORY)
def test_history_revert_is_for_administrators_only(world, key):
    prefix, field = MODELS[key]
    model = type(world["a"][key])
    for province in ("a", "b"):  # a second version to go back from
        obj = model._base_manager.get(pk=world[province][key].pk)
        obj._history_user = world["admin"]
        setattr(obj, field, "Bản mới")
        obj.save()
    for who, province, allowed in WHO:
        obj = world[province][key]
        first = model.history.filter(id=obj.pk).earliest("history_date")
        url = reverse(f"admin:{prefix}_simple_history", args=[obj.pk, first.history_id])
        data = _page_form(world, url, f"historical{model._meta.model_name}_form")
        assert data, "the revert form was not found on the page"
        allowed = allowed and who == "admin"
        before, after = _attempt(world, who, url, data)
        _check(
            world,
            who,
            allowed,
            before,
            after,
            getattr(model._base_manager.get(pk=obj.pk), field) == getattr(first, field),
        )


def test_history_urls_with_a_malformed_id_answer_404(world):
    client = logged_in(world["admin"])
    assert client.get("/admin/projects/project/abc/history/").status_code == 404
    assert client.post("/admin/projects/project/abc/history/1/").status_code == 404
    # not a restore URL at all: the admin's catch-all sends it to the (missing) object
    assert client.post("/admin/projects/deletion/abc/khoi-phuc/").status_code == 302
