"""The open-data package of a set of plans: a Frictionless Data Package (one CSV per table and
``datapackage.json`` describing them), as files in memory, a folder or a zip.

Machine-readable by design: UTF-8 without a byte-order mark, commas, ISO dates, money in whole
đồng without separators, texts exactly as entered (no leading "'" as the spreadsheet exports
add: a program reading the package must get the names the documents write; people who open
tables in Excel have the plan's "Xuất Excel"). The figures come from the portal's one rule for
each: money per plan from ``budgets.rollup``, achievement from ``indicators.achievement.as_of``.
Archived rows are left out (the models' default managers hide them).

The same plans at the same moment give the same bytes (fixed order, fixed zip timestamps), so
``manage.py export_open_data`` and the plan page's download write the same package.
"""

import csv
import datetime
import io
import json
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from budgets import rollup
from budgets.models import BudgetLine, CapitalType, MoneySummary, Source, Stage
from indicators import achievement
from indicators.models import Indicator, IndicatorTarget, Measurement
from itplan.opendata import schema
from projects.models import Plan, Project, ProjectGroup
from provinces.succession import governing, it_department
from provinces.text import fold

DESCRIPTOR = "datapackage.json"


def build(plans: QuerySet, *, name: str, title: str) -> dict[str, bytes]:
    """The package of ``plans`` (already scoped to who asks): ``{path in the package: bytes}``,
    ``datapackage.json`` first, then ``data/<table>.csv``. ``name`` is the package's
    identifier (lower case, digits, "-"), ``title`` its Vietnamese title."""
    now = timezone.localtime()
    plans = list(plans.select_related("province__successor", "amends").order_by("pk"))
    plan_ids = [plan.pk for plan in plans]
    with translation.override(settings.LANGUAGE_CODE):
        tables = schema.tables()
        rows = {
            "plans": _plan_rows(plans),
            "projects": _project_rows(plan_ids),
            "budget-lines": _line_rows(plan_ids),
            "indicators": _indicator_rows(plan_ids, now.date()),
            "indicator-targets": _target_rows(plan_ids),
            "measurements": _measurement_rows(plan_ids),
        }
        files = {
            f"data/{table}.csv": _csv(table_schema, rows[table])
            for table, _title, table_schema in tables
        }
        descriptor = _descriptor(plans, tables, name=name, title=title, created=now)
    return {DESCRIPTOR: descriptor, **files}


def of_plan(plan: Plan) -> dict[str, bytes]:
    """The package of one plan."""
    return build(
        Plan.objects.filter(pk=plan.pk),
        name=package_name(plan.province.slug, plan.document_number),
        title=plan.title,
    )


def package_name(*parts: str) -> str:
    """A package name from its parts: ("ca-mau", "2213/QĐ-UBND") ->
    "ke-hoach-cntt-ca-mau-2213-qd-ubnd"."""
    return slugify(fold(" ".join(("ke-hoach-cntt", *parts))).replace("/", " "))


def as_zip(files: dict[str, bytes]) -> bytes:
    """The package as one zip, entries in the package's order, each dated at the package's
    creation so that the same package gives the same bytes."""
    created = json.loads(files[DESCRIPTOR])["created"]
    stamp = datetime.datetime.fromisoformat(created).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            entry = zipfile.ZipInfo(path, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, content)
    return buffer.getvalue()


def write(files: dict[str, bytes], output: Path) -> Path:
    """Write the package to ``output``: a zip when it ends in ".zip", otherwise a folder
    (created if needed) holding ``datapackage.json`` and ``data/``."""
    if output.suffix.lower() == ".zip":
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(as_zip(files))
        return output
    for path, content in files.items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return output / DESCRIPTOR


# --- the descriptor -----------------------------------------------------------------------------


def _publishers(plans: list[Plan], today: datetime.date) -> list[dict]:
    """Who publishes the plans' data today: the IT department of the province governing each
    plan's territory (a merged province's plans are its successor's), once each."""
    found = {}
    for plan in plans:
        province = governing(plan.province, today)
        found[province.pk] = {
            "title": f"{it_department(today)} {province.full_name}",
            "organization": province.committee,
            "role": "publisher",
        }
    return list(found.values())


def _descriptor(plans, tables, *, name: str, title: str, created) -> bytes:
    today = created.date()
    descriptor = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": _(
            "Dữ liệu mở của Cổng theo dõi kế hoạch ứng dụng CNTT: các kế hoạch, dự án, "
            "kinh phí (đồng) và chỉ tiêu với mức đạt tính đến ngày xuất. Tệp CSV mã UTF-8, "
            "dấu phẩy phân cách, ngày dạng ISO, số tiền là số nguyên đồng."
        ),
        "created": created.isoformat(timespec="seconds"),
        "homepage": settings.SITE_URL,
        "licenses": [schema.license()],
        "contributors": _publishers(plans, today),
        "keywords": [_("công nghệ thông tin"), _("chuyển đổi số"), _("kế hoạch"), _("đầu tư công")],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": table,
                "path": f"data/{table}.csv",
                "title": table_title,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema,
            }
            for table, table_title, table_schema in tables
        ],
    }
    text = json.dumps(descriptor, ensure_ascii=False, indent=2, default=str)
    return (text + "\n").encode("utf-8")


# --- CSV ----------------------------------------------------------------------------------------


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return format(round(value, 4), "f").rstrip("0").rstrip(".") or "0"
    return str(value)


def _csv(table_schema: dict, rows) -> bytes:
    names = [field["name"] for field in table_schema["fields"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in names])
    return buffer.getvalue().encode("utf-8")


# --- rows ---------------------------------------------------------------------------------------


def _labels(choices) -> dict[str, str]:
    """``{code: label}`` translated once, not once a row (half a million lines nationally)."""
    return {value: str(label) for value, label in choices.choices}


def _plan_rows(plans: list[Plan]):
    money = rollup.roll_up_each(MoneySummary.objects.filter(plan__in=plans), "plan")
    for plan in plans:
        total = money[plan.pk].total if plan.pk in money else dict.fromkeys(rollup.STAGES, 0)
        yield {
            "id": plan.pk,
            "province": plan.province.slug,
            "province_code": plan.province.code,
            "province_name": plan.province.name,
            "kind": plan.kind,
            "kind_label": plan.get_kind_display(),
            "document_number": plan.document_number,
            "issue_date": plan.issue_date,
            "signer": plan.signer,
            "title": plan.title,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "amends": plan.amends.document_number if plan.amends else plan.amends_text,
            "need": total["need"],
            "allocated": total["allocated"],
            "disbursed": total["disbursed"],
        }


def _group_names(plan_ids) -> dict[int, str]:
    """Each group's place in its appendix, outermost first: "A › I Hạ tầng kỹ thuật"."""
    groups = {group.pk: group for group in ProjectGroup.objects.filter(plan__in=plan_ids)}
    return {
        pk: " › ".join(
            groups[above].label for above in (*group.ancestor_ids, pk) if groups[above].label
        )
        for pk, group in groups.items()
    }


def _project_rows(plan_ids):
    groups = _group_names(plan_ids)
    partners = defaultdict(list)
    through = Project.partner_agencies.through.objects.filter(project__plan__in=plan_ids)
    for project_id, agency in through.order_by("agency__name").values_list(
        "project_id", "agency__name"
    ):
        partners[project_id].append(agency)
    projects = (
        Project.objects.filter(plan__in=plan_ids)
        .select_related("lead_agency", "group")
        .order_by("plan", "group__order", "order", "id")
    )
    statuses = _labels(Project.Status)
    for project in projects:
        yield {
            "id": project.pk,
            "plan_id": project.plan_id,
            "group": groups.get(project.group_id, ""),
            "ref": project.ref,
            "name": project.name,
            "objective": project.objective,
            "scale": project.scale,
            "lead_agency": project.lead_agency.name if project.lead_agency else "",
            "partners": project.partners,
            "partner_agencies": "; ".join(partners[project.pk]),
            "period": project.period,
            "start_year": project.start_year,
            "end_year": project.end_year,
            "status": project.status,
            "status_label": statuses[project.status],
            "percent_complete": project.percent_complete,
            "estimate": project.estimate,
            "notes": project.notes,
        }


def _line_rows(plan_ids):
    lines = (
        BudgetLine.objects.filter(project__plan__in=plan_ids, project__deletion__isnull=True)
        .order_by("project__plan", "project", "year", "source", "capital_type", "stage", "id")
        .values(
            "id",
            "project_id",
            "project__plan_id",
            "year",
            "source",
            "sub_source",
            "capital_type",
            "stage",
            "amount",
        )
    )
    sources, capital_types, stages = _labels(Source), _labels(CapitalType), _labels(Stage)
    for line in lines.iterator(chunk_size=2000):
        yield {
            **line,
            "plan_id": line["project__plan_id"],
            "source_label": sources[line["source"]],
            "capital_type_label": capital_types[line["capital_type"]],
            "stage_label": stages[line["stage"]],
        }


def _indicator_rows(plan_ids, today: datetime.date):
    indicators = achievement.as_of(Indicator.objects.filter(plan__in=plan_ids), today)
    indicators = achievement.with_target_as_written(indicators)
    indicators = achievement.with_actual_as_written(indicators, today)
    for indicator in indicators.order_by("plan", "order", "id"):
        yield {
            "id": indicator.pk,
            "plan_id": indicator.plan_id,
            "category": indicator.category,
            "ref": indicator.ref,
            "name": indicator.name,
            "unit": indicator.unit,
            "counted": indicator.unit_label,
            "direction": indicator.direction,
            "baseline_year": indicator.baseline_year,
            "baseline_value": indicator.baseline_value,
            "baseline_denominator": indicator.baseline_denominator,
            "baseline_text": indicator.baseline_text,
            "target_year": indicator.target_year,
            "target_value": indicator.target_value,
            "target_denominator": indicator.target_denominator,
            "target_text": indicator.target_text,
            "actual_date": indicator.actual_date,
            "actual_value": indicator.actual_value,
            "actual_denominator": indicator.actual_denominator,
            "actual_text": indicator.actual_text,
            "progress": indicator.progress,
            "achievement": indicator.achievement,
            "achievement_label": achievement.label(indicator.achievement, indicator.progress),
            "as_of": today,
            "notes": indicator.notes,
        }


def _target_rows(plan_ids):
    targets = IndicatorTarget.objects.filter(
        indicator__plan__in=plan_ids, indicator__deletion__isnull=True
    ).order_by("indicator__plan", "indicator__order", "indicator", "year")
    yield from targets.values("indicator_id", "year", "value", "denominator", "text")


def _measurement_rows(plan_ids):
    measurements = Measurement.objects.filter(
        indicator__plan__in=plan_ids, indicator__deletion__isnull=True
    ).order_by("indicator__plan", "indicator__order", "indicator", "date", "id")
    fields = ("id", "indicator_id", "date", "value", "denominator", "text", "source")
    yield from measurements.values(*fields)
