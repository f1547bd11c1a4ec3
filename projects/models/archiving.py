"""Archiving instead of deleting: a ``Deletion`` records who archived what, when and why;
``Archivable`` rows point to it and ``LiveManager`` hides them (``projects/archive.py`` does the
work)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from provinces.models import Province


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
