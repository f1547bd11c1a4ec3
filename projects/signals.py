"""Signals of the data apps."""

from django.dispatch import Signal

# Rows of these plans were written without their models' save()/delete() signals (bulk writes,
# archiving, restoring): whatever is derived from them must be refreshed. Sent with
# ``plan_ids`` (a set of plan ids; empty after a restored backup, whose summaries came with it).
# ``budgets.summary`` rewrites the money summaries, ``itplan.pagecache`` replaces the data
# version. Every bulk writer sends it (the appendix import, the seed, the dataset generator,
# archiving and restoring, a restored backup); nothing else calls those two directly.
data_written = Signal()
