# convene: `make run` ingests the bundled sources into outputs/, `make test` runs the test suite.
# Both create .venv and install the pinned dependencies (requirements.lock) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test snapshot bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/convene ingest sources --out outputs

test: install
	$(BIN)/python -m pytest

snapshot: install
	$(BIN)/convene ingest sources --out outputs --quiet

bench: install
	$(BIN)/python scripts/bench_pipeline.py
	$(BIN)/python scripts/bench_merge.py

clean:
	rm -rf $(VENV) outputs/.cache
