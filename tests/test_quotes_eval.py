"""`brink eval quotes`: gold readers and equality with the shared reference scorer."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from brink.evaluate import quotes as quote_eval
from brink.records import Article, Quote, Span, to_json

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BRAT = ROOT / "tests" / "fixtures" / "quotes" / "brat"


def test_brat_reader_joins_source_cue_and_discontinuous_content():
    [document] = quote_eval.read_brat(str(BRAT))
    told, according = document.attributions
    assert [document.text[s:e] for s, e in told.contents] == ['"The canal will stay open,"',
                                                             '"Nobody wants it closed."']
    assert document.text[slice(*told.cue)] == "told"
    assert [document.text[s:e] for s, e in told.sources] == ["Minister Ana Vell"]
    assert document.text[slice(*according.contents[0])] == "The fees will rise in June"


def test_brink_scores_the_brat_fixture_end_to_end():
    scores = quote_eval.evaluate(str(BRAT), None, 1)
    assert scores["gold"] == 2 and scores["attribution_recall"] == 1.0 and scores["source_accuracy"] == 1.0


def _perturbed_articles(gold_path, seed: int = 7) -> list[Article]:
    """Predictions that are right, shifted, cut, sourceless or missing, to exercise every metric."""
    rng = random.Random(seed)
    articles = []
    for line in gold_path.read_text(encoding="utf-8").splitlines()[:30]:
        record = json.loads(line)
        text, found = record["text"], []
        for quote in record["quotes"]:
            if rng.random() < 0.2 or not quote["contents"]:
                continue
            shift = rng.choice([0, 0, 5, -40, 200])
            contents = [_span(text, c["start"] + shift, c["end"] + shift) for c in quote["contents"]]
            sources = quote["sources"] if rng.random() < 0.8 else []
            source = _span(text, sources[0]["start"], sources[0]["end"] + 3) if sources else None
            cue = _span(text, quote["cue"]["start"], quote["cue"]["end"]) if quote["cue"] else None
            found.append(Quote(f"Q{len(found) + 1}", "direct", contents, cue, source, None))
        articles.append(Article(id=record["id"], text=text, quotes=found))
    return articles


def _span(text: str, start: int, end: int) -> Span:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return Span(start, end, text[start:end])


@pytest.mark.skipif(not (SHARED / "eval" / "score_quotes.py").exists(), reason="shared scorer absent")
def test_same_numbers_as_the_shared_scorer(tmp_path):
    gold = SHARED / "data" / "polnear" / "dev.jsonl"
    articles_path, predictions_path = tmp_path / "articles.jsonl", tmp_path / "predictions.jsonl"
    articles_path.write_bytes(b"".join(to_json(a) + b"\n" for a in _perturbed_articles(gold)))
    adapted = subprocess.run([sys.executable, str(SHARED / "eval" / "adapt.py"), "quotes", str(articles_path)],
                             capture_output=True, text=True, check=True).stdout
    predictions_path.write_text(adapted, encoding="utf-8")
    reference = subprocess.run([sys.executable, str(SHARED / "eval" / "score_quotes.py"), str(gold),
                                str(predictions_path)], capture_output=True, text=True, check=True)
    expected = json.loads(reference.stdout.strip().splitlines()[-1])
    assert quote_eval.evaluate(str(gold), str(articles_path), 1) == expected
    assert 0 < expected["attribution_recall"] < 1 and 0 < expected["source_accuracy"] < 1
