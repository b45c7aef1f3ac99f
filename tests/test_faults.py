"""Faults: ingest killed with SIGKILL at random instants (the write phase included), two ingests at once, a
full disk. After each, the output folder holds the old complete set or the new one, and the next run completes."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SMALL_ARTICLES
from helpers import write_inputs

from pipeline.cli.main import main
from pipeline.ingest import IngestConfig, ingest
from pipeline.write import read_jsonl

JSONL_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")
NEW_ARTICLE = ("Energy Ministers Sign Grid Pact\n\nJune 4, 2024\n\nMinister of Energy Karin Aalto met with Minister of "
               "Industry Piotr Zielinski in Helsinki on Monday to sign a pact on cross-border power lines.\n")
# Runs `convene` with every fsync and link made slow, and says when the commit starts, so that a kill lands
# inside the write phase often enough.
DRIVER = """
import os, sys, time
from pipeline.write import generations
real_commit, real_fsync, real_symlink = generations.Generations.commit, os.fsync, os.symlink
def commit(self, files):
    print("COMMIT", flush=True)
    real_commit(self, files)
def slow(function):
    def call(*args, **kwargs):
        time.sleep(0.04)
        return function(*args, **kwargs)
    return call
generations.Generations.commit = commit
os.fsync, os.symlink = slow(real_fsync), slow(real_symlink)
from pipeline.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def contents(out: Path) -> tuple[bytes, ...]:
    return tuple((out / name).read_bytes() if (out / name).exists() else b"<missing>" for name in JSONL_FILES)


def run_driver(*argv: str | Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, "ingest", *map(str, argv), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """An output folder before and after ingesting one more article, with the new article's work cached."""
    base = tmp_path_factory.mktemp("faults")
    inputs = write_inputs(base / "in", SMALL_ARTICLES)
    old = base / "old"
    ingest([inputs], old, IngestConfig())
    new = base / "new"
    shutil.copytree(old, new, symlinks=True)
    write_inputs(inputs, {"grid.txt": NEW_ARTICLE})
    ingest([inputs], new, IngestConfig())
    assert contents(old) != contents(new)
    return inputs, old, new


def trial_folder(old: Path, new: Path, folder: Path) -> Path:
    shutil.copytree(old, folder, symlinks=True)
    shutil.rmtree(folder / ".cache")
    shutil.copytree(new / ".cache", folder / ".cache")
    return folder


@pytest.mark.parametrize("trial", range(4))
def test_kill_9_at_any_instant_leaves_the_old_or_the_new_set(old_and_new, tmp_path, trial):
    inputs, old, new = old_and_new
    out = trial_folder(old, new, tmp_path / "out")
    rng = random.Random(trial)
    process = run_driver(inputs, "--out", out)
    if trial % 2:  # an instant inside the write phase
        assert process.stdout.readline().strip() == "COMMIT"
        time.sleep(rng.uniform(0.0, 0.4))
    else:  # an instant anywhere in the run
        time.sleep(rng.uniform(0.2, 2.5))
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert contents(out) in (contents(old), contents(new))
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 0
    assert contents(out) == contents(new)
    assert len(list((out / ".convene" / "generations").iterdir())) == 1


def test_two_ingests_at_once_lose_no_article(tmp_path):
    first = write_inputs(tmp_path / "in" / "first", {"harbour.txt": SMALL_ARTICLES["harbour.txt"]})
    second = write_inputs(tmp_path / "in" / "second", {"grid.txt": NEW_ARTICLE})
    out = tmp_path / "out"
    processes = [subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(folder), "--out", str(out)],
                                  stderr=subprocess.PIPE, text=True) for folder in (first, second)]
    errors = [process.communicate(timeout=300)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors
    assert sum("waiting for the other ingest writing" in err for err in errors) == 1, errors
    assert {row["source"] for row in read_jsonl(out / "articles.jsonl")} == {"first/harbour.txt", "second/grid.txt"}


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs folder (needs the right to mount: root, as in CI)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_a_full_disk_gives_one_line_and_keeps_the_old_outputs(small_disk, tmp_path, capsys):
    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    copies = write_inputs(tmp_path / "copies", {f"{n:03d}.txt": NEW_ARTICLE * 10 for n in range(200)})
    out = small_disk / "out"
    ingest([inputs, copies], out, IngestConfig(root=tmp_path))  # 200 copies of one text: one parse, cached
    ingest([inputs], out, IngestConfig(incremental=False, root=tmp_path))
    before = contents(out)
    needed = 200 * len(NEW_ARTICLE) * 10
    (small_disk / "filler").write_bytes(b"\0" * max(0, shutil.disk_usage(small_disk).free - needed // 2))

    code = main(["ingest", str(inputs), str(copies), "--out", str(out), "--root", str(tmp_path), "--replace", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "disk full" in err and "previous outputs are unchanged" in err
    assert contents(out) == before
    assert len(list((out / ".convene" / "generations").iterdir())) == 1

    (small_disk / "filler").unlink()
    summary = ingest([inputs, copies], out, IngestConfig(incremental=False, root=tmp_path))
    assert summary.duplicates == 199 and summary.written


def test_a_full_disk_while_caching_is_one_line_too(tmp_path, monkeypatch, capsys):
    import errno

    from pipeline.nlp import cache

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "x.spacy")

    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    monkeypatch.setattr(cache, "atomic_write_bytes", full)
    assert main(["ingest", str(inputs), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk full" in err and "previous outputs are unchanged" in err
