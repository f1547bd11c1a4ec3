from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from itplan.management.plans import find_plan
from itplan.reports import Period, PeriodError, ReportError, new_report
from itplan.reports.document import FILES, as_file
from provinces.models import Province


class Command(BaseCommand):
    help = (
        "Lập báo cáo UBND (dự thảo) của một kế hoạch, một tỉnh hoặc toàn quốc cho một kỳ, "
        'ra tệp PDF, HTML, Excel hoặc Word. Ví dụ: render_report --plan "2213/QĐ-UBND" '
        "--period 2014 --format pdf -o bao-cao.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="Số, ký hiệu kế hoạch: “2213/QĐ-UBND”.")
        parser.add_argument(
            "--province", help="Mã (slug) của tỉnh: cả tỉnh, hoặc để chọn kế hoạch khi số trùng."
        )
        parser.add_argument(
            "--period",
            default="",
            help="Kỳ: 2014, 2014-q3, 2014-6t1; bỏ trống cho cả giai đoạn kế hoạch.",
        )
        parser.add_argument("--format", choices=sorted(FILES), default="pdf")
        parser.add_argument("-o", "--output", type=Path, required=True, help="Tệp ghi ra.")

    def handle(self, *args, **options):
        params = {}
        if options["plan"]:
            params["ke_hoach"] = str(find_plan(options["plan"], options["province"]).pk)
        elif options["province"]:
            province = Province.objects.filter(slug=options["province"]).first()
            if province is None:
                raise CommandError(f"Không có tỉnh mã “{options['province']}”.")
            params["tinh"] = str(province.pk)
        # The command runs on the server for its operators: it sees every province.
        system = get_user_model()(username="render_report", is_superuser=True)
        try:
            period = Period.parse(options["period"])
            report, data = new_report(
                params=params, period=period, user=system, today=timezone.localdate()
            )
        except (PeriodError, ReportError) as error:
            raise CommandError(str(error)) from error
        content, _type = as_file(report, data, options["format"])
        options["output"].write_bytes(content)
        self.stdout.write(f"{options['output']}: {len(content):,} byte")
