"""Dyads over time and escalation alerts, computed from a brink store (docs/web.md).

What counts: only events that are asserted (not hypothetical or negated), current (not
background history or announced plans), with both sides known, from canonical articles (a
syndicated copy of a story is stored but linked to its original, and left out here), so each
story's events count once.

A dyad is an unordered pair of sides; a side is the actor's country (ISO alpha-3) or, for
actors with no country (NATO, the UN), its code. `RUS/UKR` and `UKR/RUS` are the same dyad; each
event keeps its direction in the event lists.

Scores per period (a day, or an ISO week starting on Monday):
- conflict = sum of -Goldstein over verbal and material conflict events (quad classes 3, 4);
- cooperation = sum of Goldstein over verbal and material cooperation events (quad classes 1, 2).

Escalation alerts and where each dyad stands are the watch's job (brink.watch, docs/watch.md),
over these same counted events and imported ones.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Literal

import duckdb
import msgspec

from brink.errors import UserError

Period = Literal["day", "week"]
PERIODS = ("day", "week")

# The events analytics count, with each side reduced to a country or code (see the docstring).
COUNTED_EVENTS = """
    SELECT e.article_id, e.id AS event_id, coalesce(TRY_CAST(e.date AS DATE), e.published) AS day,
           coalesce(e.source_country, e.source_code) AS source_side,
           coalesce(e.target_country, e.target_code) AS target_side,
           least(coalesce(e.source_country, e.source_code), coalesce(e.target_country, e.target_code)) AS side_a,
           greatest(coalesce(e.source_country, e.source_code), coalesce(e.target_country, e.target_code)) AS side_b,
           e.cameo, e.plover, e.goldstein, e.quad_class, e.factuality, e.trigger,
           e.source, e.source_id, e.source_code, e.target, e.target_id, e.target_code
    FROM events e
    WHERE e.article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)
      AND e.factuality = 'asserted' AND e.time = 'current'
      AND coalesce(TRY_CAST(e.date AS DATE), e.published) IS NOT NULL
      AND coalesce(e.source_country, e.source_code) IS NOT NULL
      AND coalesce(e.target_country, e.target_code) IS NOT NULL
"""


class DyadPeriod(msgspec.Struct):
    """One dyad in one period."""

    side_a: str
    side_b: str
    period: str  # the first day of the period, YYYY-MM-DD
    events: int
    verbal_cooperation: int  # quad class 1
    material_cooperation: int  # 2
    verbal_conflict: int  # 3
    material_conflict: int  # 4
    goldstein_sum: float
    goldstein_mean: float
    conflict: float
    cooperation: float
    plover: dict[str, int]  # events per PLOVER type


class DyadSummary(msgspec.Struct):
    side_a: str
    side_b: str
    events: int
    conflict: float
    cooperation: float
    goldstein_mean: float
    first: str
    last: str


class EventRef(msgspec.Struct):
    """An event as analytics list it: enough to show it and link to its evidence."""

    article_id: str
    event_id: str
    title: str | None
    date: str
    cameo: str
    plover: str | None
    goldstein: float
    quad_class: int
    factuality: str
    trigger: str
    source_name: str | None
    source_key: str | None
    source_code: str | None
    target_name: str | None
    target_key: str | None
    target_code: str | None


def check_period(period: str) -> Period:
    if period not in PERIODS:
        raise UserError(f"period {period!r}: expected one of {', '.join(PERIODS)}")
    return period  # type: ignore[return-value]


def dyad_series(con: duckdb.DuckDBPyConnection, side_a: str, side_b: str, period: Period = "week",
                since: str | None = None, until: str | None = None) -> list[DyadPeriod]:
    """Counts and scores of one dyad per period, oldest first; periods with no events are left out."""
    pair = sorted((side_a.upper(), side_b.upper()))
    rows = _period_rows(con, check_period(period), "side_a = ? AND side_b = ?", pair, since, until)
    return [_dyad_period(row) for row in rows]


def dyads(con: duckdb.DuckDBPyConnection, since: str | None = None, until: str | None = None,
          limit: int | None = 20) -> list[DyadSummary]:
    """The most active dyads: most counted events first (all of them when `limit` is 0 or None)."""
    where, params = _date_filter(since, until)
    rows = con.execute(f"""
        SELECT side_a, side_b, count(*), {_SCORES}, avg(goldstein), min(day), max(day)
        FROM ({COUNTED_EVENTS}) WHERE {where} GROUP BY side_a, side_b
        ORDER BY count(*) DESC, side_a, side_b {f'LIMIT {int(limit)}' if limit else ''}""", params).fetchall()
    return [DyadSummary(a, b, n, round(conflict, 3), round(cooperation, 3), round(mean, 3), str(first), str(last))
            for a, b, n, conflict, cooperation, mean, first, last in rows]


def period_events(con: duckdb.DuckDBPyConnection, side_a: str, side_b: str, start: str | None = None,
                  period: Period = "week", conflict_only: bool = False, limit: int | None = None) -> list[EventRef]:
    """The counted events of a dyad, newest first; within one period when `start` is given."""
    pair = sorted((side_a.upper(), side_b.upper()))
    clauses, params = ["side_a = ? AND side_b = ?"], list(pair)
    if start:
        clauses.append(f"date_trunc('{check_period(period)}', day) = ?::DATE")
        params.append(start)
    if conflict_only:
        clauses.append("quad_class >= 3")
    rows = con.execute(f"""
        SELECT c.article_id, c.event_id, a.title, c.day, c.cameo, c.plover, c.goldstein, c.quad_class, c.factuality,
               c.trigger, c.source, c.source_id, c.source_code, c.target, c.target_id, c.target_code
        FROM (SELECT * FROM ({COUNTED_EVENTS}) WHERE {' AND '.join(clauses)}
              ORDER BY day DESC, article_id, event_id {f'LIMIT {int(limit)}' if limit else ''}) c
        JOIN articles a ON a.id = c.article_id
        ORDER BY c.day DESC, c.article_id, c.event_id""", params).fetchall()
    return [EventRef(r[0], r[1], r[2], str(r[3]), *r[4:]) for r in rows]


# --- Internals --------------------------------------------------------------------------------

_SCORES = ("coalesce(sum(-goldstein) FILTER (WHERE quad_class >= 3), 0), "
           "coalesce(sum(goldstein) FILTER (WHERE quad_class <= 2), 0)")


def _period_rows(con, period: Period, where: str, params: list, since: str | None, until: str | None) -> list[tuple]:
    dates, date_params = _date_filter(since, until)
    return con.execute(f"""
        SELECT side_a, side_b, date_trunc('{period}', day)::DATE AS period, count(*),
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
               sum(goldstein), avg(goldstein), {_SCORES},
               list(plover) FILTER (WHERE plover IS NOT NULL)
        FROM ({COUNTED_EVENTS}) WHERE ({where}) AND {dates}
        GROUP BY ALL ORDER BY side_a, side_b, period""", [*params, *date_params]).fetchall()


def _date_filter(since: str | None, until: str | None) -> tuple[str, list]:
    clauses, params = ["TRUE"], []
    for value, clause in ((since, "day >= ?::DATE"), (until, "day <= ?::DATE")):
        if value:
            clauses.append(clause)
            params.append(_check_date(value))
    return " AND ".join(clauses), params


def _check_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"date {value!r}: expected YYYY-MM-DD") from None


def _dyad_period(row: tuple) -> DyadPeriod:
    side_a, side_b, period, n, q1, q2, q3, q4, total, mean, conflict, cooperation, plovers = row
    counts: dict[str, int] = defaultdict(int)
    for name in plovers or []:
        counts[name] += 1
    return DyadPeriod(side_a, side_b, str(period), n, q1, q2, q3, q4, round(total, 3), round(mean, 3),
                      round(conflict, 3), round(cooperation, 3), dict(sorted(counts.items())))
