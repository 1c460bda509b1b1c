"""The Spark job: input files on any Hadoop path -> the local readers -> dedup decided across
partitions (brink.spark.duplicates) -> `pipeline.analyze_many` in each partition -> the store's
own rows (`store.Writer`) -> one Parquet dataset per store table (docs/spark.md).

Every record goes through the code `brink extract` and `brink ingest` run: the readers, the
pipeline, `store.actor_key` for canonical actor ids and the Writer's row builders; the table
schemas are read from the store's DuckDB schema. Only the scheduling is Spark's.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import msgspec
from pyspark import RDD, SparkContext, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import DateType, StructType, TimestampNTZType

from brink import pipeline, store
from brink.errors import UserError
from brink.ingest import Counts
from brink.records import Document, DocumentError
from brink.sources import KNOWN_SUFFIXES, read_inputs
from brink.sources.jsonl import FieldNames
from brink.spark import duplicates
from brink.spark.duplicates import Order, Verdict
from brink.spark.load import PARTITIONED

RUN_ID = 1  # one job is one run; `brink ingest --parquet` renumbers it into the local store's runs
DOCS_PER_PARTITION = 500  # one analysis task: a minute or two of spaCy on one core
SESSION_CONF = {
    "spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive": "true",  # folders, as `brink extract`
    "spark.python.worker.reuse": "true",  # the spaCy model is cached per Python worker: keep them
    "spark.sql.parquet.compression.codec": "zstd",  # as the store's Parquet export
    "spark.sql.session.timeZone": "UTC",
}

Row = tuple[str, Order, tuple]  # (table, order of the document it came from, values in schema order)


@dataclass
class JobSummary:
    counts: Counts
    seconds: float
    partitions: int


def session(master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session for the job; under spark-submit, master and resources come from there."""
    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local workers: this very environment
    builder = SparkSession.builder.appName("brink")
    if master:
        builder = builder.master(master)
    for name, value in {**SESSION_CONF, **(conf or {})}.items():
        builder = builder.config(name, value)
    return builder.getOrCreate()


def run(spark: SparkSession, inputs: list[str], output: str, fields: FieldNames | None = None,
        encoding: str = "utf-8", partitions: int | None = None) -> JobSummary:
    """Analyse every document of `inputs` (files, folders or globs on any Hadoop path) into
    Parquet datasets under `output`: one folder per store table."""
    sc = spark.sparkContext
    _check_paths(sc, inputs, output)
    started, started_at = time.monotonic(), _now()
    schemas = table_schemas()
    items = read_items(sc, inputs, fields or FieldNames(), encoding).persist(StorageLevel.MEMORY_AND_DISK)
    documents = items.filter(lambda item: isinstance(item[1], Document))
    partitions = partitions or max(sc.defaultParallelism, math.ceil(documents.count() / DOCS_PER_PARTITION))
    rows = store_rows(sc, items, schemas, started_at, partitions).persist(StorageLevel.MEMORY_AND_DISK)
    base = output.rstrip("/")
    for table, schema in schemas.items():
        if table != "runs":
            _write(spark.createDataFrame(_table_values(rows, table), schema), f"{base}/{table}", table)
    counts = count_outcomes(rows, schemas)
    run_row = (RUN_ID, started_at, _now(), " ".join(inputs), sc.defaultParallelism, counts.stored,
               counts.duplicates, counts.skipped, counts.failed, "finished")
    _write(spark.createDataFrame([run_row], schemas["runs"]).coalesce(1), f"{base}/runs", "runs")
    rows.unpersist()
    items.unpersist()
    return JobSummary(counts, time.monotonic() - started, partitions)


def store_rows(sc: SparkContext, items: RDD, schemas: dict[str, StructType], stamp: dt.datetime,
               partitions: int) -> RDD:
    """RDD[Row]: every store row the inputs make. Documents are joined with their dedup
    verdicts, which spreads them evenly over `partitions` analysis tasks."""
    documents = items.filter(lambda item: isinstance(item[1], Document))
    keys = documents.map(lambda item: duplicates.key_of(item[0], item[1].id, item[1].text))
    verdicts = duplicates.decide(keys, sc)
    analysed = documents.join(verdicts, partitions).mapPartitions(
        partial(analyse_partition, schemas=schemas, stamp=stamp))
    unread = items.filter(lambda item: isinstance(item[1], DocumentError)).flatMap(
        lambda item: _rows_of(item[0], item[1].origin, item[1].id, lambda writer: writer.add_error(item[1]),
                              schemas, stamp))
    return analysed.union(unread)


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, StructType]:
    """Each store table's columns as a Spark schema, read from the store's own DuckDB schema."""
    con = store.connect(":memory:")
    try:
        return {table: from_arrow_schema(con.execute(f"SELECT * FROM {table} LIMIT 0").fetch_arrow_table().schema,
                                         prefer_timestamp_ntz=True)
                for table in store.TABLES}
    finally:
        con.close()


# --- Reading ----------------------------------------------------------------------------------

def _check_paths(sc: SparkContext, inputs: list[str], output: str) -> None:
    """Missing inputs and an existing output are the user's to fix, before any work is done."""
    for path in inputs:
        if not _hadoop_fs(sc, path).globStatus(_hadoop_path(sc, path)):
            raise UserError(f"{path}: no such file, folder or glob match")
    if _hadoop_fs(sc, output).exists(_hadoop_path(sc, output)):
        raise UserError(f"{output}: already exists; the job writes a new folder")


def _hadoop_path(sc: SparkContext, path: str):
    return sc._jvm.org.apache.hadoop.fs.Path(path)  # Hadoop's FileSystem: the job's own view of paths


def _hadoop_fs(sc: SparkContext, path: str):
    return _hadoop_path(sc, path).getFileSystem(sc._jsc.hadoopConfiguration())


def read_items(sc: SparkContext, inputs: list[str], fields: FieldNames, encoding: str) -> RDD:
    """RDD[(Order, Document | DocumentError)]: every input file read whole by Spark (so any
    Hadoop file system works) and handed to the local readers."""
    files = sc.union([sc.binaryFiles(path).map(partial(_numbered, number, path)) for number, path in enumerate(inputs)])
    return files.flatMap(partial(_file_items, fields=fields, encoding=encoding))


def _numbered(number: int, given: str, file: tuple[str, bytes]) -> tuple[int, str, str, bytes]:
    return number, given, *file


def _file_items(file: tuple[int, str, str, bytes], fields: FieldNames, encoding: str) -> Iterator[tuple[Order, object]]:
    """The documents of one file, read by `brink.sources.read_inputs` as `brink extract` reads
    it; a file that cannot be read becomes one error, never a failed task."""
    number, given, uri, data = file
    name = uri.rsplit("/", 1)[-1]
    # Files of known kinds from folders and globs; any file named on its own (sniffed, as locally).
    if not name.lower().endswith(KNOWN_SUFFIXES) and name != given.rstrip("/").rsplit("/", 1)[-1]:
        return
    try:
        with tempfile.TemporaryDirectory(prefix="brink-spark-") as folder:
            local = Path(folder) / name  # the readers want a seekable file (WARC) and its name (ids, kind)
            local.write_bytes(data)
            for record, item in enumerate(read_inputs([str(local)], fields, encoding)):
                yield (number, uri, record), _relabel(item, str(local), _shown(uri))
    except Exception as error:  # noqa: BLE001 - one unreadable file must not fail the job
        yield (number, uri, -1), DocumentError(_shown(uri), f"{_shown(uri)}: cannot read ({error!r})")


def _shown(uri: str) -> str:
    """A local file as `brink extract` names it (its path); any other file by its URI."""
    return uri.removeprefix("file:") if uri.startswith("file:/") and not uri.startswith("file://") else uri


def _relabel(item: Document | DocumentError, local: str, uri: str) -> Document | DocumentError:
    """Origins name the file where it lives, not the executor's temporary copy."""
    if isinstance(item, Document):
        return msgspec.structs.replace(item, origin=item.origin.replace(local, uri) if item.origin else None)
    return DocumentError(item.origin.replace(local, uri), item.reason.replace(local, uri), item.id)


# --- Analysis ---------------------------------------------------------------------------------

def analyse_partition(pairs: Iterable[tuple[Order, tuple[Document, Verdict]]], schemas: dict[str, StructType],
                      stamp: dt.datetime) -> Iterator[Row]:
    """One partition's rows. The spaCy model loads on the first parse and stays cached in the
    Python worker (nlp.load is per process), so later tasks on that worker reuse it."""
    batch: list[tuple[Order, Document, Verdict]] = []
    for order, (document, verdict) in pairs:
        if verdict.action == "copy":
            yield from _rows_of(order, document.origin, document.id, lambda writer: writer.add_copy(
                document, verdict.text_hash, verdict.original), schemas, stamp)
        elif verdict.action == "skip":
            error = DocumentError(document.origin or document.id, verdict.reason, document.id)
            yield from _rows_of(order, document.origin, document.id,
                                lambda writer: writer.add_error(error, kind="skipped"), schemas, stamp)
        else:
            batch.append((order, document, verdict))
            if len(batch) == pipeline.CHUNK_SIZE * 4:
                yield from _analyse(batch, schemas, stamp)
                batch = []
    yield from _analyse(batch, schemas, stamp)


def _analyse(batch: list[tuple[Order, Document, Verdict]], schemas: dict[str, StructType],
             stamp: dt.datetime) -> Iterator[Row]:
    results = pipeline.analyze_many((document for _, document, _ in batch), workers=1)
    for (order, document, verdict), result in zip(batch, results):
        if isinstance(result, DocumentError):
            add = partial(store.Writer.add_error, error=result)
        else:
            add = partial(store.Writer.add_article, article=result, origin=document.origin,
                          text_hash=verdict.text_hash, signature=verdict.signature, duplicate_of=verdict.original,
                          similarity=verdict.similarity)
        yield from _rows_of(order, document.origin, document.id, add, schemas, stamp)


def _rows_of(order: Order, origin: str | None, doc_id: str | None, add: Callable[[store.Writer], None],
             schemas: dict[str, StructType], stamp: dt.datetime) -> list[Row]:
    """The store rows one document makes, built by the store's own Writer (never connected:
    it only buffers); a document whose rows cannot be built becomes an error row instead."""
    writer = store.Writer(None, RUN_ID)
    try:
        add(writer)
        return list(_converted(order, writer, schemas, stamp))
    except Exception as error:  # noqa: BLE001 - one document's failure must not fail the job
        writer = store.Writer(None, RUN_ID)
        writer.add_error(DocumentError(origin or doc_id or "?", f"internal error: {error!r}", doc_id))
        return list(_converted(order, writer, schemas, stamp))


def _converted(order: Order, writer: store.Writer, schemas: dict[str, StructType], stamp: dt.datetime) -> Iterator[Row]:
    """The rows the Writer buffered (its `items`, each holding `rows` by table)."""
    for item in writer.items:
        for table, rows in item.rows.items():
            if table in schemas:  # lsh_bands: rebuilt from `minhash` when loaded into a store
                for row in rows:
                    yield table, order, _values(row, schemas[table], stamp)


def _values(row: dict, schema: StructType, stamp: dt.datetime) -> tuple:
    """A Writer row as a tuple in schema order, typed as DuckDB would cast it on insert; a
    timestamp the database sets on insert is the job's start."""
    values = []
    for field in schema.fields:
        value = row.get(field.name)
        if isinstance(field.dataType, DateType) and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif isinstance(field.dataType, TimestampNTZType) and value is None:
            value = stamp
        values.append(value)
    return tuple(values)


# --- Writing ----------------------------------------------------------------------------------

def _table_values(rows: RDD, table: str) -> RDD:
    values = rows.filter(lambda row: row[0] == table)
    if table == "actors":  # one row per canonical actor: the first article to name it fixes it, as locally
        values = values.keyBy(lambda row: row[2][0]).reduceByKey(lambda a, b: a if a[1] <= b[1] else b).values()
    return values.map(lambda row: row[2])


def _write(frame: DataFrame, path: str, table: str) -> None:
    if table in PARTITIONED:  # one folder per day, few files per folder
        frame.repartition("published").write.partitionBy("published").parquet(path, mode="errorifexists")
    else:
        frame.write.parquet(path, mode="errorifexists")


def count_outcomes(rows: RDD, schemas: dict[str, StructType]) -> Counts:
    """What happened to the inputs, as `brink ingest` counts it."""
    duplicate_of = schemas["articles"].names.index("duplicate_of")
    kind = schemas["errors"].names.index("kind")
    outcomes = rows.filter(lambda row: row[0] in ("articles", "errors")).map(
        lambda row: ("duplicates" if row[2][duplicate_of] else "stored") if row[0] == "articles"
        else ("skipped" if row[2][kind] == "skipped" else "failed"))
    return Counts(**outcomes.countByValue())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
