from django.core.management.base import CommandError

from projects.models import Plan


def find_plan(number: str, province: str | None = None) -> Plan:
    """The plan with document number ``number`` (in the province of slug ``province``), or a
    ``CommandError`` saying why there is none."""
    plans = Plan.objects.filter(document_number=number)
    if province:
        plans = plans.filter(province__slug=province)
    found = list(plans[:2])
    if not found:
        raise CommandError(f"Không có kế hoạch số “{number}”.")
    if len(found) > 1:
        raise CommandError(f"Có nhiều kế hoạch số “{number}”; hãy chọn --province.")
    return found[0]
