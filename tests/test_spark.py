"""The Spark job in local mode (local[2]) on a small mixed corpus (JSON Lines with a bad line and
an exact copy, a text file, a WARC archive): its Parquet, loaded back, holds exactly the records
`brink extract` writes for the same input, in the store's own tables, and loads into a store as
`brink ingest` would have filled it. Skipped when PySpark or Java is missing."""

from __future__ import annotations

import json
import shutil

import duckdb
import msgspec
import pytest
from typer.testing import CliRunner

from brink import export, ingest, store
from brink.cli import app
from brink.errors import UserError
from brink.records import Article, to_json
from brink.spark.duplicates import resolve_in_order
from brink.spark.load import PARTITIONED, load_parquet
from corpus_fixtures import voa_stories, write_warc

pytest.importorskip("pyspark", reason="the spark extra (PySpark) is not installed")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java on PATH")

# Tables compared row for row with a local ingest: everything but which run stored them, and when.
_RUN_COLUMNS = {"run_id", "first_run", "recorded_at"}
_COPY = "copy-of-first"
_NEAR_COPY = "near-copy-of-second"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    stories = [dict(story, text=story["text"][:2000]) for story in voa_stories(5)]
    lines = [json.dumps({key: story[key] for key in ("id", "text", "title", "url", "published")})
             for story in stories[:3]]
    lines[2] = json.dumps({"id": stories[2]["id"], "text": stories[2]["text"]})  # no date: the null partition
    lines.insert(1, '{"id": "broken", "text": ')
    lines.append(json.dumps({"id": _COPY, "text": stories[0]["text"]}))
    lines.append(json.dumps({"id": _NEAR_COPY, "text": stories[1]["text"] + " Additional reporting from the wire."}))
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "story.txt").write_text(stories[3]["text"], encoding="utf-8")
    write_warc(folder / "pages.warc.gz", stories[4:5])
    return folder


@pytest.fixture(scope="module")
def spark():
    from brink.spark import job

    session = job.session("local[2]", {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def spark_output(spark, corpus, tmp_path_factory):
    from brink.spark import job

    output = tmp_path_factory.mktemp("spark") / "out"
    return output, job.run(spark, [str(corpus)], str(output))


@pytest.fixture(scope="module")
def extracted(corpus, tmp_path_factory) -> dict[str, bytes]:
    target = tmp_path_factory.mktemp("extract") / "articles.jsonl"
    result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(target), "--workers", "1"])
    assert result.exit_code == 1  # the bad line
    articles = [msgspec.json.decode(line, type=Article) for line in target.read_bytes().splitlines()]
    return {article.id: to_json(article) for article in articles}


def _dataset(output, table: str) -> list[dict]:
    con = duckdb.connect()
    files = str(output / table / "**" / "*.parquet")
    return con.execute(f"SELECT * FROM read_parquet('{files}')").fetch_arrow_table().to_pylist()


def test_parquet_output_holds_exactly_the_records_of_brink_extract(spark_output, extracted):
    output, _ = spark_output
    rows = _dataset(output, "articles")
    analysed = {row["id"]: to_json(msgspec.structs.replace(msgspec.json.decode(row["record"], type=Article),
                                                           text=row["text"]))
                for row in rows if row["record"] is not None}
    copies = {row["id"]: row["duplicate_of"] for row in rows if row["record"] is None}
    assert copies == {_COPY: voa_stories(1)[0]["id"]}  # stored as a link, not analysed again
    assert sorted(analysed.values()) == sorted(record for key, record in extracted.items() if key not in copies)
    assert len(analysed) == 6
    near = next(row for row in rows if row["id"] == _NEAR_COPY)
    assert near["duplicate_of"] == voa_stories(2)[1]["id"] and near["similarity"] >= 0.8  # analysed, and linked


def test_every_dataset_has_the_columns_and_types_of_the_store_table(spark_output):
    output, _ = spark_output
    con = duckdb.connect()
    reference = store.connect(":memory:")
    for table in store.TABLES:
        files = str(output / table / "**" / "*.parquet")
        written = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{files}', hive_partitioning = false)").fetchall()
        expected = reference.execute(f"DESCRIBE {table}").fetchall()
        partition_key = {"published"} if table in PARTITIONED else set()  # in the folder names, not the files
        assert {row[0]: row[1] for row in written} == {row[0]: row[1] for row in expected
                                                        if row[0] not in partition_key}, table


def test_articles_are_partitioned_by_published_date(spark_output):
    output, _ = spark_output
    folders = {path.name for path in (output / "articles").iterdir() if path.is_dir()}
    assert "published=2025-03-14" in folders and "published=__HIVE_DEFAULT_PARTITION__" in folders


def test_a_bad_line_lands_in_the_errors_dataset_and_the_job_goes_on(spark_output):
    output, summary = spark_output
    errors = _dataset(output, "errors")
    assert [(row["origin"].rsplit("/", 1)[-1], row["kind"]) for row in errors] == [("stories.jsonl:2", "error")]
    assert "malformed JSON" in errors[0]["reason"]
    assert (summary.counts.stored, summary.counts.duplicates, summary.counts.failed) == (5, 2, 1)


def test_loaded_output_matches_a_local_ingest_table_for_table(spark_output, corpus, tmp_path):
    output, _ = spark_output
    loaded = tmp_path / "spark.duckdb"
    assert load_parquet(output, str(loaded)).counts.stored == 5
    local = tmp_path / "local.duckdb"
    ingest.ingest([str(corpus)], str(local), workers=1)
    for table in ("articles", "boilerplate", "actors", "mentions", "quotes", "events", "errors", "lsh_bands"):
        assert _rows(loaded, table) == _rows(local, table), table
    assert _rows(loaded, "articles", copies=True)[-1][:9] == _rows(local, "articles", copies=True)[-1][:9]
    with store.open(loaded) as source:  # the store's own JSONL export reads the loaded articles back
        exported = {msgspec.json.decode(line, type=Article).id for line in export.article_lines(source)}
    con = duckdb.connect(str(local), read_only=True)
    originals = con.execute("SELECT id FROM articles WHERE duplicate_of IS NULL AND record IS NOT NULL").fetchall()
    con.close()
    assert exported == {row[0] for row in originals}


def test_a_missing_input_or_an_existing_output_is_a_user_error_before_any_work(spark, spark_output, tmp_path):
    from brink.spark import job

    output, _ = spark_output
    with pytest.raises(UserError, match="no such file"):
        job.run(spark, [str(tmp_path / "missing.jsonl")], str(tmp_path / "out"))
    with pytest.raises(UserError, match="already exists"):
        job.run(spark, [str(output / "runs")], str(output))


def test_brink_ingest_parquet_loads_the_output_and_reports_the_failed_document(spark_output, tmp_path):
    output, _ = spark_output
    db = tmp_path / "brink.duckdb"
    result = CliRunner().invoke(app, ["ingest", "--parquet", str(output), "--db", str(db)])
    assert result.exit_code == 1  # one document failed in the job
    with store.open(db) as source:
        assert source.sql("SELECT count(*) AS n FROM articles").to_pylist() == [{"n": 7}]


def test_a_near_copy_links_to_the_most_similar_earlier_original_only():
    second, third = (0, "a", 1), (0, "a", 2)
    pairs = [(second, "B", "A", 0.9), (third, "C", "A", 0.85), (third, "C", "B", 0.95)]
    assert resolve_in_order(pairs) == {"B": ("A", 0.9), "C": ("A", 0.85)}  # B is a copy itself: no original


def _rows(db, table: str, copies: bool = False) -> list[tuple]:
    """A table's rows, sorted; without the exact copy's rows (or only those), which a local ingest
    analyses when the copy is read before its original is committed and Spark never does."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = [name for name, *_ in con.execute(f"DESCRIBE {table}").fetchall() if name not in _RUN_COLUMNS]
        key = next((name for name in ("article_id", "id") if name in columns and table != "actors"), None)
        where = f"WHERE {key} {'=' if copies else 'IS DISTINCT FROM'} '{_COPY}'" if key else ""
        return sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table} {where}").fetchall(), key=repr)
    finally:
        con.close()
