"""The spark-submit driver: `spark-submit [options] path/to/brink/spark/__main__.py INPUT OUTPUT`
(or `python -m brink.spark INPUT OUTPUT` on one machine). The master, executors and memory come
from spark-submit; see docs/spark.md."""

from __future__ import annotations

import argparse
import sys

from brink.errors import UserError
from brink.sources.jsonl import FieldNames


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="brink.spark", description="Analyse news archives on Spark into Parquet.")
    parser.add_argument("input", nargs="+", help="Files, folders or globs on any Hadoop path (JSON Lines, text, WARC).")
    parser.add_argument("output", help="Output folder: one Parquet dataset per table.")
    parser.add_argument("--partitions", type=int, default=None, help="Analysis tasks (default: ~500 documents each).")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--published-field", default="published")
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--actors", action="append", default=[], help="A user actor dictionary (repeatable).")
    parser.add_argument("--triggers", help="A user event trigger file.")
    args = parser.parse_args(argv)
    from brink.spark import job

    spark = job.session()
    fields = FieldNames(id=args.id_field, text=args.text_field, published=args.published_field)
    try:
        summary = job.run(spark, args.input, args.output, fields, args.encoding, args.partitions, args.actors,
                          args.triggers)
    except UserError as error:  # one line and status 2, as the CLI
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    finally:
        spark.stop()
    counts = summary.counts
    print(f"{counts.stored} articles stored, {counts.duplicates} duplicates linked, {counts.skipped} skipped, "
          f"{counts.failed} failed in {summary.seconds:.1f} s on {summary.partitions} partitions -> {args.output}")
    sys.exit(1 if counts.failed else 0)


if __name__ == "__main__":
    main()
