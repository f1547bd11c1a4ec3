"""An upload's life in the portal: read once, shown from what was stored, confirmed only as shown.

``read`` parses the uploaded file once (every sheet) and keeps the result on the
``AppendixImport`` record with the file's SHA-256. ``show`` gives a sheet's stored preview as the
plan stands now, the stated totals it would replace, and a signed token naming exactly that
preview. ``confirm`` writes it only if what the browser posts back (checksum, sheet, options,
token) still names the preview the server would show now, and the file on the server is the one
that was read; otherwise it refuses with a Vietnamese message and writes nothing. Nothing here
re-reads a workbook after the upload.
"""

import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from itplan.models import AppendixImport
from projects.models import Plan
from provinces.access import require_change

from . import mapping, stored
from .columns import ROLE_CODES, ColumnMap
from .parse import Defaults, Preview, Problem, parse, pick_sheet, relate
from .workbook import BadFile, read_upload
from .write import NotImportable, Result, apply, replaced_totals

SALT = "itplan.appendix.confirm"
# what the confirmation form posts back besides the user's choices, and the token signs
IDENTITY = ("checksum", "sheet", "unit", "default_source", "default_capital_type")


def defaults(record: AppendixImport) -> Defaults:
    """The options chosen on upload."""
    return Defaults(
        source=record.default_source,
        capital_type=record.default_capital_type,
        unit=record.unit or None,
    )


def read(record: AppendixImport, content: bytes) -> None:
    """Parse ``content`` (the uploaded file) once for every sheet and keep the previews and the
    file's checksum on ``record`` (saved). The sheet shown first is the one with a table."""
    record.checksum = hashlib.sha256(content).hexdigest()
    columns = mapping.saved(record.plan.province)
    record.parsed = parse_all(record.file_name, content, record.plan, defaults(record), columns)
    record.sheet = record.parsed["default"]
    record.save()


def parse_all(
    name: str, content: bytes, plan: Plan, options: Defaults, columns: ColumnMap | None = None
) -> dict:
    """``{"default": sheet, "previews": {sheet: stored preview}}``; a file that cannot be read
    gives one preview (sheet "") holding only that error."""
    try:
        grids = read_upload(name, content)
    except BadFile as problem:
        return _only(Preview(name, "", []), str(problem))
    if not grids:
        return _only(Preview(name, "", []), _("Tệp không có trang nào."))
    names = [grid.name for grid in grids]
    previews = {
        grid.name: stored.dump(
            parse(grid, plan, file_name=name, sheets=names, defaults=options, columns=columns)
        )
        for grid in grids
    }
    return {"default": pick_sheet(grids, None, columns).name, "previews": previews}


def remap(record: AppendixImport, sheet: str, choices: Mapping[int, str], *, user) -> Preview:
    """Read ``sheet`` of the record's stored upload again with the columns the clerk chose
    (0-based column → role; "auto" leaves a column to its header's words) over the province's
    saved choices, and keep that preview as the one the page shows and the confirmation writes.
    Raises ``NotImportable`` (nothing changed) when the file on the server is not the one read
    on upload or holds no such sheet."""
    require_change(user, record)
    chosen = {i: role for i, role in choices.items() if role != "auto" and role in ROLE_CODES}
    columns = ColumnMap(by_index=chosen, by_text=mapping.saved(record.plan.province).by_text)
    if not record.checksum or _checksum(record) != record.checksum:
        raise NotImportable(
            _(
                "Tệp “%(file)s” trên máy chủ đã thay đổi hoặc không còn; không đọc lại được. "
                "Hãy tải tệp lên lại."
            )
            % {"file": record.file_name}
        )
    with record.file.open("rb") as f:
        content = f.read()
    try:
        grids = read_upload(record.file_name, content)
    except BadFile as problem:
        raise NotImportable(str(problem)) from None
    grid = pick_sheet(grids, sheet)
    if grid is None or (record.parsed or {}).get("previews", {}).get(grid.name) is None:
        raise NotImportable(_("Tệp không có trang “%(sheet)s”.") % {"sheet": sheet})
    names = [g.name for g in grids]
    preview = parse(
        grid,
        record.plan,
        file_name=record.file_name,
        sheets=names,
        defaults=defaults(record),
        columns=columns,
    )
    record.parsed["previews"][grid.name] = stored.dump(preview)
    record.sheet = grid.name
    record._history_user = user
    record._change_reason = _("Chọn cách nhận cột")
    record.save(update_fields=["parsed", "sheet"])
    return preview


def _only(preview: Preview, message: str) -> dict:
    preview.problems.append(Problem(preview.sheet, None, "", message))
    return {"default": "", "previews": {"": stored.dump(preview)}}


@dataclass
class Shown:
    """A preview as the page shows it: the stated totals it replaces and the token the
    confirmation must post back."""

    preview: Preview
    replaces: list
    identity: dict
    token: str


def show(record: AppendixImport, sheet: str | None = None) -> Shown:
    """The stored preview of ``sheet`` (default: the sheet picked on upload), related to the
    plan as it is now. Reads no file and writes nothing."""
    parsed = record.parsed or {"default": "", "previews": {}}
    name = parsed["default"] if sheet is None else sheet
    data = parsed["previews"].get(name)
    if data is None:
        # no stored preview of that sheet: say which sheets there are
        sheets = [s for s in parsed["previews"] if s]
        preview = Preview(record.file_name, name, sheets)
        message = _("Tệp không có trang “%(sheet)s”; các trang có: %(sheets)s.") % {
            "sheet": name,
            "sheets": ", ".join(sheets),
        }
        preview.problems.append(Problem(name, None, "", message))
    else:
        preview = stored.load(data)
        relate(preview, record.plan)
    replaces = list(replaced_totals(record.plan, preview)) if preview.importable else []
    identity = {
        "import": record.pk,
        "checksum": record.checksum,
        "sheet": preview.sheet,
        "unit": record.unit,
        "default_source": record.default_source,
        "default_capital_type": record.default_capital_type,
        "preview": _digest(preview, replaces),
    }
    return Shown(preview, replaces, identity, signing.dumps(identity, salt=SALT))


def _digest(preview: Preview, replaces: list) -> str:
    """A hash of everything the page shows that the write depends on: the parsed rows, which
    projects already exist, the unknown agencies, the totals replaced."""
    content = json.dumps(
        [stored.dump(preview), [total.pk for total in replaces]],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(content.encode()).hexdigest()


@transaction.atomic
def confirm(
    record: AppendixImport,
    posted: Mapping,
    *,
    user,
    on_existing: str,
    agency_choices: dict[str, int],
    keep_apart: Collection[int] = (),
) -> Result:
    """Write the preview named by ``posted`` (the confirmation form: token, checksum, sheet,
    unit, default source and capital type) into the record's plan, or raise ``NotImportable``
    with a Vietnamese message and write nothing when it is not exactly the preview the server
    shows now: a tampered or foreign token, another sheet or other options than the page showed,
    a file changed on the server, or a plan another import changed since the page was shown.
    ``keep_apart``: the sheet rows of names spelled like an existing project's that the clerk
    keeps as new projects; the others are merged (``write.apply``).

    One confirmation at a time per plan and each upload confirmed once: the plan and the record
    are locked first, and the preview is related to the plan again under that lock."""
    Plan.objects.select_for_update().filter(pk=record.plan_id).exists()
    if (
        not AppendixImport.objects.select_for_update()
        .filter(pk=record.pk, status=AppendixImport.Status.PREVIEW)
        .exists()
    ):
        raise NotImportable(_("Lần nhập này đã được xác nhận hoặc đã hủy."))
    try:
        signed = signing.loads(posted.get("token", ""), salt=SALT)
    except signing.BadSignature:
        raise NotImportable(
            _(
                "Mã xác nhận của bản xem trước không hợp lệ; không có gì được ghi. Hãy mở lại "
                "bản xem trước rồi xác nhận."
            )
        ) from None
    if signed.get("import") != record.pk or any(
        str(posted.get(key, "")) != str(signed.get(key)) for key in IDENTITY
    ):
        raise NotImportable(
            _(
                "Yêu cầu xác nhận không khớp với bản xem trước đã hiển thị (tệp, trang tính "
                "hoặc tùy chọn khác); không có gì được ghi."
            )
        )
    if _checksum(record) != signed["checksum"]:
        raise NotImportable(
            _(
                "Tệp “%(file)s” trên máy chủ đã thay đổi hoặc không còn từ khi xem trước; không "
                "có gì được ghi. Hãy tải tệp lên lại."
            )
            % {"file": record.file_name}
        )
    shown = show(record, signed["sheet"])
    if shown.identity != signed:
        raise NotImportable(
            _(
                "Bản xem trước không còn đúng: tùy chọn của lần nhập hoặc dữ liệu của kế hoạch "
                "đã thay đổi từ khi xem (ví dụ một lần nhập khác vừa thêm dự án); không có gì "
                "được ghi. Hãy xem lại bản xem trước rồi xác nhận."
            )
        )
    record.sheet = shown.preview.sheet
    record.on_existing = on_existing
    result = apply(
        shown.preview,
        record.plan,
        user=user,
        on_existing=on_existing,
        agency_choices=agency_choices,
        keep_apart=keep_apart,
        record=record,
    )
    # the columns the clerk chose, for the province's next file
    preview = shown.preview
    mapping.remember(
        record.plan.province, preview.chosen, [c.key for c in preview.columns], by=user
    )
    return result


def _checksum(record: AppendixImport) -> str:
    if not record.file:
        return ""
    try:
        with record.file.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except FileNotFoundError:
        return ""


def cancel(record: AppendixImport, *, user) -> None:
    """Mark an upload cancelled: nothing is written to the plan; the record stays as history
    and ``purge`` removes its file later."""
    record.status = AppendixImport.Status.CANCELLED
    record.finished_at = timezone.now()
    record._history_user = user
    record._change_reason = _("Hủy lần nhập")
    record.save()


def purge(*, hours: float = 24, now=None) -> list[AppendixImport]:
    """Remove the files (and their parsed content) of uploads cancelled, or previewed and never
    confirmed, more than ``hours`` ago. The records stay, cancelled, with a note saying when the
    file was removed. Confirmed imports keep their file. Returns the records purged."""
    now = now or timezone.now()
    old = AppendixImport.objects.filter(
        status__in=[AppendixImport.Status.PREVIEW, AppendixImport.Status.CANCELLED],
        created_at__lt=now - timedelta(hours=hours),
    ).exclude(file="")
    purged = []
    for record in old:
        abandoned = record.status == AppendixImport.Status.PREVIEW
        record.file.delete(save=False)
        note = (
            _("Bỏ dở (không xác nhận); tệp đã được xóa lúc %(time)s.")
            if abandoned
            else _("Tệp đã được xóa lúc %(time)s.")
        ) % {"time": timezone.localtime(now).strftime("%d/%m/%Y %H:%M")}
        record.message = "\n".join(filter(None, [record.message, note]))
        record.status = AppendixImport.Status.CANCELLED
        record.finished_at = record.finished_at or now
        record.parsed = None
        record._change_reason = _("Xóa tệp của lần nhập bị hủy hoặc bỏ dở")
        record.save()
        purged.append(record)
    return purged
