"""Turn the paths the user names into input files, in a stable order."""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UserError
from pipeline.models import Reject


@dataclass(frozen=True)
class InputFile:
    path: Path
    source: str


def check_paths_exist(paths: Sequence[str | Path]) -> list[Path]:
    """Return the paths as `Path`s; raise UserError for the first one that does not exist."""
    resolved = [Path(p) for p in paths]
    for path in resolved:
        if not os.path.lexists(path):
            raise UserError(f"no such file or folder: {path}")
    return resolved


def iter_input_files(paths: Sequence[Path]) -> Iterator[InputFile | Reject]:
    """Files given directly and files under folders (recursive, sorted by name, hidden entries skipped)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, path)
        else:
            yield InputFile(path, path.name)


def _walk(root: Path, folder: Path) -> Iterator[InputFile | Reject]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield _folder_reject(root, folder, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        source = path.relative_to(root).as_posix()
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(root, path)
        elif entry.is_symlink() and path.is_dir():
            yield Reject(source=source, stage="read", reason="link to a folder not followed")
        else:
            yield InputFile(path, source)


def _folder_reject(root: Path, folder: Path, exc: OSError) -> Reject:
    source = folder.relative_to(root).as_posix() if folder != root else folder.name
    return Reject(source=source, stage="read", reason=f"cannot read folder: {exc.strerror or exc}")
