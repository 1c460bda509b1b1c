"""The Spark job on a real cluster: a Spark standalone master and two workers started from
PySpark's own distribution (separate JVMs, loopback only; brink.spark.standalone), the job
submitted with `brink spark --master spark://...` and with `spark-submit` as docs/spark.md tells
users, the environment shared the documented way (PYSPARK_PYTHON on a shared file system).

On a small mixed corpus (JSON Lines with a bad line, an exact and a near copy; JSON Lines in
gzip, and in a file whose name starts with _; a text file; a WARC archive), its Parquet, loaded back, holds exactly the records `brink
extract` writes for the same input, in the store's own tables, and loads into a store as `brink
ingest` would have filled it; JSON Lines read in many small splits are numbered as locally; the
user's --actors and --triggers files reach the executors and change their coding; a 200 MB JSON
Lines file is read as many tasks by executors of 1 GB. Skipped when PySpark or Java is missing."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import msgspec
import pytest
from typer.testing import CliRunner

import brink
from brink import export, ingest, store
from brink.actors.knowledge import use_dictionaries
from brink.cli import app
from brink.errors import UserError
from brink.events import lexicon as event_lexicon
from brink.records import Article, to_json
from corpus_fixtures import voa_stories, write_warc

pytest.importorskip("pyspark", reason="the spark extra (PySpark) is not installed")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java on PATH")

from pyspark.sql import functions as F  # noqa: E402

from brink.spark import reading, standalone  # noqa: E402 - needs PySpark
from brink.spark.duplicates import resolve_in_order  # noqa: E402
from brink.spark.load import PARTITIONED, load_parquet  # noqa: E402

# Tables compared row for row with a local ingest: everything but which run stored them, and when.
_RUN_COLUMNS = {"run_id", "first_run", "recorded_at"}
_COPY = "copy-of-first"
_NEAR_COPY = "near-copy-of-second"
_DICTIONARY_STORY = "vell-and-the-tanker"
# Made-up entries of our own: a person and a trigger that brink's own files do not have.
_PEOPLE = "Ana Vell\tVell\tPRT\t\tGOV\tForeign Minister\t2023-01-01\t\n"
_TRIGGERS = "words\tpos\tobject\tprep\tprep_object\tcameo\tnote\nshadow\tVERB\t-\t-\t-\t150\tshows of force\n"
_SOURCE = str(Path(brink.__file__).resolve().parents[1])  # the brink under test, for executors' Python too
_SUMMARY = re.compile(r"(\d+) articles stored, (\d+) duplicates linked, (\d+) skipped, (\d+) failed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    stories = [dict(story, text=story["text"][:2000]) for story in voa_stories(6)]
    lines = [json.dumps({key: story[key] for key in ("id", "text", "title", "url", "published")})
             for story in stories[:3]]
    lines[2] = json.dumps({"id": stories[2]["id"], "text": stories[2]["text"]})  # no date: the null partition
    lines.insert(1, '{"id": "broken", "text": ')
    lines.append(json.dumps({"id": _COPY, "text": stories[0]["text"]}))
    lines.append(json.dumps({"id": _NEAR_COPY, "text": stories[1]["text"] + " Additional reporting from the wire."}))
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "story.txt").write_text(stories[3]["text"], encoding="utf-8")
    write_warc(folder / "pages.warc.gz", stories[4:5])
    dictionary_story = {"id": _DICTIONARY_STORY, "published": "2024-05-06",
                        "text": "Vell met her counterparts in Lisbon on Monday. "
                                "The Russian navy shadowed the British tanker on Tuesday."}
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(stories[5]) + "\n")
    (folder / "_dictionary.jsonl").write_text(json.dumps(dictionary_story) + "\n", encoding="utf-8")  # hidden
    return folder


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("dictionaries")
    (folder / "people.tsv").write_text(_PEOPLE, encoding="utf-8")
    (folder / "triggers.tsv").write_text(_TRIGGERS, encoding="utf-8")
    return folder / "people.tsv", folder / "triggers.tsv"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The master's URL and the drivers' environment; the cluster stops after the module."""
    folder = tmp_path_factory.mktemp("cluster")
    with standalone.cluster(folder, workers=2, cores=1, memory="1g", env={"PYTHONPATH": _SOURCE}) as master:
        yield master, {**standalone.client_env(folder), "PYSPARK_PYTHON": sys.executable, "PYTHONPATH": _SOURCE}


@pytest.fixture(scope="module")
def spark_output(cluster, corpus, tmp_path_factory):
    """`brink spark CORPUS OUT --master spark://...`: the output folder and the summary line."""
    master, env = cluster
    output = tmp_path_factory.mktemp("spark") / "out"
    result = subprocess.run([sys.executable, "-m", "brink.cli", "spark", str(corpus), str(output), "--master", master],
                            env={**env, "COLUMNS": "200"}, capture_output=True, text=True)  # the summary on one line
    assert result.returncode == 1, result.stderr[-3000:]  # the bad line
    return output, _SUMMARY.search(result.stdout + result.stderr).groups()


@pytest.fixture(scope="module")
def submitted(cluster, corpus, dictionaries, tmp_path_factory):
    """The same corpus through spark-submit and the packaged driver, as docs/spark.md says, with
    the user's dictionaries, and JSON Lines read in splits of 2 KB (a few lines each)."""
    master, env = cluster
    output = tmp_path_factory.mktemp("submitted") / "out"
    driver = str(Path(reading.__file__).parent / "__main__.py")
    people, triggers = dictionaries
    result = subprocess.run([standalone.spark_submit(), "--master", master, "--executor-memory", "1g",
                             "--conf", "spark.sql.files.maxPartitionBytes=2k", driver, str(corpus), str(output),
                             "--actors", str(people), "--triggers", str(triggers)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr[-3000:]
    return output


@pytest.fixture(scope="module")
def extracted(corpus, tmp_path_factory) -> dict[str, bytes]:
    target = tmp_path_factory.mktemp("extract") / "articles.jsonl"
    result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(target), "--workers", "1"])
    assert result.exit_code == 1  # the bad line
    return _records(target)


@pytest.fixture(scope="module")
def extracted_with_dictionaries(corpus, dictionaries, tmp_path_factory, extracted) -> dict[str, bytes]:
    """`brink --actors --triggers extract`; the dictionaries are this process's, so they are
    dropped again afterwards (after `extracted`, which codes without them)."""
    target = tmp_path_factory.mktemp("extract") / "articles.jsonl"
    people, triggers = dictionaries
    try:
        result = CliRunner().invoke(app, ["--actors", str(people), "--triggers", str(triggers), "extract", str(corpus),
                                          "-o", str(target), "--workers", "1"])
    finally:
        use_dictionaries()
        os.environ.pop(event_lexicon.ENV_VARIABLE, None)
    assert result.exit_code == 1
    return _records(target)


def _records(path: Path) -> dict[str, bytes]:
    articles = [msgspec.json.decode(line, type=Article) for line in path.read_bytes().splitlines()]
    return {article.id: to_json(article) for article in articles}


def _dataset(output, table: str) -> list[dict]:
    con = duckdb.connect()
    files = str(output / table / "**" / "*.parquet")
    return con.execute(f"SELECT * FROM read_parquet('{files}')").fetch_arrow_table().to_pylist()


def test_parquet_output_holds_exactly_the_records_of_brink_extract(spark_output, extracted):
    output, _ = spark_output
    rows = _dataset(output, "articles")
    analysed = _analysed(rows)
    copies = {row["id"]: row["duplicate_of"] for row in rows if row["record"] is None}
    assert copies == {_COPY: voa_stories(1)[0]["id"]}  # stored as a link, not analysed again
    assert sorted(analysed.values()) == sorted(record for key, record in extracted.items() if key not in copies)
    assert len(analysed) == 8
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
    assert summary == ("7", "2", "0", "1")  # stored, duplicates linked, skipped, failed


def test_loaded_output_matches_a_local_ingest_table_for_table(spark_output, corpus, tmp_path):
    output, _ = spark_output
    loaded = tmp_path / "spark.duckdb"
    assert load_parquet(output, str(loaded)).counts.stored == 7
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


def test_spark_submit_with_dictionaries_and_small_splits_writes_the_records_of_brink_extract(
        submitted, extracted_with_dictionaries, spark_output):
    rows = _dataset(submitted, "articles")
    analysed = _analysed(rows)
    assert sorted(analysed.values()) == sorted(record for key, record in extracted_with_dictionaries.items()
                                               if key != _COPY)
    # JSON Lines read in splits of a few lines are numbered as `brink extract` numbers them
    cli_rows = _dataset(spark_output[0], "articles")
    assert {(row["id"], row["origin"]) for row in rows} == {(row["id"], row["origin"]) for row in cli_rows}
    assert [row["origin"].rsplit("/", 1)[-1] for row in _dataset(submitted, "errors")] == ["stories.jsonl:2"]


def test_the_users_dictionaries_change_the_coding_on_the_executors(submitted, spark_output):
    shipped = msgspec.json.decode(_analysed(_dataset(submitted, "articles"))[_DICTIONARY_STORY], type=Article)
    plain = msgspec.json.decode(_analysed(_dataset(spark_output[0], "articles"))[_DICTIONARY_STORY], type=Article)
    assert [event.trigger.text for event in shipped.events if event.cameo == "150"] == ["shadowed"]
    assert not any(event.cameo == "150" for event in plain.events)
    assert [actor.country for actor in shipped.actors if actor.name == "Ana Vell"] == ["PRT"]
    assert not any(actor.name == "Ana Vell" for actor in plain.actors)


def test_a_200_mb_json_lines_file_is_read_as_many_tasks_by_executors_of_1_gb(cluster, tmp_path, monkeypatch):
    """The job's reading stage alone (Spark's line reader, and the count of lines per split that
    numbers them), not the analysis of 200 MB: how one large file becomes many bounded tasks."""
    big = tmp_path / "big.jsonl"
    lines = [json.dumps(story).encode() + b"\n" for story in voa_stories(65)]
    with open(big, "wb") as handle:
        while handle.tell() < 200 * 1024 * 1024:
            handle.writelines(lines)
    total = big.stat().st_size // sum(map(len, lines)) * len(lines)
    with _session(cluster, monkeypatch) as spark:
        assert spark.sparkContext.getConf().get("spark.executor.memory") == "1g"
        frame = reading.jsonl_lines(spark, reading.list_inputs(spark.sparkContext, [str(big)]))
        counts = frame.groupBy(F.spark_partition_id().alias("task"), "block").count().collect()
    big.unlink()
    per_task = [sum(row["count"] for row in counts if row.task == task) for task in {row.task for row in counts}]
    assert len(per_task) >= 8 and len({row.block for row in counts}) >= 8
    assert sum(per_task) == total
    assert max(per_task) <= 2 * total / len(per_task)  # evenly spread: no task holds much of the file


def test_a_missing_input_or_an_existing_output_is_a_user_error_before_any_work(cluster, spark_output, tmp_path,
                                                                                monkeypatch):
    from brink.spark import job

    output, _ = spark_output
    with _session(cluster, monkeypatch) as spark:
        with pytest.raises(UserError, match="no such file"):
            job.run(spark, [str(tmp_path / "missing.jsonl")], str(tmp_path / "out"))
        with pytest.raises(UserError, match="already exists"):
            job.run(spark, [str(output / "runs")], str(output))


def test_a_file_on_another_file_system_is_copied_to_local_disk_and_read_there(tmp_path):
    remote = tmp_path / "story.txt"
    remote.write_text("Ministers met in Lisbon on Monday.", encoding="utf-8")
    with reading.local_copy(remote.as_uri()) as local:  # file:///...: through pyarrow's file systems
        assert local != str(remote) and Path(local).read_bytes() == remote.read_bytes()
    assert not Path(local).exists()


def test_brink_ingest_parquet_loads_the_output_and_reports_the_failed_document(spark_output, tmp_path):
    output, _ = spark_output
    db = tmp_path / "brink.duckdb"
    result = CliRunner().invoke(app, ["ingest", "--parquet", str(output), "--db", str(db)])
    assert result.exit_code == 1  # one document failed in the job
    with store.open(db) as source:
        assert source.sql("SELECT count(*) AS n FROM articles").to_pylist() == [{"n": 9}]


def test_a_near_copy_links_to_the_most_similar_earlier_original_only():
    second, third = (0, 0, 1), (0, 0, 2)
    pairs = [(second, "B", "A", 0.9), (third, "C", "A", 0.85), (third, "C", "B", 0.95)]
    assert resolve_in_order(pairs) == {"B": ("A", 0.9), "C": ("A", 0.85)}  # B is a copy itself: no original


def _analysed(rows: list[dict]) -> dict[str, bytes]:
    """The analysed articles' records (text joined back in), by id."""
    return {row["id"]: to_json(msgspec.structs.replace(msgspec.json.decode(row["record"], type=Article),
                                                       text=row["text"]))
            for row in rows if row["record"] is not None}


@contextmanager
def _session(cluster, monkeypatch):
    """A session of this process on the cluster, executors of 1 GB; stopped after the block, so
    that the next application gets the workers' cores."""
    from brink.spark import job

    master, env = cluster
    for name in ("SPARK_CONF_DIR", "PYSPARK_PYTHON", "SPARK_LOCAL_IP", "PYTHONPATH"):
        monkeypatch.setenv(name, env[name])
    spark = job.session(master, {"spark.executor.memory": "1g"})
    try:
        yield spark
    finally:
        spark.stop()


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
