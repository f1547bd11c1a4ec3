"""Signals of the data apps."""

from django.dispatch import Signal

# Rows of these plans were written without their models' save()/delete() signals (bulk writes,
# archiving, restoring): whatever is derived from them must be refreshed. Sent with
# ``plan_ids`` (a set of plan ids). ``budgets.summary`` rewrites the money summaries,
# ``itplan.pagecache`` replaces the data version.
data_written = Signal()
