"""Regression guard: extraction scored against the team's gold files must not fall below the recorded values,
and the committed outputs/ snapshot must match a fresh ingest of sources/."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline import lexicon
from pipeline.evaluate.diff import diff_folders, format_diff
from pipeline.evaluate.score import evaluate
from pipeline.extract import vocabulary as vocabulary_module
from pipeline.ingest import IngestConfig, ingest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
THRESHOLDS = json.loads((GOLD / "thresholds.json").read_text())
GOLD_SETS = {"seeds": (ROOT / "sources", GOLD / "seeds.json"), "team": (GOLD / "team", GOLD / "team.json")}
SNAPSHOT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")


def figures(out: Path, gold: Path) -> dict[str, float]:
    result = evaluate(out, [gold])
    return {**result.parts, "score": result.score}


def drops(name: str, scores: dict[str, float]) -> list[str]:
    return [f"{name} {metric}: {scores[metric]:.3f} < recorded {floor:.3f}"
            for metric, floor in THRESHOLDS[name].items() if scores[metric] < floor - 1e-9]


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_gold_metrics_hold(name, tmp_path):
    folder, gold = GOLD_SETS[name]
    ingest([folder], tmp_path / "out", IngestConfig(), quiet=True)
    scores = figures(tmp_path / "out", gold)
    assert drops(name, scores) == []


def test_seed_gold_is_perfect(tmp_path):
    ingest([ROOT / "sources"], tmp_path / "out", IngestConfig(), quiet=True)
    assert figures(tmp_path / "out", GOLD / "seeds.json")["score"] == pytest.approx(1.0)


def test_snapshot_matches_fresh_ingest(tmp_path):
    fresh = tmp_path / "fresh"
    ingest([ROOT / "sources"], fresh, IngestConfig(), quiet=True)
    committed = ROOT / "outputs"
    differing = [f for f in SNAPSHOT_FILES if (committed / f).read_bytes() != (fresh / f).read_bytes()]
    assert not differing, "outputs/ is stale; review and run `make snapshot`:\n" + format_diff(diff_folders(committed, fresh))


@pytest.fixture
def broken_rules(tmp_path, monkeypatch):
    """A copy of the package's rule data with the title vocabulary emptied, used in place of the real one."""
    copy = tmp_path / "package"
    shutil.copytree(lexicon.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "review"))
    (copy / "extract" / "lexicons" / "titles.txt").write_text("# broken on purpose\nZzz\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "PACKAGE_DIR", copy)
    for cached in (lexicon.load_lexicon, lexicon.load_patterns, lexicon.rules_fingerprint, vocabulary_module.vocabulary):
        cached.cache_clear()
    yield
    for cached in (lexicon.load_lexicon, lexicon.load_patterns, lexicon.rules_fingerprint, vocabulary_module.vocabulary):
        cached.cache_clear()


def test_broken_pattern_file_is_caught(broken_rules, tmp_path):
    folder, gold = GOLD_SETS["seeds"]
    ingest([folder], tmp_path / "out", IngestConfig(), quiet=True)
    assert drops("seeds", figures(tmp_path / "out", gold))
