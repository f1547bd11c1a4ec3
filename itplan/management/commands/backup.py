from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from itplan import backup


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu và mọi tệp tải lên (MEDIA_ROOT) vào một tệp "
        "itplan-backup-<ngày giờ>.tar.gz kèm manifest.json (mã SHA-256 của từng mục). "
        "Ví dụ (cron): manage.py backup --output /var/backups/itplan --keep 30"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Thư mục ghi bản sao lưu (mặc định: BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep",
            type=int,
            metavar="DAYS",
            help="Sau khi sao lưu xong, xóa các bản sao lưu cũ hơn DAYS ngày trong thư mục đó.",
        )

    def handle(self, *args, output=None, keep=None, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep phải từ 1 ngày trở lên."))
        folder = output or backup.backup_dir()
        now = timezone.now()
        try:
            archive, manifest = backup.create(output_dir=folder, now=now)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            _(
                "Đã sao lưu vào %(archive)s (%(size)s byte): cơ sở dữ liệu %(vendor)s, "
                "%(tables)s bảng, %(rows)s dòng; %(media)s tệp tải lên."
            )
            % {
                "archive": archive,
                "size": archive.stat().st_size,
                "vendor": manifest["database"]["vendor"],
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "media": media,
            }
        )
        if keep is not None:
            for path in backup.prune(folder, keep_days=keep, now=now):
                self.stdout.write(_("Đã xóa bản sao lưu cũ %(archive)s.") % {"archive": path})
