"""All output files committed as one unit: a generation folder switched in by one atomic rename.

Layout of an output folder OUT:

    OUT/articles.jsonl -> .convene/current/articles.jsonl     (likewise every file in LINKED_FILES)
    OUT/.convene/current -> generations/000007                 (one symbolic link)
    OUT/.convene/generations/000007/                           (the files of one complete run)

A run writes a new generation folder beside the current one, then replaces the `current` link with one
`rename`: a reader opening `OUT/articles.jsonl` sees the old set or the new set, whatever instant the run
was killed at or the disk filled up. Leftovers of an interrupted run are removed by the next one. A folder
written before generations existed (plain files) is adopted without changing what a reader sees: its files
are hard-linked into a first generation before each is replaced by its link.
"""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from pipeline.write.jsonl import write_new_file

HOME = ".convene"
LINKED_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl", "manifest.json")


class Generations:
    """The generation folders of one output folder (the caller holds the folder's lock)."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.home = out_dir / HOME
        self.folder = self.home / "generations"
        self.current_link = self.home / "current"

    def current(self) -> Path | None:
        """The folder of the committed generation, or None when there is none yet."""
        target = os.readlink(self.current_link) if self.current_link.is_symlink() else None
        return self.home / target if target else None

    def commit(self, files: dict[str, bytes]) -> None:
        """Make `files` (name -> content) the committed set; on any error the previous set stays committed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._remove_stale()
        self._adopt_plain_files()
        new = self.folder / self._next_name()
        try:
            new.mkdir()
            for name, data in sorted(files.items()):
                write_new_file(new / name, data, sync=True)
            _sync_folder(new)
            for name in LINKED_FILES:
                self._link_at_top(name)
            self._switch_to(new)
        except BaseException:
            if self.current() != new:
                shutil.rmtree(new, ignore_errors=True)
            raise
        self._remove_stale()

    def remove_leftovers(self) -> None:
        """Remove what an interrupted run left beside the committed generation (see `_remove_stale`)."""
        if self.folder.is_dir():
            self._remove_stale()

    def _next_name(self) -> str:
        numbers = [int(p.name) for p in self.folder.iterdir() if p.name.isdigit()]
        return f"{max(numbers, default=0) + 1:06d}"

    def _switch_to(self, generation: Path) -> None:
        temporary = self.home / "current.new"
        temporary.unlink(missing_ok=True)
        os.symlink(generation.relative_to(self.home).as_posix(), temporary)
        os.replace(temporary, self.current_link)
        _sync_folder(self.home)

    def _link_at_top(self, name: str) -> None:
        """`OUT/name` as a link into the current generation (dangling until the first switch)."""
        path = self.out_dir / name
        target = f"{HOME}/current/{name}"
        if path.is_symlink() and os.readlink(path) == target:
            return
        temporary = self.out_dir / f".{name}.link"
        temporary.unlink(missing_ok=True)
        os.symlink(target, temporary)
        os.replace(temporary, path)

    def _adopt_plain_files(self) -> None:
        """Turn the plain output files of an older folder into a first generation, keeping their content visible."""
        plain = [name for name in LINKED_FILES if (self.out_dir / name).is_file()
                 and not (self.out_dir / name).is_symlink()]
        if not plain:
            return
        if self.current() is None:
            first = self.folder / self._next_name()
            first.mkdir()
            for name in plain:
                _link_or_copy(self.out_dir / name, first / name)
            _sync_folder(first)
            self._switch_to(first)
        for name in plain:
            self._link_at_top(name)

    def _remove_stale(self) -> None:
        """Remove generation folders other than the current one, and links left by an interrupted switch."""
        current = self.current()
        for path in self.folder.iterdir():
            if path != current:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        (self.home / "current.new").unlink(missing_ok=True)
        for name in LINKED_FILES:
            (self.out_dir / f".{name}.link").unlink(missing_ok=True)


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _link_or_copy(source: Path, destination: Path) -> None:
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
