from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.models import CapitalType, Source
from projects.models import Plan
from provinces.models import Province


class AppendixImport(models.Model):
    """One upload of an appendix: kept from the preview to the confirmation, then as the record
    of who imported what, when, from which file, with what result."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Đang xem trước")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Không nhập được")
        CANCELLED = "cancelled", _("Đã hủy")

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
    # emptied by ``manage.py purge_uploads`` for uploads cancelled or never confirmed
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    checksum = models.CharField(_("mã SHA-256 của tệp"), max_length=64, blank=True)
    # What reading the file gave, every sheet's preview (``itplan.appendix.uploads``): the file
    # is parsed once, the preview page shows this and the confirmation writes it.
    parsed = models.JSONField(_("kết quả đọc tệp"), null=True, blank=True, editable=False)
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

    # the parsed preview can weigh megabytes: the history keeps who did what, not the content
    history = HistoricalRecords(excluded_fields=["parsed"])
    province_lookup = "plan__province"

    class Meta:
        verbose_name = _("lần nhập phụ lục")
        verbose_name_plural = _("lịch sử nhập phụ lục")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} → {self.plan.document_number}"


class ColumnMapping(models.Model):
    """How a province's appendices name their columns where the importer's words do not say:
    the folded header text of a column ("cong viec trong tam") → its role ("name", "total",
    "local"…; ``itplan.appendix.columns.ROLES``). Kept when a clerk confirms an import whose
    columns they chose in the preview, applied to the province's next uploads
    (``itplan.appendix.mapping``)."""

    province = models.OneToOneField(
        Province, verbose_name=_("tỉnh"), on_delete=models.CASCADE, related_name="+"
    )
    roles = models.JSONField(_("cách nhận cột"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("lưu lúc"), auto_now=True)

    history = HistoricalRecords()
    province_lookup = "province"

    class Meta:
        verbose_name = _("cách nhận cột phụ lục của tỉnh")
        verbose_name_plural = _("cách nhận cột phụ lục của các tỉnh")

    def __str__(self):
        return str(self.province)


class Report(models.Model):
    """A progress report to the People's Committee (báo cáo UBND): its scope (the dashboard's
    filter parameters) and period, and what the clerk writes around the figures: header,
    difficulties, proposals, signature, recipients.

    A draft is drawn from the data as it is now. Issuing it (``itplan.reports.issue``) gives it
    its number and freezes it: the figures (``data``) and the PDF are stored, and later changes
    to the projects do not touch it.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    # A report is issued by a province's department to its People's Committee; a national
    # roll-up is only previewed and downloaded, never issued.
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="reports"
    )
    params = models.JSONField(_("phạm vi (bộ lọc)"), default=dict, blank=True)
    period = models.CharField(_("kỳ báo cáo"), max_length=10, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    parent_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    number = models.CharField(
        _("số, ký hiệu"), max_length=50, blank=True, help_text=_("Ví dụ “15/BC-SKHCN”.")
    )
    place = models.CharField(_("địa danh"), max_length=100)
    issue_date = models.DateField(_("ngày ban hành"))
    summary = models.CharField(_("trích yếu"), max_length=500)
    recipient = models.CharField(_("kính gửi"), max_length=300)
    # The narrative sections (prefilled from the approved progress reports of the period)
    assessment = models.TextField(_("đánh giá chung"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    next_tasks = models.TextField(_("nhiệm vụ kỳ tới"), blank=True)
    signer_title = models.CharField(
        _("quyền hạn, chức vụ người ký"),
        max_length=200,
        help_text=_("Mỗi dòng một dòng của khối chữ ký, ví dụ “KT. GIÁM ĐỐC” rồi “PHÓ GIÁM ĐỐC”."),
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    data = models.JSONField(_("số liệu khi ban hành"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("tệp PDF đã ban hành"), upload_to="bao-cao/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("soạn lúc"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    # Made after issuing, in the background; the reason when it could not be made
    pdf_error = models.TextField(_("lỗi khi tạo tệp PDF"), blank=True)
    # The issued PDF signed with a digital signature (chữ ký số) and uploaded back, and what
    # checking its signatures found (``itplan.reports.signature``)
    signed_pdf = models.FileField(_("tệp PDF đã ký số"), upload_to="bao-cao/da-ky/%Y/", blank=True)
    signature = models.JSONField(_("kết quả kiểm tra chữ ký số"), null=True, blank=True)
    signed_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải tệp đã ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_uploaded_at = models.DateTimeField(_("tải tệp đã ký lúc"), null=True, blank=True)

    history = HistoricalRecords()
    province_lookup = "province"

    class Meta:
        verbose_name = _("báo cáo UBND")
        verbose_name_plural = _("báo cáo UBND")
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number"],
                condition=models.Q(state="issued"),
                name="report_issued_number_unique",
            ),
        ]

    def __str__(self):
        number = self.number or _("dự thảo")
        return f"{number} — {self.summary}"

    @property
    def issued(self) -> bool:
        return self.state == self.State.ISSUED


class Letterhead(models.Model):
    """How a province heads and signs its UBND reports, set once: what a new draft starts from.
    An empty field takes the portal's default (the People's Committee of the province that
    governs on the report's date, the IT department of that date…)."""

    province = models.OneToOneField(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="letterhead"
    )
    parent_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: “UBND TỈNH …” của tỉnh đang quản lý vào ngày báo cáo."),
    )
    issuing_body = models.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        blank=True,
        help_text=_(
            "Để trống: Sở Khoa học và Công nghệ (Sở Thông tin và Truyền thông trước 01/03/2025)."
        ),
    )
    number_suffix = models.CharField(
        _("ký hiệu văn bản"), max_length=50, blank=True, help_text=_("Ví dụ “BC-SKHCN”.")
    )
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    recipient = models.CharField(_("kính gửi"), max_length=300, blank=True)
    signer_title = models.CharField(_("quyền hạn, chức vụ người ký"), max_length=200, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=200, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)

    history = HistoricalRecords()
    province_lookup = "province"

    class Meta:
        verbose_name = _("mẫu đầu văn bản báo cáo")
        verbose_name_plural = _("mẫu đầu văn bản báo cáo")

    def __str__(self):
        return str(self.province)


class ApiToken(models.Model):
    """A personal key to the read API (``/api/v1/``): it acts as its user, with the role the
    user has at the moment of each request. The secret is shown once when the key is made;
    only its SHA-256 digest is kept (``itplan.api.auth``). Revoking keeps the row, with when it
    was revoked: nothing is deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên khóa"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def usable(self, now) -> bool:
        """Neither revoked nor expired at ``now``."""
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
