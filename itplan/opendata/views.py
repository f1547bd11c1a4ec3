"""The plan page's "Dữ liệu mở (CSV)": the plan's open-data package as a zip, for whoever may
read the plan (``plan_or_404``: another province's plan answers 404). A GET that reads only."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from itplan.opendata import package
from itplan.plans.views import plan_or_404


@login_required
def plan_open_data(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    files = package.of_plan(plan)
    name = package.package_name(plan.province.slug, plan.document_number)
    response = HttpResponse(package.as_zip(files), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-mo-{name}.zip"'
    return response
