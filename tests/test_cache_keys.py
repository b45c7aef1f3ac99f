"""Cached results are keyed by everything that makes them: a code change anywhere in the package refreshes
them, while parses are reused."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SMALL_ARTICLES
from helpers import write_inputs

import pipeline
from pipeline.ingest import IngestConfig, ingest
from pipeline.write import read_jsonl

PACKAGE = Path(pipeline.__file__).resolve().parent
NO_DATES = "\n\ndef find_dates(*args, **kwargs):\n    return []\n"


def test_editing_the_date_rules_refreshes_cached_results_over_cached_parses(tmp_path):
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    out = tmp_path / "out"
    ingest([inputs], out, IngestConfig())
    assert any(meeting["start_date"] for meeting in read_jsonl(out / "meetings.jsonl"))

    copy = tmp_path / "edited"
    shutil.copytree(PACKAGE, copy / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / "pipeline" / "dates.py", "a", encoding="utf-8") as handle:
        handle.write(NO_DATES)  # a date rule that finds nothing
    env = {**os.environ, "PYTHONPATH": str(copy)}
    result = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(inputs), "--out", str(out)],
                            cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"parsed 0, extracted {len(SMALL_ARTICLES)}" in result.stderr
    meetings = list(read_jsonl(out / "meetings.jsonl"))
    assert meetings and all(meeting["start_date"] is None for meeting in meetings)


def test_an_unchanged_package_reuses_every_cached_result(tmp_path):
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    out = tmp_path / "out"
    ingest([inputs], out, IngestConfig())
    again = ingest([inputs], out, IngestConfig())
    assert (again.parsed, again.extracted) == (0, 0)
