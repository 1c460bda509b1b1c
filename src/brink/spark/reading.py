"""A job's inputs, read so that no task holds a large file whole (docs/spark.md, "Reading").

The files are listed on the driver through Hadoop's FileSystem (any path Spark reads: `hdfs://`,
`s3a://`, `gs://`, `abfs://`, local) and numbered in `brink extract`'s order. Then:

- JSON Lines (`.jsonl`, `.ndjson`) go through Spark's line reader, in Hadoop splits of at most
  `spark.sql.files.maxPartitionBytes`, so one large file is many tasks. Each line keeps its exact
  bytes (read as binary, never decoded by the JVM) and its line number: a first, read-only pass
  counts the lines of every split. Gzip (`.jsonl.gz`) cannot be split: one task per file, still
  read line by line.
- Every other kind (text, HTML, feeds, WARC, anything sniffed) is read by one task per file with
  the local readers (`brink.sources.read_inputs`), which stream WARC records one at a time. A
  local file is read where it is; a file on another file system is first copied, block by block,
  to the executor's temporary disk (pyarrow.fs), never into memory.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import msgspec
from pyspark import RDD, SparkContext
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from brink.errors import UserError
from brink.records import Document, DocumentError
from brink.sources import JSONL_SUFFIXES, KNOWN_SUFFIXES, read_inputs
from brink.sources.jsonl import FieldNames, document_from_line
from brink.spark.duplicates import Order

_COPY_BLOCK = 1 << 20
_PYARROW_SCHEMES = {"s3a": "s3", "s3n": "s3"}  # Hadoop's names for what pyarrow calls s3


@dataclass(frozen=True)
class InputFile:
    number: int  # which input (argument) it came from
    rank: int  # its place in `brink extract`'s reading order
    uri: str  # as Hadoop names it (file:/data/x.jsonl, s3a://bucket/x.warc.gz)
    shown: str  # as `brink extract` names it: a local file by its path, any other by its URI

    @property
    def splittable(self) -> bool:
        name = self.uri.rsplit("/", 1)[-1]
        # Spark's file sources skip names starting with _ or . even when named: those go whole
        return name.lower().endswith(JSONL_SUFFIXES) and not name.startswith(("_", "."))


def list_inputs(sc: SparkContext, inputs: list[str]) -> list[InputFile]:
    """Every file of every input (a file, folder or glob), in `brink extract`'s order: inputs as
    given, a folder's files of known kinds sorted by path; a missing input is a UserError."""
    uris: list[tuple[int, str]] = []
    for number, given in enumerate(inputs):
        fs, path = hadoop_path(sc, given)
        matches = fs.globStatus(path)
        if not matches:
            raise UserError(f"{given}: no such file, folder or glob match")
        found = []  # (uri, whether a folder listing found it)
        for status in matches:
            if status.isDirectory():
                listing = fs.listFiles(status.getPath(), True)
                while listing.hasNext():
                    found.append((listing.next().getPath().toString(), True))
            else:
                found.append((status.getPath().toString(), False))
        uris += [(number, uri) for uri, listed in sorted(found, key=lambda pair: pair[0].split("/"))
                 if uri.lower().endswith(KNOWN_SUFFIXES) or not listed and _named(uri, given)]
    return [InputFile(number, rank, uri, _shown(uri)) for rank, (number, uri) in enumerate(uris)]


def read_items(spark: SparkSession, files: list[InputFile], fields: FieldNames, encoding: str) -> RDD:
    """RDD[(Order, Document | DocumentError)]: every record of every file, each with its place
    in `brink extract`'s reading order."""
    sc = spark.sparkContext
    parts = []
    lines = [file for file in files if file.splittable]
    if lines:
        parts.append(jsonl_items(spark, lines, fields))
    whole = [file for file in files if not file.splittable]
    if whole:
        tasks = min(len(whole), 4 * sc.defaultParallelism)
        parts.append(sc.parallelize(whole, tasks).flatMap(partial(file_items, fields=fields, encoding=encoding)))
    return sc.union(parts) if parts else sc.emptyRDD()


# --- JSON Lines: line-splittable ---------------------------------------------------------------

def jsonl_lines(spark: SparkSession, files: list[InputFile]):
    """DataFrame (file, block, line): every line's exact bytes, with the file and the start of
    the Hadoop split that read it; one Spark partition holds whole splits, lines in file order."""
    reader = spark.read.option("lineSep", "\n")  # as Python splits a binary file: a lone \r stays in the line
    frame = reader.text(sorted({file.uri for file in files}))
    return frame.select(F.col("_metadata.file_path").alias("file"), F.col("_metadata.file_block_start").alias("block"),
                        F.col("value").cast("binary").alias("line"))


def jsonl_items(spark: SparkSession, files: list[InputFile], fields: FieldNames) -> RDD:
    lines = jsonl_lines(spark, files)
    sc = spark.sparkContext
    splits = lines.groupBy("file", "block").count().collect()  # the read-only first pass: lines per split
    firsts, counted = {}, {}
    for row in sorted(splits, key=lambda row: (row.file, row.block)):
        firsts[(row.file, row.block)] = counted.get(row.file, 0) + 1
        counted[row.file] = counted.get(row.file, 0) + row["count"]
    readers = {}  # Spark's file name (URL-encoded) -> the inputs that named the file
    for name in counted:
        uri = sc._jvm.org.apache.hadoop.fs.Path(sc._jvm.java.net.URI(name)).toString()
        readers[name] = [file for file in files if file.uri == uri]
    numbered = partial(_numbered, firsts=sc.broadcast(firsts), readers=sc.broadcast(readers), fields=fields)
    return lines.rdd.mapPartitions(numbered)


def _numbered(rows: Iterable, firsts, readers, fields: FieldNames) -> Iterator[tuple[Order, object]]:
    """Each line's documents, numbered as `brink extract` numbers lines (blank lines count)."""
    split, number = None, 0
    for file, block, line in rows:
        if (file, block) != split:
            split, number = (file, block), firsts.value[(file, block)]
        if line.strip():
            for reader in readers.value[file]:
                yield (reader.number, reader.rank, number), document_from_line(bytes(line), f"{reader.shown}:{number}",
                                                                               fields)
        number += 1


# --- Other kinds: one task per file, streamed by the local readers -----------------------------

def file_items(file: InputFile, fields: FieldNames, encoding: str) -> Iterator[tuple[Order, object]]:
    """The records of one file, read by `brink.sources.read_inputs` as `brink extract` reads it;
    a file that cannot be read becomes one error, never a failed task."""
    try:
        with local_copy(file.uri) as local:
            for record, item in enumerate(read_inputs([local], fields, encoding)):
                yield (file.number, file.rank, record), _relabel(item, local, file.shown)
    except Exception as error:  # noqa: BLE001 - one unreadable file must not fail the job
        yield (file.number, file.rank, -1), DocumentError(file.shown, f"{file.shown}: cannot read ({error!r})")


@contextmanager
def local_copy(uri: str) -> Iterator[str]:
    """A local path for the file: itself when it is local, else a copy on temporary disk (the
    readers want a seekable file, for WARC, and its name, for ids and the kind)."""
    if _is_local(uri):
        yield _shown(uri)
        return
    from pyarrow import fs

    scheme, rest = uri.split("://", 1)
    filesystem, path = fs.FileSystem.from_uri(f"{_PYARROW_SCHEMES.get(scheme, scheme)}://{rest}")
    with tempfile.TemporaryDirectory(prefix="brink-spark-") as folder:
        local = Path(folder) / uri.rsplit("/", 1)[-1]
        with filesystem.open_input_stream(path) as source, open(local, "wb") as target:
            shutil.copyfileobj(source, target, _COPY_BLOCK)
        yield str(local)


def _relabel(item: Document | DocumentError, local: str, shown: str) -> Document | DocumentError:
    """Origins name the file where it lives, not a temporary copy."""
    if local == shown:
        return item
    if isinstance(item, Document):
        return msgspec.structs.replace(item, origin=item.origin.replace(local, shown) if item.origin else None)
    return DocumentError(item.origin.replace(local, shown), item.reason.replace(local, shown), item.id)


def hadoop_path(sc: SparkContext, path: str):
    """(FileSystem, Path): a path as Hadoop sees it, the job's own view of paths."""
    hadoop = sc._jvm.org.apache.hadoop.fs.Path(path)
    return hadoop.getFileSystem(sc._jsc.hadoopConfiguration()), hadoop


def _named(uri: str, given: str) -> bool:
    """A file named on its own (not found in a folder or by a glob pattern): read whatever its
    suffix, its kind sniffed from its content, as locally."""
    return uri.rsplit("/", 1)[-1] == given.rstrip("/").rsplit("/", 1)[-1]


def _is_local(uri: str) -> bool:
    return uri.startswith("file:/") and not uri.startswith("file://")


def _shown(uri: str) -> str:
    return uri.removeprefix("file:") if _is_local(uri) else uri
