"""The output folder (`pipeline.write`): one commit for all files, the lock, the error rule for existing rows,
the JSON Lines reader and writer, file modes."""
from __future__ import annotations

import errno
import json
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import SMALL_ARTICLES
from helpers import write_inputs

from pipeline.cli.main import main
from pipeline.errors import UserError
from pipeline.ingest import IngestConfig, ingest
from pipeline.write import generations as generations_module
from pipeline.write.jsonl import atomic_write_text, iter_jsonl, read_jsonl, render_jsonl
from pipeline.write.lock import FolderLock

OUTPUT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl", "manifest.json")
NEW_ARTICLE = ("Energy Ministers Sign Grid Pact\n\nJune 4, 2024\n\nMinister of Energy Karin Aalto met with Minister of "
               "Industry Piotr Zielinski in Helsinki on Monday to sign a pact on cross-border power lines.\n")


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def generation_folders(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".convene" / "generations").iterdir())


@pytest.fixture
def folder_with_outputs(tmp_path) -> tuple[Path, Path]:
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    out = tmp_path / "out"
    ingest([inputs], out, IngestConfig())
    return inputs, out


# --- all files committed at once -------------------------------------------------------------------------------------


def test_outputs_are_links_into_one_committed_generation(folder_with_outputs):
    _, out = folder_with_outputs
    for name in OUTPUT_FILES:
        assert os.readlink(out / name) == f".convene/current/{name}"
    assert os.readlink(out / ".convene" / "current") == "generations/000001"
    assert generation_folders(out) == ["000001"]


def test_an_interrupted_switch_leaves_the_old_set_and_the_next_run_completes(folder_with_outputs, monkeypatch, capsys):
    inputs, out = folder_with_outputs
    before = snapshot(out)
    write_inputs(inputs, {"grid.txt": NEW_ARTICLE})
    real_replace = os.replace

    def interrupted(src, dst, *args, **kwargs):
        if Path(dst).name == "current":
            raise KeyboardInterrupt
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert snapshot(out) == before
    assert generation_folders(out) == ["000001"]
    monkeypatch.setattr(os, "replace", real_replace)
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 0
    assert "grid.txt" in {row["source"] for row in read_jsonl(out / "articles.jsonl")}
    assert generation_folders(out) == ["000002"]


def test_a_full_disk_is_one_line_and_the_old_outputs_stay(folder_with_outputs, monkeypatch, capsys):
    inputs, out = folder_with_outputs
    before = snapshot(out)
    write_inputs(inputs, {"grid.txt": NEW_ARTICLE})
    real_write = generations_module.write_new_file
    written = []

    def fill_up(path, data, **kwargs):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real_write(path, data, **kwargs)

    monkeypatch.setattr(generations_module, "write_new_file", fill_up)
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk full" in err and "previous outputs are unchanged" in err
    assert snapshot(out) == before
    assert generation_folders(out) == ["000001"]


def test_an_unchanged_run_commits_nothing(folder_with_outputs):
    inputs, out = folder_with_outputs
    before = snapshot(out)
    summary = ingest([inputs], out, IngestConfig())
    assert not summary.written
    assert snapshot(out) == before
    assert generation_folders(out) == ["000001"]


def test_an_unchanged_run_removes_the_generation_a_killed_run_left_behind(folder_with_outputs):
    """A run killed after switching to its generation but before removing the old one leaves two; the next run
    removes the stale one even when it has nothing new to write."""
    import shutil

    inputs, out = folder_with_outputs
    shutil.copytree(out / ".convene" / "generations" / "000001", out / ".convene" / "generations" / "000000")
    before = snapshot(out)
    assert not ingest([inputs], out, IngestConfig()).written
    assert generation_folders(out) == ["000001"]
    assert snapshot(out) == before


def test_a_folder_of_plain_files_is_adopted_and_read_as_before(tmp_path):
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    plain = tmp_path / "plain"
    ingest([inputs], tmp_path / "live", IngestConfig())
    plain.mkdir()
    for name in OUTPUT_FILES:
        (plain / name).write_bytes((tmp_path / "live" / name).read_bytes())
    write_inputs(inputs, {"grid.txt": NEW_ARTICLE})
    summary = ingest([inputs], plain, IngestConfig())
    assert summary.written and summary.parsed == 3
    assert all((plain / name).is_symlink() for name in OUTPUT_FILES)
    assert {row["source"] for row in read_jsonl(plain / "articles.jsonl")} == {*SMALL_ARTICLES, "grid.txt"}
    assert generation_folders(plain) == ["000002"]


def test_files_are_created_with_the_umask_permissions(tmp_path):
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    old = os.umask(0o027)
    try:
        ingest([inputs], tmp_path / "out", IngestConfig())
        atomic_write_text(tmp_path / "single.txt", "x")
    finally:
        os.umask(old)
    for path in [*(tmp_path / "out" / name for name in OUTPUT_FILES), tmp_path / "single.txt"]:
        assert oct(path.stat().st_mode & 0o777) == oct(0o640), path


# --- one writer at a time ---------------------------------------------------------------------------------------------


def test_a_second_ingest_fails_at_once_with_no_wait_naming_the_holder(folder_with_outputs, capsys):
    inputs, out = folder_with_outputs
    with FolderLock(out / ".convene" / "lock", out, wait=False):
        started = time.perf_counter()
        assert main(["ingest", str(inputs), "--out", str(out), "--no-wait", "--quiet"]) == 2
        assert time.perf_counter() - started < 5
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"is being written by another ingest (pid {os.getpid()} on " in err


def test_a_second_ingest_waits_for_the_first(folder_with_outputs, capsys):
    inputs, out = folder_with_outputs
    write_inputs(inputs, {"grid.txt": NEW_ARTICLE})
    lock = FolderLock(out / ".convene" / "lock", out, wait=False).__enter__()
    releaser = threading.Timer(1.0, lock.__exit__, args=(None, None, None))
    releaser.start()
    started = time.perf_counter()
    assert main(["ingest", str(inputs), "--out", str(out)]) == 0
    assert time.perf_counter() - started >= 0.9
    releaser.join()
    assert f"waiting for the other ingest writing {out} (pid {os.getpid()}" in capsys.readouterr().err
    assert "grid.txt" in {row["source"] for row in read_jsonl(out / "articles.jsonl")}


# --- existing rows: one error rule --------------------------------------------------------------------------------------


def test_a_bad_row_in_the_existing_folder_stops_the_run_naming_file_and_line(folder_with_outputs, capsys):
    inputs, out = folder_with_outputs
    people = out / "people.jsonl"
    lines = people.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["name"] = ""
    people.write_text("\n".join([lines[0], json.dumps(broken), *lines[2:]]) + "\n", encoding="utf-8")
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{people} line 2: not a valid record (name: " in err and "--repair" in err and "--replace" in err

    assert main(["ingest", str(inputs), "--out", str(out), "--quiet", "--repair"]) == 0
    err = capsys.readouterr().err
    assert f"dropped {people} line 2: not a valid record" in err
    assert all(row["name"] for row in read_jsonl(out / "people.jsonl"))


def test_a_line_that_is_not_json_stops_the_run(folder_with_outputs):
    inputs, out = folder_with_outputs
    with open(out / "articles.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"id": "a-1", \n')
    with pytest.raises(UserError, match=r"articles.jsonl line 3: not valid JSON: Expecting property name"):
        ingest([inputs], out, IngestConfig())
    ingest([inputs], out, IngestConfig(incremental=False))
    assert len(list(read_jsonl(out / "articles.jsonl"))) == len(SMALL_ARTICLES)


# --- the JSON Lines reader and writer ----------------------------------------------------------------------------------


LINE_BREAKING = "one\u2028two\u2029three\u0085four\x0bfive\x0csix\x1cseven\rend"


def test_writer_never_writes_a_character_that_splitlines_breaks_on(tmp_path):
    rows = [{"id": "a", "text": LINE_BREAKING}, {"id": "b", "text": "x"}]
    data = render_jsonl(rows)
    assert len(data.decode("utf-8").splitlines()) == 2
    assert [json.loads(line) for line in data.decode("utf-8").splitlines()] == rows


def test_reader_splits_lines_on_newline_only(tmp_path):
    row = {"id": "a", "text": "one\u2028two\u2029three\u0085four"}
    path = tmp_path / "rows.jsonl"
    path.write_bytes(json.dumps(row, ensure_ascii=False).encode() + b"\n" + b'{"id": "b"}\n')
    assert list(read_jsonl(path)) == [row, {"id": "b"}]


def test_reader_reports_each_bad_line_with_its_number(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"id": 1}\n\n[1, 2]\n{"id": \n\xff\xfe\n' + b"[" * 500 + b"]" * 500 + b'\n{"id": 2}\n')
    lines = list(iter_jsonl(path))
    assert [(line.number, line.problem) for line in lines] == [
        (1, None), (3, "not a JSON object"), (4, "not valid JSON: Expecting value"), (5, "not valid UTF-8"),
        (6, "not accepted JSON: nested deeper than 100 levels"), (7, None)]
    with pytest.raises(UserError, match=r"rows.jsonl line 3: not a JSON object"):
        list(read_jsonl(path))


def test_a_source_that_is_not_utf8_is_written_as_an_escape_and_read_back(tmp_path):
    row = {"id": "a", "source": os.fsdecode(b"caf\xe9.txt")}
    path = tmp_path / "rows.jsonl"
    path.write_bytes(render_jsonl([row]))
    assert path.read_bytes() == b'{"id":"a","source":"caf\\udce9.txt"}\n'
    assert list(read_jsonl(path)) == [row]
