"""What the open-data package says about itself: each table's Table Schema (field names and
types, Vietnamese titles and descriptions, units, keys) and the package's licence.

The field lists here fix the CSV columns and their order (``package.py`` writes the rows in
it), so a column cannot be written without being described. Money is whole đồng in ``integer``
fields that carry the unit in their description and in a custom ``unit`` property; dates are
ISO (``date``), years ``year``; the codes (status, source, stage…) are ``string`` fields
constrained to their values, with a ``*_label`` column beside them for people.

Built at call time with ``gettext``: ``package.build`` runs it under the site's language
(Vietnamese), so the package reads the same whoever downloads it, whatever their screen's
language.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from budgets.models import CapitalType, Source, Stage
from indicators import achievement
from indicators.models import Indicator
from projects.models import Plan, Project

DONG = "đồng"

# The licences an operator is likely to choose (OPEN_DATA_LICENSE), by their SPDX id as the
# Data Package standard names them. Another id is written as given, without title or link.
LICENSES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-By-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}


def license() -> dict:  # noqa: A001 - the Data Package's own word
    """The package's licence from ``settings.OPEN_DATA_LICENSE`` (an SPDX id)."""
    name = settings.OPEN_DATA_LICENSE
    if name not in LICENSES:
        return {"name": name}
    title, path = LICENSES[name]
    return {"name": name, "title": title, "path": path}


def _field(name: str, kind: str, title: str, description: str = "", **extra) -> dict:
    field = {"name": name, "type": kind, "title": title}
    if description:
        field["description"] = description
    return {**field, **extra}


def _key(name: str, title: str, description: str) -> dict:
    return _field(name, "integer", title, description, constraints={"required": True})


def _dong(name: str, title: str, description: str) -> dict:
    """A sum of money: whole đồng, no separators, never negative."""
    return _field(
        name,
        "integer",
        title,
        _("%(description)s Đơn vị: đồng (số nguyên, không có dấu phân cách).")
        % {"description": description},
        unit=DONG,
        constraints={"minimum": 0},
    )


def _code(name: str, title: str, choices, description: str = "") -> dict:
    values = ", ".join(f"{value} = {label}" for value, label in choices)
    return _field(
        name,
        "string",
        title,
        f"{description} {_('Giá trị')}: {values}.".strip(),
        constraints={"enum": [value for value, _label in choices]},
    )


def _label(name: str, title: str) -> dict:
    return _field(name, "string", title, _("Tên của mã ở cột bên trái, bằng tiếng Việt."))


def _value(prefix: str, what: str) -> list[dict]:
    """A value of an indicator as the documents write it: a number, x of y, or a text."""
    return [
        _field(
            f"{prefix}value",
            "number",
            _("%(what)s: giá trị") % {"what": what},
            _("Số (dấu chấm thập phân); với đơn vị x/y là tử số x."),
        ),
        _field(
            f"{prefix}denominator",
            "number",
            _("%(what)s: mẫu số") % {"what": what},
            _("Mẫu số y với đơn vị x/y; trống với các đơn vị khác."),
        ),
        _field(
            f"{prefix}text",
            "string",
            _("%(what)s: mô tả") % {"what": what},
            _("Giá trị bằng lời khi văn bản không ghi một con số."),
        ),
    ]


def _plan_key() -> dict:
    return _key("plan_id", _("Mã kế hoạch"), _("Kế hoạch chứa dòng này (bảng plans, cột id)."))


def _references(field: str, resource: str) -> dict:
    return {"fields": field, "reference": {"resource": resource, "fields": "id"}}


def plans() -> dict:
    return {
        "fields": [
            _key("id", _("Mã kế hoạch"), _("Mã của kế hoạch trên cổng.")),
            _field("province", "string", _("Mã định danh tỉnh"), _("Ví dụ: bac-lieu.")),
            _field("province_code", "string", _("Mã tỉnh"), _("Mã tỉnh theo danh mục hành chính.")),
            _field("province_name", "string", _("Tỉnh"), _("Tỉnh ban hành kế hoạch.")),
            _code("kind", _("Loại kế hoạch"), Plan.Kind.choices),
            _label("kind_label", _("Loại kế hoạch (tên)")),
            _field("document_number", "string", _("Số, ký hiệu"), _("Như văn bản ghi.")),
            _field("issue_date", "date", _("Ngày ban hành"), _("Dạng ISO: YYYY-MM-DD.")),
            _field("signer", "string", _("Người ký")),
            _field("title", "string", _("Trích yếu")),
            _field("start_year", "year", _("Từ năm")),
            _field("end_year", "year", _("Đến năm")),
            _field("amends", "string", _("Văn bản được điều chỉnh"), _("Số, ký hiệu.")),
            _dong("need", _("Nhu cầu vốn"), _("Tổng các dòng kinh phí giai đoạn nhu cầu.")),
            _dong("allocated", _("Vốn bố trí"), _("Tổng các dòng kinh phí giai đoạn bố trí.")),
            _dong(
                "disbursed", _("Vốn giải ngân"), _("Tổng các dòng kinh phí giai đoạn giải ngân.")
            ),
        ],
        "primaryKey": ["id"],
    }


def projects() -> dict:
    return {
        "fields": [
            _key("id", _("Mã dự án"), _("Mã của dự án, nhiệm vụ trên cổng.")),
            _plan_key(),
            _field(
                "group", "string", _("Nhóm"), _("Nhóm trong phụ lục, từ nhóm ngoài cùng (A › I).")
            ),
            _field("ref", "string", _("Số thứ tự"), _("Như văn bản ghi.")),
            _field("name", "string", _("Tên dự án, nhiệm vụ")),
            _field("objective", "string", _("Mục tiêu")),
            _field("scale", "string", _("Quy mô, nội dung")),
            _field("lead_agency", "string", _("Cơ quan chủ trì")),
            _field("partners", "string", _("Cơ quan phối hợp"), _("Như văn bản ghi.")),
            _field(
                "partner_agencies",
                "string",
                _("Cơ quan phối hợp (danh mục)"),
                _("Tên các cơ quan, cách nhau bởi “; ”."),
            ),
            _field("period", "string", _("Thời gian thực hiện"), _("Như văn bản ghi.")),
            _field("start_year", "year", _("Năm bắt đầu"), _("Đọc từ thời gian thực hiện.")),
            _field("end_year", "year", _("Năm kết thúc"), _("Đọc từ thời gian thực hiện.")),
            _code("status", _("Tình trạng"), Project.Status.choices),
            _label("status_label", _("Tình trạng (tên)")),
            _field(
                "percent_complete",
                "integer",
                _("Phần trăm hoàn thành"),
                _("Theo báo cáo tiến độ đã được duyệt gần nhất. Đơn vị: %."),
                unit="%",
                constraints={"minimum": 0, "maximum": 100},
            ),
            _dong("estimate", _("Dự kiến kinh phí"), _("Tổng kinh phí của dự án như văn bản ghi.")),
            _field("notes", "string", _("Ghi chú")),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [_references("plan_id", "plans")],
    }


def budget_lines() -> dict:
    return {
        "fields": [
            _key("id", _("Mã dòng kinh phí"), _("Mã của dòng kinh phí trên cổng.")),
            _key("project_id", _("Mã dự án"), _("Dự án của dòng (bảng projects, cột id).")),
            _plan_key(),
            _field("year", "year", _("Năm"), _("Trống khi số tiền là cho cả giai đoạn.")),
            _code("source", _("Nguồn vốn"), Source.choices),
            _label("source_label", _("Nguồn vốn (tên)")),
            _field(
                "sub_source",
                "string",
                _("Nguồn cụ thể"),
                _("Ví dụ: Quỹ Dịch vụ viễn thông công ích."),
            ),
            _code("capital_type", _("Loại vốn"), CapitalType.choices),
            _label("capital_type_label", _("Loại vốn (tên)")),
            _code("stage", _("Giai đoạn"), Stage.choices),
            _label("stage_label", _("Giai đoạn (tên)")),
            _dong("amount", _("Số tiền"), _("Số tiền của dòng.")),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [_references("project_id", "projects"), _references("plan_id", "plans")],
    }


def indicators() -> dict:
    statuses = [(code, str(label)) for code, label in achievement.LABELS.items()]
    return {
        "fields": [
            _key("id", _("Mã chỉ tiêu"), _("Mã của chỉ tiêu trên cổng.")),
            _plan_key(),
            _field("category", "string", _("Lĩnh vực")),
            _field("ref", "string", _("Số thứ tự"), _("Như văn bản ghi.")),
            _field("name", "string", _("Chỉ tiêu")),
            _code("unit", _("Đơn vị"), Indicator.Unit.choices),
            _field(
                "counted", "string", _("Đối tượng đếm"), _("Ví dụ “cơ quan” trong “10/19 cơ quan”.")
            ),
            _code("direction", _("Chiều mong muốn"), Indicator.Direction.choices),
            _field("baseline_year", "year", _("Năm cơ sở")),
            *_value("baseline_", _("Giá trị cơ sở")),
            _field("target_year", "year", _("Năm mục tiêu"), _("Năm của mục tiêu cuối cùng.")),
            *_value("target_", _("Mục tiêu cuối cùng")),
            _field(
                "actual_date",
                "date",
                _("Ngày số liệu thực hiện"),
                _("Số liệu mới nhất đến ngày tính mức đạt (cột as_of)."),
            ),
            *_value("actual_", _("Thực hiện")),
            _field(
                "progress",
                "number",
                _("Mức đạt"),
                _(
                    "0 ở giá trị cơ sở, 1 khi đạt mục tiêu, trên 1 khi vượt; "
                    "trống khi thiếu số liệu."
                ),
            ),
            _code(
                "achievement",
                _("Đánh giá"),
                statuses,
                _("So mức đạt với phần thời gian đã qua của kế hoạch."),
            ),
            _label("achievement_label", _("Đánh giá (tên)")),
            _field("as_of", "date", _("Tính đến ngày"), _("Ngày tính mức đạt: ngày xuất dữ liệu.")),
            _field("notes", "string", _("Ghi chú")),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [_references("plan_id", "plans")],
    }


def indicator_targets() -> dict:
    return {
        "fields": [
            _key("indicator_id", _("Mã chỉ tiêu"), _("Bảng indicators, cột id.")),
            _field("year", "year", _("Năm"), constraints={"required": True}),
            *_value("", _("Mục tiêu")),
        ],
        "primaryKey": ["indicator_id", "year"],
        "foreignKeys": [_references("indicator_id", "indicators")],
    }


def measurements() -> dict:
    return {
        "fields": [
            _key("id", _("Mã số liệu"), _("Mã của số liệu thực hiện trên cổng.")),
            _key("indicator_id", _("Mã chỉ tiêu"), _("Bảng indicators, cột id.")),
            _field(
                "date",
                "date",
                _("Ngày số liệu"),
                _("Dạng ISO: YYYY-MM-DD."),
                constraints={"required": True},
            ),
            *_value("", _("Thực hiện")),
            _field("source", "string", _("Nguồn số liệu")),
        ],
        "primaryKey": ["id"],
        "foreignKeys": [_references("indicator_id", "indicators")],
    }


def tables() -> list[tuple[str, str, dict]]:
    """(resource name, Vietnamese title, Table Schema) of each table, in the package's order:
    a table comes after those its foreign keys name."""
    return [
        ("plans", _("Kế hoạch"), plans()),
        ("projects", _("Dự án, nhiệm vụ"), projects()),
        ("budget-lines", _("Kinh phí"), budget_lines()),
        ("indicators", _("Chỉ tiêu"), indicators()),
        ("indicator-targets", _("Mục tiêu theo năm của chỉ tiêu"), indicator_targets()),
        ("measurements", _("Số liệu thực hiện của chỉ tiêu"), measurements()),
    ]
