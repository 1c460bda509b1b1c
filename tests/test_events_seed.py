"""The seed article (published 2022-01-07): what a careful reader finds in it, as events.

These go through the whole pipeline, so they also depend on the actors and quotes stages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _code(article, actor_id):
    actor = next((a for a in article.actors if a.id == actor_id), None)
    if actor is None:
        return None
    return actor.country or ("IGO" if (actor.code or "").startswith("IGO") or actor.sector == "IGO" else actor.code)


def _has(article, plovers, sources, targets, **fields):
    return any(e.plover in plovers and _code(article, e.source) in sources and _code(article, e.target) in targets
               and all(getattr(e, k) == v for k, v in fields.items()) for e in article.events)


def test_blinken_accuses_russia(seed_article):
    assert _has(seed_article, {"ACCUSE", "THREATEN"}, {"USA"}, {"RUS"})


def test_nato_disapproves_of_russia(seed_article):
    assert _has(seed_article, {"ACCUSE"}, {"IGO"}, {"RUS"})


def test_nato_rejects_russias_demand(seed_article):
    assert _has(seed_article, {"REJECT"}, {"IGO"}, {"RUS"})


def test_russia_demands_of_nato(seed_article):
    assert _has(seed_article, {"REQUEST"}, {"RUS"}, {"IGO", "USA"})


def test_russian_forces_mobilised(seed_article):
    assert _has(seed_article, {"MOBILIZE"}, {"RUS"}, {"UKR", None})


def test_next_weeks_talks_are_consultations_dated_next_week(seed_article):
    talks = [e for e in seed_article.events if e.plover == "CONSULT" and e.date == "2022-01-10"]
    assert talks and all(e.time == "future" for e in talks)
    assert _has(seed_article, {"CONSULT"}, {"IGO", "USA"}, {"RUS", "IGO", None})


def test_false_flag_is_hypothetical_and_claimed_by_blinken(seed_article):
    flag = [e for e in seed_article.events if e.trigger.text == "operation"]
    blinken = next(a.id for a in seed_article.actors if "Blinken" in a.name)
    assert flag and all(e.factuality == "hypothetical" and e.claimed_by == blinken for e in flag)


def test_invasions_of_ukraine_and_georgia_are_past(seed_article):
    invasions = {_code(seed_article, e.target): e.time for e in seed_article.events
                 if e.trigger.text == "invaded" and e.plover == "ASSAULT"}
    assert invasions == {"UKR": "past", "GEO": "past"}


def test_no_current_asserted_russian_attack_on_ukraine(seed_article):
    assert not [e for e in seed_article.events
                if e.plover in ("ASSAULT", "COERCE") and _code(seed_article, e.source) == "RUS"
                and _code(seed_article, e.target) == "UKR" and e.factuality == "asserted" and e.time == "current"]


@pytest.mark.skipif(not (SHARED / "eval" / "score_events.py").exists(), reason="needs ../shared")
def test_eval_events_gives_the_reference_scorers_numbers(tmp_path):
    from brink import analyze
    from brink.evaluate import events as event_eval
    from brink.records import to_json

    gold_path = SHARED / "data" / "plover" / "gsr_dev.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()[:12]]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    articles = tmp_path / "articles.jsonl"
    articles.write_bytes(b"".join(to_json(analyze(g["text"], id=g["id"])) + b"\n" for g in gold))
    adapted = subprocess.run([sys.executable, str(SHARED / "eval" / "adapt.py"), "events", str(articles)],
                             capture_output=True, text=True, check=True).stdout
    (tmp_path / "pred.jsonl").write_text(adapted, encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score_events.py"), str(tmp_path / "gold.jsonl"),
                             str(tmp_path / "pred.jsonl")], capture_output=True, text=True, check=True).stdout
    reference = json.loads(scored.strip().splitlines()[-1])
    ours = event_eval.evaluate(str(tmp_path / "gold.jsonl"), str(articles))
    for key, value in reference.items():
        if key == "per_type_recall":
            assert {k: round(v, 4) for k, v in ours[key].items()} == value
        else:
            assert round(ours[key], 4) == value, key
