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
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from pyspark import RDD, SparkConf, SparkContext, SparkFiles, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import DateType, StructType, TimestampNTZType

from brink import pipeline, store
from brink.actors.knowledge import use_dictionaries
from brink.errors import UserError
from brink.events import lexicon as event_lexicon
from brink.ingest import Counts
from brink.records import Document, DocumentError
from brink.sources.jsonl import FieldNames
from brink.spark import duplicates
from brink.spark import reading
from brink.spark.duplicates import Order, Verdict
from brink.spark.load import PARTITIONED

RUN_ID = 1  # one job is one run; `brink ingest --parquet` renumbers it into the local store's runs
DOCS_PER_PARTITION = 500  # one analysis task: a minute or two of spaCy on one core
SESSION_CONF = {  # defaults: spark-submit's --conf and spark-defaults.conf take precedence
    "spark.sql.files.maxPartitionBytes": "16m",  # a JSON Lines read task: a few thousand articles
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
    """A Spark session for the job; under spark-submit, master and resources come from there.
    Executors run the Python named by PYSPARK_PYTHON (docs/spark.md: shipping the environment)."""
    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # unless told otherwise: this very environment
    settings = SparkConf()  # what spark-submit and spark-defaults.conf say
    for name, value in SESSION_CONF.items():
        settings.setIfMissing(name, value)
    for name, value in (conf or {}).items():
        settings.set(name, value)
    builder = SparkSession.builder.appName("brink").config(conf=settings)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def run(spark: SparkSession, inputs: list[str], output: str, fields: FieldNames | None = None,
        encoding: str = "utf-8", partitions: int | None = None, actors: Sequence[str] = (),
        triggers: str | None = None) -> JobSummary:
    """Analyse every document of `inputs` (files, folders or globs on any Hadoop path) into
    Parquet datasets under `output`: one folder per store table. `actors` and `triggers` are
    the user's dictionaries (`brink --actors/--triggers`), shipped to every executor."""
    sc = spark.sparkContext
    files = reading.list_inputs(sc, inputs)
    filesystem, path = reading.hadoop_path(sc, output)
    if filesystem.exists(path):
        raise UserError(f"{output}: already exists; the job writes a new folder")
    started, started_at = time.monotonic(), _now()
    schemas = table_schemas()
    dictionaries = ship_dictionaries(sc, actors, triggers)
    items = reading.read_items(spark, files, fields or FieldNames(), encoding).persist(StorageLevel.MEMORY_AND_DISK)
    documents = items.filter(lambda item: isinstance(item[1], Document))
    partitions = partitions or max(sc.defaultParallelism, math.ceil(documents.count() / DOCS_PER_PARTITION))
    rows = store_rows(sc, items, schemas, started_at, partitions, dictionaries).persist(StorageLevel.MEMORY_AND_DISK)
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
               partitions: int, dictionaries: Dictionaries) -> RDD:
    """RDD[Row]: every store row the inputs make. Documents are joined with their dedup
    verdicts, which spreads them evenly over `partitions` analysis tasks."""
    documents = items.filter(lambda item: isinstance(item[1], Document))
    keys = documents.map(lambda item: duplicates.key_of(item[0], item[1].id, item[1].text))
    verdicts = duplicates.decide(keys, sc)
    analysed = documents.join(verdicts, partitions).mapPartitions(
        partial(analyse_partition, schemas=schemas, stamp=stamp, dictionaries=dictionaries))
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


# --- User dictionaries -------------------------------------------------------------------------

@dataclass(frozen=True)
class Dictionaries:
    """The user's dictionaries by file name, as `SparkContext.addFile` ships them."""

    actors: tuple[str, ...] = ()
    triggers: str | None = None


def ship_dictionaries(sc: SparkContext, actors: Sequence[str], triggers: str | None) -> Dictionaries:
    """Send the user's `--actors` and `--triggers` files to every executor (SparkFiles)."""
    paths = [*actors, *([triggers] if triggers else [])]
    names = [Path(path).name for path in paths]
    if len(set(names)) < len(names):
        raise UserError(f"{', '.join(paths)}: dictionaries need distinct file names to be shipped to executors")
    for path in paths:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such dictionary file")
        sc.addFile(str(Path(path).resolve()))
    return Dictionaries(tuple(names[:len(actors)]), names[-1] if triggers else None)


def use_shipped(dictionaries: Dictionaries) -> None:
    """Code this Python worker's documents with the shipped dictionaries (and only those): the
    executor's own copies, never the driver's paths, which other machines do not have."""
    global _in_use
    if dictionaries == _in_use:
        return
    use_dictionaries(*(SparkFiles.get(name) for name in dictionaries.actors))
    if dictionaries.triggers:
        event_lexicon.use_user_file(SparkFiles.get(dictionaries.triggers))
    else:
        os.environ.pop(event_lexicon.ENV_VARIABLE, None)
    _in_use = dictionaries


_in_use: Dictionaries | None = None  # what this Python worker codes with


# --- Analysis ---------------------------------------------------------------------------------

def analyse_partition(pairs: Iterable[tuple[Order, tuple[Document, Verdict]]], schemas: dict[str, StructType],
                      stamp: dt.datetime, dictionaries: Dictionaries) -> Iterator[Row]:
    """One partition's rows. The spaCy model loads on the first parse and stays cached in the
    Python worker (nlp.load is per process), so later tasks on that worker reuse it."""
    use_shipped(dictionaries)
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
    for table, row in writer.take_rows():
        if table in schemas:  # lsh_bands: rebuilt from `minhash` when loaded into a store
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
