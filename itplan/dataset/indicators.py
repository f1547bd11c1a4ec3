"""A plan's indicators with a target per year and measurements over the quarters."""

import datetime
import math
import random
from decimal import Decimal

from indicators.models import Indicator, IndicatorTarget, Measurement
from projects.models import Plan
from provinces.text import fold

from .context import Counts, _insert, _Province, _quarter_end, _quarters
from .material import (
    DENOMINATORS,
    DEPARTMENTS_MERGED,
    INDICATORS,
    IT_DEPT_NEW,
    IT_DEPT_OLD,
    MEASUREMENT_SOURCES,
    PCT,
    RAT,
    TEXT_VALUES,
    TXT,
)


def _indicators(ctx: _Province, plan: Plan, count: int, counts: Counts) -> None:
    """``count`` indicators of the plan with a target per year of the plan and several
    measurements spread over the quarters ended by ``AS_OF``."""
    rng = ctx.rng
    picks = rng.sample(range(len(INDICATORS)), min(count, len(INDICATORS)))
    picks += rng.choices(range(len(INDICATORS)), k=count - len(picks))
    indicators, curves, seen = [], [], set()
    for order, i in enumerate(sorted(picks), start=1):
        category, name, unit, label, direction, base, goal = INDICATORS[i]
        curve = _curve(rng, unit, label, base, goal)
        indicators.append(
            Indicator(
                plan=plan,
                category=category,
                ref=str(order),
                order=order,
                name=f"{name} (cấp xã)" if i in seen else name,
                search_key=fold(f"{name} (cấp xã)" if i in seen else name),
                unit=unit,
                unit_label=label,
                direction=direction,
                baseline_year=plan.start_year - 1,
                **{f"baseline_{k}": v for k, v in curve(0, exact=True).items()},
            )
        )
        curves.append(curve)
        seen.add(i)
    counts.indicators += len(_insert(Indicator, indicators))

    it_dept = IT_DEPT_OLD if plan.issue_date < DEPARTMENTS_MERGED else IT_DEPT_NEW
    sources = [ctx.fill(s.replace("{it}", it_dept)) for s in MEASUREMENT_SOURCES]
    years = range(plan.start_year, plan.end_year + 1)
    days = [_quarter_end(y, q) for y, q in _quarters(plan.start_year, plan.end_year)]
    baseline_day = datetime.date(plan.start_year - 1, 12, 31)
    span = (datetime.date(plan.end_year, 12, 31) - baseline_day).days
    targets, measurements = [], []
    for indicator, curve in zip(indicators, curves, strict=True):
        for k, year in enumerate(years, start=1):
            share = k / len(years)
            targets.append(IndicatorTarget(indicator=indicator, year=year, **curve(share, True)))
        n = min(len(days), rng.randint(2, 5))
        performance = rng.uniform(0.5, 1.15)  # some on track, some off
        for k in range(n):
            day = days[round((len(days) - 1) * (k + 1) / n)]
            share = (day - baseline_day).days / span * performance
            source = rng.choice(sources)
            measurements.append(
                Measurement(indicator=indicator, date=day, source=source, **curve(share))
            )
    counts.targets += len(_insert(IndicatorTarget, targets))
    counts.measurements += len(_insert(Measurement, measurements))
    # bulk_create skips the save() that keeps these current
    Indicator.objects.filter(pk__in=[i.pk for i in indicators]).refresh_progress_inputs()


def _curve(rng: random.Random, unit: str, label: str, base, goal):
    """A function giving an indicator's value a share of the way from its baseline (0) to its
    final target (1), as ``value``, ``denominator`` and ``text``; measurements add noise."""
    if unit == TXT:
        last = len(TEXT_VALUES) - 1

        def text_at(share: float, exact: bool = False) -> dict:
            step = min(last, math.ceil(share * last))
            return {"value": None, "denominator": None, "text": TEXT_VALUES[step]}

        return text_at
    start, target = rng.uniform(*base), rng.uniform(*goal)
    denominator, digits, ceiling = None, (1 if unit == PCT else 0), math.inf
    if unit == PCT:
        ceiling = 100.0
    elif unit == RAT:  # ranges are in % of the denominator
        ceiling = rng.randint(*DENOMINATORS[label])
        denominator = Decimal(ceiling)
        start, target = start * ceiling / 100, target * ceiling / 100

    def value_at(share: float, exact: bool = False) -> dict:
        noise = 1 if exact else rng.uniform(0.97, 1.03)
        value = (start + (target - start) * min(share, 1.1)) * noise
        value = Decimal(str(round(min(ceiling, max(0.0, value)), digits)))
        return {"value": value, "denominator": denominator, "text": ""}

    return value_at
