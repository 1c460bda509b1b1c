"""The JSON API under /api: the same functions the pages use, as records (schemas in OpenAPI)."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from brink import analytics
from brink.records import Article
from brink.web import queries
from brink.watch import signals
from brink.web.params import (CorpusDep, Db, Domestic, Filters, Limit, Origins, PeriodParam, Side, Since, Until,
                              check_range)

router = APIRouter(prefix="/api", tags=["api"])


class DyadDetail(msgspec.Struct):
    side_a: str
    side_b: str
    period: str
    series: list[analytics.DyadPeriod]
    watch: list[signals.SeriesPoint]  # conflict by rung per period, gaps marked
    standing: signals.Standing | None
    alerts: list[signals.Alert]
    events: list[analytics.EventRef]


class ArticleResponse(msgspec.Struct):
    article: Article
    duplicate_of: str | None


# Records the API returns, for the OpenAPI components (brink.web.app adds their schemas).
SCHEMA_TYPES = (queries.Stats, queries.Speaker, queries.SearchPage, queries.ActorProfile, ArticleResponse,
                analytics.DyadSummary, signals.Alert, signals.Standing, signals.Watch, DyadDetail)


def _json(record) -> Response:
    return Response(msgspec.json.encode(record), media_type="application/json")


def _returns(name: str, many: bool = False) -> dict:
    ref = {"$ref": f"#/components/schemas/{name}"}
    schema = {"type": "array", "items": ref} if many else ref
    return {200: {"description": "OK", "content": {"application/json": {"schema": schema}}}}


@router.get("/stats", responses=_returns("Stats"), response_class=Response)
def stats(con: Db) -> Response:
    """Corpus counts: canonical articles, syndicated copies, quotes, events, actors, date span."""
    return _json(queries.stats(con))


@router.get("/articles/{article_id}", responses=_returns("ArticleResponse"), response_class=Response)
def article(con: Db, article_id: Annotated[str, Path(max_length=300)]) -> Response:
    """One Article record (docs/schema.md) as analysed, and the original it copies, if any."""
    found = queries.article(con, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return _json(ArticleResponse(found.article, found.duplicate_of))


@router.get("/search", responses=_returns("SearchPage"), response_class=Response)
def search(con: Db, filters: Filters, kind: Annotated[Literal["quotes", "articles"], Query()] = "quotes",
           page: Annotated[int, Query(ge=1, le=10_000)] = 1,
           per_page: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
    """Full-text search over quotes or articles, with filters, one page at a time."""
    return _json(queries.search(con, filters, kind, page, per_page))


@router.get("/actors/{key:path}", responses=_returns("ActorProfile"), response_class=Response)
def actor(con: Db, key: str) -> Response:
    """An actor (by canonical id): identity, roles, quotes by and about, events, dyads."""
    profile = queries.actor_profile(con, key)
    if profile is None:
        raise HTTPException(404, f"no actor with id {key!r}")
    return _json(profile)


@router.get("/speakers", responses=_returns("Speaker", many=True), response_class=Response)
def speakers(corpus: CorpusDep, limit: Limit = 10) -> Response:
    """The most quoted speakers."""
    return _json(corpus.speakers(limit))


@router.get("/dyads", responses=_returns("DyadSummary", many=True), response_class=Response)
def dyads(corpus: CorpusDep, since: Since = None, until: Until = None, limit: Limit = 20) -> Response:
    """The most active dyads (counted events: asserted, current, each story once)."""
    check_range(since, until)
    return _json(corpus.dyads(since, until, limit))


@router.get("/dyads/{side_a}/{side_b}", responses=_returns("DyadDetail"), response_class=Response)
def dyad(con: Db, corpus: CorpusDep, side_a: Side, side_b: Side, period: PeriodParam = "week",
         since: Since = None, until: Until = None, limit: Limit = 100) -> Response:
    """One dyad: counts and scores per period, its alerts, and its latest counted events."""
    return _json(dyad_detail(con, corpus, side_a, side_b, period, since, until, limit))


@router.get("/alerts", responses=_returns("Alert", many=True), response_class=Response)
def alerts(corpus: CorpusDep, period: PeriodParam = "week", origin: Origins = None, domestic: Domestic = False,
           limit: Limit = 50) -> Response:
    """Escalation alerts, newest first: the signals that fired, the rung, and the events behind
    each with links to their evidence (method: docs/watch.md)."""
    found = corpus.watch(period, tuple(origin or ()), domestic).alerts
    if domestic:  # the same-country list, apart from the cross-border one
        found = [alert for alert in found if alert.side_a == alert.side_b]
    return _json(found[:limit])


@router.get("/standings", responses=_returns("Standing", many=True), response_class=Response)
def standings(corpus: CorpusDep, period: PeriodParam = "week", origin: Origins = None, domestic: Domestic = False,
              limit: Limit = 50) -> Response:
    """Where each dyad stands now (cross-border, or same-country with `domestic`): rung,
    level, trend and the events behind them, most serious first."""
    found = corpus.watch(period, tuple(origin or ()))
    return _json((found.domestic if domestic else found.standings)[:limit])


@router.get("/watch", responses=_returns("Watch"), response_class=Response)
def watch(corpus: CorpusDep, period: PeriodParam = "week", origin: Origins = None, limit: Limit = 50) -> Response:
    """The whole watch: the latest period, feed gaps, alerts and both standings lists."""
    found = corpus.watch(period, tuple(origin or ()))
    return _json(signals.Watch(found.period, found.as_of, found.gaps, found.alerts[:limit], found.standings[:limit],
                               found.domestic[:limit]))


def dyad_detail(con, corpus, side_a: str, side_b: str, period: str, since, until, limit: int) -> DyadDetail:
    check_range(since, until)
    a, b = sorted((side_a.upper(), side_b.upper()))
    series = analytics.dyad_series(con, a, b, period, since and since.isoformat(), until and until.isoformat())
    found = corpus.watch(period, (), a == b)
    alerts = [alert for alert in found.alerts if (alert.side_a, alert.side_b) == (a, b)]
    standing = next((s for s in (*found.standings, *found.domestic) if (s.side_a, s.side_b) == (a, b)), None)
    points = signals.series(con, a, b, signals.Settings(period=period))  # type: ignore[arg-type]
    events = analytics.period_events(con, a, b, limit=limit)
    return DyadDetail(a, b, period, series, points, standing, alerts, events)
