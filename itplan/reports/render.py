"""A UBND report as HTML (the page and the printable file) and PDF (WeasyPrint), from the same
template and the same content (``itplan.reports.content``)."""

import datetime
import logging
from pathlib import Path
from time import perf_counter

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils.translation import gettext as _

from budgets.models import Stage
from itplan.models import Report
from itplan.reports import charts, content
from itplan.reports.heading import number_suffix

CSS = Path(settings.BASE_DIR) / "static" / "css" / "report.css"
TEMPLATES = Path(__file__).resolve().parent / "templates"

logger = logging.getLogger(__name__)


def place_and_date(place: str, date: datetime.date) -> str:
    """ "Bạc Liêu, ngày 05 tháng 01 năm 2026": days under 10 and months 1 and 2 with a leading
    zero, as Nghị định 30/2020/NĐ-CP writes them."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place,
        "day": f"{date.day:02d}",
        "month": month,
        "year": date.year,
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def context(report: Report, data: dict) -> dict:
    """What the document template needs: the report's own words and the content's figures."""
    money = data["money"]
    stage_labels = [str(label) for label in Stage.labels]
    return {
        "report": report,
        "data": data,
        "place_and_date": place_and_date(report.place, report.issue_date),
        "number_placeholder": f"/{number_suffix(report.issuing_body)}",
        "signer_lines": _lines(report.signer_title),
        "recipients": _lines(report.recipients),
        "assessment": _lines(report.assessment),
        "difficulties": _lines(report.difficulties),
        "proposals": _lines(report.proposals),
        "next_tasks": _lines(report.next_tasks),
        "project_money": content.with_money(data.get("projects", [])),
        "stage_labels": stage_labels,
        "money_chart": charts.grouped_bars(
            [row["label"] for row in money["by_year"]],
            [
                (label, [row[stage] for row in money["by_year"]])
                for label, stage in zip(stage_labels, Stage.values, strict=True)
            ],
            unit="trieu",
        )
        if money.get("lines", True)
        and len(money["by_year"]) > 1  # one bar ("cả giai đoạn") says no more than the table
        else None,
        "status_chart": charts.horizontal_bars(
            [(row["label"], row["count"]) for row in data["figures"]["by_status"]]
        ),
    }


def html(report: Report, data: dict) -> str:
    """The report as a standalone HTML file (its stylesheet inlined): what is printed to PDF,
    and what the command line writes with ``--format html``."""
    return render_to_string(
        "reports/print.html", {**context(report, data), "css": CSS.read_text(encoding="utf-8")}
    )


def pdf(report: Report, data: dict) -> bytes:
    """The report as an A4 PDF with the Tinos font embedded (static/fonts)."""
    return print_pdf(html(report, data))


def print_pdf(document: str) -> bytes:
    """``document`` (HTML) printed by WeasyPrint, which may read the portal's static files only
    (``itplan.reports.fetcher``)."""
    from weasyprint import HTML  # heavy: loaded only to print

    from itplan.reports.fetcher import StaticFilesOnly

    # The stylesheet's font URLs are relative to static/css/
    return HTML(string=document, base_url=str(CSS), url_fetcher=StaticFilesOnly()).write_pdf()


# A few words in each face of the report's font (regular, bold, italic, bold italic), Vietnamese
# diacritics and a table: enough for WeasyPrint to load, shape and subset each font once.
WARM_UP_DOCUMENT = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<style>{css}</style></head><body><article class="vb" lang="vi">
<p class="title">BÁO CÁO</p><p>Kết quả thực hiện kế hoạch ứng dụng <b>công nghệ thông tin</b>,
<i>quý IV năm 2026</i>, <b><i>Ủy ban nhân dân tỉnh</i></b>.</p>
<table class="data"><tr><th>Nguồn vốn</th><td class="num">1.234,5</td></tr></table>
</article></body></html>"""


def warm_up() -> float | None:
    """Load, when a worker starts, what its first PDF would otherwise load while a person
    waits: WeasyPrint and the libraries under it (Pango, fontconfig, HarfBuzz, fontTools), the
    report templates compiled, and the report's stylesheet and fonts parsed by printing a small
    document with them. Returns the seconds it took; a failure is logged, never raised: the
    worker still starts, only its first PDF is slower."""
    if not getattr(settings, "PDF_WARM_UP", True):
        return None
    started = perf_counter()
    try:
        for path in sorted((TEMPLATES / "reports").iterdir()):
            get_template(f"reports/{path.name}")
        print_pdf(WARM_UP_DOCUMENT.replace("{css}", CSS.read_text(encoding="utf-8")))
    except Exception:
        logger.exception("PDF warm-up failed; the first report PDF will be slower")
        return None
    seconds = perf_counter() - started
    logger.info("PDF warm-up done in %.1f s", seconds)
    return seconds
