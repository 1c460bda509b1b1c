"""The store: an embedded DuckDB file holding articles and everything brink found in them,
written in all-or-nothing batches and queried as Arrow tables (docs/store.md).

`open(path)` is the Python API (notebooks, the web app); the CLI's query commands are thin
wrappers over `Store`. Writing is `Writer`'s job, driven by brink.ingest.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from brink import dedup
from brink.errors import UserError
from brink.records import Actor, Article, Document, DocumentError, Event, Quote, to_json

if TYPE_CHECKING:  # DuckDB and Arrow load when a database is opened: `brink analyze` needs neither
    import duckdb
    import pyarrow as pa

DEFAULT_DB = "brink.duckdb"
MEMORY_LIMIT = "1GB"  # DuckDB's own buffers; the analysis processes need the rest
# An event's day: its own date when resolved to a day (dates may be partial: "2024-07", "2014"),
# else the publication date.
EVENT_DAY = "coalesce(TRY_CAST(e.date AS DATE), e.published)"
# A dyad's side, as brink.analytics counts it: the actor's country, else its code (NATO, UN).
DYAD_SIDE = "upper(coalesce(e.{0}_country, e.{0}_code))"
TABLES = ("articles", "boilerplate", "actors", "mentions", "quotes", "events", "runs", "errors")

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, inputs VARCHAR, workers INTEGER,
    stored INTEGER DEFAULT 0, duplicates INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, failed INTEGER DEFAULT 0,
    status VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, source VARCHAR, published DATE, language VARCHAR,
    text VARCHAR, text_hash VARCHAR, duplicate_of VARCHAR, similarity DOUBLE, minhash BIGINT[],
    n_actors INTEGER, n_quotes INTEGER, n_events INTEGER, origin VARCHAR, run_id INTEGER, record VARCHAR);
CREATE TABLE IF NOT EXISTS boilerplate (
    article_id VARCHAR, start_char INTEGER, end_char INTEGER, kind VARCHAR, text VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, sector VARCHAR, code VARCHAR,
    first_run INTEGER);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, actor_id VARCHAR, local_id VARCHAR, name VARCHAR, role VARCHAR, former BOOLEAN,
    start_char INTEGER, end_char INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    key VARCHAR, article_id VARCHAR, id VARCHAR, published DATE, kind VARCHAR, text VARCHAR,
    contents STRUCT(start_char INTEGER, end_char INTEGER, text VARCHAR)[],
    speaker_id VARCHAR, speaker VARCHAR, speaker_country VARCHAR, source_text VARCHAR,
    source_start INTEGER, source_end INTEGER, cue VARCHAR, cue_start INTEGER, cue_end INTEGER, audience_id VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, id VARCHAR, published DATE, cameo VARCHAR, plover VARCHAR, goldstein DOUBLE,
    quad_class INTEGER, source_id VARCHAR, source VARCHAR, source_code VARCHAR, source_country VARCHAR,
    target_id VARCHAR, target VARCHAR, target_code VARCHAR, target_country VARCHAR,
    trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    factuality VARCHAR, claimed_by_id VARCHAR, quote_id VARCHAR, date VARCHAR, date_text VARCHAR, time VARCHAR);
CREATE TABLE IF NOT EXISTS errors (
    origin VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, reason VARCHAR, run_id INTEGER, recorded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS imported_events (
    origin VARCHAR, id VARCHAR, file VARCHAR, line INTEGER, day DATE, cameo VARCHAR, plover VARCHAR,
    goldstein DOUBLE, quad_class INTEGER, source VARCHAR, source_code VARCHAR, source_country VARCHAR,
    target VARCHAR, target_code VARCHAR, target_country VARCHAR, story_id VARCHAR, sentence VARCHAR,
    publisher VARCHAR, url VARCHAR, imported_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS lsh_bands (band_key BIGINT, article_id VARCHAR);
CREATE INDEX IF NOT EXISTS articles_text_hash ON articles (text_hash);
CREATE INDEX IF NOT EXISTS lsh_bands_key ON lsh_bands (band_key);
"""


# --- Connections ------------------------------------------------------------------------------

def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the schema in place (writable) and full-text search loaded."""
    import duckdb

    path = str(path)
    if read_only and not Path(path).exists():
        raise UserError(f"{path}: no such database (fill one with `brink ingest INPUT --db {path}`)")
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as error:
        raise UserError(_open_failure(path, str(error), read_only)) from None
    con.execute("SET autoinstall_known_extensions = false; SET autoload_known_extensions = false")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    _load_fts(con)
    if not read_only:
        con.execute(SCHEMA)
    return con


def _open_failure(path: str, message: str, read_only: bool) -> str:
    """One line for a database DuckDB would not open: for a lock, who holds it and what to run
    instead (DuckDB's own hint names a flag of its shell, not of brink)."""
    if "lock" not in message.lower():
        return f"{path}: cannot open the database ({message.splitlines()[0]})"
    holder = re.search(r"\(PID (\d+)\)", message)
    command = _command_of(holder.group(1)) if holder else ""
    who = f"process {holder.group(1)}{command}" if holder else "another process"
    if " serve" in command:
        return (f"{path}: open in {who}; stop that server (Ctrl-C), run this, then serve again, "
                f"or use another file with --db")
    if read_only:
        return f"{path}: being written by {who}; wait for it to finish (or stop it), then run this again"
    return f"{path}: open in {who}; one process at a time may write it: wait for it or stop it, then run this again"


def _command_of(pid: str) -> str:
    """ ` (brink serve --db news.duckdb)`: the holder's command line, where the system shows it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    words = [word.decode("utf-8", "replace") for word in raw.split(b"\0") if word]
    if words and Path(words[0]).name.startswith("python"):
        words = words[1:]
    if words[:2] == ["-m", "brink.cli"]:
        words = ["brink", *words[2:]]
    elif words and Path(words[0]).name == "brink":
        words[0] = "brink"
    return f" ({' '.join(words)})" if words else ""


@lru_cache(maxsize=1)
def _fts_directory() -> str | None:
    # The fts extension ships as a wheel (duckdb-ext-fts) that unpacks into duckdb_ext/extensions.
    spec = importlib.util.find_spec("duckdb_ext")
    if spec is None or not spec.submodule_search_locations:
        return None
    return str(Path(next(iter(spec.submodule_search_locations))) / "extensions")


def _load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    import duckdb

    directory = _fts_directory()
    if directory is None:
        return False
    try:
        con.execute("SET extension_directory = ?", [directory])
        con.execute("LOAD fts")
        return True
    except duckdb.Error:
        return False  # queries fall back to substring matching


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """(Re)build the BM25 indexes over quote and article text. DuckDB's FTS indexes are
    snapshots, so ingest rebuilds them once at the end of each run."""
    import duckdb

    try:
        con.execute("PRAGMA create_fts_index('quotes', 'key', 'text', overwrite=1)")
        con.execute("PRAGMA create_fts_index('articles', 'id', 'title', 'text', overwrite=1)")
        return True
    except duckdb.Error:
        return False


# --- Canonical actors -------------------------------------------------------------------------

def actor_key(actor: Actor) -> str:
    """A stable id across documents: the knowledge-base key when the actors stage set one,
    else the normalised name with the actor's code (or country)."""
    if actor.canonical_id:
        return actor.canonical_id
    folded = unicodedata.normalize("NFKD", actor.name).encode("ascii", "ignore").decode().lower()
    name = " ".join(re.findall(r"[a-z0-9]+", folded)) or actor.name.strip().lower()
    return f"name:{name}|{actor.code or actor.country or ''}"


# --- Writing ----------------------------------------------------------------------------------

class Writer:
    """Buffers rows for a few articles and commits them in one transaction: an article's rows
    are all stored or none are, so a killed run leaves no half article behind."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: int):
        self.con = con
        self.run_id = run_id
        self.items: list[_Item] = []  # what the next commit writes, one entry per input document
        self.last_error = ""
        self.pending_ids: set[str] = set()
        self.pending_hashes: dict[str, str] = {}
        self.pending_bands: dict[int, tuple[str, list[int]]] = {}

    def is_stored(self, article_id: str) -> bool:
        if article_id in self.pending_ids:
            return True
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def exact_original(self, text_hash: str) -> str | None:
        """The canonical article with the same normalised text, stored or pending."""
        if text_hash in self.pending_hashes:
            return self.pending_hashes[text_hash]
        row = self.con.execute("SELECT id FROM articles WHERE text_hash = ? AND duplicate_of IS NULL LIMIT 1",
                               [text_hash]).fetchone()
        return row[0] if row else None

    def near_original(self, signature) -> tuple[str, float] | None:
        """The most similar canonical article sharing an LSH band, if similar enough."""
        keys = dedup.band_keys(signature)
        candidates = {self.pending_bands[k][0]: self.pending_bands[k][1] for k in keys if k in self.pending_bands}
        stored = self.con.execute(
            "SELECT DISTINCT a.id, a.minhash FROM lsh_bands b JOIN articles a ON a.id = b.article_id "
            f"WHERE b.band_key IN ({', '.join('?' * len(keys))})", keys).fetchall()  # an index scan
        candidates.update(dict(stored))
        best = max(((dedup.similarity(signature, sig), cid) for cid, sig in candidates.items()), default=None)
        if best and best[0] >= dedup.NEAR_DUPLICATE_JACCARD:
            return best[1], best[0]
        return None

    def add_article(self, article: Article, origin: str | None, text_hash: str, signature,
                    duplicate_of: str | None = None, similarity: float | None = None) -> None:
        self.items.append(_Item(origin or article.id, article.id))
        minhash = [int(v) for v in signature]
        self._add("articles", _article_row(article, origin, self.run_id, text_hash, minhash, duplicate_of, similarity))
        self.pending_ids.add(article.id)
        if duplicate_of is None:
            self.pending_hashes[text_hash] = article.id
            for key in dedup.band_keys(signature):
                self.pending_bands[key] = (article.id, minhash)
                self._add("lsh_bands", {"band_key": key, "article_id": article.id})
        for span in article.boilerplate:
            self._add("boilerplate", {"article_id": article.id, "start_char": span.start, "end_char": span.end,
                                      "kind": span.kind, "text": span.text})
        keys = {actor.id: actor_key(actor) for actor in article.actors}
        by_local = {actor.id: actor for actor in article.actors}
        for actor in article.actors:
            self._add_actor(actor, keys[actor.id], article.id)
        for quote in article.quotes:
            self._add("quotes", _quote_row(article, quote, keys, by_local))
        for event in article.events:
            self._add("events", _event_row(article, event, keys, by_local))

    def add_copy(self, document: Document, text_hash: str, duplicate_of: str) -> None:
        """An exact copy of a stored article: kept (the input count adds up) but not analysed."""
        self.items.append(_Item(document.origin or document.id, document.id))
        article = Article(id=document.id, text=document.text, url=document.url, title=document.title,
                          source=document.source, published=document.published)
        row = _article_row(article, document.origin, self.run_id, text_hash, None, duplicate_of, 1.0)
        row["record"] = None
        self._add("articles", row)
        self.pending_ids.add(document.id)

    def add_error(self, error: DocumentError, kind: str = "error") -> None:
        self.items.append(_Item(error.origin, error.id))
        self._add("errors", {"origin": error.origin, "doc_id": error.id, "kind": kind, "reason": error.message,
                             "run_id": self.run_id})

    def note(self, problem: DocumentError) -> None:
        """A warning about the article just added (a bad date dropped), stored with it."""
        self._add("errors", {"origin": problem.origin, "doc_id": problem.id, "kind": "warning",
                             "reason": problem.message, "run_id": self.run_id})

    def flush(self) -> int:
        """Commit what is buffered in one transaction. Should that fail (a record the schema
        cannot hold), each document is committed alone and one that still fails is recorded
        as an error: a bad record never stops a run."""
        if not self.items:
            return 0
        items, self.items = self.items, []
        try:
            committed = self._commit(items)
        except BaseException:  # Ctrl-C during the commit: the documents wait for the last flush
            self.items = items + self.items
            raise
        unstored = 0
        if not committed:
            for item in items:
                if not self._commit([item]):
                    failure = _Item(item.origin, item.doc_id)
                    failure.rows["errors"] = [{"origin": item.origin, "doc_id": item.doc_id, "kind": "error",
                                               "reason": f"{item.origin}: cannot store ({self.last_error})",
                                               "run_id": self.run_id}]
                    self._commit([failure])
                    unstored += 1
        self.pending_ids.clear()
        self.pending_hashes.clear()
        self.pending_bands.clear()
        return unstored

    def take_rows(self) -> list[tuple[str, dict]]:
        """The rows of the documents added since the last flush, as (table, row) in write order,
        handed over instead of committed: the Spark job builds each article's rows here and
        writes them to Parquet. The buffer is emptied, as by a flush."""
        items, self.items = self.items, []
        self.pending_ids.clear()
        self.pending_hashes.clear()
        self.pending_bands.clear()
        return [(table, row) for table in _WRITE_ORDER for item in items for row in item.rows.get(table, ())]

    def _commit(self, items: list[_Item]) -> bool:
        import duckdb
        import pyarrow as pa

        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in _WRITE_ORDER:
                rows = [row for item in items for row in item.rows.get(table, ())]
                if rows:
                    self._insert(table, rows)
            self.con.execute("COMMIT")
            return True
        except (duckdb.Error, pa.ArrowException) as error:
            self.con.execute("ROLLBACK")
            self.last_error = str(error).splitlines()[0]
            return False
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _add(self, table: str, row: dict) -> None:
        self.items[-1].rows.setdefault(table, []).append(row)

    def _add_actor(self, actor: Actor, key: str, article_id: str) -> None:
        self._add("actors", {"id": key, "name": actor.name, "type": actor.type, "country": actor.country,
                             "sector": actor.sector, "code": actor.code, "first_run": self.run_id})
        for span in actor.mentions:
            self._add("mentions", {"article_id": article_id, "actor_id": key, "local_id": actor.id, "name": actor.name,
                                   "role": actor.role, "former": actor.former, "start_char": span.start,
                                   "end_char": span.end, "text": span.text})

    def _insert(self, table: str, rows: list[dict]) -> None:
        import pyarrow as pa

        batch = pa.Table.from_pylist(rows)
        self.con.register("brink_batch", batch)
        try:
            if table == "actors":  # the first article to name an actor fixes its row
                self.con.execute("INSERT OR IGNORE INTO actors BY NAME "
                                 "SELECT DISTINCT ON (id) * FROM brink_batch")
            elif table == "errors":  # one row per problem input: a re-run replaces it
                self.con.execute("INSERT OR REPLACE INTO errors BY NAME "
                                 "SELECT DISTINCT ON (origin) *, now() AS recorded_at FROM brink_batch")
            else:
                self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM brink_batch")
            if table == "articles":  # stored now: an earlier run's failure of the same input is history
                self.con.execute("DELETE FROM errors WHERE origin IN (SELECT origin FROM brink_batch)")
        finally:
            self.con.unregister("brink_batch")


class _Item:
    """The rows of one input document (an article, a copy or an error): committed together."""

    def __init__(self, origin: str, doc_id: str | None):
        self.origin = origin
        self.doc_id = doc_id
        self.rows: dict[str, list[dict]] = {}


_WRITE_ORDER = ("articles", "lsh_bands", "boilerplate", "actors", "mentions", "quotes", "events", "errors")


def _article_row(article: Article, origin: str | None, run_id: int, text_hash: str, minhash: list[int] | None,
                 duplicate_of: str | None, similarity: float | None) -> dict:
    # The analysis record without its text (the text column holds it): the JSONL export joins them.
    record = to_json(msgspec.structs.replace(article, text="")).decode("utf-8")
    return {"id": article.id, "title": article.title, "url": article.url, "source": article.source,
            "published": article.published, "language": article.language, "text": article.text,
            "text_hash": text_hash, "duplicate_of": duplicate_of, "similarity": similarity, "minhash": minhash,
            "n_actors": len(article.actors), "n_quotes": len(article.quotes), "n_events": len(article.events),
            "origin": origin, "run_id": run_id, "record": record}


def _quote_row(article: Article, quote: Quote, keys: dict[str, str], actors: dict[str, Actor]) -> dict:
    speaker = actors.get(quote.speaker or "")
    return {"key": f"{article.id}/{quote.id}", "article_id": article.id, "id": quote.id,
            "published": article.published, "kind": quote.kind,
            "text": " … ".join(span.text for span in quote.contents),
            "contents": [{"start_char": s.start, "end_char": s.end, "text": s.text} for s in quote.contents],
            "speaker_id": keys.get(quote.speaker or ""), "speaker": speaker.name if speaker else None,
            "speaker_country": speaker.country if speaker else None,
            "source_text": quote.source.text if quote.source else None,
            "source_start": quote.source.start if quote.source else None,
            "source_end": quote.source.end if quote.source else None,
            "cue": quote.cue.text if quote.cue else None, "cue_start": quote.cue.start if quote.cue else None,
            "cue_end": quote.cue.end if quote.cue else None, "audience_id": keys.get(quote.audience or "")}


def _event_row(article: Article, event: Event, keys: dict[str, str], actors: dict[str, Actor]) -> dict:
    source = actors.get(event.source or "")
    target = actors.get(event.target or "")
    return {"article_id": article.id, "id": event.id, "published": article.published, "cameo": event.cameo,
            "plover": event.plover, "goldstein": event.goldstein, "quad_class": event.quad_class,
            "source_id": keys.get(event.source or ""), "source": source.name if source else None,
            "source_code": event.source_code, "source_country": source.country if source else None,
            "target_id": keys.get(event.target or ""), "target": target.name if target else None,
            "target_code": event.target_code, "target_country": target.country if target else None,
            "trigger": event.trigger.text, "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
            "sentence_start": event.sentence.start, "sentence_end": event.sentence.end,
            "factuality": event.factuality, "claimed_by_id": keys.get(event.claimed_by or ""),
            "quote_id": event.quote, "date": event.date, "date_text": event.date_text, "time": event.time}


# --- Reading ----------------------------------------------------------------------------------

class Store:
    """Read access to a brink database. Every query returns a pyarrow Table (`.to_pandas()`,
    `polars.from_arrow`, ...). Copies of syndicated articles are left out unless
    `duplicates=True`, so counts count each story once."""

    def __init__(self, path: str | Path = DEFAULT_DB):
        self.path = str(path)
        self.con = connect(self.path, read_only=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def sql(self, query: str, params: Sequence | None = None) -> pa.Table:
        """Any read-only SQL over the tables of docs/store.md."""
        import duckdb

        try:
            return self.con.execute(query, params or []).fetch_arrow_table()
        except duckdb.Error as error:
            raise UserError(f"SQL error: {error}") from None

    def quotes(self, speaker: str | None = None, actor: str | None = None, country: str | None = None,
               contains: str | None = None, search: str | None = None, since: str | None = None,
               until: str | None = None, duplicates: bool = False, limit: int | None = None) -> pa.Table:
        """Quotes, newest first. `speaker`: part of the speaker's name; `actor`: a canonical actor
        id; `country`: the speaker's country (ISO alpha-3); `contains`: a substring of the quote;
        `search`: ranked full-text search (BM25)."""
        where = Filters()
        where.add("q.speaker ILIKE ?", f"%{speaker}%", speaker)
        where.add("q.speaker_id = ?", actor, actor)
        where.add("q.speaker_country = ?", (country or "").upper(), country)
        where.add("q.text ILIKE ?", f"%{contains}%", contains)
        where.dates("q.published", since, until)
        where.canonical(duplicates)
        rank, order = self._ranking("quotes", "q.key", search, where)
        query = (f"SELECT q.article_id, q.id, q.published, q.speaker, q.speaker_id, q.speaker_country, q.kind, "
                 f"q.text, q.cue, a.title, a.url{rank} FROM quotes q JOIN articles a ON a.id = q.article_id "
                 f"{where.sql()} ORDER BY {order} q.published DESC NULLS LAST, q.article_id, q.id{_limit(limit)}")
        return self.sql(query, where.params)

    def events(self, source: str | None = None, target: str | None = None, dyad: str | None = None,
               code: str | None = None, factuality: str | None = None, since: str | None = None,
               until: str | None = None, duplicates: bool = False, limit: int | None = None) -> pa.Table:
        """Events, newest first. `source`/`target`: an actor code prefix (RUS, USAGOV), a country,
        a canonical actor id or part of a name; `dyad`: `RUS-UKR`, the events between the two
        sides in either direction (an unordered pair of sides, a side being an actor's country or
        else its code, as in `brink dyads` and the web UI; source and target give a direction);
        `code`: a CAMEO code prefix (`19`, `190`) or a PLOVER type (`ASSAULT`); `factuality`: asserted, hypothetical or negated. Each row names its actors
        (source, source_country, target, target_country) beside their canonical ids."""
        where = Filters()
        for side, value in (("source", source), ("target", target)):
            if value:
                where.add(f"(e.{side}_code ILIKE ? OR e.{side}_country = ? OR e.{side}_id = ? OR e.{side} ILIKE ?)",
                          [f"{value}%", value.upper(), value, f"%{value}%"], value)
        if dyad:
            a, b = (side.upper() for side in dyad_sides(dyad))
            where.add(f"(({DYAD_SIDE.format('source')} = ? AND {DYAD_SIDE.format('target')} = ?) OR "
                      f"({DYAD_SIDE.format('source')} = ? AND {DYAD_SIDE.format('target')} = ?))", [a, b, b, a], dyad)
        if code:
            where.add("(e.cameo LIKE ? OR e.plover = ?)", [f"{code}%", code.upper()], code)
        where.add("e.factuality = ?", (factuality or "").lower(), factuality)
        where.dates(EVENT_DAY, since, until)
        where.canonical(duplicates)
        query = (f"SELECT e.article_id, e.id, {EVENT_DAY} AS day, e.date, e.source, e.source_code, "
                 "e.source_country, e.cameo, e.plover, e.target, e.target_code, e.target_country, e.factuality, "
                 "e.goldstein, e.quad_class, e.trigger, "
                 "e.source_id, e.target_id, a.title, a.url FROM events e JOIN articles a ON a.id = e.article_id "
                 f"{where.sql()} ORDER BY day DESC NULLS LAST, e.article_id, e.id{_limit(limit)}")
        return self.sql(query, where.params)

    def actors(self, name: str | None = None, country: str | None = None, limit: int | None = None) -> pa.Table:
        """Canonical actors with how often and in how many (canonical) articles they appear."""
        where = Filters()
        where.add("ac.name ILIKE ?", f"%{name}%", name)
        where.add("ac.country = ?", (country or "").upper(), country)
        query = ("SELECT ac.id, ac.name, ac.type, ac.country, ac.sector, ac.code, "
                 "count(*) AS mentions, count(DISTINCT m.article_id) AS articles "
                 "FROM actors ac JOIN mentions m ON m.actor_id = ac.id "
                 "JOIN articles a ON a.id = m.article_id AND a.duplicate_of IS NULL "
                 f"{where.sql()} GROUP BY ALL ORDER BY articles DESC, mentions DESC, ac.id{_limit(limit)}")
        return self.sql(query, where.params)

    def articles(self, search: str | None = None, since: str | None = None, until: str | None = None,
                 duplicates: bool = False, limit: int | None = None) -> pa.Table:
        """Articles (without their text), ranked by full-text `search` when given."""
        where = Filters()
        where.dates("a.published", since, until)
        where.canonical(duplicates)
        rank, order = self._ranking("articles", "a.id", search, where)
        query = (f"SELECT a.id, a.published, a.title, a.url, a.source, a.duplicate_of, a.n_quotes, a.n_events{rank} "
                 f"FROM articles a {where.sql()} ORDER BY {order} a.published DESC NULLS LAST, a.id{_limit(limit)}")
        return self.sql(query, where.params)

    def _ranking(self, table: str, key: str, search: str | None, where: Filters) -> tuple[str, str]:
        """A BM25 score column and ordering when searching with the FTS index, else a
        case-insensitive substring filter (no index yet, or the extension missing)."""
        if not search:
            return "", ""
        if self._has_index(table):
            where.add(f"fts_main_{table}.match_bm25({key}, ?) IS NOT NULL", search, search)
            where.params.insert(0, search)  # the score column's placeholder comes first in the query
            return f", fts_main_{table}.match_bm25({key}, ?) AS score", "score DESC,"
        column = "q.text" if table == "quotes" else "a.text"
        where.add(f"{column} ILIKE ?", f"%{search}%", search)
        return "", ""

    def _has_index(self, table: str) -> bool:
        found = self.con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?",
                                 [f"fts_main_{table}"]).fetchone()
        return bool(found and found[0])


def dyad_sides(dyad: str) -> tuple[str, str]:
    """`RUS-UKR` (or `RUS/UKR`) -> ("RUS", "UKR"); UserError for anything else."""
    sides = dyad.replace("/", "-").split("-")
    if len(sides) != 2 or not all(side.strip() for side in sides):
        raise UserError(f"--dyad {dyad!r}: expected two sides, e.g. RUS-UKR")
    return sides[0].strip(), sides[1].strip()


class Filters:
    """WHERE clauses with their parameters, in order; a filter whose value is None is skipped."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list = []

    def add(self, clause: str, params, value) -> None:
        if value is None or value == "":
            return
        self.clauses.append(clause)
        self.params.extend(params if isinstance(params, list) else [params])

    def dates(self, column: str, since: str | None, until: str | None) -> None:
        self.add(f"{column} >= ?::DATE", _day(since, "since"), since)
        self.add(f"{column} <= ?::DATE", _day(until, "until"), until)

    def canonical(self, duplicates: bool) -> None:
        if not duplicates:
            self.clauses.append("a.duplicate_of IS NULL")

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.clauses)}" if self.clauses else ""


def _day(value, name: str) -> str | None:
    """A date filter as YYYY-MM-DD, checked here so a bad one is named, not left to the SQL."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise UserError(f"{name} {value!r}: expected a date, YYYY-MM-DD") from None


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit else ""


def open(path: str | Path = DEFAULT_DB) -> Store:  # noqa: A001 - `brink.open(db)` reads like `sqlite3.connect`
    """Open a brink database for queries: `brink.open("brink.duckdb").events(dyad="RUS-UKR")`."""
    return Store(path)
