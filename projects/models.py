import calendar
import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.periods import YEAR_VALIDATORS, parse_period
from projects.versioning import VersionedModel
from provinces.models import Agency, Province
from provinces.text import fold


class Deletion(models.Model):
    """One "Xoá" click: the row the user deleted and every row archived with it (a plan's
    projects, their money and reports...), which keep a link to it. Nothing is removed: the rows
    are hidden from pages and figures, an administrator restores them in one click within
    ``RESTORE_DAYS``, and ``manage.py purge_deleted`` removes them after that."""

    RESTORE_DAYS = 90

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại dữ liệu"), on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(_("mã"))
    label = models.CharField(_("mục đã xoá"), max_length=500)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    counts = models.JSONField(_("số dòng"), default=dict)
    reason = models.TextField(_("lý do"), blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xoá"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deleted_at = models.DateTimeField(_("xoá lúc"), default=timezone.now)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người khôi phục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_at = models.DateTimeField(_("khôi phục lúc"), null=True, blank=True)
    purged_at = models.DateTimeField(_("xoá hẳn lúc"), null=True, blank=True)

    province_lookup = "province"

    class Meta:
        verbose_name = _("dữ liệu đã xoá")
        verbose_name_plural = _("đã xoá")
        ordering = ["-deleted_at", "-id"]

    def __str__(self):
        return f"{self.content_type.name}: {self.label}"

    @property
    def restore_until(self):
        return self.deleted_at + datetime.timedelta(days=self.RESTORE_DAYS)

    @property
    def restorable(self) -> bool:
        return (
            self.restored_at is None
            and self.purged_at is None
            and timezone.now() < self.restore_until
        )


class LiveManager(models.Manager):
    """The default manager of an archivable model: rows not archived (``deletion`` empty).
    Related managers, forms, the admin and every page and figure go through it; the model's
    ``_base_manager`` (plain) still sees archived rows."""

    def get_queryset(self):
        return super().get_queryset().filter(deletion__isnull=True)


class Archivable(models.Model):
    """A row that a "Xoá" archives instead of removing (see ``projects.archive``)."""

    deletion = models.ForeignKey(
        Deletion,
        verbose_name=_("đã xoá"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


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
    ref = models.CharField(_("số thứ tự"), max_length=20, blank=True)
    title = models.CharField(_("tên nhóm"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("nhóm dự án")
        verbose_name_plural = _("nhóm dự án")
        ordering = ["plan", "order"]

    def __str__(self):
        return self.label or str(_("(không nhóm)"))

    @property
    def label(self) -> str:
        """The section as the document names it ("Phụ lục 1 II Phát triển…"); "" when unnamed."""
        return " ".join(part for part in (self.appendix, self.ref, self.title) if part)


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


def period_label(year: int, quarter: int | None) -> str:
    """A reporting period as pages and reports name it: "Quý 4/2026", "Năm 2026"."""
    if quarter:
        return _("Quý %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
    return _("Năm %(year)s") % {"year": year}


ONE_PER_PERIOD = _(
    "Dự án này đã có báo cáo tiến độ cho kỳ này: mỗi dự án một báo cáo mỗi kỳ. Hãy mở báo "
    "cáo đã có để sửa thay vì lập báo cáo thứ hai."
)


class StatusUpdate(VersionedModel, Archivable):
    """A progress report on a project (báo cáo tiến độ) for a quarter or a year.

    Staff write it (draft) and send it for review (submitted); a leader of the province approves
    it, which makes its status and % complete the project's official ones, or returns it with a
    reason, and the author corrects and sends it again. ``projects.progress`` holds the moves.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại")

    project = models.ForeignKey(
        Project,
        verbose_name=_("dự án"),
        on_delete=models.CASCADE,
        related_name="status_updates",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(
        _("quý"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Để trống khi báo cáo cả năm."),
    )
    status = models.CharField(_("tình trạng"), max_length=20, choices=Project.Status.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("% hoàn thành"), validators=[MaxValueValidator(100)]
    )
    results = models.TextField(_("kết quả đạt được"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    history = HistoricalRecords()
    objects = LiveManager()
    province_lookup = "project__plan__province"

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-year", "-quarter", "-created_at"]
        indexes = [
            models.Index(fields=["project", "year", "quarter"]),
            # The dashboards ask which projects reported in a period, over all the projects.
            models.Index(fields=["year", "quarter", "state"], name="status_update_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="status_update_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="status_update_percent_to_100"
            ),
            # One live report per project and period (an archived one does not count). Two
            # partial constraints rather than one with nulls_distinct=False, which SQLite (and
            # PostgreSQL before 15) would not enforce: a year's report has no quarter.
            models.UniqueConstraint(
                fields=["project", "year", "quarter"],
                condition=Q(quarter__isnull=False, deletion__isnull=True),
                name="status_update_one_per_quarter",
                violation_error_message=ONE_PER_PERIOD,
            ),
            models.UniqueConstraint(
                fields=["project", "year"],
                condition=Q(quarter__isnull=True, deletion__isnull=True),
                name="status_update_one_per_year",
                violation_error_message=ONE_PER_PERIOD,
            ),
        ]

    def __str__(self):
        return f"{self.project} — {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @classmethod
    def of_period(cls, project_id: int, year: int, quarter: int | None) -> models.QuerySet:
        """The live reports of a project for a period: at most one, by the constraints. Forms
        ask it themselves: Django's validation skips a constraint whose condition names a field
        the form leaves out (``deletion``)."""
        return cls.objects.filter(project_id=project_id, year=year, quarter=quarter)


class ReportingPeriod(models.Model):
    """A reporting period (quý or năm) and the day its progress reports are due. Periods without
    a row here are due ``DEFAULT_DUE_DAYS`` days after they end."""

    DEFAULT_DUE_DAYS = 15

    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(
        _("quý"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Để trống cho kỳ báo cáo năm."),
    )
    deadline = models.DateField(_("hạn nộp báo cáo"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter"],
                name="reporting_period_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        label = period_label(self.year, self.quarter)
        return f"{label} ({_('hạn')} {self.deadline:%d/%m/%Y})"

    @classmethod
    def deadline_for(cls, year: int, quarter: int | None) -> datetime.date:
        row = cls.objects.filter(year=year, quarter=quarter).first()
        if row is not None:
            return row.deadline
        end_month = 3 * quarter if quarter else 12
        last_day = calendar.monthrange(year, end_month)[1]
        return datetime.date(year, end_month, last_day) + datetime.timedelta(
            days=cls.DEFAULT_DUE_DAYS
        )


def attachment_path(attachment: "Attachment", filename: str) -> str:
    """Where an attachment's file is stored under MEDIA_ROOT (never served directly): a random
    name, so nothing about the file can be guessed from a URL or collide."""
    suffix = Path(filename).suffix.lower()
    return f"dinh-kem/{attachment.report.project_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file attached to a progress report (minutes, photos, acceptance records...).

    Checked by ``projects.attachments.check`` (type and size), stored under MEDIA_ROOT, which the
    web server does not serve, and downloaded only through the portal's access-checked view.
    """

    report = models.ForeignKey(
        StatusUpdate,
        verbose_name=_("báo cáo tiến độ"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đính kèm"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("đính kèm lúc"), auto_now_add=True)

    history = HistoricalRecords()
    province_lookup = "report__project__plan__province"

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name
