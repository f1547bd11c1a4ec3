from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from itplan.management.plans import find_plan
from itplan.opendata import package
from projects.models import Plan
from provinces.models import Province


class Command(BaseCommand):
    help = (
        "Xuất dữ liệu mở (Frictionless Data Package: các bảng CSV và datapackage.json) của một "
        "kế hoạch, một tỉnh hoặc tất cả, ra một thư mục hoặc một tệp .zip. Ví dụ: "
        "export_open_data --plan 12 --output du-lieu-mo.zip; export_open_data --all -o du-lieu/"
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--plan", help="Mã kế hoạch trên cổng (12) hoặc số, ký hiệu (“2213/QĐ-UBND”)."
        )
        which.add_argument(
            "--province",
            help="Mã định danh của tỉnh (bac-lieu): các kế hoạch của tỉnh và của các tỉnh "
            "sáp nhập vào nó.",
        )
        which.add_argument("--all", action="store_true", help="Mọi kế hoạch của mọi tỉnh.")
        parser.add_argument(
            "-o", "--output", type=Path, required=True, help="Thư mục, hoặc tệp kết thúc bằng .zip."
        )

    def handle(self, *args, **options):
        # The command runs on the server for its operators: it sees every province.
        if options["plan"]:
            plan = self._plan(options["plan"])
            plans, files = 1, package.of_plan(plan)
        else:
            if options["province"]:
                province = self._province(options["province"])
                chosen = Plan.objects.filter(province__in=[province, *province.predecessors.all()])
                name = package.package_name(province.slug)
                title = _("Kế hoạch ứng dụng công nghệ thông tin của %(province)s") % {
                    "province": province.full_name
                }
            else:
                chosen = Plan.objects.all()
                name = package.package_name("toan-quoc")
                title = _("Kế hoạch ứng dụng công nghệ thông tin của các tỉnh, thành phố")
            plans, files = chosen.count(), package.build(chosen, name=name, title=title)
        written = package.write(files, options["output"])
        self.stdout.write(f"{written}: {plans} kế hoạch, {len(files) - 1} bảng CSV")

    def _plan(self, value: str) -> Plan:
        if not value.isdigit():
            return find_plan(value)
        plan = Plan.objects.filter(pk=int(value)).first()
        if plan is None:
            raise CommandError(f"Không có kế hoạch mã {value}.")
        return plan

    def _province(self, slug: str) -> Province:
        province = Province.objects.filter(slug=slug).first()
        if province is None:
            raise CommandError(f"Không có tỉnh mã “{slug}”.")
        return province
