"""brink on Apache Spark (docs/spark.md): the same pipeline, the same records, for archives that
outgrow one machine.

- `brink.spark.job`: the job (`brink spark INPUT OUTPUT`, or `spark-submit` with
  `brink/spark/__main__.py`); needs the `spark` extra (PySpark).
- `brink.spark.load`: loads a job's Parquet output into a local store (`brink ingest --parquet`);
  needs no Spark.
"""
