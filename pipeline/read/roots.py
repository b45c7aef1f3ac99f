"""The input root: every `source` is a path relative to it, so a file keeps one source and two files never share one.

A new output folder takes `--root` or the deepest folder holding every input (a folder given counts itself,
a file its parent). The folder remembers its root; a later run into it keeps that root, widened to the
common folder when an input lies outside it (the earlier sources then gain the prefix that keeps them
pointing at the same files).
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UserError


@dataclass(frozen=True)
class InputRoot:
    """`path` is None only when no local file has been read into the folder (web inputs alone)."""

    path: Path | None
    previous: Path | None = None

    @property
    def moved(self) -> bool:
        return self.previous is not None and self.previous != self.path

    def rebase(self, source: str) -> str:
        """An earlier run's source (relative to the previous root) made relative to this root."""
        if not self.moved or "://" in source:
            return source
        prefix = Path(os.path.relpath(self.previous, self.path)).as_posix()
        return f"{prefix}/{source}"


def common_root(paths: Sequence[Path]) -> Path:
    folders = [os.path.abspath(p) if p.is_dir() else os.path.dirname(os.path.abspath(p)) for p in paths]
    return Path(os.path.commonpath(folders))


def choose_root(paths: Sequence[Path], given: Path | None, stored: str | None) -> InputRoot:
    """The root for this run; `stored` is the output folder's root from its last run (None for a new folder)."""
    previous = Path(stored) if stored else None
    if given is not None:
        root = Path(os.path.abspath(given))
        outside = next((p for p in paths if not _under(Path(os.path.abspath(p)), root)), None)
        if outside is not None:
            raise UserError(f"{outside} is not inside --root {given}")
    elif not paths:
        root = previous
    elif previous is not None:
        root = Path(os.path.commonpath([previous, common_root(paths)]))
    else:
        root = common_root(paths)
    if previous is not None and root is not None and not _under(previous, root):
        raise UserError(f"--root {given} does not hold {previous}, the folder the existing sources are relative to; "
                        "give a --root that holds both, or --replace to start over")
    return InputRoot(root, previous)


def _under(path: Path, root: Path) -> bool:
    return os.path.commonpath([path, root]) == str(root)
