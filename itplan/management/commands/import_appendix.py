import hashlib
import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from budgets.models import CapitalType, Source
from budgets.money import UNITS
from itplan.appendix import BadColumns, Defaults, apply, parse_letters, preview_file, stored
from itplan.appendix.mapping import saved
from itplan.management.plans import find_plan
from itplan.models import AppendixImport


class Command(BaseCommand):
    help = (
        "Đọc một phụ lục (Excel .xlsx, CSV hoặc bảng trong văn bản Word .docx) vào kế hoạch: in "
        "bản xem trước (hoặc, với --commit, kết quả) dạng JSON, số tiền bằng đồng. Mã thoát 1 "
        "khi tệp có lỗi; khi đó không ghi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--plan", required=True, help="Số, ký hiệu văn bản: “2213/QĐ-UBND”.")
        parser.add_argument("--province", help="Mã (slug) của tỉnh, khi số văn bản trùng.")
        parser.add_argument(
            "--sheet",
            help="Tên trang tính, hoặc bảng của tệp Word (mặc định: trang đầu có bảng).",
        )
        parser.add_argument("--commit", action="store_true", help="Ghi vào cơ sở dữ liệu.")
        parser.add_argument(
            "--update-existing",
            action="store_true",
            help="Cập nhật dự án đã có (mặc định: bỏ qua).",
        )
        parser.add_argument("--unit", choices=sorted(UNITS), help="Đơn vị khi bảng không ghi.")
        parser.add_argument("--default-source", choices=Source.values, default=Source.LOCAL)
        parser.add_argument(
            "--default-capital-type", choices=CapitalType.values, default=CapitalType.UNSPECIFIED
        )
        parser.add_argument("--user", help="Tên đăng nhập ghi vào lịch sử.")
        parser.add_argument(
            "--columns",
            default="",
            help=(
                "Cột nào là gì, theo chữ cái của Excel: “name=B,lead=C,total=F,local=G”. Vai "
                "trò: ignore, ref, name, objective, scale, lead, partners, period, status, notes, "
                "total, money, central, local, other, source, capital_type, year. Các cột khác "
                "đọc theo tiêu đề và cách nhận cột đã lưu của tỉnh."
            ),
        )

    def handle(self, *args, **options):
        plan = find_plan(options["plan"], options.get("province"))
        try:
            columns = parse_letters(options["columns"])
        except BadColumns as problem:
            raise CommandError(f"--columns: {problem}") from None
        columns.by_text = saved(plan.province).by_text
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error
        defaults = Defaults(
            source=options["default_source"],
            capital_type=options["default_capital_type"],
            unit=options["unit"],
        )
        preview = preview_file(
            path.name, content, plan, sheet=options["sheet"], defaults=defaults, columns=columns
        )
        output = preview.as_json()
        if options["commit"] and preview.importable:
            user = None
            if options["user"]:
                user = get_user_model().objects.get(username=options["user"])
            with transaction.atomic():
                record = AppendixImport(
                    plan=plan,
                    user=user,
                    file_name=path.name,
                    sheet=preview.sheet,
                    default_source=defaults.source,
                    default_capital_type=defaults.capital_type,
                    unit=defaults.unit or "",
                    on_existing="update" if options["update_existing"] else "skip",
                )
                record.file.save(path.name, ContentFile(content), save=False)
                record.checksum = hashlib.sha256(content).hexdigest()
                record.parsed = {
                    "default": preview.sheet,
                    "previews": {preview.sheet: stored.dump(preview)},
                }
                result = apply(
                    preview, plan, user=user, on_existing=record.on_existing, record=record
                )
            output["result"] = result.as_json()
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
        if not preview.importable:
            sys.exit(1)
