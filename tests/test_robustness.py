"""No input can crash a run or go missing: one ingest over the bad-input corpus of scripts/make_bad_inputs.py."""
from __future__ import annotations

import importlib.util
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.write import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")
bad_inputs = importlib.util.module_from_spec(_spec)
sys.modules["make_bad_inputs"] = bad_inputs
_spec.loader.exec_module(bad_inputs)

PEAK_MEMORY_LIMIT = 2 * 1024**3


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "inputs"
    expected = bad_inputs.write_corpus(folder, bad_inputs.SMALL)
    out = folder.parent / "out"
    command = [sys.executable, "-m", "pipeline", "ingest", str(folder), "--out", str(out), "--quiet",
               "--max-bytes", str(bad_inputs.SMALL.max_bytes)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return expected, out, result, peak


def test_the_corpus_has_at_least_40_kinds():
    assert len(bad_inputs.KINDS) >= 40


def test_one_run_over_every_kind_exits_0_without_a_traceback(corpus_run):
    _, _, result, peak = corpus_run
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert peak < PEAK_MEMORY_LIMIT


def test_every_input_is_an_article_or_a_reject_with_a_clear_reason(corpus_run):
    expected, out, _, _ = corpus_run
    articles = {row["source"] for row in read_jsonl(out / "articles.jsonl")}
    rejects = {row["source"]: row for row in read_jsonl(out / "rejects.jsonl")}
    for row in rejects.values():
        assert row["reason"] and "\n" not in row["reason"] and row["stage"]
    found = {}
    for source, (outcome, words) in expected.items():
        if source in articles:
            found[source] = ("article", None)
        elif source in rejects:
            found[source] = ("reject", rejects[source]["reason"])
        else:
            found[source] = ("missing", None)
    wrong = {source: (expected[source], got) for source, got in found.items()
             if got[0] == "missing" or (expected[source][0] != "any" and got[0] != expected[source][0])
             or (got[0] == "reject" and expected[source][0] == "reject" and expected[source][1] not in got[1])}
    assert not wrong
    stray = (articles | set(rejects)) - set(expected)
    assert not stray
