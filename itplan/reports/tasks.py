"""The background tasks of the UBND reports (django-tasks): an issued report's PDF is printed
by a worker, not in the request that issues it, so the clerk's page answers at once."""

from django_tasks import task


@task()
def make_pdf(report_id: int) -> bool:
    """Print and store the PDF of issued report ``report_id`` (``document.store_pdf``); True
    when it was stored. A failure is kept in ``Report.pdf_error`` for the page to show."""
    from itplan.reports.document import store_pdf  # document enqueues this task

    return store_pdf(report_id)
