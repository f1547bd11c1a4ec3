"""The benchmark dataset (``manage.py generate_dataset``, ``generator``) and the seed of the
fixtures (``manage.py load_seed``, ``seed``)."""

from .generator import (
    AS_OF,
    LAST_QUARTER,
    PROVINCES,
    Counts,
    DatasetExists,
    clear,
    generate,
    generated_plans,
    generated_users,
)

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
