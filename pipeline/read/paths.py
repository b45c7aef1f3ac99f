"""Turn the paths the user names into input files with stable sources, in a stable order.

Folders are walked recursively in sorted order. Hidden entries (names starting with ".") found while
walking are not read: each hidden file or folder is one reject with the reason, so nothing is skipped
silently. The output folder being written is never walked; another convene output folder met on the way
is one reject. A path given explicitly is read even if hidden.
"""
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


def iter_input_files(paths: Sequence[Path], root: Path, skip: Sequence[Path] = ()) -> Iterator[InputFile | Reject]:
    """Files given directly and files under folders, each once, with its source relative to `root`."""
    skipped = {os.path.abspath(p) for p in skip}
    seen: set[str] = set()
    for path in paths:
        items = _walk(path, root, skipped) if path.is_dir() else [InputFile(path, _source(path, root))]
        for item in items:
            if item.source not in seen:
                seen.add(item.source)
                yield item


def _walk(folder: Path, root: Path, skipped: set[str]) -> Iterator[InputFile | Reject]:
    if os.path.abspath(folder) in skipped:
        return
    if _is_output_folder(folder):
        yield Reject(source=_source(folder, root), stage="read", reason="convene output folder, not read as input")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Reject(source=_source(folder, root), stage="read", reason=f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if os.path.abspath(path) in skipped:
            continue
        source = _source(path, root)
        is_dir = entry.is_dir(follow_symlinks=False)
        if entry.name.startswith("."):
            kind = "folder" if is_dir else "file"
            yield Reject(source=source, stage="read", reason=f"hidden {kind} (names starting with '.' are not read)")
        elif is_dir:
            yield from _walk(path, root, skipped)
        elif entry.is_symlink() and path.is_dir():
            yield Reject(source=source, stage="read", reason="link to a folder not followed")
        else:
            yield InputFile(path, source)


def _is_output_folder(folder: Path) -> bool:
    return (folder / ".convene").is_dir() or ((folder / "manifest.json").exists() and (folder / "articles.jsonl").exists())


def _source(path: Path, root: Path) -> str:
    relative = Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    return relative if relative != "." else Path(os.path.abspath(path)).name
