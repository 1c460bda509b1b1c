"""`brink eval alerts`: the watch's alerts against known onsets (docs/watch.md).

ONSETS.csv has one onset a line: `dyad,onset[,kind]` (`RUS-UKR,2022-02-24,war`; a header line
is allowed). An onset is hit when its dyad has an alert 0-8 weeks before it (lead time: from
the earliest such alert to the onset); an alert more than 8 weeks from every onset of its dyad
is a false alarm. Scored for the current method (any signal), for each signal alone, and for
the rule brink had before the watch ("before": z >= 2 of a dyad's weekly -Goldstein sum over
conflict events against its 8 periods before, at least 3 conflict events; no deduplication,
normalisation, evidence gate or gaps), so a change of method can be judged on the same onsets.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import msgspec

from brink.errors import UserError
from brink.watch import signals

HORIZON = dt.timedelta(weeks=8)
METHODS = ("watch", *signals.SIGNALS)  # "watch": any signal, as the watch alerts
BEFORE = {"window": 8, "threshold": 2.0, "min_events": 3, "min_history": 4, "min_std": 1.0}  # the old rule


class Onset(msgspec.Struct, frozen=True):
    side_a: str
    side_b: str
    onset: dt.date
    kind: str | None = None


class OnsetResult(msgspec.Struct):
    dyad: str
    onset: str
    kind: str | None
    hit: bool
    lead_days: int | None  # from the earliest alert 0-8 weeks before the onset
    weeks_flagged_after: int  # of the 8 weeks after the onset, how many have an alert


class MethodScore(msgspec.Struct):
    method: str
    onsets: int
    hits: int
    misses: int
    mean_lead_days: float | None
    false_alarms: int
    alerts: int
    results: list[OnsetResult]


def read_onsets(path: str) -> list[Onset]:
    source = Path(path)
    if not source.is_file():
        raise UserError(f"{path}: no such file")
    onsets = []
    with open(source, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle), 1):
            fields = [field.strip() for field in row]
            if not any(fields) or fields[0].startswith("#") or (number == 1 and fields[0].lower() == "dyad"):
                continue
            onsets.append(_onset(fields, f"{path}:{number}"))
    if not onsets:
        raise UserError(f"{path}: no onsets (expected lines of dyad,onset[,kind])")
    return onsets


def _onset(fields: list[str], where: str) -> Onset:
    if len(fields) not in (2, 3):
        raise UserError(f"{where}: expected dyad,onset[,kind], got {len(fields)} fields")
    sides = fields[0].upper().replace("/", "-").split("-")
    if len(sides) != 2 or not all(sides):
        raise UserError(f"{where}: dyad {fields[0]!r}: expected two sides, e.g. RUS-UKR")
    try:
        day = dt.date.fromisoformat(fields[1])
    except ValueError:
        raise UserError(f"{where}: onset {fields[1]!r} is not a YYYY-MM-DD date") from None
    a, b = sorted(sides)
    return Onset(a, b, day, fields[2] if len(fields) == 3 and fields[2] else None)


def evaluate(con: duckdb.DuckDBPyConnection, onsets: list[Onset],
             settings: signals.Settings = signals.Settings()) -> list[MethodScore]:
    """Scores of the watch and of each signal alone, on the same alerts."""
    named = {(onset.side_a, onset.side_b) for onset in onsets}
    found = [alert for alert in signals.watch(con, settings, domestic=True, standings=0).alerts
             if alert.side_a != alert.side_b or (alert.side_a, alert.side_b) in named]  # same-country: only if named
    scores = [_score(method, [a for a in found if method == "watch" or method in a.signals], onsets)
              for method in METHODS]
    before = [a for a in before_alerts(con, settings) if a.side_a != a.side_b or (a.side_a, a.side_b) in named]
    return [*scores, _score("before", before, onsets)]


def before_alerts(con: duckdb.DuckDBPyConnection, settings: signals.Settings) -> list[signals.Alert]:
    """The rule brink had before the watch (see the module docstring), over the same events."""
    rows = con.execute(f"""
        WITH ev AS ({signals.events_sql(settings)})
        SELECT side_a, side_b, date_trunc('{settings.period}', day)::DATE AS period,
               coalesce(sum(-goldstein) FILTER (WHERE quad_class >= 3), 0) AS score,
               count(*) FILTER (WHERE quad_class >= 3) AS conflict
        FROM ev GROUP BY ALL ORDER BY side_a, side_b, period""").fetchall()
    if not rows:
        return []
    step = dt.timedelta(days=1 if settings.period == "day" else 7)
    start = min(row[2] for row in rows)
    series: dict[tuple[str, str], dict[dt.date, float]] = {}
    for side_a, side_b, period, score, _ in rows:
        series.setdefault((side_a, side_b), {})[period] = score
    found = []
    for side_a, side_b, period, score, conflict in rows:
        history = (period - start) // step
        if conflict < BEFORE["min_events"] or history < BEFORE["min_history"]:
            continue
        past = [series[(side_a, side_b)].get(period - step * k, 0.0) for k in range(1, min(BEFORE["window"], history) + 1)]
        mean = sum(past) / len(past)
        spread = max((sum((value - mean) ** 2 for value in past) / len(past)) ** 0.5, BEFORE["min_std"])
        if (score - mean) / spread >= BEFORE["threshold"]:
            found.append(signals.Alert(side_a, side_b, period.isoformat(), ["before"], 0, "none", 0, conflict, 0, 0,
                                       0.0, round(mean, 3), round((score - mean) / spread, 2), None))
    return found


def _score(method: str, alerts: list[signals.Alert], onsets: list[Onset]) -> MethodScore:
    by_dyad: dict[tuple[str, str], list[dt.date]] = {}
    for alert in alerts:
        by_dyad.setdefault((alert.side_a, alert.side_b), []).append(dt.date.fromisoformat(alert.period))
    results = []
    for onset in onsets:
        days = by_dyad.get((onset.side_a, onset.side_b), [])
        # A weekly alert's period starts on its Monday: the week holding the onset is "before" it.
        before = [day for day in days if onset.onset - HORIZON <= day <= onset.onset]
        after = {day for day in days if onset.onset < day <= onset.onset + HORIZON}
        results.append(OnsetResult(f"{onset.side_a}-{onset.side_b}", onset.onset.isoformat(), onset.kind, bool(before),
                                   (onset.onset - min(before)).days if before else None, len(after)))
    near = {(o.side_a, o.side_b): [] for o in onsets}
    for onset in onsets:
        near[(onset.side_a, onset.side_b)].append(onset.onset)
    false_alarms = sum(1 for alert in alerts
                       if all(abs(dt.date.fromisoformat(alert.period) - day) > HORIZON
                              for day in near.get((alert.side_a, alert.side_b), [])))
    leads = [r.lead_days for r in results if r.lead_days is not None]
    hits = sum(r.hit for r in results)
    return MethodScore(method, len(onsets), hits, len(onsets) - hits,
                       round(sum(leads) / len(leads), 1) if leads else None, false_alarms, len(alerts), results)
