"""Loading the seed data of ``fixtures/``: provinces, the five seed plans, demo users.

The plan files keep the documents' figures in the documents' units (see fixtures/README.md);
this module turns them into rows, converting every amount to whole đồng exactly.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from budgets.models import BudgetLine, StatedTotal
from budgets.money import to_dong
from indicators.models import Indicator, IndicatorTarget, parse_value
from projects.models import Plan, Project, ProjectGroup
from projects.signals import data_written
from provinces.agencies import guess_kind
from provinces.models import Agency, Membership, Province

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "itplan-demo"  # noqa: S105 - documented local-only demo password


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@transaction.atomic
def load_provinces(path: Path = FIXTURES / "provinces.yaml") -> int:
    """Create or update the provinces of ``path``; returns how many it holds."""
    rows = read_yaml(path)
    for row in rows:
        Province.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "code": row["code"],
                "name": row["name"],
                "valid_from": row.get("valid_from"),
                "valid_until": row.get("valid_until"),
            },
        )
    for row in rows:
        if row.get("successor"):
            Province.objects.filter(slug=row["slug"]).update(
                successor=Province.objects.get(slug=row["successor"])
            )
    return len(rows)


@transaction.atomic
def load_plan(path: Path, *, replace: bool = False) -> Plan | None:
    """Create the plan of a plan file with its groups, projects, budget lines, stated totals and
    indicators. An existing plan (same province and number) is left alone, or re-created with
    ``replace``; returns the created plan, or None when it was left alone."""
    data = read_yaml(path)
    province = Province.objects.get(slug=data["province"])
    existing = Plan.objects.filter(province=province, document_number=data["document_number"])
    if existing.exists():
        if not replace:
            return None
        existing.delete()
    unit = data["unit"]
    plan = Plan.objects.create(
        province=province,
        kind=data["kind"],
        document_number=data["document_number"],
        issue_date=data["issue_date"],
        signer=data.get("signer") or "",
        title=data["title"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        amends_text=data.get("amends") or "",
        notes=_inference_notes(data),
    )
    aliases = data.get("agencies") or {}
    agencies: dict[str, Agency] = {}

    def agency(name: str | None) -> Agency | None:
        if not name:
            return None
        name = aliases.get(name, name).strip()
        if name not in agencies:
            agencies[name], _ = Agency.objects.get_or_create(
                province=province, name=name, defaults={"kind": guess_kind(name)}
            )
        return agencies[name]

    groups: dict[tuple[str, str], ProjectGroup] = {}
    order = 0
    for g_order, g in enumerate(data.get("groups") or []):
        group = ProjectGroup.objects.create(
            plan=plan,
            appendix=g.get("appendix") or "",
            ref=str(g.get("ref") or ""),
            title=g.get("title") or "",
            order=g_order,
        )
        groups[(group.appendix, group.ref)] = group
        for p in g.get("projects") or []:
            order += 1
            project = Project.objects.create(
                plan=plan,
                group=group,
                ref=str(p.get("ref") or ""),
                order=order,
                name=p["name"],
                objective=p.get("objective") or "",
                scale=p.get("scale") or "",
                lead_agency=agency(p.get("lead_agency")),
                partners=p.get("partners") or "",
                period=str(p.get("period") or ""),
                status=p.get("status") or Project.Status.NOT_STARTED,
                estimate=_amount(p.get("estimate"), unit),
                notes=p.get("notes") or "",
            )
            project.partner_agencies.set([agency(name) for name in p.get("partner_agencies") or []])
            BudgetLine.objects.bulk_create(
                BudgetLine(
                    project=project,
                    year=line.get("year"),
                    source=line["source"],
                    sub_source=line.get("sub_source") or "",
                    capital_type=line.get("capital_type") or "unspecified",
                    stage=line.get("stage") or "need",
                    amount=to_dong(line["amount"], unit),
                )
                for line in p.get("budget") or []
            )
    StatedTotal.objects.bulk_create(
        StatedTotal(
            plan=plan,
            order=i,
            label=t["label"],
            where=t.get("where") or "",
            amount=to_dong(t["amount"], unit),
            measure=t.get("measure") or "budget",
            appendix=t.get("appendix") or "",
            group=groups[(t.get("appendix") or "", str(t["group"]))] if t.get("group") else None,
            year=t.get("year"),
            source=t.get("source") or "",
            sub_source=t.get("sub_source") or "",
            capital_type=t.get("capital_type") or "",
            stage=t.get("stage") or "need",
        )
        for i, t in enumerate(data.get("stated_totals") or [])
    )
    for i, ind in enumerate(data.get("indicators") or []):
        _load_indicator(plan, i, ind)
    data_written.send(sender=Plan, plan_ids={plan.pk})  # bulk_create sends no signal
    return plan


def _amount(value, unit: str) -> int | None:
    return None if value is None or str(value).strip() == "" else to_dong(value, unit)


def _inference_notes(data: dict) -> str:
    inferences = data.get("inferences") or []
    if not inferences:
        return ""
    lines = [f"- {text}" for text in inferences]
    source = data.get("source", "")
    return f"Khi nhập từ văn bản (nguồn: {source}):\n" + "\n".join(lines)


def _load_indicator(plan: Plan, order: int, data: dict) -> Indicator:
    value, denominator, text = parse_value(data.get("baseline"))
    indicator = Indicator.objects.create(
        plan=plan,
        order=order,
        category=data.get("category") or "",
        ref=str(data.get("ref") or ""),
        name=data["name"],
        unit=data["unit"],
        unit_label=data.get("unit_label") or "",
        direction=data.get("direction") or Indicator.Direction.INCREASE,
        baseline_year=data.get("baseline_year"),
        baseline_value=value,
        baseline_denominator=denominator,
        baseline_text=text,
        notes=data.get("notes") or "",
    )
    for year, target in (data.get("targets") or {}).items():
        value, denominator, text = parse_value(target)
        IndicatorTarget.objects.create(
            indicator=indicator, year=int(year), value=value, denominator=denominator, text=text
        )
    return indicator


@transaction.atomic
def load_demo_users(path: Path = FIXTURES / "demo_users.yaml") -> int:
    """Create the demo users (local use only) with the documented password; returns their count."""
    User = get_user_model()
    rows = read_yaml(path)
    for row in rows:
        user, created = User.objects.get_or_create(
            username=row["username"],
            defaults={"first_name": row.get("name", ""), "is_staff": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = True
        user.is_superuser = row["role"] == "admin"
        user.save()
        if row["role"] != "admin":
            province = Province.objects.get(slug=row["province"]) if row.get("province") else None
            Membership.objects.update_or_create(
                user=user, defaults={"role": row["role"], "province": province}
            )
    return len(rows)
