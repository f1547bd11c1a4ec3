import re

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from itplan.progress.reminders import periods_to_remind, reminders
from projects.models import period_label


class Command(BaseCommand):
    help = (
        "Gửi thư nhắc hạn báo cáo tiến độ cho cán bộ Sở có dự án chưa báo cáo. Chạy mỗi ngày "
        "(cron); chỉ gửi vào ngày nhắc: 7, 3, 1 ngày trước hạn, ngày hạn và mỗi 7 ngày sau hạn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ky", help="Gửi ngay cho một kỳ, bất kể ngày nhắc: 2026-4 (quý) hoặc 2026 (năm)."
        )
        parser.add_argument("--thu", action="store_true", help="Chỉ in thư ra màn hình, không gửi.")

    def handle(self, *args, ky=None, thu=False, **options):
        today = timezone.localdate()
        if ky:
            match = re.fullmatch(r"(\d{4})(?:-([1-4]))?", ky)
            if not match:
                raise CommandError(f"Kỳ “{ky}” không hợp lệ: viết 2026-4 (quý 4/2026) hoặc 2026.")
            periods = [(int(match[1]), int(match[2]) if match[2] else None)]
        else:
            periods = periods_to_remind(today)
        if not periods:
            self.stdout.write(f"Hôm nay ({today:%d/%m/%Y}) không phải ngày nhắc của kỳ nào.")
            return
        console = "django.core.mail.backends.console.EmailBackend"
        connection = get_connection(console, stream=self.stdout) if thu else get_connection()
        for year, quarter in periods:
            outcome = reminders(year, quarter, today)
            sent = connection.send_messages(outcome.messages) or 0
            self.stdout.write(
                f"{period_label(year, quarter)}: {'in' if thu else 'đã gửi'} {sent} thư nhắc."
            )
            if outcome.without_email:
                self.stdout.write(
                    "Cán bộ chưa có địa chỉ thư, không nhắc được: "
                    + ", ".join(outcome.without_email)
                )
