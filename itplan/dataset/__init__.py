"""The benchmark dataset (``manage.py generate_dataset``) and the seed of the fixtures
(``manage.py load_seed``, ``seed``).

The generator: ``generator`` (generate, clear) writes provinces, agencies, users and plans, then
``projects`` (groups, projects, budget lines), ``reports`` and ``indicators`` for each plan, from
what ``material`` lists; ``context`` holds what the steps share."""

from .context import Counts
from .generator import DatasetExists, clear, generate, generated_plans, generated_users
from .material import AS_OF, LAST_QUARTER, PROVINCES

__all__ = [
    "AS_OF",
    "LAST_QUARTER",
    "PROVINCES",
    "Counts",
    "DatasetExists",
    "clear",
    "generate",
    "generated_plans",
    "generated_users",
]
