"""What the API routes and the pages share: the per-request database cursor, validated query
parameters, and the corpus-level caches (the store is read-only while served)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Literal

import duckdb
from fastapi import Depends, HTTPException, Path, Query, Request

from brink import analytics
from brink.watch import signals
from brink.web.queries import SearchFilters, Speaker, top_speakers

Side = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{2,16}$",
                           description="A country (ISO alpha-3, e.g. RUS) or an actor code (NATO)")]
PeriodParam = Annotated[Literal["day", "week"], Query(description="Aggregate per day or per ISO week")]
Since = Annotated[dt.date | None, Query(description="From this date, YYYY-MM-DD")]
Until = Annotated[dt.date | None, Query(description="Until this date, YYYY-MM-DD")]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many rows")]
Origins = Annotated[list[Literal["brink", "gdelt", "icews"]] | None,
                    Query(description="Only events of these origins (default: all)")]
Domestic = Annotated[bool, Query(description="Same-country dyads instead of cross-border ones")]


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor per request: DuckDB connections are not shared between threads."""
    con = request.app.state.con.cursor()
    try:
        yield con
    finally:
        con.close()


Db = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")


def search_filters(
    q: Annotated[str | None, Query(max_length=200, description="Words to find in quotes or article text")] = None,
    speaker: Annotated[str | None, Query(max_length=100, description="Part of the speaker's name")] = None,
    actor: Annotated[str | None, Query(max_length=300, description="A canonical actor id")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO alpha-3 country")] = None,
    event_type: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3,12}|[0-9]{2,4})$",
                                            description="PLOVER type (ASSAULT) or CAMEO code prefix (19)")] = None,
    factuality: Annotated[Literal["asserted", "hypothetical", "negated"] | None,
                          Query(description="Only hits from articles with an event of this factuality")] = None,
    since: Since = None,
    until: Until = None,
) -> SearchFilters:
    check_range(since, until)
    return SearchFilters(q=q, speaker=speaker, actor=actor, country=country, event_type=event_type,
                         factuality=factuality, since=since, until=until)


Filters = Annotated[SearchFilters, Depends(search_filters)]


class Corpus:
    """Corpus-wide analytics, computed once per server and kept until `clear()` (the live
    watch clears them after each round that stored something)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.watch = lru_cache(maxsize=32)(self._watch)
        self.dyads = lru_cache(maxsize=64)(self._dyads)
        self.speakers = lru_cache(maxsize=16)(self._speakers)

    def clear(self) -> None:
        for cached in (self.watch, self.dyads, self.speakers):
            cached.cache_clear()

    def _watch(self, period: str = "week", origins: tuple[str, ...] = (), domestic: bool = False) -> signals.Watch:
        settings = signals.Settings(period=period, origins=origins)  # type: ignore[arg-type]
        return self._query(lambda con: signals.watch(con, settings, domestic=domestic, standings=None))

    def _dyads(self, since: dt.date | None, until: dt.date | None, limit: int) -> list[analytics.DyadSummary]:
        return self._query(lambda con: analytics.dyads(con, _iso(since), _iso(until), limit))

    def _speakers(self, limit: int) -> list[Speaker]:
        return self._query(lambda con: top_speakers(con, limit))

    def _query(self, run):
        con = self.con.cursor()  # its own cursor: requests run in several threads
        try:
            return run(con)
        finally:
            con.close()


def corpus(request: Request) -> Corpus:
    return request.app.state.corpus


CorpusDep = Annotated[Corpus, Depends(corpus)]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
