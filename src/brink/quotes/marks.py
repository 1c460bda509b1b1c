"""Quoted passages found from the quotation marks alone, before any parsing.

News text mixes straight and typographic marks, uses `` and '' in some archives, and leaves
the closing mark off a paragraph whose quote goes on in the next one. One pass over the marks
pairs them by glyph where the glyph is unambiguous and by context where it is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"“|”|\"|''|``|„|«|»")
_OPENING = {"“", "``", "„", "«"}
_CLOSING = {"”", "»"}
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_BEFORE_OPENING = " \t\n([{—–-/"


@dataclass(frozen=True)
class Passage:
    """Characters [start, end) from the opening mark to just after the closing one."""

    start: int
    end: int
    closed: bool  # False when the paragraph (or, without paragraphs, the sentence) ended first


def find_passages(text: str) -> list[Passage]:
    passages: list[Passage] = []
    opened: int | None = None
    nested = 0  # typographic quotes open inside the current one: “... what he calls “hell” ...”
    for match in _MARK.finditer(text):
        position = match.start()
        if opened is not None and "\n" in text[opened:position]:
            passages.append(_left_open(text, opened))
            opened, nested = None, 0
        role = _role(text, match, opened is not None)
        if opened is None:
            if role == "open":
                opened = position
        elif role == "close":
            if nested:
                nested -= 1
                continue
            passages.append(Passage(opened, match.end(), True))
            opened = None
        elif match.group() == "“" and not _opens_sentence(text, position) and _closes_twice(text, match.end(), nested):
            nested += 1
        else:  # a second opening mark: the first quote lost its closing mark
            passages.append(_ended_before(text, opened, position))
            opened = position
    if opened is not None:
        passages.append(_left_open(text, opened))
    return [p for p in passages if p.end - p.start > 2]


def _opens_sentence(text: str, position: int) -> bool:
    """An opening mark right after a full stop starts the next quote, not one nested in the open
    quote: “... the West. “Part of it ...” is a paragraph whose closing mark was left off."""
    return text[max(0, position - 8):position].rstrip()[-1:] in (".", "!", "?")


def _closes_twice(text: str, start: int, nested: int) -> bool:
    """True when the rest of the paragraph closes this quote and the ones around it."""
    end = text.find("\n", start)
    rest = text[start:] if end == -1 else text[start:end]
    return rest.count("”") - rest.count("“") >= nested + 2


def _role(text: str, match: re.Match, inside: bool) -> str:
    """'open' or 'close', from the glyph, then from the characters around it."""
    mark = match.group()
    before = text[match.start() - 1] if match.start() else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    looks_opening = before in _BEFORE_OPENING and not after.isspace()
    looks_closing = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark in _OPENING:
        return "close" if inside and looks_closing and not looks_opening else "open"
    if mark in _CLOSING:
        return "open" if not inside and looks_opening and not looks_closing else "close"
    if inside:
        return "open" if looks_opening and not looks_closing else "close"
    return "close" if looks_closing and not looks_opening else "open"


def _left_open(text: str, opened: int) -> Passage:
    """A quote with no closing mark runs to its paragraph's end; in a text without paragraph
    breaks, to the end of its sentence, so that it cannot swallow the rest of the article."""
    newline = text.find("\n", opened)
    if newline == -1 and "\n" not in text:
        stop = _SENTENCE_END.search(text, opened + 1)
        end = stop.end() if stop else len(text)
    else:
        end = len(text) if newline == -1 else newline
    return _ended_before(text, opened, end)


def _ended_before(text: str, opened: int, end: int) -> Passage:
    while end > opened and text[end - 1].isspace():
        end -= 1
    return Passage(opened, end, False)
