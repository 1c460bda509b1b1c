"""The article text cut into highlighted pieces: no database, hand-made records."""

from __future__ import annotations

from brink.records import Actor, Article, Boilerplate, Event, Quote, Span, TextRange
from brink.web import markup

TEXT = 'Minister Ana Vell said: "Talks will resume." The army shelled the port. READ MORE HERE'


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(start, start + len(text), text)


def article() -> Article:
    vell = Actor("A1", "Ana Vell", "person", "FRA", "GOV", "FRAGOV", "Minister", [span("Ana Vell")])
    army = Actor("A2", "army", "organization", "ESP", "MIL", "ESPMIL", None, [span("army")])
    quote = Quote("Q1", "direct", [span('"Talks will resume."')], span("said"), span("Ana Vell"), "A1")
    event = Event("E1", "190", "ASSAULT", -10.0, 4, "A2", None, "ESPMIL", None, span("shelled"),
                  TextRange(45, 70), date="2024-05-02")
    boilerplate = Boilerplate(TEXT.index("READ"), len(TEXT), "READ MORE HERE", "call_to_action")
    return Article("a", TEXT, actors=[vell, army], quotes=[quote], events=[event], boilerplate=[boilerplate])


def test_pieces_put_the_text_back_together():
    assert "".join(piece.text for piece in markup.pieces(article())) == TEXT


def test_quote_piece_carries_its_speaker():
    quoted = [p for p in markup.pieces(article()) if p.quote]
    assert "".join(p.text for p in quoted) == '"Talks will resume."'
    assert {p.quote.speaker for p in quoted} == {"Ana Vell"}


def test_trigger_tooltip_names_code_sides_factuality_and_date():
    trigger = next(p for p in markup.pieces(article()) if p.events)
    assert trigger.text == "shelled"
    assert trigger.events[0].tooltip == "190 ASSAULT · army (ESPMIL) → — · asserted · 2024-05-02"


def test_mentions_link_to_actor_pages_and_boilerplate_is_marked():
    pieces = markup.pieces(article())
    assert {p.text: p.mention.href for p in pieces if p.mention}["Ana Vell"].startswith("/actor/")
    assert [p.text for p in pieces if p.boilerplate] == ["READ MORE HERE"]


def test_speakers_keep_one_colour_each():
    record = article()
    record.quotes.append(Quote("Q2", "indirect", [span("Talks")], None, None, None))
    assert markup.speaker_colours(record) == {"A1": 0, "": 1}
