"""Nothing lost by a click: a "Xoá" archives a row and everything that would have gone with it,
instead of removing them.

An archivable model (``projects.models.Archivable``: plans, projects, budget lines, stated
totals, progress reports and their files, indicators) carries ``deletion``; its default manager
hides the rows that have one, so every page, list, form and figure leaves them out. ``archive``
marks the row and, following the relations that would cascade on a real delete, every archivable
row beneath it with one ``Deletion`` (who, when, why); ``restore`` clears them again; ``purge``
removes for good what has been archived longer than ``Deletion.RESTORE_DAYS`` (and the files of
those rows). Each change is in the rows' history (django-simple-history) with its user and reason.

The relations are read from Django's model graph, not listed here, so this module does not
import the apps that build on ``projects`` (budgets, indicators).
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from projects.models import Archivable, Deletion
from projects.signals import data_written
from provinces import access


class ArchiveError(Exception):
    """A restore or purge that cannot be done; the message says why, in Vietnamese."""


def is_archivable(model) -> bool:
    return issubclass(model, Archivable)


def archivable_models() -> list:
    return [model for model in apps.get_models() if is_archivable(model)]


def plan_id_of(obj) -> int | None:
    """The plan an archivable row belongs to, from its ``province_lookup``
    ("plan__province" → its plan, "province" → itself)."""
    path = obj.province_lookup.removesuffix("province").rstrip("_")
    return access.id_along(obj, path or "pk")


def _beneath(rows: list) -> list[tuple[type, list]]:
    """The live archivable rows a real delete of ``rows`` would cascade to, level by level."""
    found, queue = [], [rows]
    while queue:
        level = queue.pop(0)
        for relation in type(level[0])._meta.related_objects:
            related = relation.related_model
            if not (relation.one_to_many and is_archivable(related)):
                continue
            if relation.on_delete is not models.CASCADE:
                continue
            children = list(
                related._base_manager.filter(
                    **{f"{relation.field.name}__in": level, "deletion__isnull": True}
                )
            )
            if children:
                found.append((related, children))
                queue.append(children)
    return found


@transaction.atomic
def archive(obj: Archivable, *, by, reason: str = "") -> Deletion:
    """Archive ``obj`` and every live archivable row beneath it, as ``by`` (who must be allowed
    to change it: ``provinces.access.can_change``). Returns the ``Deletion``."""
    access.require_change(by, obj)
    model = type(obj)
    deletion = Deletion.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
        label=str(obj)[:500],
        province_id=access.province_id_of(obj),
        reason=reason,
        deleted_by=by,
    )
    why = reason or _("Xoá (lưu vào mục Đã xoá)")
    counts = {}
    for rows_model, rows in [(model, [obj]), *_beneath([obj])]:
        for row in rows:
            row.deletion = deletion
        _write(rows, rows_model, by, why)
        name = str(rows_model._meta.verbose_name_plural)
        counts[name] = counts.get(name, 0) + len(rows)
    deletion.counts = counts
    deletion.save(update_fields=["counts"])
    _written(deletion, plan_id_of(obj))
    return deletion


@transaction.atomic
def restore(deletion: Deletion, *, by) -> int:
    """Bring back every row archived by ``deletion`` (administrators only, within
    ``Deletion.RESTORE_DAYS``); returns how many rows came back."""
    access.require_admin(by)
    deletion = Deletion.objects.select_for_update().get(pk=deletion.pk)
    if not deletion.restorable:
        raise ArchiveError(
            _("“%(label)s” không khôi phục được: đã khôi phục, đã xoá hẳn hoặc quá %(days)s ngày.")
            % {"label": deletion.label, "days": Deletion.RESTORE_DAYS}
        )
    root = deletion.content_type.model_class()._base_manager.get(pk=deletion.object_id)
    for field in root._meta.concrete_fields:
        if field.many_to_one and is_archivable(field.related_model):
            parent = field.related_model._base_manager.filter(
                pk=getattr(root, field.attname)
            ).first()
            if parent is not None and parent.deletion_id is not None:
                raise ArchiveError(
                    _(
                        "“%(parent)s”, nơi chứa “%(label)s”, cũng đang ở mục Đã xoá: hãy khôi "
                        "phục nó trước."
                    )
                    % {"parent": parent, "label": deletion.label}
                )
    restored = 0
    why = _("Khôi phục từ mục Đã xoá")
    try:
        with transaction.atomic():
            for model in archivable_models():
                rows = list(model._base_manager.filter(deletion=deletion))
                for row in rows:
                    row.deletion = None
                if rows:
                    _write(rows, model, by, why)
                restored += len(rows)
    except IntegrityError:
        raise ArchiveError(
            _(
                "“%(label)s” không khôi phục được vì trùng với dữ liệu đang có (ví dụ một kế hoạch "
                "cùng số hiệu hoặc một báo cáo cùng kỳ đã được nhập lại). Hãy xoá hoặc sửa dữ liệu "
                "đó trước."
            )
            % {"label": deletion.label}
        ) from None
    deletion.restored_at, deletion.restored_by = timezone.now(), by
    deletion.save(update_fields=["restored_at", "restored_by"])
    _written(deletion, plan_id_of(root))
    return restored


def _remove_files_on_commit(deletion: Deletion) -> None:
    """The stored files of the rows a purge removes (a report's attachments), deleted once the
    rows are gone for good; an archived row keeps its file until then."""
    files = [
        getattr(row, field.name)
        for model in archivable_models()
        for field in model._meta.fields
        if isinstance(field, models.FileField)
        for row in model._base_manager.filter(deletion=deletion)
    ]
    for file in files:
        if file:
            transaction.on_commit(lambda file=file: file.delete(save=False))


def purge(*, now: datetime.datetime | None = None) -> tuple[list[Deletion], list[str]]:
    """Remove for good what was archived more than ``Deletion.RESTORE_DAYS`` ago and not
    restored; returns the deletions purged and a Vietnamese sentence for each that could not be
    (another row still protects it)."""
    now = now or timezone.now()
    due = Deletion.objects.filter(
        deleted_at__lt=now - datetime.timedelta(days=Deletion.RESTORE_DAYS),
        restored_at__isnull=True,
        purged_at__isnull=True,
    ).select_related("content_type")
    purged, problems = [], []
    for deletion in due:
        model = deletion.content_type.model_class()
        try:
            with transaction.atomic():
                root = model._base_manager.filter(pk=deletion.object_id).first()
                _remove_files_on_commit(deletion)
                if root is not None:
                    root.delete()  # the cascade: archived rows are in no figure (see summary)
                for other in archivable_models():  # rows archived with it, if any are left
                    other._base_manager.filter(deletion=deletion).delete()
                deletion.purged_at = now
                deletion.save(update_fields=["purged_at"])
        except (ProtectedError, RestrictedError) as error:
            problems.append(
                _("“%(label)s” chưa xoá hẳn được: còn %(count)s dòng khác tham chiếu tới nó.")
                % {"label": deletion.label, "count": len(error.args[1])}
            )
            continue
        purged.append(deletion)
    return purged, problems


def _write(rows: list, model, by, reason: str) -> None:
    bulk_update_with_history(
        rows,
        model,
        ["deletion"],
        batch_size=500,
        default_user=by,
        default_change_reason=reason,
        manager=model._base_manager,
    )


def _written(deletion: Deletion, plan_id: int | None) -> None:
    if plan_id is not None:
        data_written.send(sender=Deletion, plan_ids={plan_id})
