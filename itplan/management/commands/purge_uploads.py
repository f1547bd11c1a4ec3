from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from itplan.appendix.uploads import purge


class Command(BaseCommand):
    help = (
        "Xóa tệp của các lần nhập phụ lục đã hủy hoặc bỏ dở (xem trước nhưng không xác nhận) "
        "quá một ngày (--hours). Bản ghi lần nhập vẫn giữ, kèm ghi chú tệp đã được xóa; tệp "
        "của các lần nhập đã xác nhận không bị xóa. Chạy mỗi ngày, ví dụ từ cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=24,
            help="Xóa tệp của lần nhập tải lên trước bấy nhiêu giờ (mặc định 24).",
        )

    def handle(self, *args, **options):
        purged = purge(hours=options["hours"])
        for record in purged:
            self.stdout.write(
                _("Đã xóa tệp “%(file)s” (lần nhập số %(id)s, kế hoạch %(plan)s).")
                % {"file": record.file_name, "id": record.pk, "plan": record.plan.document_number}
            )
        self.stdout.write(_("Đã xóa %(count)s tệp.") % {"count": len(purged)})
