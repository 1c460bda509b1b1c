"""`brink ingest --parquet DIR`: a Spark job's output (brink.spark.job) into a local store, so the
web UI, queries and exports work on it. Needs no Spark: DuckDB reads the Parquet datasets, whose
columns are the store's own.

All or nothing, in one transaction. Articles already in the store are left as they are (with
their rows); the job's run becomes a new run of the store.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from brink import dedup, store
from brink.errors import UserError
from brink.ingest import Counts, RunSummary

PARTITIONED = ("articles", "quotes", "events")  # the datasets in folders by `published` (Hive style)
_NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # Spark's folder for a null date, which DuckDB reads as text
_CHILD_TABLES = ("boilerplate", "mentions", "quotes", "events")  # rows of one article, keyed by article_id
_FETCH_ROWS = 10_000


def load_parquet(folder: str | Path, db: str = store.DEFAULT_DB) -> RunSummary:
    """Load the Parquet datasets under `folder` into the store at `db`."""
    folder = Path(folder)
    if not (folder / "articles").is_dir():
        raise UserError(f"{folder}: not the output of `brink spark` (no articles/ dataset in it)")
    started = time.monotonic()
    con = store.connect(db)
    try:
        run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
        con.execute("BEGIN TRANSACTION")
        try:
            counts = _insert(con, _attach(con, folder), run_id)
            con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, 'finished')",
                        [run_id, _now(), _now(), f"parquet:{folder}", counts.stored, counts.duplicates,
                         counts.skipped, counts.failed])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        store.rebuild_search_index(con)
    finally:
        con.close()
    return RunSummary(run_id, counts, time.monotonic() - started)


def _attach(con: duckdb.DuckDBPyConnection, folder: Path) -> set[str]:
    """A view `spark_<table>` over each dataset that holds files (an empty one may have none)."""
    present = set()
    for table in store.TABLES:
        if table != "runs" and next((folder / table).glob("**/*.parquet"), None) is not None:
            files = str(folder / table / "**" / "*.parquet").replace("'", "''")
            if table in PARTITIONED:
                source = (f"SELECT * REPLACE (CAST(NULLIF(published, '{_NO_DATE}') AS DATE) AS published) FROM "
                          f"read_parquet('{files}', hive_partitioning = true, hive_types = {{'published': 'VARCHAR'}})")
            else:
                source = f"SELECT * FROM read_parquet('{files}')"
            con.execute(f"CREATE OR REPLACE TEMP VIEW spark_{table} AS {source}")
            present.add(table)
    return present


def _insert(con: duckdb.DuckDBPyConnection, tables: set[str], run_id: int) -> Counts:
    con.execute("CREATE OR REPLACE TEMP TABLE spark_new AS "
                "SELECT row_number() OVER () AS number, id, origin, duplicate_of, minhash FROM spark_articles "
                "WHERE id NOT IN (SELECT id FROM articles)")
    con.execute(f"INSERT INTO articles BY NAME SELECT * REPLACE ({run_id} AS run_id) FROM spark_articles "
                "WHERE id IN (SELECT id FROM spark_new)")
    con.execute("DELETE FROM errors WHERE origin IN (SELECT origin FROM spark_new)")  # stored now, as ingest does
    for table in _CHILD_TABLES:
        if table in tables:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM spark_{table} "
                        "WHERE article_id IN (SELECT id FROM spark_new)")
    if "actors" in tables:
        con.execute(f"INSERT OR IGNORE INTO actors BY NAME SELECT DISTINCT ON (id) * REPLACE ({run_id} AS first_run) "
                    "FROM spark_actors")
    failed = skipped = 0
    if "errors" in tables:
        con.execute(f"INSERT OR REPLACE INTO errors BY NAME SELECT DISTINCT ON (origin) * REPLACE ({run_id} AS run_id) "
                    "FROM spark_errors")
        skipped, failed = con.execute("SELECT count(*) FILTER (WHERE kind = 'skipped'), "
                                      "count(*) FILTER (WHERE kind <> 'skipped') FROM spark_errors").fetchone()
    _insert_bands(con)
    stored, duplicates = con.execute("SELECT count(*) FILTER (WHERE duplicate_of IS NULL), "
                                     "count(*) FILTER (WHERE duplicate_of IS NOT NULL) FROM spark_new").fetchone()
    already = con.execute("SELECT count(*) FROM spark_articles").fetchone()[0] - stored - duplicates
    return Counts(stored=stored, duplicates=duplicates, already=already, skipped=skipped, failed=failed)


def _insert_bands(con: duckdb.DuckDBPyConnection) -> None:
    """The LSH band keys of the new originals, from their MinHash signatures, so a later local
    ingest finds copies of these articles as it finds copies of its own."""
    total = con.execute("SELECT count(*) FROM spark_new").fetchone()[0]
    for first in range(1, total + 1, _FETCH_ROWS):  # in slices: the inserts below would end a streaming result
        rows = con.execute("SELECT id, minhash FROM spark_new WHERE number >= ? AND number < ? "
                           "AND duplicate_of IS NULL AND minhash IS NOT NULL", [first, first + _FETCH_ROWS]).fetchall()
        bands = [(key, article_id) for article_id, minhash in rows
                 for key in dedup.band_keys(np.array(minhash, dtype=np.uint64))]
        batch = pa.table({"band_key": pa.array([key for key, _ in bands], pa.int64()),
                          "article_id": pa.array([article_id for _, article_id in bands], pa.string())})
        con.register("spark_bands", batch)
        con.execute("INSERT INTO lsh_bands BY NAME SELECT * FROM spark_bands")
        con.unregister("spark_bands")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
