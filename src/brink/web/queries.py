"""The web app's read queries over the store's tables (docs/store.md): one article, corpus counts,
paginated search over quotes and articles, an actor's profile. Each returns typed records that
both the JSON API and the pages use."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Literal

import duckdb
import msgspec

from brink.analytics import COUNTED_EVENTS, EventRef
from brink.records import Article, article_from_json

SearchKind = Literal["quotes", "articles"]


class StoredArticle(msgspec.Struct):
    article: Article
    duplicate_of: str | None


class Stats(msgspec.Struct):
    articles: int
    duplicates: int
    quotes: int
    events: int
    actors: int
    first: str | None
    last: str | None


class Speaker(msgspec.Struct):
    key: str
    name: str
    country: str | None
    quotes: int


class QuoteHit(msgspec.Struct):
    article_id: str
    quote_id: str
    title: str | None
    published: str | None
    kind: str
    text: str
    speaker_name: str | None
    speaker_key: str | None
    speaker_country: str | None


class ArticleHit(msgspec.Struct):
    article_id: str
    title: str | None
    published: str | None
    url: str | None
    quotes: int
    events: int
    snippet: str


class SearchPage(msgspec.Struct):
    kind: SearchKind
    page: int
    per_page: int
    total: int
    pages: int
    quotes: list[QuoteHit] = []
    articles: list[ArticleHit] = []


class SearchFilters(msgspec.Struct):
    """All optional: `q` full text; `speaker` part of a name; `actor` a canonical actor id;
    `country` ISO alpha-3; `event_type` a PLOVER type or CAMEO code prefix and `factuality`
    keep hits from articles with such an event; `since`/`until` publication dates."""

    q: str | None = None
    speaker: str | None = None
    actor: str | None = None
    country: str | None = None
    event_type: str | None = None
    factuality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class ActorRow(msgspec.Struct):
    key: str
    name: str
    type: str | None
    country: str | None
    sector: str | None
    code: str | None
    roles: list[str]
    articles: int
    mentions: int


class DyadCount(msgspec.Struct):
    side_a: str
    side_b: str
    events: int


class ActorProfile(msgspec.Struct):
    actor: ActorRow
    quotes_by: list[QuoteHit]
    quotes_about: list[QuoteHit]
    events_as_source: list[EventRef]
    events_as_target: list[EventRef]
    dyads: list[DyadCount]


# --- One article ------------------------------------------------------------------------------

def article(con: duckdb.DuckDBPyConnection, article_id: str) -> StoredArticle | None:
    """The Article record as analysed (an exact copy, stored unanalysed, comes back without records)."""
    row = con.execute("SELECT record, text, title, url, source, published, language, duplicate_of "
                      "FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    record, text, title, url, source, published, language, duplicate_of = row
    if record:
        stored = msgspec.structs.replace(article_from_json(record), text=text)
    else:
        stored = Article(id=article_id, text=text, title=title, url=url, source=source,
                         published=str(published) if published else None, language=language or "en")
    return StoredArticle(stored, duplicate_of)


# --- Home -------------------------------------------------------------------------------------

def stats(con: duckdb.DuckDBPyConnection) -> Stats:
    articles, duplicates, first, last = con.execute(
        "SELECT count(*) FILTER (WHERE duplicate_of IS NULL), count(*) FILTER (WHERE duplicate_of IS NOT NULL), "
        "min(published), max(published) FROM articles").fetchone()
    quotes, events, actors = con.execute(
        "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM actors)").fetchone()
    return Stats(articles, duplicates, quotes, events, actors, _iso(first), _iso(last))


def top_speakers(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[Speaker]:
    rows = con.execute("""
        SELECT q.speaker_id, any_value(q.speaker), any_value(q.speaker_country), count(*) AS n
        FROM quotes q JOIN articles a ON a.id = q.article_id AND a.duplicate_of IS NULL
        WHERE q.speaker_id IS NOT NULL GROUP BY q.speaker_id ORDER BY n DESC, q.speaker_id LIMIT ?""",
                       [limit]).fetchall()
    return [Speaker(*row) for row in rows]


# --- Search -----------------------------------------------------------------------------------

def search(con: duckdb.DuckDBPyConnection, filters: SearchFilters, kind: SearchKind = "quotes",
           page: int = 1, per_page: int = 20) -> SearchPage:
    """One page of quotes or articles matching every filter given, newest first."""
    offset = (page - 1) * per_page
    if kind == "quotes":
        where, params = _quote_filters(con, filters)
        matches = f"SELECT q.article_id, q.id, q.published FROM quotes q WHERE {where}"
        # Match once, count and page the matches, then fetch the page's 20 rows in full.
        rows = con.execute(f"""
            WITH m AS MATERIALIZED ({matches})
            SELECT (SELECT count(*) FROM m), q.article_id, q.id, q.published, q.kind, q.text, q.speaker,
                   q.speaker_id, q.speaker_country, a.title
            FROM (SELECT * FROM m ORDER BY published DESC NULLS LAST, article_id, id LIMIT ? OFFSET ?) hit
            JOIN quotes q ON q.article_id = hit.article_id AND q.id = hit.id
            JOIN articles a ON a.id = hit.article_id
            ORDER BY q.published DESC NULLS LAST, q.article_id, q.id""", [*params, per_page, offset]).fetchall()
        hits = [QuoteHit(r[1], r[2], r[9], _iso(r[3]), *r[4:9]) for r in rows]
    else:
        where, params = _article_filters(con, filters)
        matches = f"SELECT a.id, a.published FROM articles a WHERE {where}"
        rows = con.execute(f"""
            WITH m AS MATERIALIZED ({matches})
            SELECT (SELECT count(*) FROM m), a.id, a.title, a.published, a.url, a.n_quotes, a.n_events,
                   {_snippet(filters.q)}
            FROM (SELECT * FROM m ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?) hit
            JOIN articles a ON a.id = hit.id
            ORDER BY a.published DESC NULLS LAST, a.id""",
                           [*params, *_snippet_params(filters.q), per_page, offset]).fetchall()
        hits = [ArticleHit(r[1], r[2], _iso(r[3]), r[4], r[5] or 0, r[6] or 0, r[7] or "") for r in rows]
    # A page past the last match has no rows to carry the count: count apart then.
    total = rows[0][0] if rows else con.execute(f"SELECT count(*) FROM ({matches})", params).fetchone()[0]
    result = SearchPage(kind, page, per_page, total, max(1, math.ceil(total / per_page)))
    if kind == "quotes":
        result.quotes = hits
    else:
        result.articles = hits
    return result


def _quote_filters(con, filters: SearchFilters) -> tuple[str, list]:
    clauses, params = ["q.article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"], []
    if filters.q:
        _text_match(con, "quotes", "q.key", "q.text", filters.q, clauses, params)
    _add(clauses, params, "q.speaker ILIKE ?", filters.speaker and f"%{filters.speaker}%")
    _add(clauses, params, "q.speaker_id = ?", filters.actor)
    _add(clauses, params, "q.speaker_country = ?", filters.country and filters.country.upper())
    _event_filter(filters, "q.article_id", clauses, params)
    _add(clauses, params, "q.published >= ?", filters.since)
    _add(clauses, params, "q.published <= ?", filters.until)
    return " AND ".join(clauses), params


def _article_filters(con, filters: SearchFilters) -> tuple[str, list]:
    clauses, params = ["a.duplicate_of IS NULL"], []
    if filters.q:
        _text_match(con, "articles", "a.id", "a.text", filters.q, clauses, params)
    _add(clauses, params, "a.id IN (SELECT article_id FROM quotes WHERE speaker ILIKE ?)",
         filters.speaker and f"%{filters.speaker}%")
    _add(clauses, params, "a.id IN (SELECT article_id FROM mentions WHERE actor_id = ?)", filters.actor)
    _add(clauses, params, "a.id IN (SELECT m.article_id FROM mentions m JOIN actors ac ON ac.id = m.actor_id "
                          "WHERE ac.country = ?)", filters.country and filters.country.upper())
    _event_filter(filters, "a.id", clauses, params)
    _add(clauses, params, "a.published >= ?", filters.since)
    _add(clauses, params, "a.published <= ?", filters.until)
    return " AND ".join(clauses), params


def _event_filter(filters: SearchFilters, article_id: str, clauses: list[str], params: list) -> None:
    if not (filters.event_type or filters.factuality):
        return
    inner, inner_params = ["TRUE"], []
    if filters.event_type:
        inner.append("(cameo LIKE ? OR plover = ?)")
        inner_params += [f"{filters.event_type}%", filters.event_type.upper()]
    _add(inner, inner_params, "factuality = ?", filters.factuality)
    clauses.append(f"{article_id} IN (SELECT article_id FROM events WHERE {' AND '.join(inner)})")
    params.extend(inner_params)


def _text_match(con, table: str, key: str, column: str, query: str, clauses: list[str], params: list) -> None:
    """Every word of the query, stemmed as ingest indexed it, when the full-text index exists;
    else (no index, or no indexable word: numbers, stopwords only) a substring match."""
    index = f"fts_main_{table}"
    words = _index_words(query)
    if words and _has_fts_index(con, table):
        stopwords = {row[0] for row in con.execute(f"SELECT sw FROM {index}.stopwords").fetchall()}
        words = [word for word in words if word not in stopwords]
    else:
        words = []
    if words:
        clauses.append(f"""{key} IN (
            WITH wanted AS (SELECT DISTINCT stem(word, 'porter') AS term FROM unnest(?::VARCHAR[]) AS u(word))
            SELECT d.name FROM {index}.terms t
            JOIN {index}.dict w ON w.termid = t.termid AND w.term IN (SELECT term FROM wanted)
            JOIN {index}.docs d ON d.docid = t.docid
            GROUP BY d.name HAVING count(DISTINCT w.term) = (SELECT count(*) FROM wanted))""")
        params.append(words)
    else:
        clauses.append(f"{column} ILIKE ?")
        params.append(f"%{query}%")


def _index_words(query: str) -> list[str]:
    """The query's words as DuckDB's fts tokeniser sees text: lower case, accents stripped, letters only."""
    folded = unicodedata.normalize("NFKD", query.lower()).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z]+", folded)


def _has_fts_index(con, table: str) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [f"fts_main_{table}"]).fetchone()
    return bool(row and row[0])


def _snippet(q: str | None) -> str:
    """Some 200 characters around the first occurrence of the query, or the start of the text."""
    if not q:
        return "left(a.text, 200)"
    return "substr(a.text, greatest(1, instr(lower(a.text), lower(?)) - 80), 200)"


def _snippet_params(q: str | None) -> list:
    return [q] if q else []


def _add(clauses: list[str], params: list, clause: str, value) -> None:
    if value is None or value == "":
        return
    clauses.append(clause)
    params.append(value)


# --- Actor ------------------------------------------------------------------------------------

def actor_profile(con: duckdb.DuckDBPyConnection, key: str, limit: int = 50) -> ActorProfile | None:
    row = con.execute("""
        SELECT ac.id, ac.name, ac.type, ac.country, ac.sector, ac.code,
               list(DISTINCT m.role) FILTER (WHERE m.role IS NOT NULL),
               count(DISTINCT m.article_id), count(m.article_id)
        FROM actors ac LEFT JOIN mentions m ON m.actor_id = ac.id WHERE ac.id = ? GROUP BY ALL""", [key]).fetchone()
    if row is None:
        return None
    actor = ActorRow(*row[:6], sorted(row[6] or []), row[7], row[8])
    return ActorProfile(actor, _quotes_by(con, key, limit), _quotes_about(con, key, limit),
                        _actor_events(con, "source_id", key, limit), _actor_events(con, "target_id", key, limit),
                        _actor_dyads(con, key))


_QUOTE_COLUMNS = ("q.article_id, q.id, a.title, q.published, q.kind, q.text, q.speaker, q.speaker_id, "
                  "q.speaker_country")


def _quotes_by(con, key: str, limit: int) -> list[QuoteHit]:
    rows = con.execute(f"""
        SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id AND a.duplicate_of IS NULL
        WHERE q.speaker_id = ? ORDER BY q.published DESC NULLS LAST, q.article_id, q.id LIMIT ?""",
                       [key, limit]).fetchall()
    return [QuoteHit(r[0], r[1], r[2], _iso(r[3]), *r[4:]) for r in rows]


def _quotes_about(con, key: str, limit: int) -> list[QuoteHit]:
    """Quotes by someone else whose words mention the actor."""
    rows = con.execute(f"""
        SELECT DISTINCT {_QUOTE_COLUMNS} FROM quotes q
        JOIN articles a ON a.id = q.article_id AND a.duplicate_of IS NULL
        JOIN mentions m ON m.article_id = q.article_id AND m.actor_id = ?
        WHERE q.speaker_id IS DISTINCT FROM ?
          AND list_bool_or([m.start_char >= c.start_char AND m.end_char <= c.end_char FOR c IN q.contents])
        ORDER BY q.published DESC NULLS LAST, q.article_id, q.id LIMIT ?""", [key, key, limit]).fetchall()
    return [QuoteHit(r[0], r[1], r[2], _iso(r[3]), *r[4:]) for r in rows]


def _actor_events(con, column: str, key: str, limit: int) -> list[EventRef]:
    rows = con.execute(f"""
        SELECT e.article_id, e.id, a.title, coalesce(TRY_CAST(e.date AS DATE), e.published), e.cameo, e.plover, e.goldstein,
               e.quad_class, e.factuality, e.trigger, e.source, e.source_id, e.source_code,
               e.target, e.target_id, e.target_code
        FROM events e JOIN articles a ON a.id = e.article_id AND a.duplicate_of IS NULL
        WHERE e.{column} = ? ORDER BY 4 DESC NULLS LAST, e.article_id, e.id LIMIT ?""", [key, limit]).fetchall()
    return [EventRef(r[0], r[1], r[2], _iso(r[3]) or "", *r[4:]) for r in rows]


def _actor_dyads(con, key: str) -> list[DyadCount]:
    rows = con.execute(f"""
        SELECT side_a, side_b, count(*) AS n FROM ({COUNTED_EVENTS})
        WHERE source_id = ? OR target_id = ? GROUP BY ALL ORDER BY n DESC, side_a, side_b LIMIT 20""",
                       [key, key]).fetchall()
    return [DyadCount(*row) for row in rows]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None

