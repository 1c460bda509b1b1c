"""An Article's text cut into pieces, each knowing which quote, event triggers, actor mention and
boilerplate span covers it: the article page renders the pieces, Jinja2 escapes their text.

Spans may overlap (a mention inside a quote, a trigger inside a mention), so the text is cut at
every span boundary and each piece carries all the layers that cover it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote as url_quote

from brink.records import Actor, Article, Event, Quote, Span
from brink.store import actor_key

SPEAKER_COLOURS = 8  # palette size in style.css (.spk-0 ... .spk-7); speakers beyond it reuse colours


@dataclass(frozen=True)
class QuoteMark:
    id: str
    speaker: str  # the speaker's name, or "unknown"
    colour: int
    content_start: int  # the passage (content span) this piece belongs to: one highlighted passage per span
    content_end: int


@dataclass(frozen=True)
class EventMark:
    id: str
    tooltip: str  # "112 ACCUSE · Antony Blinken (USAGOV) → Vladimir Putin (RUSGOV) · asserted · 2022-01-07"


@dataclass(frozen=True)
class MentionMark:
    actor_id: str
    name: str
    href: str


@dataclass(frozen=True)
class Piece:
    text: str
    start: int
    quote: QuoteMark | None = None
    events: tuple[EventMark, ...] = ()
    mention: MentionMark | None = None
    boilerplate: str | None = None  # the boilerplate kind


def actor_href(actor: Actor) -> str:
    """Actor pages are keyed by the store's cross-document actor id."""
    return "/actor/" + url_quote(actor_key(actor), safe="")


def speaker_colours(article: Article) -> dict[str, int]:
    """One colour per speaker, in order of first quote, so a speaker keeps one colour on the page."""
    colours: dict[str, int] = {}
    for quote in article.quotes:
        key = quote.speaker or ""
        colours.setdefault(key, len(colours) % SPEAKER_COLOURS)
    return colours


def event_tooltip(event: Event, actors: dict[str, Actor]) -> str:
    def side(actor_id: str | None, code: str | None) -> str:
        actor = actors.get(actor_id or "")
        name = actor.name if actor else "—"
        return f"{name} ({code})" if code else name

    parts = [f"{event.cameo} {event.plover or ''}".strip(),
             f"{side(event.source, event.source_code)} → {side(event.target, event.target_code)}",
             event.factuality]
    if event.claimed_by and event.claimed_by in actors:
        parts.append(f"claimed by {actors[event.claimed_by].name}")
    parts.append(event.date or f"{event.time}, date unknown")
    return " · ".join(parts)


def pieces(article: Article) -> list[Piece]:
    """The whole text as consecutive pieces; concatenating their text gives `article.text`."""
    actors = {actor.id: actor for actor in article.actors}
    layers = _Layers(article, actors)
    cuts = sorted({0, len(article.text), *layers.boundaries()})
    out: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        if start >= end:
            continue
        out.append(Piece(article.text[start:end], start, quote=layers.quote_at(start),
                         events=layers.events_at(start), mention=layers.mention_at(start),
                         boilerplate=layers.boilerplate_at(start)))
    return out


class _Layers:
    """Interval lists per layer; a piece never straddles a boundary, so its start decides."""

    def __init__(self, article: Article, actors: dict[str, Actor]):
        colours = speaker_colours(article)
        self.quotes = [(span.start, span.end, _quote_mark(quote, span, actors, colours))
                       for quote in article.quotes for span in quote.contents]
        self.events = [(e.trigger.start, e.trigger.end, EventMark(e.id, event_tooltip(e, actors)))
                       for e in article.events]
        self.mentions = [(span.start, span.end, MentionMark(actor.id, actor.name, actor_href(actor)))
                         for actor in article.actors for span in actor.mentions]
        self.boilerplate = [(b.start, b.end, b.kind) for b in article.boilerplate]

    def boundaries(self) -> set[int]:
        found: set[int] = set()
        for layer in (self.quotes, self.events, self.mentions, self.boilerplate):
            for start, end, _ in layer:
                found.update((start, end))
        return found

    def quote_at(self, offset: int) -> QuoteMark | None:
        return _first(self.quotes, offset)

    def mention_at(self, offset: int) -> MentionMark | None:
        return _first(self.mentions, offset)

    def boilerplate_at(self, offset: int) -> str | None:
        return _first(self.boilerplate, offset)

    def events_at(self, offset: int) -> tuple[EventMark, ...]:
        return tuple(mark for start, end, mark in self.events if start <= offset < end)


def _first(layer, offset: int):
    return next((mark for start, end, mark in layer if start <= offset < end), None)


def _quote_mark(quote: Quote, span: Span, actors: dict[str, Actor], colours: dict[str, int]) -> QuoteMark:
    speaker = actors.get(quote.speaker or "")
    return QuoteMark(quote.id, speaker.name if speaker else "unknown", colours[quote.speaker or ""], span.start, span.end)
