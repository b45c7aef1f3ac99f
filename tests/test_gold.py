"""Regression guard: extraction scored against the team's gold files must not fall below the recorded values,
and the committed outputs/ snapshot must match a fresh ingest of sources/."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluate.diff import diff_folders, format_diff
from pipeline.evaluate.score import evaluate
from pipeline.ingest import IngestConfig, ingest
from pipeline.resources import BUNDLED

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
THRESHOLDS = json.loads((GOLD / "thresholds.json").read_text())
GOLD_SETS = {"seeds": (ROOT / "sources", GOLD / "seeds.json"), "team": (GOLD / "team", GOLD / "team.json")}
SNAPSHOT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")
SCORE_SCRIPT = ROOT.parent / "shared" / "tools" / "score.py"


def figures(out: Path, gold: Path) -> dict[str, float]:
    result = evaluate(out, [gold])
    return {**result.parts, "score": result.score}


def drops(name: str, scores: dict[str, float]) -> list[str]:
    return [f"{name} {metric}: {scores[metric]:.3f} < recorded {floor:.3f}"
            for metric, floor in THRESHOLDS[name].items() if scores[metric] < floor - 1e-9]


@pytest.fixture(scope="module")
def gold_outputs(tmp_path_factory) -> dict[str, Path]:
    """Each gold set's input folder ingested once for this module."""
    outputs = {}
    for name, (folder, _) in GOLD_SETS.items():
        outputs[name] = tmp_path_factory.mktemp(name) / "out"
        ingest([folder], outputs[name], IngestConfig(), quiet=True)
    return outputs


@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_gold_metrics_hold(name, gold_outputs):
    scores = figures(gold_outputs[name], GOLD_SETS[name][1])
    assert drops(name, scores) == []


@pytest.mark.skipif(not SCORE_SCRIPT.exists(), reason="../shared/tools/score.py not available")
@pytest.mark.parametrize("name", sorted(GOLD_SETS))
def test_evaluate_gives_the_score_script_figures_on_real_output(name, gold_outputs):
    completed = subprocess.run([sys.executable, str(SCORE_SCRIPT), str(gold_outputs[name]), str(GOLD_SETS[name][1]),
                                "--json"], capture_output=True, text=True, check=True)
    reference = json.loads(completed.stdout)
    result = evaluate(gold_outputs[name], [GOLD_SETS[name][1]])
    assert result.parts == reference["parts"]
    assert result.score == reference["score"]


def test_seed_gold_is_perfect(tmp_path):
    ingest([ROOT / "sources"], tmp_path / "out", IngestConfig(), quiet=True)
    assert figures(tmp_path / "out", GOLD / "seeds.json")["score"] == pytest.approx(1.0)


def test_snapshot_matches_fresh_ingest(tmp_path):
    fresh = tmp_path / "fresh"
    ingest([ROOT / "sources"], fresh, IngestConfig(), quiet=True)
    committed = ROOT / "outputs"
    differing = [f for f in SNAPSHOT_FILES if (committed / f).read_bytes() != (fresh / f).read_bytes()]
    assert not differing, "outputs/ is stale; review and run `make snapshot`:\n" + format_diff(diff_folders(committed, fresh))


def resource_copy(folder: Path) -> Path:
    """A copy of the bundled rule resources, to edit in a test."""
    return Path(shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py")))


def test_broken_pattern_file_is_caught(tmp_path):
    broken = resource_copy(tmp_path / "resources")
    (broken / "titles.txt").write_text("# broken on purpose\nZzz\n", encoding="utf-8")
    folder, gold = GOLD_SETS["seeds"]
    ingest([folder], tmp_path / "out", IngestConfig(resources=str(broken)), quiet=True)
    assert drops("seeds", figures(tmp_path / "out", gold))


TRADE_TALKS = ("Trade ministers meet in Oslo\n\nMay 6, 2024\n\n"
               "Minister of Trade Datuk Aziz Rahman met with Minister of Trade Karl Olsen in Oslo today. "
               "The two ministers agreed to cut tariffs on fish feed.\n")
FOREST_CALL = ("Forest ministers hold call\n\nMay 7, 2024\n\n"
               "Minister of Forestry Ines Duarte spoke by phone with Minister of Forestry Lars Berg today. "
               "They discussed wildfire data.\n")


def test_diff_after_one_rule_change_lists_exactly_the_changed_records(tmp_path):
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "trade.txt").write_text(TRADE_TALKS, encoding="utf-8")
    (sources / "forest.txt").write_text(FOREST_CALL, encoding="utf-8")
    ingest([sources], tmp_path / "before", IngestConfig(), quiet=True)

    edited = resource_copy(tmp_path / "resources")
    honorifics = edited / "honorifics.txt"
    kept = [line for line in honorifics.read_text(encoding="utf-8").splitlines() if line != "Datuk"]
    honorifics.write_text("\n".join(kept) + "\n", encoding="utf-8")
    ingest([sources], tmp_path / "after", IngestConfig(resources=str(edited)), quiet=True)

    diff = diff_folders(tmp_path / "before", tmp_path / "after")
    records = [c for c in diff.changes if c.file != "manifest"]
    assert records, "dropping an honorific must change the record of the person who carried it"
    assert {c.group for c in records} == {"trade.txt"}, [(c.file, c.status, c.label, c.fields) for c in records]
    assert any(c.file == "people" for c in records)
    manifest_fields = {f.path for c in diff.changes if c.file == "manifest" for f in c.fields}
    assert manifest_fields <= {"config_hash"}
