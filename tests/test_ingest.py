"""`ingest` end to end on tiny folders: determinism, cache, incremental ingest and --replace, bad input, command-line mistakes, atomic writes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SMALL_ARTICLES
from helpers import write_inputs

from pipeline.cli.main import main
from pipeline.ingest import IngestConfig, ingest

JSONL_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")
NEW_ARTICLE = ("Energy Ministers Sign Grid Pact\n\nJune 4, 2024\n\nMinister of Energy Karin Aalto met with Minister of "
               "Industry Piotr Zielinski in Helsinki on Monday to sign a pact on cross-border power lines.\n")


def rows(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines() if line]


def cli(*argv: str | Path) -> int:
    return main(["ingest", *map(str, argv), "--quiet"])


# --- determinism, sorting, cache ----------------------------------------------------------------------------------------


def test_two_runs_write_byte_identical_jsonl(ingested):
    first, second = ingested(name="first"), ingested(name="second")
    for name in JSONL_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert rows(first, "articles.jsonl") and rows(first, "meetings.jsonl") and rows(first, "people.jsonl")


def test_jsonl_files_are_sorted_by_id(ingested):
    out = ingested()
    for name in ("articles.jsonl", "meetings.jsonl", "people.jsonl"):
        ids = [row["id"] for row in rows(out, name)]
        assert ids == sorted(ids), name


def test_second_run_does_no_nlp_work_and_a_new_file_is_the_only_one_parsed(tmp_path):
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    out = tmp_path / "out"
    first = ingest([inputs], out, IngestConfig(), quiet=True)
    assert first.parsed == len(SMALL_ARTICLES)
    again = ingest([inputs], out, IngestConfig(), quiet=True)
    assert (again.parsed, again.extracted) == (0, 0)
    write_inputs(inputs, {"grid.txt": NEW_ARTICLE})
    third = ingest([inputs], out, IngestConfig(), quiet=True)
    assert (third.parsed, third.extracted) == (1, 1)
    assert third.articles == len(SMALL_ARTICLES) + 1


def test_ingest_into_a_folder_keeps_old_articles_and_meeting_ids(tmp_path):
    out = tmp_path / "out"
    assert cli(write_inputs(tmp_path / "old", SMALL_ARTICLES), "--out", out) == 0
    assert {row["source"] for row in rows(out, "articles.jsonl")} == set(SMALL_ARTICLES)
    old_meeting_ids = {row["id"] for row in rows(out, "meetings.jsonl")}
    assert old_meeting_ids
    assert cli(write_inputs(tmp_path / "new", {"grid.txt": NEW_ARTICLE}), "--out", out) == 0
    # the root widened from old/ to their common folder: every source still names its own file
    assert {row["source"] for row in rows(out, "articles.jsonl")} == {f"old/{name}" for name in SMALL_ARTICLES} | {
        "new/grid.txt"}
    assert old_meeting_ids < {row["id"] for row in rows(out, "meetings.jsonl")}


def test_replace_makes_the_folder_hold_only_the_new_inputs(tmp_path):
    out = tmp_path / "out"
    assert cli(write_inputs(tmp_path / "old", SMALL_ARTICLES), "--out", out) == 0
    assert cli(write_inputs(tmp_path / "new", {"grid.txt": NEW_ARTICLE}), "--out", out, "--replace") == 0
    assert [row["source"] for row in rows(out, "articles.jsonl")] == ["grid.txt"]


def test_exact_duplicate_file_is_marked(ingested):
    out = ingested({"a.txt": NEW_ARTICLE, "b.txt": NEW_ARTICLE})
    by_source = {row["source"]: row for row in rows(out, "articles.jsonl")}
    assert by_source["a.txt"]["status"] == "ok"
    assert by_source["b.txt"]["status"] == "duplicate"
    assert by_source["b.txt"]["duplicate_of"] == by_source["a.txt"]["id"]


# --- bad input ------------------------------------------------------------------------------------------------------------

GOOD_LINE = {"title": "Port Deal", "text": "The ports minister opened a new quay in Gdansk on Monday, officials said."}
BAD_INPUTS: dict[str, str | bytes] = {
    "empty.txt": "",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "legacy.txt": "Café owners met the mayor on Monday to discuss the new “street” rules, officials said."
                  .encode("cp1252"),
    "broken.json": '{"title": "Unfinished", ',
    "feed.jsonl": json.dumps(GOOD_LINE) + "\n{not json\n",
    "no_text.json": json.dumps({"title": "Only a title"}),
    "large.txt": "The mayor opened a park on Monday, officials said. " * 100,
    "slides.pdf": "%PDF-1.4 not really",
}
EXPECTED_REJECTS = {"empty.txt", "binary.txt", "broken.json", "feed.jsonl#2", "no_text.json", "large.txt", "slides.pdf"}


@pytest.fixture
def bad_run(tmp_path):
    inputs = write_inputs(tmp_path / "in", BAD_INPUTS)
    out = tmp_path / "out"
    code = cli(inputs, "--out", out, "--max-bytes", "2000")
    return code, out


def test_bad_inputs_are_rejected_with_a_reason_and_the_run_succeeds(bad_run):
    code, out = bad_run
    assert code == 0
    rejects = {row["source"]: row for row in rows(out, "rejects.jsonl")}
    assert set(rejects) == EXPECTED_REJECTS
    for row in rejects.values():
        assert row["reason"] and "\n" not in row["reason"]
    assert "too large" in rejects["large.txt"]["reason"]
    assert "unsupported" in rejects["slides.pdf"]["reason"]
    assert "binary" in rejects["binary.txt"]["reason"]
    assert "empty" in rejects["empty.txt"]["reason"]


def test_legacy_encoding_is_decoded_and_recorded(bad_run):
    _, out = bad_run
    by_source = {row["source"]: row for row in rows(out, "articles.jsonl")}
    assert by_source["legacy.txt"]["encoding"] == "cp1252"
    assert "Café owners" in by_source["legacy.txt"]["text"]
    assert "“street”" in by_source["legacy.txt"]["text"]


def test_good_line_of_a_jsonl_file_survives_a_malformed_one(bad_run):
    _, out = bad_run
    by_source = {row["source"]: row for row in rows(out, "articles.jsonl")}
    assert by_source["feed.jsonl#1"]["title"] == "Port Deal"


def test_every_input_is_accounted_for(bad_run):
    _, out = bad_run
    sources = [row["source"] for row in rows(out, "articles.jsonl")] + [row["source"] for row in rows(out, "rejects.jsonl")]
    expected = (set(BAD_INPUTS) - {"feed.jsonl"}) | {"feed.jsonl#1", "feed.jsonl#2"}
    assert sorted(sources) == sorted(expected)
    rejects = [row["source"] for row in rows(out, "rejects.jsonl")]
    assert rejects == sorted(rejects)


# --- command-line mistakes ------------------------------------------------------------------------------------------------


def command_line_mistakes(tmp_path):
    article = write_inputs(tmp_path / "in", {"a.txt": NEW_ARTICLE})
    regular_file = tmp_path / "plain-file"
    regular_file.write_text("x")
    return {
        "missing path": [tmp_path / "does-not-exist", "--out", tmp_path / "out"],
        "unwritable output": [article, "--out", regular_file / "out"],
        "batch size zero": [article, "--out", tmp_path / "out", "--batch-size", "0"],
        "max bytes not a number": [article, "--out", tmp_path / "out", "--max-bytes", "lots"],
        "unknown model": [article, "--out", tmp_path / "out", "--model", "no_such_spacy_pipeline_xyz"],
    }


@pytest.mark.parametrize("mistake", ["missing path", "unwritable output", "batch size zero", "max bytes not a number",
                                     "unknown model"])
def test_command_line_mistake_gives_one_line_and_non_zero_exit(tmp_path, capsys, mistake):
    argv = command_line_mistakes(tmp_path)[mistake]
    code = cli(*argv)
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("convene ingest: error:")
    assert "Traceback" not in err


def test_python_m_pipeline_help_works():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "ingest" in result.stdout and "schema" in result.stdout
    ingest_help = subprocess.run([sys.executable, "-m", "pipeline", "ingest", "--help"], capture_output=True, text=True,
                                 timeout=60)
    assert ingest_help.returncode == 0 and "--max-bytes" in ingest_help.stdout
