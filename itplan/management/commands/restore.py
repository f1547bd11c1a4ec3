from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from itplan import backup


class Command(BaseCommand):
    help = (
        "Phục hồi cơ sở dữ liệu và các tệp tải lên từ một bản sao lưu của lệnh backup, sau khi "
        "kiểm tra mã SHA-256 của mọi mục. Từ chối nếu cơ sở dữ liệu đã có dữ liệu (trừ khi "
        "--force). Dừng cổng trước khi phục hồi."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Tệp itplan-backup-….tar.gz.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Phục hồi cả khi cơ sở dữ liệu đã có dữ liệu (dữ liệu đó bị thay).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra bản sao lưu (đọc hết, so mã SHA-256), không thay đổi gì.",
        )

    def handle(self, *args, archive, force=False, check=False, **options):
        try:
            if check:
                manifest = backup.verify(archive)
                self.stdout.write(
                    _(
                        "Bản sao lưu %(archive)s nguyên vẹn: %(files)s mục đúng mã SHA-256, tạo "
                        "lúc %(created)s."
                    )
                    % {
                        "archive": archive,
                        "files": len(manifest["files"]),
                        "created": manifest["created_at"],
                    }
                )
                return
            manifest, aside = backup.restore(archive, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Đã phục hồi từ %(archive)s (tạo lúc %(created)s): cơ sở dữ liệu %(vendor)s và "
                "%(media)s tệp tải lên."
            )
            % {
                "archive": archive,
                "created": manifest["created_at"],
                "vendor": manifest["database"]["vendor"],
                "media": sum(1 for name in manifest["files"] if name.startswith("media/")),
            }
        )
        if aside:
            self.stdout.write(
                _("Thư mục tệp tải lên trước đó đã được chuyển sang %(folder)s.")
                % {"folder": aside}
            )
        pending = backup.pending_migrations()
        if pending:
            self.stdout.write(
                _(
                    "Bản sao lưu cũ hơn mã nguồn: chạy manage.py migrate (%(count)s migration chưa "
                    "áp dụng)."
                )
                % {"count": len(pending)}
            )
