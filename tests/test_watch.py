"""The escalation watch on synthetic series we write (as ICEWS rows, imported): a build-up then
an onset, a feed outage, a one-article spike, a steady high-conflict dyad, a climb from threats
to mobilisation; and what standings and same-country dyads show."""

from __future__ import annotations

import datetime as dt

import pytest

from brink import store
from brink.watch import imports, signals

START = dt.date(2021, 1, 4)  # a Monday
HEADER = "\t".join(imports.ICEWS_COLUMNS)
ASSAULT, MOBILIZE, THREATEN, ACCUSE, CONSULT = "190", "154", "130", "112", "040"
BACKGROUND = 300  # cooperative events a week between other countries: the corpus's volume


class Corpus:
    """ICEWS rows, week by week: background volume plus the dyads under test."""

    def __init__(self):
        self.lines = [HEADER]

    def row(self, day: dt.date, source: str, country: str, code: str, target: str, story: str) -> None:
        number = len(self.lines)
        self.lines.append("\t".join([str(number), day.isoformat(), source, "", country, "", code, "", target, "",
                                     target, story, "1", "", "", "", "", "", "", ""]))

    def week(self, index: int, volume: int = BACKGROUND) -> None:
        monday = START + dt.timedelta(weeks=index)
        for k in range(volume):
            self.row(monday + dt.timedelta(days=k % 7), f"Group {k} (France)", "France", CONSULT, "Germany",
                     f"bg{index}-{k}")

    def events(self, index: int, count: int, code: str, stories: int, source: str = "Russia",
               target: str = "Ukraine") -> None:
        """`count` distinct events of `code` in week `index`, spread over `stories` reports."""
        monday = START + dt.timedelta(weeks=index)
        for k in range(count):
            self.row(monday + dt.timedelta(days=k % 7), f"Unit {k} ({source})", source, code, target,
                     f"s{index}-{code}-{k % stories}")

    def watch(self, tmp_path, **settings) -> signals.Watch:
        path = tmp_path / "events.tsv"
        path.write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        db = tmp_path / "watch.duckdb"
        imports.import_events([str(path)], "icews", str(db))
        con = store.connect(db, read_only=True)
        try:
            return signals.watch(con, signals.Settings(**settings), standings=None)
        finally:
            con.close()


def week(index: int) -> str:
    return (START + dt.timedelta(weeks=index)).isoformat()


def fired(found: signals.Watch, side_a: str = "RUS", side_b: str = "UKR") -> dict[str, list[str]]:
    return {alert.period: alert.signals for alert in found.alerts if (alert.side_a, alert.side_b) == (side_a, side_b)}


def quiet(corpus: Corpus, weeks: range) -> None:
    for index in weeks:
        corpus.week(index)
        corpus.events(index, 2, ACCUSE, stories=2)


def test_build_up_then_onset_changes_before_and_stays_at_level_after(tmp_path):
    corpus = Corpus()
    quiet(corpus, range(30))
    for index, count in ((30, 4), (31, 6), (32, 10)):  # the build-up: troops massed, threats
        corpus.week(index)
        corpus.events(index, 2, ACCUSE, stories=2)
        corpus.events(index, count, MOBILIZE, stories=3)
    onset = 33
    for index in range(onset, onset + 9):  # the war: assaults every week
        corpus.week(index)
        corpus.events(index, 30, ASSAULT, stories=10)
    signals_by_week = fired(corpus.watch(tmp_path))
    before = [w for w in signals_by_week if week(onset - 8) <= w <= week(onset) and "change" in signals_by_week[w]]
    assert before and min(before) < week(onset), "a change alert before the onset"
    for index in range(onset + 1, onset + 9):
        assert "level" in signals_by_week.get(week(index), []), f"level through week {index}"
    assert not any(w < week(30) for w in signals_by_week), "nothing while quiet"


def test_feed_outage_is_a_gap_not_an_alert(tmp_path):
    corpus = Corpus()
    quiet(corpus, range(20))
    corpus.week(20, volume=15)  # the feed delivers a twentieth of its volume...
    corpus.events(20, 2, ACCUSE, stories=2)  # ...so the usual two accusations are a tenth of it
    corpus.events(20, 3, THREATEN, stories=2)
    quiet(corpus, range(21, 26))
    found = corpus.watch(tmp_path)
    assert [gap.period for gap in found.gaps] == [week(20)]
    assert fired(found) == {}, "no alert in or after the outage"


def test_one_article_spike_does_not_alert(tmp_path):
    corpus = Corpus()
    quiet(corpus, range(20))
    corpus.week(20)
    corpus.events(20, 12, ASSAULT, stories=1)  # twelve assaults, one story
    assert fired(corpus.watch(tmp_path)) == {}


def test_two_independent_reports_of_a_spike_do_alert(tmp_path):
    corpus = Corpus()
    quiet(corpus, range(20))
    corpus.week(20)
    corpus.events(20, 12, ASSAULT, stories=2)
    assert "change" in fired(corpus.watch(tmp_path))[week(20)]


def test_steady_high_conflict_is_level_not_change(tmp_path):
    corpus = Corpus()
    quiet(corpus, range(30))
    for index in range(30, 46):
        corpus.week(index)
        corpus.events(index, 20, ASSAULT, stories=6)
    signals_by_week = fired(corpus.watch(tmp_path))
    for index in range(38, 46):  # weeks 9-16 of the fighting: steady, so no change, but far above its past
        assert signals_by_week.get(week(index)) == ["level"], index


def test_climbing_from_threats_to_mobilisation_is_a_rung_alert(tmp_path):
    corpus = Corpus()
    for index in range(12):
        corpus.week(index)
        corpus.events(index, 3, THREATEN, stories=3)
    corpus.week(12)
    corpus.events(12, 3, THREATEN, stories=3)
    corpus.events(12, 3, MOBILIZE, stories=3)
    found = corpus.watch(tmp_path)
    signals_by_week = fired(found)
    assert list(signals_by_week) == [week(12)] and "rung" in signals_by_week[week(12)]
    alert = found.alerts[0]
    assert (alert.rung_name, alert.baseline_rung) == ("mobilisation", 2)
    assert {e.plover for e in alert.evidence} == {"MOBILIZE", "THREATEN"}
    assert alert.evidence[0].plover == "MOBILIZE" and alert.evidence[0].label.startswith("ICEWS story s12-154-")
    assert fired(corpus.watch(tmp_path, origins=("icews",))) == signals_by_week  # imported events: origin icews
    only_brink = corpus.watch(tmp_path, origins=("brink",))
    assert (only_brink.alerts, only_brink.standings) == ([], [])


def test_standings_rank_cross_border_dyads_and_keep_same_country_apart(tmp_path):
    corpus = Corpus()
    for index in range(10):
        corpus.week(index)
        corpus.events(index, 2, ACCUSE, stories=2)
        corpus.events(index, 8, ASSAULT, stories=4, source="Syria", target="Syria")
    corpus.events(9, 5, ASSAULT, stories=3, source="Israel", target="Lebanon")
    found = corpus.watch(tmp_path)
    assert found.as_of == week(9)
    assert [(s.side_a, s.side_b) for s in found.standings] == [("ISR", "LBN"), ("RUS", "UKR")]
    assert [(s.side_a, s.side_b, s.rung_name) for s in found.domestic] == [("SYR", "SYR", "assault")]
    assert all(alert.side_a != alert.side_b for alert in found.alerts)
    top = found.standings[0]
    assert top.rung_name == "assault" and top.events == 5 and len(top.evidence) == 5


@pytest.mark.parametrize("settings", [{"period": "month"}, {"origins": ("reuters",)}, {"window": 0}])
def test_bad_settings_are_user_errors(settings):
    from brink.errors import UserError

    with pytest.raises(UserError):
        signals.Settings(**settings).check()
