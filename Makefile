# Two commands: `make demo` (set up, analyse the bundled examples) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lock clean

demo: $(STAMP)
	$(BIN)/brink analyze examples/seed.txt --published 2022-01-07
	$(BIN)/brink extract examples/voa/voa_stories.jsonl -o out/voa_articles.jsonl
	@echo "Article records for the bundled VOA stories: out/voa_articles.jsonl"

test: $(STAMP)
	$(BIN)/python -m pytest

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "brink needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@mkdir -p out
	touch $(STAMP)

# Re-pin every dependency with hashes after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-trusted-host --no-emit-find-links --extra test -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) out
