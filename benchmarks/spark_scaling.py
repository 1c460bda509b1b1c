"""Docs/s of the local pipeline (`brink extract`'s `pipeline.analyze_many`, 2 processes) and of
the Spark job on a standalone cluster of 2 workers of 1 core each (brink.spark.standalone:
separate JVMs, loopback only), the same total cores, in one run; and the job's shuffle bytes
per document, read from Spark's own monitoring API. docs/spark.md's cost model rests on it.

    .venv/bin/python benchmarks/spark_scaling.py ../shared/data/polnear/train.jsonl --documents 3000

The corpus is the bundled VOA stories and the given texts (PolNeAR train), repeated with new ids
until there are --documents of them; each repeat ends with a line of its own, so that no two
texts are exact copies (the job would store those without analysis; the local pipeline has no
dedup). It is written to a temporary folder: the texts never enter the repository. Local times
include the model load of every process; the Spark figure is the job (reading, dedup, analysis
with the Python workers' model loads, Parquet), and the session's start is shown beside it.
Skips with a message when the corpus, PySpark or Java is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from itertools import cycle, islice
from pathlib import Path

from brink import pipeline
from brink.records import Article
from brink.sources import read_inputs

VOA = Path(__file__).resolve().parent.parent / "examples" / "voa" / "voa_stories.jsonl"
CORES = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="More texts (JSON Lines with id and text), e.g. PolNeAR train.")
    parser.add_argument("--documents", type=int, default=2000, help="How many documents (default 2000).")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"skipped: {corpus} not found")
        return
    if importlib.util.find_spec("pyspark") is None or shutil.which("java") is None:
        print("skipped: needs PySpark (the spark extra) and Java")
        return
    with tempfile.TemporaryDirectory(prefix="brink-spark-bench-") as folder:
        documents = Path(folder) / "documents.jsonl"
        size = write_documents(documents, [VOA, corpus], args.documents)
        local = local_rate(documents)
        spark, shuffle, started = cluster_rate(documents, Path(folder))
        written = sum(path.stat().st_size for path in (Path(folder) / "out").rglob("*.parquet"))
    print(f"{args.documents} documents, {size / 1e6:.1f} MB of JSON Lines, {CORES} cores, load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(f"local pipeline ({CORES} processes): {local:.2f} docs/s")
    print(f"spark job, standalone cluster ({CORES} workers x 1 core): {spark:.2f} docs/s "
          f"(session and executors started in {started:.1f} s before it)")
    print(f"spark / local: {spark / local:.2f}")
    print(f"docs per core-hour: local {local / CORES * 3600:,.0f}, spark {spark / CORES * 3600:,.0f}")
    print(f"shuffle written: {shuffle / args.documents:,.0f} bytes per document ({shuffle / 1e6:.1f} MB); "
          f"input {size / args.documents:,.0f} bytes per document; Parquet written {written / args.documents:,.0f} "
          f"bytes per document")


def write_documents(path: Path, sources: list[Path], count: int) -> int:
    texts = [json.loads(line) for source in sources for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    with open(path, "w", encoding="utf-8") as handle:
        for number, record in enumerate(islice(cycle(texts), count)):
            repeat = number // len(texts)
            text = record["text"] if repeat == 0 else f"{record['text']}\n\nRepeat {repeat}."
            handle.write(json.dumps({"id": f"{record['id']}~{repeat}", "text": text,
                                     "published": record.get("published")}) + "\n")
    return path.stat().st_size


def local_rate(documents: Path) -> float:
    started = time.monotonic()
    done = sum(isinstance(result, Article)
               for result in pipeline.analyze_many(read_inputs([str(documents)]), workers=CORES))
    rate = done / (time.monotonic() - started)
    print(f"local, {CORES} processes: {done} articles, {rate:.2f} docs/s", file=sys.stderr)
    return rate


def cluster_rate(documents: Path, folder: Path) -> tuple[float, int, float]:
    """Docs/s of the job, the bytes its shuffles wrote, and the seconds to start the session."""
    from brink.spark import job, standalone

    source = str(Path(job.__file__).resolve().parents[2])  # this brink, for the executors' Python too
    with standalone.cluster(folder / "cluster", workers=CORES, cores=1, memory="1g",
                            env={"PYTHONPATH": source}) as master:
        os.environ.update({**standalone.client_env(folder / "cluster"), "PYSPARK_PYTHON": sys.executable,
                           "PYTHONPATH": source})
        started = time.monotonic()
        spark = job.session(master, {"spark.executor.memory": "1g", "spark.ui.enabled": "true"})
        try:
            spark.sparkContext.parallelize(range(CORES), CORES).count()  # executors up before the clock starts
            session_seconds = time.monotonic() - started
            summary = job.run(spark, [str(documents)], str(folder / "out"))
            shuffle = shuffle_bytes(spark)
        finally:
            spark.stop()
    done = summary.counts.stored + summary.counts.duplicates
    rate = done / summary.seconds
    print(f"spark, standalone {CORES} x 1 core: {done} articles in {summary.partitions} partitions, "
          f"{summary.seconds:.1f} s, {rate:.2f} docs/s", file=sys.stderr)
    return rate, shuffle, session_seconds


def shuffle_bytes(spark) -> int:
    """Bytes written by all the job's shuffles, from the driver's monitoring API (loopback)."""
    sc = spark.sparkContext
    with urllib.request.urlopen(f"{sc.uiWebUrl}/api/v1/applications/{sc.applicationId}/stages") as response:
        return sum(stage.get("shuffleWriteBytes", 0) for stage in json.load(response))


if __name__ == "__main__":
    main()
