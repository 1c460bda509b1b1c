"""Resolution accuracy on the annotated fixture sentences (tests/fixtures/actors)."""

from __future__ import annotations

from brink.actors.accuracy import score

from conftest import FIXTURES


def test_fixture_mentions_resolve_with_at_least_90_percent_accuracy(nlp):
    report = score(FIXTURES / "actors" / "mentions.jsonl", nlp)
    assert len(report.outcomes) >= 150
    assert report.accuracy >= 0.9, [(o.item, o.surface, o.expected, o.found) for o in report.wrong]
