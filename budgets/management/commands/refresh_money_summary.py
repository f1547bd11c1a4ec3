from django.core.management.base import BaseCommand

from budgets import summary


class Command(BaseCommand):
    help = (
        "Tính lại bảng tổng hợp kinh phí của các kế hoạch (bảng các trang tổng quan đọc) từ các "
        "dòng kinh phí. --kiem-tra chỉ so sánh và liệt kê chỗ lệch."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kiem-tra", action="store_true", dest="check")

    def handle(self, *args, check=False, **options):
        if check:
            wrong = summary.differences()
            for (plan, *key), (stored, computed) in sorted(wrong.items(), key=str):
                self.stdout.write(
                    f"Kế hoạch {plan} {key}: tổng hợp {stored}, dòng kinh phí {computed}"
                )
            self.stdout.write(f"{len(wrong)} chỗ lệch.")
            if wrong:
                raise SystemExit(1)
            return
        self.stdout.write(f"Đã ghi {summary.refresh()} dòng tổng hợp.")
