import time

from django.core.management.base import BaseCommand

from provinces.divisions import load_divisions


class Command(BaseCommand):
    help = "Nạp bản đồ hành chính 2025: 34 tỉnh, thành phố, 63 tỉnh trước sáp nhập và các xã."

    def handle(self, *args, **options):
        start = time.perf_counter()
        counts = load_divisions()
        self.stdout.write(f"Đơn vị hành chính: {counts} — {time.perf_counter() - start:.1f} s")
