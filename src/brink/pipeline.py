"""The only module that wires the stages: text -> boilerplate -> spaCy -> actors -> quotes ->
events -> time -> Article, for one document or a stream of them."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from brink import actors, events, nlp, quotes, text, time
from brink.records import Article, Document, DocumentError

CHUNK_SIZE = 16  # documents per task handed to a worker process
_WARM_UP_TEXT = "The minister said on Monday that the two countries held talks in Geneva."


def analyze(body: str, published: str | None = None, *, id: str | None = None, title: str | None = None,
            url: str | None = None, source: str | None = None) -> Article:
    """Analyse one text. Raises brink.errors.UserError for empty, binary or oversized text or a
    bad date."""
    document = Document(id=id or text.content_id(body), text=text.check_text(body), title=title, url=url,
                        published=time.normalise_published(published), source=source)
    return _analyze_parsed(document, nlp.parse(document.text))


def analyze_many(items: Iterable[Document | DocumentError], workers: int = 1) -> Iterator[Article | DocumentError]:
    """Analyse a stream in input order. Reader errors pass through; a document that fails
    becomes a DocumentError, and the stream goes on."""
    chunks = _chunks(items, CHUNK_SIZE)
    if workers <= 1:
        for chunk in chunks:
            yield from _analyze_chunk(chunk)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    warm_up()  # forked workers then share the loaded model and data instead of each loading them
    with context.Pool(workers, initializer=_start_worker) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_analyze_chunk, (chunk,)))
            if len(pending) >= 2 * workers:  # bounded memory: never read far ahead of the workers
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def warm_up() -> None:
    """Load the model and every stage's data (knowledge base, lexicons) once in this process."""
    _analyze_parsed(Document(id="warm-up", text=_WARM_UP_TEXT), nlp.parse(_WARM_UP_TEXT))


def _start_worker() -> None:
    # Ctrl-C is the parent's to handle (it stores what is done and says so); the pool is then
    # terminated, so a worker never prints a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analyze_chunk(chunk: list[Document | DocumentError]) -> list[Article | DocumentError]:
    documents: list[Document] = []
    results: list[Article | DocumentError | None] = []
    for item in chunk:
        if isinstance(item, DocumentError):
            results.append(item)
            continue
        try:
            text.check_text(item.text, item.origin or item.id)
        except Exception as error:  # noqa: BLE001 - a bad document is reported, never fatal
            results.append(DocumentError(item.origin or item.id, str(error), item.id))
            continue
        documents.append(item)
        results.append(None)
    parsed = iter(zip(documents, nlp.parse_many(d.text for d in documents)))
    out: list[Article | DocumentError] = []
    for result in results:
        if result is not None:
            out.append(result)
            continue
        document, doc = next(parsed)
        try:
            out.append(_analyze_parsed(document, doc))
        except Exception as error:  # noqa: BLE001 - one document's failure must not stop a batch
            out.append(DocumentError(document.origin or document.id, f"internal error: {error!r}", document.id))
    return out


def _analyze_parsed(document: Document, doc: Doc) -> Article:
    boilerplate = text.flag_boilerplate(document.text)
    resolved = actors.resolve(doc, document.published, boilerplate)
    found_quotes = quotes.extract(doc, resolved, boilerplate)
    found_events = events.extract(doc, resolved, found_quotes, boilerplate)
    found_events = events.merge_retellings(time.resolve(found_events, doc, document.published))
    return Article(id=document.id, text=document.text, url=document.url, title=document.title,
                   source=document.source, published=document.published,
                   location=text.location(document.text, boilerplate), boilerplate=boilerplate,
                   actors=resolved.actors, quotes=found_quotes, events=found_events)
