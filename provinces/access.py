"""Who may see and change what: the one place the portal's access rules live.

Every model that belongs to a province names the lookup from itself to its province in
``province_lookup`` ("province", "plan__province", ...). Staff (cán bộ Sở) read and edit their own
province, leaders (lãnh đạo) read their own province, national viewers read everything, admins
(superusers) do everything. A province's scope includes the provinces merged into it in 2025, so a
Cà Mau user also sees Bạc Liêu's plans.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Model, QuerySet
from django.utils.translation import gettext as _

from provinces.models import Membership, Province


def membership(user) -> Membership | None:
    """The user's role and province (with the province loaded), read once per request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_portal_membership"):
        # One query for the role, the province and its 2025 predecessors (one row each)
        rows = list(
            Membership.objects.select_related("province")
            .filter(user=user)
            .annotate(predecessor=F("province__predecessors__id"))
            .order_by("province__predecessors__name", "province__predecessors__valid_from")
        )
        m = rows[0] if rows else None
        if m is not None and m.province_id is not None:
            m._province_ids = [m.province_id, *(r.predecessor for r in rows if r.predecessor)]
        user._portal_membership = m
    return user._portal_membership


def sees_all(user) -> bool:
    """True for admins and national viewers."""
    if user.is_superuser:
        return True
    m = membership(user)
    return m is not None and m.role == Membership.Role.NATIONAL


def can_edit(user) -> bool:
    """True for admins and province staff (within their scope)."""
    if user.is_superuser:
        return True
    m = membership(user)
    return m is not None and m.role == Membership.Role.STAFF


def can_review(user) -> bool:
    """True for admins and province leaders (within their scope): they approve or return
    progress reports."""
    if user.is_superuser:
        return True
    m = membership(user)
    return m is not None and m.role == Membership.Role.LEADER


def has_role(user) -> bool:
    return user.is_superuser or membership(user) is not None


def require_role(user) -> None:
    """Refuse (403) a logged-in user who has no role on the portal."""
    if not has_role(user):
        raise PermissionDenied(_("Tài khoản chưa được giao vai trò trên cổng."))


def province_ids(user) -> list[int]:
    """The provinces a province-bound user works on: their own and its 2025 predecessors."""
    m = membership(user)
    if m is None or m.province_id is None:
        return []
    if not hasattr(m, "_province_ids"):
        predecessors = Province.objects.filter(successor_id=m.province_id).values_list(
            "id", flat=True
        )
        m._province_ids = [m.province_id, *predecessors]
    return m._province_ids


def scope(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may see (nothing for a user without a role)."""
    if sees_all(user):
        return queryset
    lookup = queryset.model.province_lookup
    return queryset.filter(**{f"{lookup}__in": province_ids(user)})


def province_id_of(obj: Model) -> int | None:
    """The id of the province ``obj`` belongs to, following its ``province_lookup``.

    Works on unsaved and historical instances too (the admin's history pages pass those).
    """
    return id_along(obj, obj.province_lookup)


def id_along(obj: Model, lookup: str) -> int | None:
    """The id at the end of ``lookup`` ("plan__province", "project__plan", "pk") from ``obj``,
    following its foreign keys (which see archived rows too)."""
    *path, last = lookup.split("__")
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id", None)


def in_scope(obj: Model, user) -> bool:
    """True when ``user`` may see ``obj``."""
    return sees_all(user) or province_id_of(obj) in province_ids(user)


def can_change(user, obj: Model) -> bool:
    """True when ``user`` may add, change or delete ``obj``: admins anything, staff what lies in
    their provinces. Every write path (admin, history revert, portal form, import, archive)
    asks this rule."""
    return can_edit(user) and (user.is_superuser or province_id_of(obj) in province_ids(user))


def require_change(user, obj: Model) -> None:
    """Refuse (403) a change ``user`` may not make to ``obj``."""
    if not can_change(user, obj):
        raise PermissionDenied(_("Bạn không có quyền thay đổi dữ liệu này."))


def require_admin(user) -> None:
    """Refuse (403) anyone but an administrator."""
    if not user.is_superuser:
        raise PermissionDenied(_("Chỉ quản trị viên được làm việc này."))


def _role_in(user, role: str, province_id: int | None) -> bool:
    m = membership(user)
    return m is not None and m.role == role and province_id in province_ids(user)


def require_staff_of(user, province_id: int | None) -> None:
    """Refuse (PermissionDenied) anyone but an administrator or a staff member (cán bộ Sở) of
    the province (or of its 2025 successor): they write and send the province's reports."""
    if user.is_superuser or _role_in(user, Membership.Role.STAFF, province_id):
        return
    raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh này mới được lập và gửi báo cáo tiến độ."))


def require_leader_of(user, province_id: int | None) -> None:
    """Refuse (PermissionDenied) anyone but an administrator or a leader (lãnh đạo) of the
    province (or of its 2025 successor): they approve or return the province's reports."""
    if user.is_superuser or _role_in(user, Membership.Role.LEADER, province_id):
        return
    raise PermissionDenied(
        _("Chỉ lãnh đạo của tỉnh này mới được duyệt hoặc trả lại báo cáo tiến độ.")
    )
