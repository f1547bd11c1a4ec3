"""A project's progress reports (báo cáo tiến độ), the reporting periods and their deadlines,
and the files attached to a report."""

import calendar
import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models.archiving import Archivable, LiveManager
from projects.models.plans import Project
from projects.periods import YEAR_VALIDATORS
from projects.versioning import VersionedModel

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}  # quarters are written in Roman numerals


def period_label(year: int, quarter: int | None) -> str:
    """A reporting period as pages and reports name it: "Quý IV/2026", "Năm 2026" (the UBND
    report's title says "quý IV năm 2026": the same numerals)."""
    if quarter:
        return _("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN[quarter], "year": year}
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
        # xgettext:no-python-format
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


class Attachment(Archivable):
    """A file attached to a progress report (minutes, photos, acceptance records...).

    Checked by ``projects.attachments.check`` (type and size), stored under MEDIA_ROOT, which the
    web server does not serve, and downloaded only through the portal's access-checked view.
    "Xoá" archives it with its file kept (``projects.archive``); the file goes when it is purged.
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

    objects = LiveManager()
    history = HistoricalRecords()
    province_lookup = "report__project__plan__province"

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name
