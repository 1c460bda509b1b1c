"""Dyad counts, and the watch over brink's own events, on hand-made records written straight
into a store (no parsing): what counts, what does not, and when a dyad's conflict rises above its baseline."""

from __future__ import annotations

import datetime as dt

import pytest

from brink import analytics, dedup, store
from brink.watch import signals
from brink.errors import UserError
from brink.records import Actor, Article, Event, Span, TextRange

TEXT = "Officials of Arland and Borduria met. The army shelled the town. Talks were held."
START = dt.date(2024, 1, 1)  # a Monday


def actor(local_id: str, name: str, country: str) -> Actor:
    start = TEXT.index(name) if name in TEXT else 0
    return Actor(local_id, name, "country", country, None, country, None, [Span(start, start + len(name), TEXT[start:start + len(name)])])


def event(index: int, cameo: str, plover: str, goldstein: float, quad: int, **fields) -> Event:
    trigger = Span(TEXT.index("shelled"), TEXT.index("shelled") + 7, "shelled")
    return Event(f"E{index}", cameo, plover, goldstein, quad, "A1", "A2", "RUS", "UKR", trigger, TextRange(38, 64),
                 **fields)


def article(article_id: str, day: dt.date, events: list[Event], text: str = TEXT,
            countries: tuple[str, str] = ("RUS", "UKR")) -> Article:
    return Article(article_id, text, published=day.isoformat(),
                   actors=[actor("A1", "Arland", countries[0]), actor("A2", "Borduria", countries[1])], events=events)


def background(week: int) -> tuple[Article, None]:
    """A week's news between two other countries: the corpus volume the watch normalises by."""
    talks = [event(index, code, "CONSULT", 1.0, 1) for index, code in enumerate(("040", "041", "042", "043", "036"))]
    return article(f"bg{week}", START + dt.timedelta(weeks=week), talks, text=TEXT + f" Week {week}.",
                   countries=("FRA", "DEU")), None


def write(db, articles: list[tuple[Article, str | None]]) -> None:
    con = store.connect(db)
    writer = store.Writer(con, run_id=1)
    for record, duplicate_of in articles:
        writer.add_article(record, None, dedup.text_hash(record.id), dedup.signature(record.id), duplicate_of)
    writer.flush()
    con.close()


def assault(index: int, **fields) -> Event:
    return event(index, "190", "ASSAULT", -10.0, 4, **fields)


def burst() -> list[Event]:
    """Eight distinct assaults (deduplication keeps events of different codes apart)."""
    codes = ("190", "193", "194", "195", "196", "180", "181", "182")
    return [event(index, code, "ASSAULT", -10.0, 4) for index, code in enumerate(codes, 1)]


def accuse(index: int) -> Event:
    return event(index, "112", "ACCUSE", -2.0, 3)


@pytest.fixture()
def escalating(tmp_path):
    """Ten quiet weeks with one accusation each, then a week with eight assaults in one article."""
    records = [(article(f"quiet{week}", START + dt.timedelta(weeks=week), [accuse(1)]), None) for week in range(10)]
    burst_day = START + dt.timedelta(weeks=10, days=2)
    records.append((article("burst", burst_day, burst()), None))
    db = tmp_path / "escalating.duckdb"
    write(db, records)
    con = store.connect(db, read_only=True)
    yield con
    con.close()


def test_week_series_counts_quad_classes_and_goldstein(escalating):
    series = analytics.dyad_series(escalating, "UKR", "RUS", "week")
    assert len(series) == 11
    burst = series[-1]
    assert (burst.period, burst.events, burst.material_conflict, burst.verbal_conflict) == ("2024-03-11", 8, 8, 0)
    assert (burst.goldstein_sum, burst.goldstein_mean, burst.conflict) == (-80.0, -10.0, 80.0)
    assert burst.plover == {"ASSAULT": 8}


def test_burst_from_one_article_raises_no_alert(escalating):
    assert signals.watch(escalating).alerts == []


@pytest.fixture()
def reported_twice(tmp_path):
    """Ten quiet weeks with one accusation each, then three assaults reported by two articles,
    beside other countries' news."""
    records = [(article(f"quiet{week}", START + dt.timedelta(weeks=week), [accuse(1)]), None) for week in range(10)]
    records += [background(week) for week in range(11)]
    burst_day = START + dt.timedelta(weeks=10, days=2)
    records.append((article("burst", burst_day, burst()), None))
    records.append((article("second", burst_day, burst(), text=TEXT + " Another report."), None))
    db = tmp_path / "reported.duckdb"
    write(db, records)
    return db


def test_burst_reported_by_two_articles_alerts_with_links_to_them(reported_twice):
    con = store.connect(reported_twice, read_only=True)
    [alert] = signals.watch(con).alerts
    con.close()
    assert (alert.side_a, alert.side_b, alert.period, alert.signals) == ("RUS", "UKR", "2024-03-11", ["change"])
    assert (alert.events, alert.sources, alert.rung_name) == (8, 2, "assault")  # each assault once, two reports
    assert {e.link for e in alert.evidence} == {f"/article/burst#E{index}" for index in range(1, 9)}
    assert all(e.reports == 2 for e in alert.evidence)  # both articles report each assault
    assert {(e.trigger, e.trigger_start) for e in alert.evidence} == {("shelled", TEXT.index("shelled"))}


def test_steady_conflict_raises_no_alert(tmp_path):
    db = tmp_path / "steady.duckdb"
    write(db, [(article(f"w{week}", START + dt.timedelta(weeks=week), [assault(1), assault(2), assault(3)]), None)
               for week in range(12)])
    con = store.connect(db, read_only=True)
    assert signals.watch(con).alerts == []
    con.close()


def test_only_asserted_current_events_of_original_articles_count(tmp_path):
    day = START
    records = [
        (article("original", day, [assault(1)]), None),
        (article("copy", day, [assault(1)], text=TEXT + " Reprinted."), "original"),
        (article("maybe", day, [assault(1, factuality="hypothetical"), assault(2, factuality="negated")]), None),
        (article("history", day, [assault(1, time="past"), assault(2, time="future")]), None),
    ]
    db = tmp_path / "counting.duckdb"
    write(db, records)
    con = store.connect(db, read_only=True)
    [summary] = analytics.dyads(con)
    assert (summary.side_a, summary.side_b, summary.events) == ("RUS", "UKR", 1)
    assert [e.article_id for e in analytics.period_events(con, "RUS", "UKR")] == ["original"]
    con.close()


def test_day_periods_split_a_week(escalating):
    days = analytics.dyad_series(escalating, "RUS", "UKR", "day", since="2024-03-11")
    assert [(p.period, p.events) for p in days] == [("2024-03-13", 8)]


def test_bad_period_and_date_are_user_errors(escalating):
    with pytest.raises(UserError, match="period"):
        analytics.dyad_series(escalating, "RUS", "UKR", "month")
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        analytics.dyads(escalating, since="last week")


def test_cli_alerts_and_dyads_print_the_records(reported_twice):
    import json

    from typer.testing import CliRunner

    from brink.cli import app

    db = str(reported_twice)
    runner = CliRunner()
    alerts = runner.invoke(app, ["alerts", "--db", db, "--json"])
    assert alerts.exit_code == 0, alerts.output
    [alert] = [json.loads(line) for line in alerts.stdout.splitlines()]
    assert alert["period"] == "2024-03-11" and alert["signals"] == ["change"] and len(alert["evidence"]) == 8
    standings = runner.invoke(app, ["dyads", "--db", db, "--json"])
    [standing] = [json.loads(line) for line in standings.stdout.splitlines()]
    assert standing["rung_name"] == "assault" and standing["evidence"][0]["link"].startswith("/article/burst#E")
    series = runner.invoke(app, ["dyads", "--db", db, "--dyad", "RUS-UKR", "--csv"])
    assert series.exit_code == 0 and series.stdout.count("\n") == 12  # header and 11 weeks
    bad = runner.invoke(app, ["dyads", "--db", db, "--dyad", "RUS"])
    assert isinstance(bad.exception, UserError)


def test_an_accusation_restating_an_act_of_the_same_report_is_not_a_second_event(tmp_path):
    # "Arland shelled the town, Borduria's army said": ASSAULT RUS->UKR and ACCUSE UKR->RUS.
    trigger = Span(TEXT.index("shelled"), TEXT.index("shelled") + 7, "shelled")
    attribution = Event("E2", "112", "ACCUSE", -2.0, 3, "A2", "A1", "UKR", "RUS", trigger, TextRange(38, 64))
    records = [(article("attack", START, [assault(1), attribution]), None),
               (article("words", START, [accuse(1)], text=TEXT + " Words only."), None)]  # an accusation alone
    db = tmp_path / "attribution.duckdb"
    write(db, records)
    con = store.connect(db, read_only=True)
    [point] = signals.series(con, "RUS", "UKR")
    con.close()
    assert (point.events, point.by_rung) == (2, [1, 0, 0, 0, 0, 1])  # the assault, and the other article's words
