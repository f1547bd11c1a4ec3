import json

from django.core.management.base import BaseCommand

from budgets.money import in_unit
from budgets.reconciliation import reconcile
from projects.models import Plan


class Command(BaseCommand):
    help = (
        "Đối chiếu tổng số văn bản ghi với tổng tính từ các dòng kinh phí, cho từng kế hoạch. "
        "--format json in một danh sách JSON, số tiền bằng đồng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--plan", help="Chỉ kế hoạch có số, ký hiệu này (ví dụ 2213/QĐ-UBND).")

    def handle(self, *args, format="text", plan=None, **options):
        plans = Plan.objects.select_related("province").order_by("province__name", "issue_date")
        if plan:
            plans = plans.filter(document_number=plan)
        results = [reconcile(p) for p in plans]
        if format == "json":
            data = [r.as_json() for r in results]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for r in results:
            self.stdout.write(
                f"\n{r.plan.document_number} — {r.plan.province.name}: "
                f"{r.projects} dự án (triệu đồng)"
            )
            for check in r.checks:
                mark = "✓" if check.matches else "✗"
                self.stdout.write(
                    f"  {mark} {check.stated_total.label} [{check.stated_total.where}]: "
                    f"ghi {in_unit(check.stated_total.amount)}, tính {in_unit(check.computed)}"
                )
            for anomaly in r.anomalies:
                self.stdout.write(f"  ! {anomaly}")
