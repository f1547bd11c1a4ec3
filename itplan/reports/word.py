"""A UBND report as a Word file (python-docx), for the clerk who finishes its text before the
director signs: the same content as the HTML and the PDF (``render.context``: the same lines of
narrative, place and date, signer, and the same ``trieu``/``percent``/``dmy`` filters), in the
layout of Nghị định 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm, Times New Roman 13 pt, the
two-column header, page numbers centred at the top from page 2.

The charts of the PDF are left out: Word cannot show their SVG, and a clerk edits text. Each
table takes only the columns whose keys its rows carry, so figures the content gains later
(cumulative money, indicator units) appear here as soon as ``content.build`` writes them.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from docx.enum.text import WD_BREAK

from itplan.models import Report
from itplan.reports.render import context
from itplan.reports.word_page import (
    CENTER,
    Body,
    Column,
    centred,
    closing,
    header,
    num,
    page,
    run,
)
from itplan.templatetags.portal import dmy, percent, trieu, trieu_or_dash

ROMAN = ("I", "II", "III", "IV", "V", "VI")
STAGES = ("need", "allocated", "disbursed")  # budgets.models.Stage's values, in its order
# Word refuses a file whose elements are out of the schema's order: what may follow each one


def docx(report: Report, data: dict) -> bytes:
    """The report as a ``.docx`` file."""
    ctx = context(report, data)
    document = page(report)
    body = Body(document)
    header(body, report, ctx)
    _sections(body, report, ctx)
    closing(body, report, ctx)
    if data.get("reconciliation"):
        _annex(body, data["reconciliation"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sections(body: Body, report: Report, ctx: dict) -> None:
    """I. Kết quả thực hiện (with its "Đánh giá chung" when written), II. Khó khăn, vướng mắc,
    III. Kiến nghị, đề xuất and, when written, IV. Nhiệm vụ kỳ tới."""
    data = ctx["data"]
    body.para(
        _(
            "Căn cứ số liệu cập nhật trên Cổng theo dõi kế hoạch ứng dụng công nghệ thông tin "
            "đến ngày %(date)s, kết quả thực hiện %(period)s như sau:"
        )
        % {"date": dmy(data["today"]), "period": data["period"]["label"]}
    )
    numbered = _Numbering(body)
    numbered.section(_("Kết quả thực hiện"))
    numbered.part(_("Tình hình chung"))
    _general(body, data)
    if data.get("provinces"):
        numbered.part(_("Kết quả theo tỉnh, thành phố"))
        _provinces(body, data["provinces"], ctx["stage_labels"])
    else:
        numbered.part(_("Tình hình thực hiện các dự án, nhiệm vụ"))
        _projects(body, data)
    numbered.part(_("Kinh phí"))
    _money(body, data, ctx["stage_labels"])
    numbered.part(_("Thực hiện các chỉ tiêu"))
    _indicators(body, data)
    assessment = ctx["assessment"]
    if assessment:
        numbered.part(_("Đánh giá chung"))
        _text(body, assessment)
    numbered.section(_("Khó khăn, vướng mắc"))
    _text(body, ctx["difficulties"])
    numbered.section(_("Kiến nghị, đề xuất"))
    _text(body, ctx["proposals"])
    next_tasks = ctx["next_tasks"]
    if next_tasks:
        numbered.section(_("Nhiệm vụ kỳ tới"))
        _text(body, next_tasks)


class _Numbering:
    """Headings numbered as they come: I., II. … for sections, 1., 2. … for parts within."""

    def __init__(self, body: Body):
        self.body, self.sections, self.parts = body, 0, 0

    def section(self, title: str) -> None:
        self.body.heading(f"{ROMAN[self.sections]}. {title}", level=1)
        self.sections, self.parts = self.sections + 1, 0

    def part(self, title: str) -> None:
        self.parts += 1
        self.body.heading(f"{self.parts}. {title}", level=2)


def _text(body: Body, lines: list[str]) -> None:
    for line in lines:
        body.para(line)


def _general(body: Body, data: dict) -> None:
    scope, figures = data["scope"], data["figures"]
    for plan in scope["plans"]:
        body.para(
            _("Kế hoạch số %(number)s ngày %(date)s: %(title)s.")
            % {"number": plan["number"], "date": dmy(plan["date"]), "title": plan["title"]},
            after=2,
        )
    if scope["plan_count"] > len(scope["plans"]):
        count = scope["plan_count"]
        more = ngettext("… trong tổng số %(n)s kế hoạch.", "… trong tổng số %(n)s kế hoạch.", count)
        body.para(more % {"n": count}, after=2)
    if scope["filter"]:
        body.para(f"{_('Báo cáo theo bộ lọc:')} {scope['filter']}.")
    body.para(
        _(
            "Tổng số %(projects)s dự án, nhiệm vụ thuộc %(plans)s kế hoạch; %(late)s dự án đã "
            "quá thời hạn thực hiện mà chưa hoàn thành. Tình trạng thực hiện:"
        )
        % {"projects": figures["projects"], "plans": figures["plans"], "late": figures["late"]},
        keep=True,
    )
    body.table(
        [
            Column(_("Tình trạng"), 60, lambda r: r["label"]),
            num(_("Số dự án, nhiệm vụ"), 25, lambda r: str(r["count"])),
            num(_("Tỷ lệ"), 15, lambda r: f"{r['share']}%"),
        ],
        figures["by_status"],
        total=[_("Cộng"), str(figures["projects"]), "100%" if figures["projects"] else ""],
    )
    if "unreported" in figures:
        body.para(
            _(
                "Đến ngày lập báo cáo, %(n)s dự án, nhiệm vụ đang thực hiện trong kỳ chưa gửi "
                "báo cáo tiến độ %(period)s."
            )
            % {"n": figures["unreported"], "period": data["period"]["label"]}
        )


def _provinces(body: Body, provinces: list[dict], stage_labels: list[str]) -> None:
    body.unit(_("Đơn vị tiền: triệu đồng"))

    def name(row):
        if row.get("predecessors"):
            return f"{row['name']} ({_('gồm')} {', '.join(row['predecessors'])})"
        return row["name"]

    numbered = [{**row, "n": i} for i, row in enumerate(provinces, start=1)]
    body.table(
        [
            centred(_("STT"), 6, lambda r: str(r["n"])),
            Column(_("Tỉnh, thành phố"), 28, name),
            num(_("Kế hoạch"), 9, lambda r: str(r["plans"])),
            num(_("Dự án"), 8, lambda r: str(r["projects"])),
            num(_("Hoàn thành"), 10, lambda r: str(r["completed"])),
            *_stage_columns(stage_labels, 13),
        ],
        numbered,
    )


def _stage_columns(labels: list[str], weight: float) -> list[Column]:
    """Need, allocated and disbursed of a row, in triệu."""
    return [
        num(label, weight, lambda row, stage=stage: trieu_or_dash(row[stage]))
        for label, stage in zip(labels, STAGES, strict=True)
    ]


def _disbursed(which: str):
    """A project's disbursement in the period (or cumulative) and its rate below it."""

    def value(row):
        money = (row.get("money") or {}).get(which)
        if not money:
            return ""
        rate = money.get("rate")
        shown = trieu_or_dash(money["disbursed"])
        return shown + (f"\n({percent(rate)})" if rate is not None else "")

    return value


def _projects(body: Body, data: dict) -> None:
    rows = data.get("projects") or []
    if not rows:
        body.para(_("Không có dự án, nhiệm vụ trong phạm vi báo cáo."))
        return
    several = data["scope"]["plan_count"] > 1
    shown, heading = [], None
    for i, row in enumerate(rows, start=1):
        group = (row["plan"], row["group"])
        if group != heading and (row["group"] or several):
            parts = [row["plan"]] if several else []
            shown.append(("group", " · ".join([*parts, *([row["group"]] if row["group"] else [])])))
        heading = group
        shown.append({**row, "n": row["ref"] or str(i)})

    def result(row):
        if row["results"]:
            return f"{row['results']} ({row['report_period']})"
        if row["report_period"]:
            return f"({row['report_period']})"
        return _("Chưa báo cáo")

    columns = [
        centred(_("STT"), 7, lambda r: r["n"]),
        Column(_("Dự án, nhiệm vụ"), 35, lambda r: r["name"]),
        Column(_("Đơn vị chủ trì"), 17, lambda r: r["agency"]),
        Column(_("Tình trạng"), 12, lambda r: r["status"]),
        num(_("% hoàn thành"), 10, lambda r: "" if r["percent"] is None else f"{r['percent']}%"),
        Column(
            _("Kết quả (báo cáo đã duyệt gần nhất trong kỳ)"),
            19,
            result,
            italic=lambda r: not r["results"],
        ),
    ]
    # The money of each project, once the content carries it: a column each for the period's
    # and the cumulative disbursement, the rate beneath (the widths are shares: the others
    # narrow to make room)
    if any("money" in row for row in rows):
        columns.append(num(_("Giải ngân trong kỳ (tỷ lệ)"), 11, _disbursed("period")))
    if any((row.get("money") or {}).get("cumulative") for row in rows):
        columns.append(num(_("Giải ngân lũy kế (tỷ lệ)"), 11, _disbursed("cumulative")))
    if len(columns) > 6:
        body.unit(_("Đơn vị tiền: triệu đồng"))
    body.table(columns, shown)


def _money(body: Body, data: dict, stage_labels: list[str]) -> None:
    """As the page: a sentence when the period has no money, else the totals (the need only
    when there is one), the period beside the cumulative, by year (more than one) and source."""
    money, period = data["money"], data["period"]
    total, words = money["total"], money["words"]
    cumulative = money.get("cumulative")
    if money.get("lines") == 0:
        text = _("Không có số liệu kinh phí của %(period)s.") % {"period": period["label"]}
        body.para(text)
        if cumulative:
            _period_and_cumulative(body, data, cumulative)
        return
    if period.get("money_year"):
        body.para(
            _("Kinh phí được bố trí theo năm: số liệu kinh phí dưới đây là của năm %(year)s.")
            % {"year": period["money_year"]}
        )
    paragraph = body.para()
    leads = (_("Tổng nhu cầu kinh phí:"), _("đã bố trí:"), _("đã giải ngân:"))
    shown = [(s, lead) for s, lead in zip(STAGES, leads, strict=True) if s != "need" or total[s]]
    if not total["need"]:
        run(paragraph, _("Kinh phí") + " ")
    for i, (stage, lead) in enumerate(shown):
        run(paragraph, ("; " if i else "") + f"{lead} ")
        run(paragraph, f"{trieu(total[stage])} {_('triệu đồng')}", bold=True)
        if total[stage]:
            run(paragraph, f" ({_('Bằng chữ:')} {words[stage]})", italic=True)
    if money["rate"]:
        run(paragraph, ", " + _("đạt %(rate)s số vốn đã bố trí") % {"rate": percent(money["rate"])})
    run(paragraph, ".")

    if cumulative:
        _period_and_cumulative(body, data, cumulative)
    label = _("Tổng cộng")
    totals = [trieu_or_dash(total[s]) for s in STAGES]
    if len(money["by_year"]) > 1:
        body.unit(_("Đơn vị: triệu đồng"))
        body.table(
            [
                centred(_("Năm"), 34, lambda r: r["label"]),
                *_stage_columns(stage_labels, 22),
            ],
            money["by_year"],
            total=[label, *totals],
        )
    body.unit(_("Đơn vị: triệu đồng"))
    body.table(
        [
            Column(_("Nguồn vốn · loại vốn"), 40, lambda r: r["label"]),
            *_stage_columns(stage_labels, 20),
        ],
        money["by_source"],
        total=[label, *totals],
    )


def _period_and_cumulative(body: Body, data: dict, cumulative: dict) -> None:
    """Need, allocated, disbursed and the rate, the period's beside the cumulative."""
    money = data["money"]
    period = {**money["total"], "rate": money["rate"]}
    rows = [
        {
            "label": label,
            "period": trieu_or_dash(period[s]),
            "cumulative": trieu_or_dash(cumulative.get(s)),
        }
        for label, s in zip(
            (_("Nhu cầu kinh phí"), _("Đã bố trí"), _("Đã giải ngân")), STAGES, strict=True
        )
    ]
    period_label = _("Kỳ báo cáo (%(period)s)") % {"period": data["period"]["label"]}
    cumulative_label = data["period"].get("cumulative_label") or _("Lũy kế")
    rows.append(
        {
            "label": _("Tỷ lệ giải ngân so với vốn đã bố trí"),
            "period": percent(period["rate"]),
            "cumulative": percent(cumulative.get("rate")),
        }
    )
    body.unit(_("Đơn vị: triệu đồng"))
    body.table(
        [
            Column(_("Nội dung"), 40, lambda r: r["label"]),
            num(period_label, 30, lambda r: r["period"]),
            num(cumulative_label, 30, lambda r: r["cumulative"]),
        ],
        rows,
    )


def _indicators(body: Body, data: dict) -> None:
    if data.get("indicator_counts"):
        body.table(
            [
                Column(_("Đánh giá"), 70, lambda r: r["label"]),
                num(_("Số chỉ tiêu"), 30, lambda r: str(r["count"])),
            ],
            data["indicator_counts"],
        )
        return
    rows = data.get("indicators") or []
    if not rows and data["scope"]["national"]:
        body.para(_("Không có chỉ tiêu trong phạm vi báo cáo."))
        return
    if not rows:
        body.para(
            _("Không có chỉ tiêu nào có mục tiêu hoặc số liệu đến hạn trước ngày %(date)s.")
            % {"date": dmy(data["period"]["end"])}
        )
        return

    def with_year(value, year):
        return f"{value} ({year})" if year else str(value or "")

    columns = [
        centred(_("STT"), 9, lambda r: r["n"]),
        Column(_("Chỉ tiêu"), 35, lambda r: r["name"]),
        centred(_("Cơ sở"), 10, lambda r: with_year(r["baseline"], r["baseline_year"])),
        centred(
            pgettext("chỉ tiêu", "Mục tiêu"), 10, lambda r: with_year(r["target"], r["target_year"])
        ),
        centred(_("Thực hiện"), 12, lambda r: with_year(r["actual"], dmy(r["actual_date"]))),
        num(_("Mức đạt"), 8, lambda r: "" if r["percent"] is None else f"{r['percent']}%"),
        Column(_("Đánh giá"), 16, lambda r: r["achievement"]),
    ]
    if any("unit" in row for row in rows):
        columns.insert(2, centred(_("Đơn vị tính"), 9, lambda r: r.get("unit") or ""))
    body.table(columns, [{**row, "n": row["ref"] or str(i)} for i, row in enumerate(rows, 1)])


# --- The closing and the annex ---------------------------------------------------------------


def _annex(body: Body, checks: list[dict]) -> None:
    """The differences between the plans' stated totals and the portal's, on a page of its own."""
    page = body.para(indent=False, after=0)
    page.add_run().add_break(WD_BREAK.PAGE)
    body.para(_("PHỤ LỤC"), bold=True, align=CENTER, after=0)
    body.para(
        _("Chênh lệch giữa số liệu văn bản kế hoạch ghi và số liệu tính lại trên cổng"),
        italic=True,
        align=CENTER,
        after=8,
    )
    for plan in checks:
        body.heading(_("Kế hoạch số %(number)s") % {"number": plan["number"]}, level=2)
        if plan["rows"]:
            body.unit(_("Đơn vị: triệu đồng"))
            body.table(
                [
                    Column(
                        _("Số tổng"),
                        34,
                        lambda r: r["label"] + (f"\n{r['where']}" if r["where"] else ""),
                    ),
                    Column(_("Phạm vi"), 27, lambda r: r["scope"]),
                    num(_("Văn bản ghi"), 13, lambda r: trieu(r["stated"])),
                    num(_("Tính lại"), 13, lambda r: trieu(r["computed"])),
                    num(_("Chênh lệch"), 13, lambda r: trieu(r["difference"])),
                ],
                plan["rows"],
            )
        for line in plan["anomalies"]:
            body.para(f"- {line}", after=2)
