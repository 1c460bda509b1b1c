"""A dyad's conflict and cooperation over time as server-rendered SVG geometry: cooperation
bars rise above the zero line, conflict bars hang below it, one slot per period (periods with no
events are empty slots, so gaps in time look like gaps). No JavaScript, no external assets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from brink.analytics import DyadPeriod, Period
from brink.watch.signals import Alert

WIDTH, HEIGHT = 900, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 36
MAX_SLOTS = 520  # ten years of weeks; longer spans are cut to the most recent periods


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str  # "conflict" or "cooperation"
    label: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    zero_y: float = 0.0
    left: int = LEFT
    right_x: int = WIDTH - RIGHT
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    alert_marks: list[Tick] = field(default_factory=list)  # x positions of alert periods


def dyad_chart(series: list[DyadPeriod], period: Period, alerts: list[Alert] = ()) -> Chart | None:
    if not series:
        return None
    slots = _slots(dt.date.fromisoformat(series[0].period), dt.date.fromisoformat(series[-1].period), period)
    index = {start.isoformat(): i for i, start in enumerate(slots)}
    top = max(max(p.cooperation for p in series), 1.0)
    bottom = max(max(p.conflict for p in series), 1.0)
    plot_height = HEIGHT - TOP - BOTTOM
    scale = plot_height / (top + bottom)
    chart = Chart(zero_y=TOP + top * scale)
    slot_width = (WIDTH - LEFT - RIGHT) / len(slots)
    bar_width = min(max(slot_width * 0.8, 1.0), 28.0)
    for point in series:
        if point.period not in index:
            continue
        x = LEFT + index[point.period] * slot_width + (slot_width - bar_width) / 2
        summary = (f"{point.period}: {point.events} events, conflict {point.conflict:g}, "
                   f"cooperation {point.cooperation:g}")
        if point.cooperation:
            height = point.cooperation * scale
            chart.bars.append(Bar(x, chart.zero_y - height, bar_width, height, "cooperation", summary))
        if point.conflict:
            chart.bars.append(Bar(x, chart.zero_y, bar_width, point.conflict * scale, "conflict", summary))
    chart.x_ticks = _x_ticks(slots, slot_width)
    ends = [Tick(TOP, f"+{top:g}"), Tick(HEIGHT - BOTTOM, f"−{bottom:g}")]
    chart.y_ticks = [Tick(chart.zero_y, "0")] + [t for t in ends if abs(t.position - chart.zero_y) >= 14]
    chart.alert_marks = [Tick(LEFT + index[a.period] * slot_width + slot_width / 2, a.period)
                         for a in alerts if a.period in index]
    return chart


def _slots(first: dt.date, last: dt.date, period: Period) -> list[dt.date]:
    step = dt.timedelta(days=1 if period == "day" else 7)
    count = min((last - first) // step + 1, MAX_SLOTS)
    start = last - step * (count - 1)
    return [start + step * i for i in range(count)]


def _x_ticks(slots: list[dt.date], slot_width: float, wanted: int = 6) -> list[Tick]:
    every = max(1, len(slots) // wanted)
    return [Tick(LEFT + i * slot_width + slot_width / 2, slots[i].isoformat()) for i in range(0, len(slots), every)]
