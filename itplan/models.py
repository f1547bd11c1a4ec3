from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.models import CapitalType, Source
from projects.models import Plan


class AppendixImport(models.Model):
    """One upload of an appendix: kept from the preview to the confirmation, then as the record
    of who imported what, when, from which file, with what result."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Đang xem trước")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Không nhập được")

    class OnExisting(models.TextChoices):
        SKIP = "skip", _("Bỏ qua dự án đã có")
        UPDATE = "update", _("Cập nhật dự án đã có theo tệp")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="imports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    finished_at = models.DateTimeField(_("thời điểm nhập"), null=True, blank=True)
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sheet = models.CharField(_("trang tính"), max_length=100, blank=True)
    default_source = models.CharField(
        _("nguồn vốn khi bảng không ghi"),
        max_length=20,
        choices=Source.choices,
        default=Source.LOCAL,
    )
    default_capital_type = models.CharField(
        _("loại vốn khi bảng không ghi"),
        max_length=20,
        choices=CapitalType.choices,
        default=CapitalType.UNSPECIFIED,
    )
    unit = models.CharField(_("đơn vị tính khi bảng không ghi"), max_length=10, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    on_existing = models.CharField(
        _("dự án đã có"), max_length=10, choices=OnExisting.choices, default=OnExisting.SKIP
    )
    projects_created = models.PositiveIntegerField(_("dự án thêm mới"), default=0)
    projects_updated = models.PositiveIntegerField(_("dự án cập nhật"), default=0)
    projects_skipped = models.PositiveIntegerField(_("dự án bỏ qua"), default=0)
    budget_lines = models.PositiveIntegerField(_("dòng kinh phí"), default=0)
    stated_totals = models.PositiveIntegerField(_("số tổng ghi trong bảng"), default=0)
    agencies_created = models.PositiveIntegerField(_("cơ quan thêm mới"), default=0)
    message = models.TextField(_("ghi chú"), blank=True)

    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("lần nhập phụ lục")
        verbose_name_plural = _("lịch sử nhập phụ lục")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} → {self.plan.document_number}"
