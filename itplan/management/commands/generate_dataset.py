import time
from dataclasses import fields

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from itplan import dataset

LABELS = {
    "provinces": "Tỉnh, thành phố tạo mới",
    "provinces_reused": "Tỉnh, thành phố đã có (dùng lại)",
    "agencies": "Cơ quan, đơn vị tạo mới",
    "users": "Người dùng",
    "plans": "Kế hoạch",
    "groups": "Nhóm dự án",
    "projects": "Dự án, nhiệm vụ",
    "partner_links": "Liên kết cơ quan phối hợp",
    "budget_lines": "Dòng kinh phí",
    "status_updates": "Báo cáo tiến độ",
    "indicators": "Chỉ tiêu",
    "targets": "Mục tiêu theo năm",
    "measurements": "Số liệu thực hiện",
}


def grouped(number: int) -> str:
    """1234567 -> "1.234.567", as Vietnamese writes it."""
    return f"{number:,}".replace(",", ".")


def seconds(elapsed: float) -> str:
    """12.34 -> "12,3"."""
    return f"{elapsed:.1f}".replace(".", ",")


class Command(BaseCommand):
    help = _(
        "Sinh bộ dữ liệu thử quy mô toàn quốc (34 tỉnh, ~20.000 dự án, ~500.000 dòng kinh phí) "
        "để đo hiệu năng; cùng --seed cho cùng dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provinces",
            type=int,
            default=len(dataset.PROVINCES),
            help=_("Số tỉnh, thành phố (1..34, mặc định 34)."),
        )
        parser.add_argument("--seed", type=int, default=1, help=_("Hạt giống ngẫu nhiên."))
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=_("Hệ số nhân số kế hoạch, dự án, chỉ tiêu mỗi tỉnh (mặc định 1.0)."),
        )
        parser.add_argument(
            "--clear", action="store_true", help=_("Xóa dữ liệu thử đã sinh trước khi sinh lại.")
        )

    def handle(self, *args, provinces, seed, scale, clear, **options):
        if not 1 <= provinces <= len(dataset.PROVINCES):
            raise CommandError(_("--provinces phải từ 1 đến %d.") % len(dataset.PROVINCES))
        if scale <= 0:
            raise CommandError(_("--scale phải lớn hơn 0."))
        started = time.perf_counter()
        with transaction.atomic():
            if clear:
                removed = dataset.clear()
                message = _("Đã xóa dữ liệu thử cũ: %(plans)s kế hoạch, %(users)s người dùng.")
                self.stdout.write(
                    message % {"plans": grouped(removed.plans), "users": grouped(removed.users)}
                )
                self.stdout.write(_("Xóa trong %s giây.") % seconds(time.perf_counter() - started))
                started = time.perf_counter()
            try:
                counts = dataset.generate(provinces=provinces, seed=seed, scale=scale)
            except dataset.DatasetExists as error:
                raise CommandError(
                    _("Đã có dữ liệu thử sinh trước đó; chạy lại với --clear để sinh lại.")
                ) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            _("Đã sinh dữ liệu thử (seed %(seed)s, %(provinces)s tỉnh, hệ số %(scale)s):")
            % {"seed": seed, "provinces": provinces, "scale": scale}
        )
        for item in fields(counts):
            self.stdout.write(f"  {_(LABELS[item.name])}: {grouped(getattr(counts, item.name))}")
        self.stdout.write(self.style.SUCCESS(_("Sinh trong %s giây.") % seconds(elapsed)))
