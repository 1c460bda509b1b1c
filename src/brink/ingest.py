"""Ingest: readers -> (skip stored, non-English and exact copies) -> pipeline -> store.

Streaming with bounded memory: documents flow through `pipeline.analyze_many` (a bounded
process pool) and are committed in small batches. Resumable: a document whose id is stored is
skipped before analysis, and an article's rows are committed together, so re-running a killed
run stores every document exactly once.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from brink import dedup, pipeline, store
from brink.records import Article, Document, DocumentError
from brink.sources import check_inputs, read_inputs
from brink.sources.jsonl import FieldNames

COMMIT_EVERY = 64  # documents per transaction
COMMIT_SECONDS = 2.0  # ...or sooner, so a slow stream still shows up in the store
# Language check: the share of the commonest English function words among the first words.
# English news runs at 12-50 % (name-heavy rally reports are the low end); French, Spanish and
# German news stay under 5 %.
_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it was on with as by at from his her be have has are were this which said "
    "not but they he she an or will would been their its who".split())
_MIN_WORDS_TO_JUDGE = 20
_SAMPLE_WORDS = 400
_MIN_ENGLISH_SHARE = 0.08
_WORD = re.compile(r"\w+")


@dataclass
class Counts:
    """What happened to the inputs of one run; `done` drives the progress bar."""

    stored: int = 0
    duplicates: int = 0  # stored, linked to the article they copy
    already: int = 0  # stored by an earlier run: skipped
    skipped: int = 0  # not English, or an id seen twice
    failed: int = 0

    @property
    def done(self) -> int:
        return self.stored + self.duplicates + self.already + self.skipped + self.failed


@dataclass
class RunSummary:
    run_id: int
    counts: Counts
    seconds: float


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run: what was analysed completely is stored; `summary` says how much."""

    def __init__(self, summary: RunSummary):
        super().__init__()
        self.summary = summary


def ingest(inputs: list[str], db: str = store.DEFAULT_DB, workers: int = 1, fields: FieldNames | None = None,
           encoding: str = "utf-8", commit_every: int = COMMIT_EVERY,
           on_progress: Callable[[Counts], None] | None = None,
           on_problem: Callable[[DocumentError, str], None] | None = None) -> RunSummary:
    """Read, analyse and store every input document; returns what happened. Raises UserError
    for a missing input or an unusable database, before anything is written, and Interrupted
    (a KeyboardInterrupt) on Ctrl-C. `on_problem(error, kind)` hears of each document that
    failed (kind "error"), was skipped ("skipped") or was stored with a problem ("warning": a
    bad date dropped) as it is recorded."""
    check_inputs(inputs)
    items = read_inputs(inputs, fields, encoding)
    con = store.connect(db)
    run_id = _start_run(con, inputs, workers)
    run = _Run(store.Writer(con, run_id), commit_every, on_progress or (lambda counts: None),
               on_problem or (lambda error, kind: None))
    started = time.monotonic()
    status = "interrupted"
    try:
        for result in pipeline.analyze_many(run.fresh(items), workers=workers):
            run.store(result)
        status = "finished"
    except KeyboardInterrupt:
        pass
    except RuntimeError as error:  # DuckDB's form of a Ctrl-C that arrives during a query
        if str(error) != "Query interrupted":
            raise
    finally:
        run.flush()  # whatever was analysed completely is kept, even when interrupted
        if status == "finished":
            store.rebuild_search_index(con)
        _finish_run(con, run_id, run.counts, status)
        con.close()
    summary = RunSummary(run_id, run.counts, time.monotonic() - started)
    if status == "interrupted":
        raise Interrupted(summary)
    return summary


class _Run:
    def __init__(self, writer: store.Writer, commit_every: int, on_progress: Callable[[Counts], None],
                 on_problem: Callable[[DocumentError, str], None]):
        self.writer = writer
        self.on_problem = on_problem
        self.commit_every = commit_every
        self.on_progress = on_progress
        self.counts = Counts()
        self.buffered = 0
        self.last_commit = time.monotonic()
        self.origins: dict[str, str | None] = {}  # documents in the pool: where each came from
        self.warnings: dict[str, DocumentError] = {}  # ...and what was wrong with the ones stored anyway

    def fresh(self, items: Iterable[Document | DocumentError]) -> Iterator[Document | DocumentError]:
        """The documents worth analysing: not stored yet, English, not a copy of a stored text.
        Reader errors pass through to be recorded in order."""
        for item in items:
            if isinstance(item, DocumentError):
                yield item
            elif self.writer.is_stored(item.id):
                self._done("already")
            elif (reason := not_english(item.text)) is not None:
                self._problem(DocumentError(item.origin or item.id, reason, item.id), "skipped")
            elif original := self.writer.exact_original(dedup.text_hash(item.text)):
                self.writer.add_copy(item, dedup.text_hash(item.text), original)
                self._done("duplicates")
            else:
                self.origins[item.id] = item.origin
                if item.warning:
                    self.warnings[item.id] = DocumentError(item.origin or item.id, item.warning, item.id)
                yield item

    def store(self, result: Article | DocumentError) -> None:
        if isinstance(result, DocumentError):
            self.warnings.pop(result.id or "", None)
            self._problem(result, "error")
        elif self.writer.is_stored(result.id):  # the same id twice in the inputs
            origin = self.origins.pop(result.id, None) or result.id
            self._problem(DocumentError(origin, f"id {result.id!r} already stored (given twice)", result.id), "skipped")
        else:
            self._store_article(result)

    def _store_article(self, article: Article) -> None:
        text_hash = dedup.text_hash(article.text)
        signature = dedup.signature(article.text)
        original, similarity = self.writer.exact_original(text_hash), 1.0
        if original is None and (near := self.writer.near_original(signature)):
            original, similarity = near
        self.writer.add_article(article, self.origins.pop(article.id, None), text_hash, signature, original, similarity if original else None)
        if (warning := self.warnings.pop(article.id, None)) is not None:
            self.writer.note(warning)
            self.on_problem(warning, "warning")
        self._done("duplicates" if original else "stored")

    def _problem(self, error: DocumentError, kind: str) -> None:
        self.writer.add_error(error, kind=kind)
        self.on_problem(error, kind)
        self._done("skipped" if kind == "skipped" else "failed")

    def flush(self) -> None:
        unstored = self.writer.flush()  # records the store could not hold became errors
        self.counts.stored -= unstored
        self.counts.failed += unstored

    def _done(self, outcome: str) -> None:
        setattr(self.counts, outcome, getattr(self.counts, outcome) + 1)
        self.buffered += 1
        now = time.monotonic()
        if self.buffered >= self.commit_every or now - self.last_commit >= COMMIT_SECONDS:
            self.flush()
            self.buffered, self.last_commit = 0, now
        self.on_progress(self.counts)


def not_english(text: str) -> str | None:
    """Why the text is not English, or None (English, or too short to tell)."""
    words = _WORD.findall(text[: _SAMPLE_WORDS * 12].lower())[:_SAMPLE_WORDS]
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return None
    share = sum(word in _FUNCTION_WORDS for word in words) / len(words)
    if share >= _MIN_ENGLISH_SHARE:
        return None
    return f"not English ({share:.0%} English function words; brink reads English news)"


def _start_run(con, inputs: list[str], workers: int) -> int:
    run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
    con.execute("INSERT INTO runs (run_id, started_at, inputs, workers, status) VALUES (?, ?, ?, ?, 'running')",
                [run_id, _now(), " ".join(inputs), workers])
    return run_id


def _finish_run(con, run_id: int, counts: Counts, status: str) -> None:
    con.execute("UPDATE runs SET finished_at = ?, stored = ?, duplicates = ?, skipped = ?, failed = ?, status = ? "
                "WHERE run_id = ?", [_now(), counts.stored, counts.duplicates, counts.skipped, counts.failed, status,
                                     run_id])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
