from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from provinces.text import fold

KIND_PREFIXES = {"tỉnh": "province", "thành phố": "city"}


def split_kind(name: str) -> tuple[str | None, str]:
    """``("city", "Hồ Chí Minh")`` for "Thành phố Hồ Chí Minh", ``(None, "Cà Mau")`` for "Cà Mau":
    the packages and older rows write some names with their kind, the portal keeps the short
    name and the kind apart."""
    for prefix, kind in KIND_PREFIXES.items():
        if name.lower().startswith(prefix + " "):
            return kind, name[len(prefix) + 1 :].strip()
    return None, name


class Province(models.Model):
    """A province as it existed in a period.

    Official codes were reused with other meanings after the 2025 merger (Bình Định 52 became part
    of a new Gia Lai 52), and a merged province keeps its name in the new one (old Cà Mau 96, new
    Cà Mau 96), so neither the code nor the name identifies a province: the slug does. ``name`` is
    the short name ("Hà Nội"); ``full_name`` and ``committee`` add the kind for documents.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("tỉnh")
        CITY = "city", _("thành phố")

    code = models.CharField(_("mã tỉnh"), max_length=3)
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.PROVINCE)
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
            # One current province per code and name; a past one per code, name and end date
            # (the old and the new Cà Mau share code 96 and their name).
            models.UniqueConstraint(
                fields=["code", "name"],
                condition=models.Q(valid_until__isnull=True),
                name="province_current_code_name_unique",
            ),
            models.UniqueConstraint(
                fields=["code", "name", "valid_until"],
                condition=models.Q(valid_until__isnull=False),
                name="province_past_code_name_unique",
            ),
        ]

    def __str__(self):
        if self.valid_until:
            return _("%(name)s (cũ, đến %(date)s)") % {
                "name": self.name,
                "date": self.valid_until.strftime("%d/%m/%Y"),
            }
        return self.name

    @property
    def full_name(self) -> str:
        """ "tỉnh Bạc Liêu", "thành phố Hà Nội": the province as a document names it in a
        sentence."""
        prefixed, short = split_kind(self.name)
        kind = self.Kind(prefixed or self.kind)
        return _("%(kind)s %(name)s") % {"kind": kind.label, "name": short}

    @property
    def committee(self) -> str:
        """ "UBND TỈNH CÀ MAU", "UBND THÀNH PHỐ HỒ CHÍ MINH": the issuing body of a header."""
        return (_("UBND %(province)s") % {"province": self.full_name}).upper()


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


class Commune(models.Model):
    """A commune (xã, phường, đặc khu) of a 2025 province, as ``vietnam_provinces`` lists them:
    reference data loaded by ``provinces.divisions.load_divisions``, not edited in the portal."""

    class Kind(models.TextChoices):
        COMMUNE = "commune", _("xã")
        WARD = "ward", _("phường")
        SPECIAL_ZONE = "special", _("đặc khu")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="communes"
    )
    code = models.CharField(_("mã xã"), max_length=5, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    search_key = models.CharField(max_length=100, editable=False, db_index=True)

    province_lookup = "province"

    class Meta:
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        ordering = ["province__name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = fold(self.name)
        super().save(*args, **kwargs)
