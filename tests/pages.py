"""Helpers of the page tests: signing in as a demo user, the text of an element, and a clerk's
money entry on a project page."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import make_user


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def text_of(response, element_id: str) -> str:
    page = response.content.decode()
    start = page.index(">", page.index(f'id="{element_id}"')) + 1
    return page[start : page.index("</", start)]


def enter_disbursement(client, plan):
    """A staff member of the plan's province enters 1,25 tỷ disbursed in 2014 on the page of
    the plan's first project."""
    project = plan.projects.order_by("order").first()
    client.force_login(make_user("cb", "staff", plan.province))
    return client.post(
        reverse("project_detail", args=[project.pk]),
        {
            "year": 2014,
            "stage": "disbursed",
            "source": "local",
            "capital_type": "investment",
            "amount": "1,25 tỷ",
        },
    )
