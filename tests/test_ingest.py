"""Ingest: problems are recorded and the run goes on; a killed run re-run stores every document
exactly once; non-English documents are skipped with a reason; copies are linked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
from typer.testing import CliRunner

from brink import ingest
from brink.cli import app
from corpus_fixtures import voa_stories

_FRENCH = ("Le ministre a déclaré lundi que les négociations avec les représentants du gouvernement "
           "reprendraient la semaine prochaine dans la capitale, selon un communiqué publié par ses services "
           "après une réunion avec les partenaires européens et les syndicats du secteur public.")


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _count(db, query):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_bad_inputs_are_recorded_with_file_and_line_and_the_run_exits_1(tmp_path):
    story = voa_stories(1)[0]
    lines = [json.dumps({"id": "good", "text": story["text"][:600]}), "{not json", json.dumps({"id": "empty", "text": ""}),
             json.dumps({"id": "huge", "text": "word " * 4_200_000})]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 64)
    db = tmp_path / "brink.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(bad), str(blob), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 1
    assert _count(db, "SELECT id FROM articles") == [("good",)]
    errors = dict(_count(db, "SELECT origin, reason FROM errors WHERE kind = 'error'"))
    assert set(errors) == {f"{bad}:2", f"{bad}:3", f"{bad}:4", str(blob)}
    assert "malformed JSON" in errors[f"{bad}:2"] and "empty" in errors[f"{bad}:3"]
    assert "too large" in errors[f"{bad}:4"] and "binary" in errors[str(blob)]


def test_non_english_documents_are_skipped_with_a_reason(tmp_path):
    source = _write_jsonl(tmp_path / "mixed.jsonl", [{"id": "fr", "text": _FRENCH},
                                                      {"id": "en", "text": voa_stories(1)[0]["text"][:500]}])
    db = tmp_path / "brink.duckdb"
    summary = ingest.ingest([str(source)], str(db), workers=1)
    assert (summary.counts.stored, summary.counts.skipped, summary.counts.failed) == (1, 1, 0)
    [(origin, reason)] = _count(db, "SELECT origin, reason FROM errors WHERE kind = 'skipped'")
    assert origin == f"{source}:1" and "not English" in reason


def test_syndicated_copies_are_linked_to_one_canonical_article(tmp_path):
    text = voa_stories(1)[0]["text"]
    copies = [{"id": "original", "text": text}, {"id": "exact", "text": "  " + text.upper() + "\n"},
              {"id": "near", "text": "By Wire Staff\n" + text.rsplit(". ", 2)[0] + "."}]
    db = tmp_path / "brink.duckdb"
    summary = ingest.ingest([str(_write_jsonl(tmp_path / "copies.jsonl", copies))], str(db), workers=1)
    assert (summary.counts.stored, summary.counts.duplicates) == (1, 2)
    assert dict(_count(db, "SELECT id, duplicate_of FROM articles")) == {
        "original": None, "exact": "original", "near": "original"}


def test_a_rerun_stores_nothing_twice(tmp_path):
    source = _write_jsonl(tmp_path / "few.jsonl", [{"id": s["id"], "text": s["text"][:400]} for s in voa_stories(3)])
    db = tmp_path / "brink.duckdb"
    ingest.ingest([str(source)], str(db), workers=1)
    again = ingest.ingest([str(source)], str(db), workers=1)
    assert (again.counts.stored, again.counts.already) == (0, 3)
    assert _count(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(3, 3)]


def test_killed_ingest_rerun_stores_every_document_exactly_once(tmp_path):
    stories = voa_stories(30)
    source = _write_jsonl(tmp_path / "voa.jsonl", [{"id": s["id"], "text": s["text"], "published": s["published"]}
                                                   for s in stories])
    db = tmp_path / "brink.duckdb"
    command = [sys.executable, "-m", "brink.cli", "ingest", str(source), "--db", str(db), "--workers", "1",
               "--commit-every", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = tmp_path / "brink.duckdb.wal"
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:  # some articles committed, not all
        if wal.exists() and wal.stat().st_size > 60_000:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the ingest finished before it could be killed"

    ingest.ingest([str(source)], str(db), workers=1)
    assert _count(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(len(stories), len(stories))]
    for table, key in (("quotes", "article_id, id"), ("mentions", "article_id, local_id, start_char, end_char"),
                       ("boilerplate", "article_id, start_char"), ("events", "article_id, id"), ("actors", "id"),
                       ("lsh_bands", "band_key, article_id")):
        [(rows, distinct)] = _count(db, f"SELECT count(*), count(DISTINCT ({key})) FROM {table}")
        assert rows == distinct, table
