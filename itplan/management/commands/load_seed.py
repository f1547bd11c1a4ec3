from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from itplan.dataset.seed import FIXTURES, load_demo_users, load_plan, load_provinces
from provinces.divisions import load_divisions


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: các tỉnh, bản đồ hành chính 2025, năm kế hoạch mẫu và (khi DEBUG) "
        "người dùng demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace", action="store_true", help="Tạo lại kế hoạch đã có (xóa dữ liệu của nó)."
        )
        parser.add_argument(
            "--no-demo-users", action="store_true", help="Không tạo người dùng demo."
        )

    def handle(self, *args, replace=False, no_demo_users=False, **options):
        count = load_provinces()
        self.stdout.write(f"Tỉnh: {count}")
        # after the seed provinces, whose rows (and slugs) the full map then reuses
        self.stdout.write(f"Đơn vị hành chính: {load_divisions()}")
        for path in sorted((FIXTURES / "plans").glob("*.yaml")):
            plan = load_plan(path, replace=replace)
            if plan is None:
                self.stdout.write(f"Bỏ qua (đã có): {path.name}")
            else:
                self.stdout.write(
                    f"Đã nạp {plan.document_number} ({plan.province.name}): "
                    f"{plan.projects.count()} dự án"
                )
        if not no_demo_users:
            if not settings.DEBUG:
                raise CommandError(
                    "Không tạo người dùng demo khi DJANGO_DEBUG=0 (mật khẩu demo là công khai). "
                    "Dùng --no-demo-users."
                )
            self.stdout.write(f"Người dùng demo: {load_demo_users()}")
