"""Remove for good what was deleted (archived) more than 90 days ago. Run once a day from cron."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from projects import archive
from projects.models import Deletion


class Command(BaseCommand):
    help = _("Xoá hẳn dữ liệu đã nằm ở mục Đã xoá quá %(days)s ngày mà không được khôi phục.") % {
        "days": Deletion.RESTORE_DAYS
    }

    def handle(self, *args, **options):
        purged, problems = archive.purge()
        for deletion in purged:
            self.stdout.write(_("Đã xoá hẳn: %(label)s") % {"label": deletion})
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(_("Xoá hẳn %(count)s mục.") % {"count": len(purged)})
