"""Helpers of benchmarks/load.sh: ``sessions`` logs a national viewer and a province leader in
(on the database the server uses) and prints their session cookies; ``record FILE`` adds wrk's
figures to bench-results.json under "load", with the targets of issue 5."""

import json
import os
import sys

import django

TARGETS = {"requests_per_s": 150, "p95_ms": 300, "errors": 0}


def sessions() -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from provinces.models import Province
    from tests.factories import make_user

    province = Province.objects.get(slug="ha-noi")
    for role, who in (("national", None), ("leader", province)):
        username = f"load.{role}"
        user = get_user_model().objects.filter(username=username).first()
        user = user or make_user(username, role, who)
        client = Client()
        client.force_login(user)
        print(f"LOAD_{role.upper()}_COOKIE={client.cookies['sessionid'].value}")


def record_file(path: str) -> None:
    from benchmarks.results import record

    with open(path, encoding="utf-8") as file:
        figures = json.load(file)
    figures["meets_target"] = (
        figures["requests_per_s"] >= TARGETS["requests_per_s"]
        and figures["p95_ms"] < TARGETS["p95_ms"]
        and figures["errors"] + figures["non_200"] == 0
    )
    figures.update(
        {
            "connections": int(os.environ.get("LOAD_CONNECTIONS", "50")),
            "workers": int(os.environ.get("LOAD_WORKERS", "0")),
            "database": django.db.connection.vendor,
        }
    )
    record("load", figures)
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itplan.settings")
    django.setup()
    if sys.argv[1] == "sessions":
        sessions()
    else:
        record_file(sys.argv[2])
