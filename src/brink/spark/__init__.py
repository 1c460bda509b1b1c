"""brink on Apache Spark (docs/spark.md): the same pipeline, the same records, for archives that
outgrow one machine.

- `brink.spark.job`: the job (`brink spark INPUT OUTPUT`, or `spark-submit` with
  `brink/spark/__main__.py`); needs the `spark` extra (PySpark).
- `brink.spark.reading`: its inputs, listed through Hadoop and read in bounded tasks.
- `brink.spark.duplicates`: which documents to analyse, decided across partitions.
- `brink.spark.standalone`: a standalone cluster on this machine, for tests and benchmarks.
- `brink.spark.load`: loads a job's Parquet output into a local store (`brink ingest --parquet`);
  needs no Spark.
"""
