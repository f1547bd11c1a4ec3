"""Every bulk writer (the import, from the page or the command; the seed; the dataset
generator; archiving and restoring; a restored backup) sends ``projects.signals.data_written``:
the money summaries then match the lines and every cached page is stale."""

import io

import pytest
from django.core.management import call_command

from budgets import summary
from budgets.models import BudgetLine, MoneySummary
from itplan import pagecache
from itplan.dataset.seed import FIXTURES, load_plan, load_provinces
from projects import archive
from projects.models import Plan
from projects.signals import data_written
from tests.appendix import FILES, empty_copy
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)  # the page cache changes on commit


@pytest.fixture
def sent():
    """The ``plan_ids`` of every ``data_written`` sent while the test runs."""
    received = []

    def receiver(sender, plan_ids, **kwargs):
        received.append(plan_ids)

    data_written.connect(receiver, dispatch_uid="tests.sent")
    yield received
    data_written.disconnect(dispatch_uid="tests.sent")


def need_in_summary(plan) -> int:
    return sum(
        MoneySummary.objects.filter(plan=plan, stage="need").values_list("amount", flat=True)
    )


def test_the_seed_sends_data_written_and_leaves_the_summary_current(sent):
    version = pagecache.data_version()
    load_provinces()
    plan = load_plan(FIXTURES / "plans" / "bac-lieu-2213-2011.yaml")
    assert sent[-1] == {plan.pk}
    assert summary.differences() == {}
    assert need_in_summary(plan) == 32_200_000_000
    assert pagecache.data_version() != version


def test_the_import_command_sends_data_written(sent):
    load_provinces()
    source = load_plan(FIXTURES / "plans" / "bac-lieu-2213-2011.yaml")
    target = empty_copy(source)
    version = pagecache.data_version()
    path = str(FILES / "bac-lieu-2213-2011.xlsx")
    call_command(
        "import_appendix", path, "--plan", target.document_number, "--commit", stdout=io.StringIO()
    )
    assert sent[-1] == {target.pk}
    assert summary.differences() == {}
    assert need_in_summary(target) == 32_200_000_000
    assert pagecache.data_version() != version


def test_archiving_and_restoring_send_data_written(sent):
    load_provinces()
    plan = load_plan(FIXTURES / "plans" / "bac-lieu-2213-2011.yaml")
    admin = make_user("quantri", "admin")
    line = BudgetLine.objects.for_plan(plan).order_by("pk").first()
    version = pagecache.data_version()
    deletion = archive.archive(line.project, by=admin)
    assert sent[-1] == {plan.pk}
    assert summary.differences() == {}
    assert need_in_summary(plan) < 32_200_000_000
    assert pagecache.data_version() != version
    version = pagecache.data_version()
    archive.restore(deletion, by=admin)
    assert summary.differences() == {}
    assert need_in_summary(plan) == 32_200_000_000
    assert pagecache.data_version() != version


def test_the_dataset_generator_sends_data_written(sent):
    version = pagecache.data_version()
    call_command("generate_dataset", "--provinces", "1", "--scale", "0.05", stdout=io.StringIO())
    generated = set(Plan.objects.values_list("pk", flat=True))
    assert generated and sent[-1] == generated
    assert summary.differences() == {}
    assert MoneySummary.objects.exists()
    assert pagecache.data_version() != version


def test_a_restored_backup_sends_data_written_for_no_plan(sent, monkeypatch, tmp_path):
    """The restored database brings its money summaries with its lines; the cached pages are
    stale all the same (the database's own load and checks are in
    ``itplan/backup/tests/test_backup.py``)."""
    from itplan import backup

    manifest = {"database": {"member": "db.sqlite3"}}
    monkeypatch.setattr(backup, "extract", lambda archive, into: manifest)
    monkeypatch.setattr(backup.database, "check_compatible", lambda manifest: None)
    monkeypatch.setattr(backup.database, "filled_tables", lambda: [])
    monkeypatch.setattr(backup.database, "load", lambda member, keep_old: None)
    monkeypatch.setattr(backup, "_restore_media", lambda staged, media: None)
    version = pagecache.data_version()
    assert backup.restore(tmp_path / "itplan-backup.tar.gz") == (manifest, None)
    assert sent == [set()]
    assert pagecache.data_version() != version
