# Two commands: `make demo` (set up, analyse and serve the bundled examples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.spark-installed

.PHONY: demo test lock clean

# The demo: set up, ingest the bundled examples (the seed and the VOA stories) into an embedded
# DuckDB file, then serve the UI and print its URL. `make demo ARGS=--no-serve` stops after ingest.
DEMO_DB := out/demo.duckdb
demo: $(STAMP)
	$(BIN)/brink analyze examples/seed.txt --published 2022-01-07
	$(BIN)/brink ingest examples/seed.txt examples/voa/voa_stories.jsonl --db $(DEMO_DB)
	@if [ "$(filter --no-serve,$(ARGS))" = "--no-serve" ]; then \
		echo "Stored in $(DEMO_DB). Serve it with: $(BIN)/brink serve --db $(DEMO_DB)"; \
	else \
		$(BIN)/brink serve --db $(DEMO_DB); \
	fi

test: $(STAMP) $(SPARK_STAMP)
	$(BIN)/python -m pytest

$(STAMP): requirements-pip.lock requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "brink needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@mkdir -p out
	touch $(STAMP)

# PySpark for the Spark job's tests (local mode, Java 17): a lock of its own, so `make demo` stays light.
$(SPARK_STAMP): requirements-spark.lock $(STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-spark.lock
	touch $(SPARK_STAMP)

# Re-pin every dependency with hashes after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-trusted-host --no-emit-find-links --extra test -o requirements.lock pyproject.toml
	echo "pip" | $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-trusted-host --no-emit-find-links -o requirements-pip.lock -
	echo "pyspark>=3.5" | $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-trusted-host --no-emit-find-links -o requirements-spark.lock -

clean:
	rm -rf $(VENV) out
