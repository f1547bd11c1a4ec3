"""What every step of the generator shares: the counts of what it wrote, the province being
generated (its random stream and agencies), bulk inserts, shares and quarters."""

import datetime
import random
from dataclasses import dataclass, field

from provinces.models import Agency, Province

from .material import BATCH_SIZE, LAST_QUARTER


@dataclass
class Counts:
    """What ``generate`` created (or ``clear`` deleted), model by model."""

    provinces: int = 0
    provinces_reused: int = 0
    agencies: int = 0
    users: int = 0
    plans: int = 0
    groups: int = 0
    projects: int = 0
    partner_links: int = 0
    budget_lines: int = 0
    status_updates: int = 0
    indicators: int = 0
    targets: int = 0
    measurements: int = 0


@dataclass
class _Province:
    """A province being generated: its random stream and what its rows draw from."""

    row: Province
    kind: str
    rng: random.Random
    staff: object = None
    leader: object = None
    agencies: dict[str, Agency] = field(default_factory=dict)
    communes: list[str] = field(default_factory=list)

    @property
    def place(self) -> str:
        """How a name mentions the province: "tỉnh Cà Mau", "thành phố Hà Nội"."""
        name = self.row.name
        return name[0].lower() + name[1:] if name.startswith("Thành phố") else f"{self.kind} {name}"

    def fill(self, template: str) -> str:
        return template.format(kind=self.kind, name=self.row.name, place=self.place)

    def agency(self, template: str) -> Agency:
        """The agency of an ``*_AGENCIES``/``DEPARTMENTS_*`` template, or of a UBND name."""
        return self.agencies[template]


def _insert(model, rows: list) -> list:
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return rows


def _weighted(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """``total`` shared in proportion to ``weights`` (largest remainder), each share at least
    ``minimum`` when ``total`` allows."""
    floor = minimum if total >= minimum * len(weights) else 0
    spare, scale = total - floor * len(weights), sum(weights)
    shares = [spare * w / scale for w in weights]
    whole = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: whole[i] - shares[i])
    for i in by_remainder[: spare - sum(whole)]:
        whole[i] += 1
    return [w + floor for w in whole]


def _quarters(start: int, end: int) -> list[tuple[int, int]]:
    """The quarters from ``start`` to ``end`` that ended by ``AS_OF``."""
    last = min(LAST_QUARTER, (end, 4))
    return [(y, q) for y in range(start, last[0] + 1) for q in range(1, 5) if (y, q) <= last]


def _quarter_end(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter, (31, 30, 30, 31)[quarter - 1])
