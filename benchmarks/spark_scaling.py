"""Docs/s of the Spark job with local[1] and local[2], against the single-machine pipeline
(`brink extract`'s `pipeline.analyze_many`) with the same number of processes.

    .venv/bin/python benchmarks/spark_scaling.py ../shared/data/polnear/train.jsonl --documents 200

The subset is written to a temporary file (the texts never enter the repository). Times include
every model load: the local pool's processes and Spark's Python workers each load spaCy once.
The Spark time is the job alone (reading, dedup, analysis, Parquet), not the session start.
Skips with a message when the corpus or PySpark is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from brink import pipeline
from brink.records import Article
from brink.sources import read_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="PolNeAR train texts (JSON Lines with id and text).")
    parser.add_argument("--documents", type=int, default=200, help="How many documents (default 200).")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"skipped: {corpus} not found")
        return
    if importlib.util.find_spec("pyspark") is None or shutil.which("java") is None:
        print("skipped: needs PySpark (the spark extra) and Java")
        return
    with tempfile.TemporaryDirectory(prefix="brink-spark-bench-") as folder:
        subset = Path(folder) / "subset.jsonl"
        with open(corpus, "rb") as source:
            subset.write_bytes(b"".join(islice(source, args.documents)))
        local = {workers: local_rate(subset, workers) for workers in (2, 1)}  # 2 first: no model in the parent yet
        spark = {cores: spark_rate(subset, cores, Path(folder) / f"out{cores}") for cores in (1, 2)}
    print(f"{'processes':>9} {'local docs/s':>13} {'spark docs/s':>13} {'spark/local':>12}")
    for processes in (1, 2):
        print(f"{processes:>9} {local[processes]:>13.2f} {spark[processes]:>13.2f} "
              f"{spark[processes] / local[processes]:>12.2f}")
    print(f"spark scaling local[2]/local[1]: {spark[2] / spark[1]:.2f}; "
          f"local scaling 2/1 processes: {local[2] / local[1]:.2f}")


def local_rate(subset: Path, workers: int) -> float:
    started = time.monotonic()
    done = sum(isinstance(result, Article) for result in pipeline.analyze_many(read_inputs([str(subset)]), workers))
    rate = done / (time.monotonic() - started)
    print(f"local, {workers} process(es): {done} articles, {rate:.2f} docs/s", file=sys.stderr)
    return rate


def spark_rate(subset: Path, cores: int, output: Path) -> float:
    from brink.spark import job

    spark = job.session(f"local[{cores}]", {"spark.ui.enabled": "false"})
    try:
        summary = job.run(spark, [str(subset)], str(output))
    finally:
        spark.stop()
    done = summary.counts.stored + summary.counts.duplicates
    rate = done / summary.seconds
    print(f"spark local[{cores}]: {done} articles in {summary.partitions} partitions, {rate:.2f} docs/s", file=sys.stderr)
    return rate


if __name__ == "__main__":
    main()
