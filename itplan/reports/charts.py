"""The report's charts as SVG geometry, drawn by ``reports/_grouped_chart.svg`` and
``reports/_status_chart.svg``: vector graphics that WeasyPrint embeds in the PDF with the
report's own font, and that a browser prints sharply. Chart.js draws on a canvas (a bitmap, and
only in a browser); no chart library writes plain SVG that WeasyPrint's SVG renderer draws as-is,
and these are two bar charts.
"""

import math

from budgets.money import UNITS, in_unit, to_unit

WIDTH, HEIGHT = 600, 230
LEFT, RIGHT, TOP, BOTTOM = 64, 10, 28, 40  # room for the axis labels and the legend
COLOURS = ("#8c8c8c", "#1f5fa8", "#2e8b57")  # need, allocated, disbursed: tell apart in grey too


def _step(top: float) -> float:
    """A round step (1, 2 or 5 × 10^k) giving at most five gridlines up to ``top``."""
    if top <= 0:
        return 1
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def grouped_bars(labels: list[str], series: list[tuple[str, list[int]]], unit: str) -> dict:
    """Bars side by side for each label (need, allocated, disbursed by year), amounts in đồng
    shown in ``unit`` ("trieu", "ty": ``budgets.money.UNITS``)."""
    values = [float(to_unit(v, unit)) for _, data in series for v in data]
    step = _step(max(values, default=0))
    top = step * max(1, math.ceil(max(values, default=0) / step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(labels), 1)
    bar = min(28, slot * 0.8 / max(len(series), 1))
    bars = []
    for i, _label in enumerate(labels):
        x0 = LEFT + i * slot + (slot - bar * len(series)) / 2
        for j, (_name, data) in enumerate(series):
            h = plot_h * float(to_unit(data[i], unit)) / top
            bars.append(
                {
                    "x": round(x0 + j * bar, 1),
                    "y": round(TOP + plot_h - h, 1),
                    "w": round(bar - 1, 1),
                    "h": round(h, 1),
                    "colour": COLOURS[j % len(COLOURS)],
                }
            )
    grid = [
        {
            "y": round(TOP + plot_h - plot_h * k * step / top, 1),
            "label": in_unit(round(k * step * UNITS[unit]), unit),
        }
        for k in range(int(round(top / step)) + 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": TOP + plot_h,
        "bars": bars,
        "grid": grid,
        "labels": [
            {"x": round(LEFT + (i + 0.5) * slot, 1), "text": label}
            for i, label in enumerate(labels)
        ],
        "legend": [
            {"x": LEFT + j * 150, "colour": COLOURS[j % len(COLOURS)], "text": name}
            for j, (name, _data) in enumerate(series)
        ],
    }


def horizontal_bars(rows: list[tuple[str, int]]) -> dict:
    """One bar per row (projects by status), its count written at its end."""
    row_h, label_w, width = 22, 150, WIDTH
    top = max((count for _, count in rows), default=0) or 1
    plot_w = width - label_w - 40
    return {
        "width": width,
        "height": row_h * len(rows) + 8,
        "label_x": label_w - 6,
        "rows": [
            {
                "y": 4 + i * row_h,
                "text_y": 4 + i * row_h + 15,
                "label": label,
                "count": count,
                "x": label_w,
                "w": round(plot_w * count / top, 1),
                "end": round(label_w + plot_w * count / top + 4, 1),
            }
            for i, (label, count) in enumerate(rows)
        ],
    }
