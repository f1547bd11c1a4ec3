"""A province's saved column mapping: what its clerks said the columns of their appendices are,
remembered when they confirm an import and applied to the province's next uploads.

The mapping is kept by the column's folded header ("cong viec trong tam" → "name"), not by its
position, so a next file with the same headers in another order is read the same way. Only the
clerk's choices that differ from what the header's words give are kept.
"""

from django.db import transaction

from itplan.models import ColumnMapping
from provinces.access import require_change

from .columns import ROLE_CODES, ColumnMap


def saved(province) -> ColumnMap:
    """The province's saved choices, to apply to an upload (empty when there are none)."""
    roles = ColumnMapping.objects.filter(province=province).values_list("roles", flat=True).first()
    return ColumnMap(by_text=dict(roles or {}))


@transaction.atomic
def remember(province, chosen: dict[str, str], seen: list[str], *, by) -> ColumnMapping | None:
    """Keep ``chosen`` (folded header → role) as the province's choices, for its next uploads;
    headers in ``seen`` (the file's columns) that are not chosen any more are forgotten. Only a
    user who may import for the province (``provinces.access``) may change it."""
    mapping = ColumnMapping.objects.select_for_update().filter(province=province).first()
    if mapping is None:
        if not chosen:
            return None
        mapping = ColumnMapping(province=province)
    require_change(by, mapping)
    roles = {
        key: role for key, role in (mapping.roles or {}).items() if key not in seen or key in chosen
    }
    roles.update({key: role for key, role in chosen.items() if role in ROLE_CODES})
    if mapping.pk and roles == mapping.roles:
        return mapping
    mapping.roles = roles
    mapping.updated_by = by
    mapping.save()
    return mapping
