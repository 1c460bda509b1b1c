"""`brink import-events` on our own fixture rows (tests/fixtures/watch): both formats, bad rows
to `errors` as file:line, countries to ISO alpha-3, unknown names counted, re-import idempotent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brink import store
from brink.errors import UserError
from brink.watch import imports

FIXTURES = Path(__file__).parent / "fixtures" / "watch"


@pytest.fixture()
def copies(tmp_path):
    for name in ("icews_sample.tsv", "gdelt_sample.tsv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def rows(db, query: str) -> list[tuple]:
    con = store.connect(db, read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_icews_rows_go_in_with_iso_countries_and_bad_rows_become_errors(copies):
    db = copies / "w.duckdb"
    path = str(copies / "icews_sample.tsv")
    summary = imports.import_events([path], "icews", str(db))
    assert (summary.rows, summary.imported, summary.errors) == (10, 6, 4)
    assert summary.unknown_countries == {"Atlantis": 1}
    found = {line: rest for line, *rest in rows(db, "SELECT line, cameo, plover, source_country, source_code, "
                                                    "target_country, story_id FROM imported_events")}
    assert found[2] == ["154", "MOBILIZE", "RUS", None, "UKR", "9001"]
    assert found[3][2] == "RUS"  # "Vladimir Putin", no country given: the knowledge base knows him
    assert found[6][2] is None  # "Atlantis": kept, without that side
    assert found[7][:4] == ["010", None, None, "IGOEUREEC"]  # "10" is 010; the EU is a body, not a country
    assert found[8][2] == "GBR"  # Scotland: country_names.tsv
    reasons = sorted(reason for (reason,) in rows(db, "SELECT reason FROM errors"))
    assert reasons == [f"{path}:10: unknown CAMEO code 999", f"{path}:11: intensity very is not a number",
                       f"{path}:5: expected 20 tab-separated fields, got 8",
                       f"{path}:9: Event Date 2021-02-30 is not a YYYY-MM-DD date"]


def test_gdelt_rows_keep_their_url_and_bodies_their_code(copies):
    db = copies / "w.duckdb"
    path = str(copies / "gdelt_sample.tsv")
    summary = imports.import_events([path], "gdelt", str(db))
    assert (summary.imported, summary.errors) == (4, 3)
    assert summary.unknown_countries == {"XYZ": 1}  # "IGO" of NATO is a body's prefix, not an unknown country
    found = {id_: rest for id_, *rest in rows(db, "SELECT id, source_country, source_code, url, goldstein "
                                                  "FROM imported_events")}
    assert found["101"] == ["RUS", "RUSMIL", "https://news.example/a1", -10.0]
    assert found["103"][:2] == [None, "IGOWSTNAT"] and found["103"][3] == -4.4  # no value: the codebook's
    lines = sorted(int(origin.rsplit(":", 1)[1]) for (origin,) in rows(db, "SELECT origin FROM errors"))
    assert lines == [3, 6, 7]


def test_reimporting_a_file_replaces_its_rows(copies):
    db = copies / "w.duckdb"
    path = str(copies / "icews_sample.tsv")
    imports.import_events([path], "icews", str(db))
    imports.import_events([path], "icews", str(db))
    assert rows(db, "SELECT count(*) FROM imported_events") == [(6,)]
    assert rows(db, "SELECT count(*) FROM errors") == [(4,)]


def test_icews_file_without_its_header_is_refused_naming_line_one(copies):
    bad = copies / "headless.tsv"
    bad.write_text("".join((FIXTURES / "icews_sample.tsv").read_text().splitlines(keepends=True)[1:]))
    with pytest.raises(UserError, match=r"headless.tsv:1: expected the ICEWS header"):
        imports.import_events([str(bad)], "icews", str(copies / "w.duckdb"))


def test_unknown_format_and_missing_file_are_user_errors(copies):
    with pytest.raises(UserError, match="--format 'csv'"):
        imports.import_events([str(copies / "icews_sample.tsv")], "csv", str(copies / "w.duckdb"))
    with pytest.raises(UserError, match="nothing.tsv: no such file"):
        imports.import_events([str(copies / "nothing.tsv")], "icews", str(copies / "w.duckdb"))


def test_cli_imports_counts_and_exits_1_for_bad_rows(copies):
    from typer.testing import CliRunner

    from brink.cli import app

    db = str(copies / "w.duckdb")
    result = CliRunner().invoke(app, ["import-events", str(copies / "icews_sample.tsv"), "--format", "icews",
                                      "--db", db])
    assert result.exit_code == 1
    assert "6 events imported from 1 files, 4 bad rows" in " ".join(result.output.split())
    assert "Atlantis (1)" in result.output
