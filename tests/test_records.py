"""The Article record is the output contract: its JSON Schema, its serialisation, its spans."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brink import UserError, analyze
from brink.records import article_from_json, article_json_schema, to_json
from brink.text import decode

from conftest import ROOT

SCHEMA_FILE = ROOT / "docs" / "article.schema.json"


def test_checked_in_schema_is_the_one_generated_from_the_records():
    # Regenerate with: .venv/bin/brink schema > docs/article.schema.json
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == article_json_schema()


def test_seed_article_json_is_valid_against_the_schema(seed_article):
    jsonschema.validate(json.loads(to_json(seed_article)), article_json_schema())


def test_article_json_round_trips(seed_article):
    assert article_from_json(to_json(seed_article)) == seed_article


def test_article_json_has_the_contract_fields(seed_article):
    record = json.loads(to_json(seed_article))
    assert {"id", "url", "title", "source", "language", "published", "text", "boilerplate", "actors", "quotes",
            "events"} <= set(record)
    assert record["published"] == "2022-01-07"
    assert record["boilerplate"][0] == {"start": 1175, "end": 1256, "kind": "promo",
                                        "text": "RUSSIA ‘NOT BLUFFING’ ON NATO ROLLBACK, WARNS OF ‘LARGE-SCALE CONFLICT IN EUROPE’"}


def _spans(article):
    for b in article.boilerplate:
        yield b
    for actor in article.actors:
        yield from actor.mentions
    for quote in article.quotes:
        yield from quote.contents
        yield from (s for s in (quote.cue, quote.source) if s is not None)
    for event in article.events:
        yield event.trigger


def _check(article):
    for span in _spans(article):
        assert article.text[span.start:span.end] == span.text
    for event in article.events:
        assert 0 <= event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end <= len(article.text)


news_words = st.sampled_from(["Russia", "said", "“", "”", '"', "NATO", "he", "attacked", "Kyiv", "talks", "\n",
                              "warned", "the", "minister", ",", ".", "Blinken", "not", "might", "'", "—", "…"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(news_words, max_size=60).map(" ".join)))
def test_any_text_gives_consistent_spans_or_a_user_error(body):
    try:
        article = analyze(body)
    except UserError:
        return
    _check(article)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_give_consistent_spans_or_a_user_error(data):
    try:
        article = analyze(decode(data, "fuzz"))
    except UserError:
        return
    _check(article)
