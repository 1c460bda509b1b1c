"""The first hour of a new user (issue 16): each test is a command someone types and what they
now see. The stories are our own sentences."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib

import duckdb
import pytest

import brink
from brink import nlp
from brink.errors import UserError

from conftest import ROOT
from corpus_fixtures import voa_stories

WIRE = ("NEW DELHI (AP) - Indian and Chinese troops clashed on Friday along their disputed border, officials "
        "said.\nThe army said that two soldiers were wounded. China accused India of provoking the clash.\n")
STORIES = [
    {"id": "shelling", "published": "2024-03-07",
     "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, the governor said."},
    {"id": "depot", "published": "2024-03-08", "text": "Ukraine attacked a Russian oil depot on Thursday."},
    {"id": "undated", "text": "Germany condemned Iran over its missile tests."},
    {"id": "baddate", "published": "someday", "text": "Poland recalled its ambassador from Belarus."},
]


def brink_cli(*args: str, cwd=ROOT, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "brink.cli", *args], capture_output=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, **(env or {})})


def _lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.decode().strip().splitlines()


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """`brink ingest news.jsonl --db news.duckdb` over our stories, a malformed line among them."""
    folder = tmp_path_factory.mktemp("news")
    source = folder / "news.jsonl"
    lines = [json.dumps(story) for story in STORIES]
    lines.insert(1, '{"id": "broken", "text": ')
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "news.duckdb"
    result = brink_cli("ingest", str(source), "--db", str(db), "--workers", "1")
    return source, db, result


def test_ingest_prints_each_bad_line_as_file_line_reason(news):
    source, _, result = news
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert f"brink: failed: {source}:2: malformed JSON" in stderr
    assert "Traceback" not in stderr
    # the suggested query is one line, whatever the terminal width
    assert any(line.startswith("failures are listed above") and "--db" in line for line in _lines(result))


def test_a_bad_published_date_keeps_the_article_undated_with_a_warning_row(news):
    source, db, result = news
    warning = f"brink: warning: {source}:5: bad date 'someday' (expected YYYY-MM-DD); kept undated"
    assert warning in result.stderr.decode()
    rows = brink_cli("sql", "--db", str(db), "--json",
                     "SELECT a.id, a.published, e.kind FROM articles a JOIN errors e ON e.doc_id = a.id")
    assert [json.loads(line) for line in rows.stdout.decode().splitlines()] == [
        {"id": "baddate", "published": None, "kind": "warning"}]


def test_ctrl_c_during_ingest_says_what_was_stored_and_exits_130(tmp_path):
    source = tmp_path / "voa.jsonl"
    source.write_text("".join(json.dumps({"id": s["id"], "text": s["text"]}) + "\n" for s in voa_stories(30)),
                      encoding="utf-8")
    db = tmp_path / "news.duckdb"
    process = subprocess.Popen([sys.executable, "-m", "brink.cli", "ingest", str(source), "--db", str(db),
                                "--workers", "1", "--commit-every", "1"], cwd=ROOT, stderr=subprocess.PIPE)
    wal = tmp_path / "news.duckdb.wal"
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:  # some articles committed, not all
        if wal.exists() and wal.stat().st_size > 60_000:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stderr = process.communicate(timeout=120)[1].decode()
    assert process.returncode == 130, stderr
    assert "interrupted: " in stderr and " articles stored" in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    stored = int(stderr.split("interrupted: ")[1].split(" articles stored")[0])
    con = duckdb.connect(str(db), read_only=True)
    assert 0 < stored == con.execute("SELECT count(*) FROM articles").fetchone()[0] < 30
    con.close()


def test_analyze_reads_the_story_json_side_file(tmp_path):
    (tmp_path / "story.txt").write_text("Ministers held talks in Geneva on Monday.", encoding="utf-8")
    (tmp_path / "story.json").write_text(json.dumps({"title": "Talks in Geneva", "published": "2024-03-05",
                                                     "url": "https://example.org/talks"}), encoding="utf-8")
    result = brink_cli("analyze", str(tmp_path / "story.txt"), "--json")
    article = json.loads(result.stdout)
    assert (article["title"], article["published"], article["url"]) == ("Talks in Geneva", "2024-03-05",
                                                                       "https://example.org/talks")
    dated = brink_cli("analyze", str(tmp_path / "story.txt"), "--json", "--published", "2024-03-06")
    assert json.loads(dated.stdout)["published"] == "2024-03-06"  # the option wins over the side file


def test_export_takes_the_format_from_the_file_name(news, tmp_path):
    _, db, _ = news
    result = brink_cli("export", str(tmp_path / "events.gdelt"), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    rows = [line.split("\t") for line in (tmp_path / "events.gdelt").read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(row) == 61 for row in rows)
    refused = brink_cli("export", str(tmp_path / "events.xyz"), "--db", str(db))
    assert refused.returncode == 2 and not (tmp_path / "events.xyz").exists()
    assert _lines(refused) == [f"brink: error: {tmp_path / 'events.xyz'}: cannot tell the export format from the "
                               "name; name it .jsonl, .citron.jsonl, .gdelt/.tsv/.csv or .parquet, or pass --format "
                               "jsonl|parquet|gdelt|citron"]


def test_gdelt_rows_of_undated_articles_carry_the_day_brink_added_them(news, tmp_path):
    _, db, _ = news
    brink_cli("export", str(tmp_path / "events.tsv"), "--db", str(db))
    rows = [line.split("\t") for line in (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()]
    undated = [row for row in rows if row[-1] in ("undated", "baddate")]
    assert undated
    for row in undated:
        day, month, year, fraction, added = row[1], row[2], row[3], row[4], row[59]
        assert day == added[:8] and month == day[:6] and year == day[:4] and fraction.startswith(year)


def test_events_dyad_is_an_unordered_pair_as_on_the_web(news):
    _, db, _ = news
    both = [brink_cli("events", "--db", str(db), "--dyad", dyad, "--json").stdout.decode() for dyad in
            ("RUS-UKR", "UKR-RUS")]
    assert both[0] == both[1]
    rows = [json.loads(line) for line in both[0].splitlines()]
    assert {(r["source_country"], r["target_country"]) for r in rows} >= {("RUS", "UKR"), ("UKR", "RUS")}
    with brink.open(db) as store:
        assert store.events(dyad="UKR-RUS").num_rows == len(rows)


def test_python_event_tables_name_the_actors_and_their_countries(news):
    _, db, _ = news
    with brink.open(db) as store:
        rows = store.events(source="RUS").to_pylist()
    assert rows and all(r["source_country"] == "RUS" and r["source"] for r in rows)
    assert {"source", "source_country", "target", "target_country"} <= set(rows[0])


def test_a_bad_since_is_one_clean_line_without_sql(news):
    _, db, _ = news
    with brink.open(db) as store, pytest.raises(UserError) as raised:
        store.events(since="last week")
    assert str(raised.value) == "since 'last week': expected a date, YYYY-MM-DD"
    result = brink_cli("quotes", "--db", str(db), "--since", "last week")
    assert result.returncode == 2 and _lines(result) == ["brink: error: since 'last week': expected a date, YYYY-MM-DD"]


def test_ingest_into_a_database_another_process_holds_names_it(news, tmp_path):
    source, db, _ = news
    held = tmp_path / "held.duckdb"
    con = duckdb.connect(str(held))  # this test process holds the file, as `brink serve` would
    try:
        result = brink_cli("ingest", str(source), "--db", str(held), "--workers", "1")
    finally:
        con.close()
    assert result.returncode == 2
    [line] = _lines(result)
    assert f"open in process {os.getpid()}" in line and "run this again" in line
    assert "readonly" not in line and "Traceback" not in line


def test_serve_on_a_port_in_use_fails_before_serving(news):
    _, db, _ = news
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = brink_cli("serve", "--db", str(db), "--port", str(port), timeout=60)
    assert result.returncode == 2
    assert _lines(result) == [f"brink: error: port {port} on 127.0.0.1 is in use (another brink serve?); "
                              "stop it or pick another with --port"]


def test_a_dateline_is_flagged_its_place_kept_and_its_agency_no_actor(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    result = brink_cli("analyze", str(tmp_path / "wire.txt"), "--published", "2024-03-11", "--json")
    article = json.loads(result.stdout)
    assert article["location"] == {"start": 0, "end": 9, "text": "NEW DELHI"}
    assert [(b["kind"], b["text"]) for b in article["boilerplate"]] == [("dateline", "NEW DELHI (AP) -")]
    assert all(m["start"] >= 16 for actor in article["actors"] for m in actor["mentions"])
    assert "Associated Press" not in {actor["name"] for actor in article["actors"]}
    assert all(q["source"] is None or q["source"]["start"] >= 16 for q in article["quotes"])


def test_a_weekday_is_the_last_such_day_before_publication(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    article = json.loads(brink_cli("analyze", str(tmp_path / "wire.txt"), "--published", "2024-03-11",
                                   "--json").stdout)  # a Monday
    clash = next(e for e in article["events"] if e["trigger"]["text"] == "clashed")
    assert (clash["date"], clash["date_text"], clash["time"]) == ("2024-03-08", "Friday", "current")


@pytest.mark.parametrize("sentence,date", [
    ("Protesters marched Saturday in the capital.", "2024-03-09"),
    ("Police arrested two men Friday night.", "2024-03-08"),
    ("The president will visit Paris on Thursday.", "2024-03-14"),
])
def test_weekdays_of_wire_stories_are_resolved(sentence, date):
    result = subprocess.run([sys.executable, "-m", "brink.cli", "analyze", "-", "--published", "2024-03-11", "--json"],
                            input=sentence.encode(), capture_output=True, cwd=ROOT, timeout=300)
    [event] = json.loads(result.stdout)["events"]
    assert event["date"] == date


def test_the_when_column_shows_the_date_and_whether_it_is_past_or_future(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    result = brink_cli("analyze", str(tmp_path / "wire.txt"), "--published", "2024-03-11", env={"COLUMNS": "200"})
    assert "2024-03-08 (current)" in result.stdout.decode()


def test_a_text_over_the_limit_names_the_limit(tmp_path):
    (tmp_path / "dump.txt").write_text("Talks went on. " * 70_000, encoding="utf-8")
    result = brink_cli("analyze", str(tmp_path / "dump.txt"))
    assert result.returncode == 2
    assert "the limit is 1,000,000 characters" in _lines(result)[0]


def test_a_long_text_is_parsed_in_windows_with_the_offsets_of_the_input(monkeypatch):
    monkeypatch.setattr(nlp, "WINDOW_CHARS", 120)
    text = "".join(f"Minister Ana Vell met envoys in Geneva on day {n}.\nTalks went on. " for n in range(12))
    doc = nlp.parse(text)
    assert doc.text == text and len(list(nlp.windows(text))) > 5
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc)
    places = [ent for ent in doc.ents if ent.text == "Geneva"]
    assert len(places) == 12 and all(text[e.start_char:e.end_char] == "Geneva" for e in places)
    assert all(not sentence.text.startswith(("in Geneva", "on day")) for sentence in doc.sents)


@pytest.mark.parametrize("command", ["ingest", "export", "dyads"])
def test_help_has_no_bool_types_and_breaks_lines_only_where_the_width_does(command):
    text = brink_cli(command, "--help", env={"COLUMNS": "200"}).stdout.decode()
    assert "<bool>" not in text and "--help" in text
    description = text.split("\n\n", 1)[1].split("Arguments:")[0].split("Options:")[0]
    width = max(len(line) for line in description.splitlines())
    assert width > 100  # the text fills the terminal (up to 120 columns), not the docstring's lines
    for paragraph in description.split("\n\n"):
        lines = paragraph.strip("\n").splitlines()
        for line, following in zip(lines, lines[1:]):  # a line ends only where the next word does not fit
            assert len(line) + 1 + len(following.split()[0]) > width, (line, following)


def test_the_package_license_is_an_spdx_string_the_locked_setuptools_reads():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"  # PEP 639: no deprecation warning from setuptools >= 77
    assert project["build-system"]["requires"] == ["setuptools>=77"]
    locked = next(line for line in (ROOT / "requirements.lock").read_text().splitlines()
                  if line.startswith("setuptools=="))
    assert int(locked.split("==")[1].split(".")[0]) >= 77
