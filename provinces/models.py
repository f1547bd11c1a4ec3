from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from provinces.text import fold


class Province(models.Model):
    """A province as it existed in a period.

    Official codes were reused with other meanings after the 2025 merger (Bình Định 52 became part
    of a new Gia Lai 52), so a code alone does not identify a province: the slug does.
    """

    code = models.CharField(_("mã tỉnh"), max_length=3)
    name = models.CharField(_("tên"), max_length=100)
    slug = models.SlugField(_("mã định danh"), unique=True)
    valid_from = models.DateField(_("có hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("có hiệu lực đến"), null=True, blank=True)
    province_lookup = "pk"

    successor = models.ForeignKey(
        "self",
        verbose_name=_("tỉnh kế thừa"),
        help_text=_("Tỉnh mới sau sắp xếp đơn vị hành chính (từ 01/07/2025)."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")
        ordering = ["name", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "name"], name="province_code_name_unique"),
        ]

    def __str__(self):
        if self.valid_until:
            return _("%(name)s (cũ, đến %(date)s)") % {
                "name": self.name,
                "date": self.valid_until.strftime("%d/%m/%Y"),
            }
        return self.name


def predecessor_names(name: str, names: list[str]) -> list[str]:
    """The provinces to name after a 2025 province, as in "Cà Mau (gồm Bạc Liêu)": none when
    they all bear its own name (the old Quảng Trị in the new Quảng Trị: "Quảng Trị (gồm Quảng
    Trị)" says nothing), otherwise each name once, its own included ("Quảng Trị (gồm Quảng
    Bình, Quảng Trị)")."""
    distinct = list(dict.fromkeys(names))
    return [] if distinct in ([], [name]) else distinct


class Agency(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Sở, ban, ngành")
        PEOPLES_COMMITTEE = "committee", _("UBND cấp huyện/xã")
        OTHER = "other", _("Khác")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="agencies"
    )
    name = models.CharField(_("tên cơ quan"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    search_key = models.CharField(max_length=300, editable=False, db_index=True)

    province_lookup = "province"

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"], name="agency_province_name_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(self.name)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A user's role and, for province roles, their province."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Cán bộ Sở")
        LEADER = "leader", _("Lãnh đạo")
        NATIONAL = "national", _("Xem toàn quốc")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    class Meta:
        verbose_name = _("vai trò người dùng")
        verbose_name_plural = _("vai trò người dùng")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="national") | models.Q(province__isnull=False),
                name="membership_province_role_has_province",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"
