"""`brink eval alerts` on a synthetic corpus we write: an onset the watch sees coming, an alert
far from any onset (a false alarm), an onset nothing announced (a miss), and bad onset files."""

from __future__ import annotations

import pytest

from brink import store
from brink.errors import UserError
from brink.watch import evaluate
from test_watch import ACCUSE, ASSAULT, MOBILIZE, Corpus, quiet, week


@pytest.fixture()
def scored(tmp_path):
    corpus = Corpus()
    quiet(corpus, range(12))
    for index in range(12, 14):  # RUS-UKR build-up, then war from week 14
        corpus.week(index)
        corpus.events(index, 2, ACCUSE, stories=2)
        corpus.events(index, 10, MOBILIZE, stories=4)
    for index in range(14, 20):
        corpus.week(index)
        corpus.events(index, 30, ASSAULT, stories=8)
        corpus.events(index, 2, ACCUSE, stories=2, source="India", target="Pakistan")
    corpus.events(16, 12, ASSAULT, stories=4, source="Chile", target="Peru")  # out of nowhere: no onset listed
    corpus.watch(tmp_path)  # imports into tmp_path / watch.duckdb
    onsets = tmp_path / "onsets.csv"
    onsets.write_text(f"dyad,onset,kind\nUKR-RUS,{week(14)},war\nIND-PAK,{week(17)},war\n")
    con = store.connect(tmp_path / "watch.duckdb", read_only=True)
    try:
        yield {score.method: score for score in evaluate.evaluate(con, evaluate.read_onsets(str(onsets)))}
    finally:
        con.close()


def test_hit_with_lead_time_miss_and_false_alarm(scored):
    watch = scored["watch"]
    hit, miss = watch.results
    assert (hit.dyad, hit.hit, hit.lead_days, hit.kind) == ("RUS-UKR", True, 14, "war")  # alert in week 12
    assert hit.weeks_flagged_after == 5  # weeks 15-19, to the corpus's end
    assert (miss.dyad, miss.hit, miss.lead_days) == ("IND-PAK", False, None)
    assert (watch.hits, watch.misses, watch.mean_lead_days) == (1, 1, 14.0)
    assert watch.false_alarms >= 1  # CHL-PER in week 16, 8+ weeks from any onset of its own


def test_each_signal_and_the_rule_before_are_scored_alone(scored):
    assert set(scored) == {"watch", "change", "level", "rung", "before"}
    assert scored["level"].results[0].weeks_flagged_after == 5
    assert all(scored[name].alerts <= scored["watch"].alerts for name in ("change", "level", "rung"))
    assert scored["before"].alerts > 0 and scored["before"].results[0].hit


@pytest.mark.parametrize(("text", "message"), [
    ("RUS,2021-01-01\n", "onsets.csv:1: dyad 'RUS'"),
    ("dyad,onset\nRUS-UKR,April\n", "onsets.csv:2: onset 'April' is not a YYYY-MM-DD date"),
    ("RUS-UKR,2021-01-01,war,extra\n", "onsets.csv:1: expected dyad,onset"),
    ("dyad,onset\n", "no onsets"),
])
def test_bad_onset_files_name_the_line(tmp_path, text, message):
    path = tmp_path / "onsets.csv"
    path.write_text(text)
    with pytest.raises(UserError, match=message):
        evaluate.read_onsets(str(path))
