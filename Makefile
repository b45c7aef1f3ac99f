# convene: `make run` ingests the bundled sources into out/ (a scratch folder), `make test` runs the test suite.
# Both create .venv and install the pinned dependencies (requirements.lock) on first use.
# outputs/ is the reviewed snapshot of that run, refreshed only by `make snapshot`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test mutate snapshot bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/convene ingest sources --out out --replace

test: install
	$(BIN)/python -m pytest

# Mutation testing of the merge and meeting rules (settings in pyproject.toml [tool.mutmut]): every mutant is run
# against the merge and meeting tests afresh, then the share killed is printed per module.
mutate: install
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python scripts/mutation_report.py --min 85

snapshot: install
	$(BIN)/convene ingest sources --out out --replace --quiet
	cp -L out/articles.jsonl out/meetings.jsonl out/people.jsonl out/rejects.jsonl out/manifest.json outputs/

bench: install
	$(BIN)/python scripts/bench_pipeline.py
	$(BIN)/python scripts/bench_merge.py 10000 100000 1000000 --dask 2
	$(BIN)/python scripts/bench_linear.py
	$(BIN)/python scripts/bench_fetch.py

clean:
	rm -rf $(VENV) out outputs/.cache mutants
