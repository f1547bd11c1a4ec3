"""How far an indicator has come: from its baseline towards its target, against the share of the
plan's time already gone.

progress = (actual − baseline) / (target − baseline) — the same formula for indicators that
should go down (both differences are negative). The status compares progress with the share of
time elapsed from the baseline year's start to the target year's end: on track when progress is
at most 10 points behind time, at risk up to 25 points behind, off track beyond; reaching the
target is on track whatever the date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN = "on_track", "at_risk", "off_track", "unknown"
LABELS = {
    ON_TRACK: _("Đúng tiến độ"),
    AT_RISK: _("Có nguy cơ chậm"),
    OFF_TRACK: _("Chậm tiến độ"),
    UNKNOWN: _("Chưa đủ số liệu"),
}
AT_RISK_GAP = Decimal("0.10")
OFF_TRACK_GAP = Decimal("0.25")


def as_number(value: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A value comparable with others of its indicator: "10/19" is 10/19 of the whole."""
    if value is None:
        return None
    return value / denominator if denominator else value


@dataclass
class Achievement:
    progress: Decimal | None  # 0 at the baseline, 1 at the target
    elapsed: Decimal | None  # share of the time from baseline to target gone by
    status: str

    @property
    def label(self) -> str:
        return str(LABELS[self.status])

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else int((self.progress * 100).to_integral_value())


def achievement(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    start_year: int,
    target_year: int,
    today: datetime.date,
) -> Achievement:
    if baseline is None or target is None or actual is None:
        return Achievement(None, None, UNKNOWN)
    if target == baseline:
        progress = Decimal(1) if actual == target else Decimal(0)
    else:
        progress = (actual - baseline) / (target - baseline)
    start = datetime.date(start_year, 1, 1)
    end = datetime.date(target_year, 12, 31)
    span = max((end - start).days, 1)
    elapsed = min(max(Decimal((today - start).days) / span, Decimal(0)), Decimal(1))
    if progress >= 1 or progress >= elapsed - AT_RISK_GAP:
        status = ON_TRACK
    elif progress >= elapsed - OFF_TRACK_GAP:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Achievement(progress, elapsed, status)
