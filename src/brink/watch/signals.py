"""The escalation watch (docs/watch.md): per dyad and period, conflict events by rung of the
escalation ladder, deduplicated and normalised by the corpus's volume, and three signals:

- change: the period's conflict events far above the dyad's recent past (z-score against the
  `window` periods before, with a Poisson floor on the spread);
- level: this period and the one before both far above the dyad's long baseline (the median of
  up to `long_window` periods before), so an ongoing war stays flagged after change fades;
- rung: the dyad holds a higher rung than it held in its baseline.

No alert rests on thin evidence: a period needs `min_events` conflict events from
`min_sources` independent reports (articles, stories, URLs), and a period whose corpus volume
falls below `gap_ratio` of its trailing median is a gap: shown, never alerting, and left out of
every baseline. Same-country dyads are listed apart and left out of the cross-border ranking.

Everything is one DuckDB query over brink's counted events and imported ones (`origin`
filters them); Python only shapes records.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import duckdb
import msgspec
import pyarrow as pa

from brink.analytics import COUNTED_EVENTS
from brink.errors import UserError
from brink.watch import ladder
from brink.watch.imports import SIDE

Period = Literal["day", "week"]
ORIGINS = ("brink", "gdelt", "icews")
SIGNALS = ("change", "level", "rung")
EVIDENCE_SHOWN = 20  # events listed per alert or standing (the strongest rungs first)


class Settings(msgspec.Struct, frozen=True):
    """The watch's parameters; docs/watch.md argues every default."""

    period: Period = "week"
    window: int = 8  # change: the recent past, in periods
    threshold: float = 3.0  # change: z-score to alert at
    min_history: int = 4  # change and rung: baseline periods needed before a period can alert
    long_window: int = 52  # level: the long baseline, in periods
    long_min: int = 8  # level: long-baseline periods needed
    level_ratio: float = 3.0  # level: how far above the long baseline
    min_events: int = 3  # evidence: conflict events in the period
    min_sources: int = 2  # evidence: independent reports behind them
    held_periods: int = 2  # a rung (held with min_events at or above it) is the baseline's if held this often
    rung_min: int = 2  # the rung signal starts at threats: a first accusation is no climb
    gap_ratio: float = 0.5  # a gap: volume below this share of the trailing median...
    gap_window: int = 8  # ...of this many periods
    origins: tuple[str, ...] = ()  # brink, gdelt, icews; empty: all

    def check(self) -> Settings:
        if self.period not in ("day", "week"):
            raise UserError(f"period {self.period!r}: expected day or week")
        for origin in self.origins:
            if origin not in ORIGINS:
                raise UserError(f"origin {origin!r}: expected one of {', '.join(ORIGINS)}")
        small = [name for name in ("window", "min_history", "long_window", "long_min", "min_events", "min_sources",
                                   "held_periods", "gap_window") if getattr(self, name) < 1]
        if small:
            raise UserError(f"{', '.join(small)}: must be at least 1")
        return self


class Evidence(msgspec.Struct):
    """One (deduplicated) event behind an alert or standing, with where to see it."""

    origin: str
    date: str
    cameo: str
    plover: str | None
    rung: int
    source: str | None
    source_side: str
    target: str | None
    target_side: str
    reports: int  # reports merged into this event by deduplication
    link: str | None  # /article/ID#EVENT for brink's events, the source URL for imported ones
    label: str  # the article's title, the story, or the imported event's id
    article_id: str | None = None
    event_id: str | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


class Alert(msgspec.Struct):
    side_a: str
    side_b: str
    period: str
    signals: list[str]  # which fired: change, level, rung
    rung: int  # the rung the dyad holds in the period
    rung_name: str
    baseline_rung: int
    events: int  # deduplicated conflict events
    sources: int  # independent reports behind them
    volume: int  # the corpus's events in the period
    share: float  # conflict events per 1,000 corpus events
    baseline: float  # recent past: mean share
    z: float | None
    long_baseline: float | None  # long baseline: median share
    evidence: list[Evidence] = []


class Standing(msgspec.Struct):
    """A dyad now: its rung and level, the trend, and the events behind them."""

    side_a: str
    side_b: str
    as_of: str
    rung: int
    rung_name: str
    events: int
    sources: int
    share: float
    level: float | None  # share / long baseline (None: no long baseline, or zero)
    trend: str  # rising, falling or steady against the recent past
    signals: list[str]
    evidence: list[Evidence] = []


class Gap(msgspec.Struct):
    period: str
    volume: int
    usual: float  # the trailing median


class SeriesPoint(msgspec.Struct):
    period: str
    volume: int
    gap: bool
    events: int
    by_rung: list[int]  # conflict events per rung, lowest first
    sources: int
    share: float
    rung: int
    z: float | None
    signals: list[str]


class Watch(msgspec.Struct):
    period: str
    as_of: str | None  # the latest period that is not a gap
    gaps: list[Gap]
    alerts: list[Alert]  # newest first
    standings: list[Standing]  # cross-border, most serious first
    domestic: list[Standing]  # same-country dyads, apart


# --- The query --------------------------------------------------------------------------------

def events_sql(settings: Settings) -> str:
    """Every countable event, brink's and imported, with both sides, a report key for evidence
    and what links to it."""
    rung = ladder.rung_sql("plover")
    origins = settings.origins or ORIGINS
    parts = []
    if "brink" in origins:
        parts.append(f"""
            SELECT 'brink' AS origin, c.day, c.source_side, c.target_side, c.side_a, c.side_b,
                   coalesce(c.source_id, c.source_code, c.source_side) AS source_actor,
                   coalesce(c.target_id, c.target_code, c.target_side) AS target_actor,
                   c.cameo, c.plover, {rung} AS rung, c.goldstein, c.quad_class, c.article_id AS report,
                   c.source, c.target, c.article_id, c.event_id
            FROM ({COUNTED_EVENTS}) c""")
    imported = [origin for origin in origins if origin != "brink"]
    if imported:
        listed = ", ".join(f"'{origin}'" for origin in imported)
        parts.append(f"""
            SELECT origin, day, source_side, target_side, least(source_side, target_side) AS side_a,
                   greatest(source_side, target_side) AS side_b, coalesce(source, source_side) AS source_actor,
                   coalesce(target, target_side) AS target_actor, cameo, plover, {rung} AS rung, goldstein,
                   quad_class, coalesce(story_id, url, origin || ':' || id) AS report, source, target,
                   NULL::VARCHAR AS article_id, id AS event_id
            FROM (SELECT *, {SIDE.format(who='source')} AS source_side, {SIDE.format(who='target')} AS target_side
                  FROM imported_events WHERE origin IN ({listed}))
            WHERE source_side IS NOT NULL AND target_side IS NOT NULL""")
    # An accusation of the other side in a report that also codes that side's act against the
    # accuser, that day, on a higher rung ("Russia shelled Kharkiv, Ukraine's army said" ->
    # ASSAULT RUS->UKR and ACCUSE UKR->RUS) is the act's attribution, not a second event. Leaving
    # it out never lowers the dyad's rung: the act it restates is counted.
    return f"""
        WITH reported AS ({" UNION ALL ".join(parts)}),
        accusations AS (SELECT * FROM reported WHERE plover = 'ACCUSE')
        SELECT * FROM reported WHERE plover IS DISTINCT FROM 'ACCUSE'
        UNION ALL
        SELECT r.* FROM accusations r
        ANTI JOIN (SELECT DISTINCT report, day, source_side, target_side FROM reported
                   WHERE rung > 1 AND report IN (SELECT report FROM accusations)) act
            ON act.report = r.report AND act.day = r.day
               AND act.source_side = r.target_side AND act.target_side = r.source_side"""


def _grid_sql(settings: Settings, dyad: bool) -> str:
    """Per dyad and non-gap period: counts, evidence, baselines and the three signals."""
    s = settings
    step = "1 DAY" if s.period == "day" else "7 DAY"
    top = ladder.top()
    rungs = range(1, top + 1)
    per_rung = ", ".join(f"count(*) FILTER (WHERE rung = {r})::INT AS r{r}" for r in rungs)
    at_or_above = ", ".join(f"count(*) FILTER (WHERE rung >= {r}) AS up{r}" for r in rungs)
    sources_up = ", ".join(f"count(*) FILTER (WHERE top >= {r}) AS sources_up{r}" for r in rungs)
    held_now = ", ".join(f"CASE WHEN up{r} >= {s.min_events} AND sources_up{r} >= {s.min_sources} THEN {r} ELSE 0 END"
                         for r in rungs)
    return f"""
    WITH ev AS ({events_sql(s)}),
    dd AS (  -- one event per source, target, code and day
        SELECT side_a, side_b, date_trunc('{s.period}', day)::DATE AS period, max(rung) AS rung
        FROM ev GROUP BY side_a, side_b, source_actor, target_actor, cameo, day),
    calendar AS (SELECT unnest(generate_series(min(period), max(period), INTERVAL {step}))::DATE AS period FROM dd),
    volume AS (SELECT c.period, count(d.period) AS volume FROM calendar c LEFT JOIN dd d ON d.period = c.period
               GROUP BY c.period),
    feed AS (SELECT *, coalesce(known >= 2 AND volume < {s.gap_ratio} * usual, FALSE) AS gap
             FROM (SELECT period, volume, median(volume) OVER past AS usual, count(*) OVER past AS known
                   FROM volume WINDOW past AS (ORDER BY period ROWS BETWEEN {s.gap_window} PRECEDING AND 1 PRECEDING))),
    counts AS (SELECT side_a, side_b, period, count(*)::INT AS events, {per_rung}, {at_or_above}
               FROM dd WHERE rung > 0 {'AND side_a = $a AND side_b = $b' if dyad else ''} GROUP BY ALL),
    reports AS (  -- a report counts at a rung when it reports an event at that rung or above
        SELECT side_a, side_b, period, count(*) AS sources, {sources_up}
        FROM (SELECT side_a, side_b, date_trunc('{s.period}', day)::DATE AS period, report, max(rung) AS top
              FROM ev WHERE rung > 0 {'AND side_a = $a AND side_b = $b' if dyad else ''} GROUP BY ALL)
        GROUP BY ALL),
    dp AS (SELECT c.*, r.sources, greatest({held_now}) AS rung
           FROM counts c JOIN reports r USING (side_a, side_b, period)),
    dyads AS (  -- the dyads that can alert somewhen or have a standing now: the others cost windows, show nothing
        SELECT side_a, side_b FROM dp GROUP BY side_a, side_b
        HAVING max(events) >= {s.min_events} AND max(sources) >= {s.min_sources}
            OR max(period) >= (SELECT max(period) FROM feed WHERE NOT gap)),
    grid AS (
        SELECT y.side_a, y.side_b, f.period, f.volume, coalesce(d.events, 0) AS events,
               coalesce(d.sources, 0) AS sources, coalesce(d.rung, 0) AS rung,
               {", ".join(f"coalesce(d.r{r}, 0) AS r{r}" for r in range(1, top + 1))},
               1000.0 * coalesce(d.events, 0) / greatest(f.volume, 1) AS share
        FROM dyads y CROSS JOIN feed f
        LEFT JOIN dp d ON d.side_a = y.side_a AND d.side_b = y.side_b AND d.period = f.period
        WHERE NOT f.gap),
    w1 AS (
        SELECT *, avg(share) OVER short AS base_mean, stddev_pop(share) OVER short AS base_std,
               count(*) OVER short AS base_n, median(share) OVER long AS long_median, count(*) OVER long AS long_n,
               lag(events) OVER dy AS prev_events, lag(volume) OVER dy AS prev_volume,
               max(rung, {s.held_periods}) OVER long AS held  -- the highest rungs held, highest first
        FROM grid
        WINDOW dy AS (PARTITION BY side_a, side_b ORDER BY period),
               short AS (PARTITION BY side_a, side_b ORDER BY period
                         ROWS BETWEEN {s.window} PRECEDING AND 1 PRECEDING),
               long AS (PARTITION BY side_a, side_b ORDER BY period
                        ROWS BETWEEN {s.long_window} PRECEDING AND 1 PRECEDING)),
    w2 AS (
        SELECT *, lag(long_median) OVER (PARTITION BY side_a, side_b ORDER BY period) AS prev_long_median,
               coalesce(base_mean, 0) * volume / 1000 AS expected,
               coalesce(held[{s.held_periods}], 0) AS baseline_rung,  -- held in held_periods periods or more
               events >= {s.min_events} AND sources >= {s.min_sources} AS enough
        FROM w1),
    w3 AS (
        SELECT *, CASE WHEN base_n > 0 THEN (events - expected)
                       / greatest(coalesce(base_std, 0) * volume / 1000, sqrt(greatest(expected, {s.min_events}))) END AS z
        FROM w2)
    SELECT side_a, side_b, period, volume, events, sources, rung, {", ".join(f"r{r}" for r in range(1, top + 1))},
           share, base_mean, long_median, baseline_rung, z,
           enough AND base_n >= {s.min_history} AND z >= {s.threshold} AS change,
           enough AND long_n >= {s.long_min}
               AND events >= {s.level_ratio} * greatest(long_median * volume / 1000, {s.min_events})
               AND coalesce(prev_events >= {s.level_ratio}
                            * greatest(prev_long_median * prev_volume / 1000, {s.min_events}), FALSE) AS level,
           enough AND base_n >= {s.min_history} AND rung >= {s.rung_min} AND rung > baseline_rung
               AND baseline_rung >= 1 AS rung_signal
    FROM w3"""


def _feed_sql(settings: Settings) -> str:
    s = settings
    step = "1 DAY" if s.period == "day" else "7 DAY"
    return f"""
    WITH ev AS ({events_sql(s)}),
    dd AS (SELECT DISTINCT date_trunc('{s.period}', day)::DATE AS period, source_actor, target_actor, cameo, day
           FROM ev),
    calendar AS (SELECT unnest(generate_series(min(period), max(period), INTERVAL {step}))::DATE AS period FROM dd),
    volume AS (SELECT c.period, count(d.period) AS volume FROM calendar c LEFT JOIN dd d ON d.period = c.period
               GROUP BY c.period)
    SELECT period, volume, median(volume) OVER past AS usual, count(*) OVER past AS known
    FROM volume WINDOW past AS (ORDER BY period ROWS BETWEEN {s.gap_window} PRECEDING AND 1 PRECEDING)
    ORDER BY period"""


# --- The API ----------------------------------------------------------------------------------

def watch(con: duckdb.DuckDBPyConnection, settings: Settings = Settings(), domestic: bool = False,
          standings: int | None = 50) -> Watch:
    """Gaps, alerts (newest first; same-country dyads only with `domestic`) and standings now
    (cross-border and same-country apart, at most `standings` each), with evidence."""
    settings = settings.check()
    con.execute("SET enable_progress_bar = false")
    feed = _feed(con, settings)
    gaps = [Gap(str(p), v, round(u, 1)) for p, v, u, known in feed if _is_gap(v, u, known, settings)]
    grid = con.execute(_grid_sql(settings, dyad=False)).fetch_arrow_table()
    con.register("brink_watch_grid", grid)
    try:
        alerts = _alerts(con, domestic)
        as_of = con.execute("SELECT max(period)::VARCHAR FROM brink_watch_grid").fetchone()[0]
        cross = _standings(con, as_of, False, standings) if as_of else []
        same = _standings(con, as_of, True, standings) if as_of else []
    finally:
        con.unregister("brink_watch_grid")
    _attach_evidence(con, settings, [*alerts, *cross, *same])
    return Watch(settings.period, as_of, gaps, alerts, cross, same)


def series(con: duckdb.DuckDBPyConnection, side_a: str, side_b: str, settings: Settings = Settings()) -> list[SeriesPoint]:
    """One dyad per period, oldest first, gaps included (marked, with no signal)."""
    settings = settings.check()
    a, b = sorted((side_a.upper(), side_b.upper()))
    rows = {row["period"]: row for row in con.execute(_grid_sql(settings, dyad=True), {"a": a, "b": b})
            .fetch_arrow_table().to_pylist()}
    points = []
    top = ladder.top()
    for period, volume, usual, known in _feed(con, settings):
        row = rows.get(period)
        if row is None:
            points.append(SeriesPoint(str(period), volume, _is_gap(volume, usual, known, settings), 0, [0] * top, 0,
                                      0.0, 0, None, []))
            continue
        points.append(SeriesPoint(str(period), volume, False, row["events"], [row[f"r{r}"] for r in range(1, top + 1)],
                                  row["sources"], round(row["share"], 3), row["rung"], _round(row["z"]),
                                  _signals(row)))
    first = next((i for i, p in enumerate(points) if p.events), len(points))
    return points[first:] if first < len(points) else []


def _feed(con, settings: Settings) -> list[tuple]:
    return con.execute(_feed_sql(settings)).fetchall()


def _is_gap(volume: int, usual: float | None, known: int, settings: Settings) -> bool:
    return known >= 2 and usual is not None and volume < settings.gap_ratio * usual


def _signals(row: dict) -> list[str]:
    return [name for name, column in (("change", "change"), ("level", "level"), ("rung", "rung_signal"))
            if row[column]]


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _alerts(con, domestic: bool) -> list[Alert]:
    rows = con.execute(f"""
        SELECT * FROM brink_watch_grid WHERE (change OR level OR rung_signal) {'' if domestic else 'AND side_a <> side_b'}
        ORDER BY period DESC, rung DESC, share DESC, side_a, side_b""").fetch_arrow_table().to_pylist()
    return [Alert(r["side_a"], r["side_b"], str(r["period"]), _signals(r), r["rung"], ladder.name(r["rung"]),
                  r["baseline_rung"], r["events"], r["sources"], r["volume"], round(r["share"], 3),
                  round(r["base_mean"] or 0.0, 3), _round(r["z"]), _round(r["long_median"], 3)) for r in rows]


def _standings(con, as_of: str, same_country: bool, limit: int | None) -> list[Standing]:
    rows = con.execute(f"""
        SELECT *, change::INT + level::INT + rung_signal::INT AS fired FROM brink_watch_grid
        WHERE period = ?::DATE AND events > 0 AND {'side_a = side_b' if same_country else 'side_a <> side_b'}
        ORDER BY rung DESC, share DESC, fired DESC, side_a, side_b {f'LIMIT {int(limit)}' if limit else ''}""",
                       [as_of]).fetch_arrow_table().to_pylist()
    found = []
    for r in rows:
        level = r["share"] / r["long_median"] if r["long_median"] else None
        z = r["z"]
        trend = "steady" if z is None or -1 < z < 1 else "rising" if z >= 1 else "falling"
        found.append(Standing(r["side_a"], r["side_b"], str(r["period"]), r["rung"], ladder.name(r["rung"]),
                              r["events"], r["sources"], round(r["share"], 3), _round(level), trend, _signals(r)))
    return found


def _attach_evidence(con, settings: Settings, items: list[Alert | Standing]) -> None:
    """The conflict events behind each alert and standing, strongest rung first, in one query."""
    if not items:
        return
    by_key: dict[tuple[str, str, str], list] = {}
    for item in items:
        by_key.setdefault((item.side_a, item.side_b, getattr(item, "period", None) or item.as_of), []).append(item)
    keys = pa.table({"side_a": [k[0] for k in by_key], "side_b": [k[1] for k in by_key],
                     "period": pa.array([dt.date.fromisoformat(k[2]) for k in by_key], pa.date32())})
    con.register("brink_watch_keys", keys)
    try:
        rows = con.execute(f"""
            WITH ev AS ({events_sql(settings)}),
            hits AS (SELECT ev.*, k.period FROM ev JOIN brink_watch_keys k
                     ON ev.side_a = k.side_a AND ev.side_b = k.side_b AND date_trunc('{settings.period}', ev.day)::DATE = k.period
                     WHERE ev.rung > 0),
            grouped AS (SELECT side_a, side_b, period, day, cameo, max(rung) AS rung, count(DISTINCT report) AS reports,
                               arg_min({{'origin': origin, 'plover': plover, 'source': source, 'target': target,
                                        'source_side': source_side, 'target_side': target_side,
                                        'article_id': article_id, 'event_id': event_id, 'report': report}},
                                       report || coalesce(event_id, '')) AS first
                        FROM hits GROUP BY side_a, side_b, period, source_actor, target_actor, cameo, day),
            ranked AS (SELECT *, row_number() OVER (PARTITION BY side_a, side_b, period
                                                    ORDER BY rung DESC, reports DESC, day DESC, cameo) AS k
                       FROM grouped)
            SELECT r.side_a, r.side_b, r.period::VARCHAR, r.day::VARCHAR, r.cameo, r.rung, r.reports, r.first,
                   a.title, e.trigger, e.trigger_start, e.trigger_end, i.url, i.story_id, i.sentence
            FROM ranked r
            LEFT JOIN articles a ON a.id = r.first.article_id
            LEFT JOIN events e ON e.article_id = r.first.article_id AND e.id = r.first.event_id
            LEFT JOIN imported_events i ON i.origin = r.first.origin AND i.id = r.first.event_id
            WHERE r.k <= {EVIDENCE_SHOWN}
            ORDER BY r.side_a, r.side_b, r.period, r.k""").fetchall()
    finally:
        con.unregister("brink_watch_keys")
    for side_a, side_b, period, day, cameo, rung, reports, first, title, trigger, t_start, t_end, url, story, sentence \
            in rows:
        evidence = _evidence(day, cameo, rung, reports, first, title, trigger, t_start, t_end, url, story, sentence)
        for item in by_key[(side_a, side_b, period)]:
            item.evidence.append(evidence)


def _evidence(day, cameo, rung, reports, first, title, trigger, t_start, t_end, url, story, sentence) -> Evidence:
    if first["origin"] == "brink":
        link = f"/article/{first['article_id']}#{first['event_id']}"
        label = title or first["article_id"]
    else:
        link = url
        label = (f"{first['origin'].upper()} story {story}" + (f", sentence {sentence}" if sentence else "")
                 if story else url or f"{first['origin'].upper()} event {first['event_id']}")
    return Evidence(first["origin"], day, cameo, first["plover"], rung, first["source"], first["source_side"],
                    first["target"], first["target_side"], reports, link, label, first["article_id"],
                    first["event_id"], trigger, t_start, t_end)
