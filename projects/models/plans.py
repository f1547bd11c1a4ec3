"""A plan (kế hoạch), its project groups and its projects."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models.archiving import Archivable, LiveManager
from projects.periods import YEAR_VALIDATORS, parse_period
from projects.versioning import VersionedModel
from provinces.models import Agency, Province
from provinces.text import fold


class PlanManager(LiveManager):
    def get_queryset(self):
        # A plan is named with its province everywhere (lists, filters, choices).
        return super().get_queryset().select_related("province")


class Plan(Archivable):
    """An approved plan document (Kế hoạch / Quyết định phê duyệt) and the appendix it carries."""

    class Kind(models.TextChoices):
        FIVE_YEAR = "five_year", _("Kế hoạch 5 năm")
        ANNUAL = "annual", _("Kế hoạch năm")
        AMENDMENT = "amendment", _("Điều chỉnh, bổ sung quy hoạch")
        PROGRAMME = "programme", _("Kế hoạch thực hiện chương trình, đề án")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(_("loại kế hoạch"), max_length=20, choices=Kind.choices)
    document_number = models.CharField(
        _("số, ký hiệu"), max_length=50, help_text=_("Như văn bản ghi, ví dụ “2213/QĐ-UBND”.")
    )
    issue_date = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    start_year = models.PositiveSmallIntegerField(_("từ năm"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), validators=YEAR_VALIDATORS)
    amends = models.ForeignKey(
        "self",
        verbose_name=_("điều chỉnh kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    amends_text = models.CharField(
        _("văn bản được điều chỉnh"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản được điều chỉnh như văn bản ghi, khi nó chưa có trên cổng."),
    )
    source_file = models.FileField(_("tệp văn bản gốc"), upload_to="plans/%Y/", blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = PlanManager()
    province_lookup = "province"

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["province__name", "-issue_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "document_number"],
                condition=Q(deletion__isnull=True),
                name="plan_province_document_unique",
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="plan_period_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.document_number} — {self.province.name}"

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Năm kết thúc phải không trước năm bắt đầu.")})
        if self.amends_id and self.amends_id == self.pk:
            raise ValidationError({"amends": _("Kế hoạch không thể tự điều chỉnh chính nó.")})


class ProjectGroup(models.Model):
    """A section of a plan's appendix (I, II…, "1 Xây dựng cơ sở hạ tầng…")."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="groups"
    )
    appendix = models.CharField(
        _("phụ lục"), max_length=50, blank=True, help_text=_("Khi văn bản có nhiều phụ lục.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc nhóm"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,  # a group goes with its plan, not alone
        related_name="children",
        help_text=_("Nhóm lớn hơn chứa nhóm này (A › I › 1); để trống nếu là nhóm cấp ngoài cùng."),
    )
    ref = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    title = models.CharField(_("tên nhóm"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    # The ids of the groups above, outermost first, each followed by "/" ("3/7/"): the
    # reconciliation reads which groups a budget line's group lies in from the lines' own query.
    path = models.CharField(max_length=200, blank=True, default="", editable=False)

    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("nhóm dự án")
        verbose_name_plural = _("nhóm dự án")
        ordering = ["plan", "order"]

    def __str__(self):
        return self.label or str(_("(không nhóm)"))

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}{self.parent_id}/" if self.parent_id else ""
        super().save(*args, **kwargs)
        moved = getattr(self, "_stored_path", self.path) != self.path
        self._stored_path = self.path
        if moved:  # the groups inside it moved with it
            for child in self.children.all():
                child.save()

    def clean(self):
        if self.parent_id is None:
            return
        if self.plan_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("Nhóm cha phải thuộc cùng kế hoạch.")})
        if self.pk and (self.parent_id == self.pk or self.pk in self.parent.ancestor_ids):
            raise ValidationError({"parent": _("Một nhóm không thể nằm trong chính nó.")})

    @classmethod
    def from_db(cls, db, field_names, values):
        group = super().from_db(db, field_names, values)
        group._stored_path = group.__dict__.get("path")
        return group

    @property
    def label(self) -> str:
        """The section as the document names it ("Phụ lục 1 II Phát triển…"); "" when unnamed."""
        return " ".join(part for part in (self.appendix, self.ref, self.title) if part)

    @property
    def depth(self) -> int:
        """0 for a top-level group, 1 for a group inside it…"""
        return self.path.count("/")

    @property
    def ancestor_ids(self) -> tuple[int, ...]:
        """The ids of the groups this one lies in, outermost first."""
        return self.ids_in(self.path)

    @staticmethod
    def ids_in(path: str) -> tuple[int, ...]:
        """The group ids of a ``path`` ("3/7/")."""
        return tuple(int(pk) for pk in path.split("/") if pk)

    @property
    def short_name(self) -> str:
        """ "II", or inside a group "B › II" (load the parent with it)."""
        own = self.ref or self.title
        return f"{self.parent.ref or self.parent.title} › {own}" if self.parent_id else own


class Project(VersionedModel, Archivable):
    """A row of a plan's appendix: a project or task (dự án, nhiệm vụ)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        PREPARING = "preparing", _("Chuẩn bị đầu tư")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        COMPLETED = "completed", _("Hoàn thành")
        PAUSED = "paused", _("Tạm dừng")
        CANCELLED = "cancelled", _("Hủy")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="projects"
    )
    group = models.ForeignKey(
        ProjectGroup,
        verbose_name=_("nhóm"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,  # a group goes with its plan, not alone
        related_name="projects",
    )
    ref = models.CharField(
        _("số thứ tự"), max_length=20, blank=True, help_text=_("Như văn bản ghi: “1”, “II.3”, “-”.")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên dự án, nhiệm vụ"))
    objective = models.TextField(_("mục tiêu"), blank=True)
    scale = models.TextField(_("quy mô, nội dung"), blank=True)
    lead_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partners = models.TextField(_("cơ quan phối hợp (như văn bản ghi)"), blank=True)
    partner_agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="partner_projects"
    )
    period = models.CharField(
        _("thời gian thực hiện"), max_length=100, blank=True, help_text=_("Như văn bản ghi.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("năm bắt đầu"), null=True, blank=True, validators=YEAR_VALIDATORS, editable=False
    )
    end_year = models.PositiveSmallIntegerField(
        _("năm kết thúc"), null=True, blank=True, validators=YEAR_VALIDATORS, editable=False
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("% hoàn thành"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Theo báo cáo tiến độ đã được duyệt gần nhất."),
    )
    estimate = models.BigIntegerField(
        _("dự kiến kinh phí (đồng)"),
        null=True,
        blank=True,
        help_text=_("Tổng kinh phí của dự án như văn bản ghi, bằng đồng."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    search_key = models.TextField(editable=False, blank=True)

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = LiveManager()
    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("dự án, nhiệm vụ")
        verbose_name_plural = _("dự án, nhiệm vụ")
        ordering = ["plan", "order", "id"]
        # The lists walk this order a page at a time instead of sorting every project.
        indexes = [models.Index(fields=ordering, name="project_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimate__isnull=True) | Q(estimate__gte=0),
                name="project_estimate_not_negative",
            ),
        ]

    def __str__(self):
        return self.name if len(self.name) <= 80 else self.name[:79] + "…"

    def save(self, *args, **kwargs):
        self.set_derived_fields()
        super().save(*args, **kwargs)

    def set_derived_fields(self) -> None:
        """The years parsed from the period and the search key; ``save`` calls it, and bulk
        inserts (which skip ``save``) must call it themselves."""
        parsed = parse_period(self.period)
        self.start_year, self.end_year = parsed.start, parsed.end
        self.search_key = fold(" ".join((self.ref, self.name, self.objective)))

    def clean(self):
        if self.estimate is not None and self.estimate < 0:
            raise ValidationError({"estimate": _("Kinh phí không được âm.")})
        if self.group_id and self.plan_id and self.group.plan_id != self.plan_id:
            raise ValidationError({"group": _("Nhóm phải thuộc cùng kế hoạch với dự án.")})
        if self.lead_agency_id and self.plan_id:
            if self.lead_agency.province_id != self.plan.province_id:
                raise ValidationError(
                    {"lead_agency": _("Cơ quan chủ trì phải thuộc tỉnh của kế hoạch.")}
                )

    @property
    def period_problems(self) -> tuple[str, ...]:
        return parse_period(self.period).problems
