"""JSON Lines and atomic files: the one reader and the one writer of every file convene keeps on disk.

Lines are split on "\\n" only (a U+2028 or U+0085 inside a text is data, not a line end); each line is parsed
with the limits of `pipeline.safe_json`. Files are written to a temporary name beside the target and renamed
into place, created with the permissions the umask gives.
"""
from __future__ import annotations

import io
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonlines
from pydantic import BaseModel

from pipeline import safe_json
from pipeline.errors import UserError


def record_to_dict(record: BaseModel | dict[str, Any]) -> dict[str, Any]:
    """A record as plain JSON-ready data (dates as ISO strings)."""
    if isinstance(record, BaseModel):
        return record.model_dump(mode="json")
    return record


def render_jsonl(records: Iterable[BaseModel | dict[str, Any]], sort_key: str | None = "id") -> bytes:
    """Records as canonical JSON Lines (sorted keys; rows sorted by `sort_key`, then by content), UTF-8."""
    rows = [record_to_dict(r) for r in records]
    if sort_key:
        rows.sort(key=lambda row: (str(row.get(sort_key)), safe_json.dumps(row)))
    buffer = io.StringIO()
    with jsonlines.Writer(buffer, dumps=safe_json.dumps) as writer:
        writer.write_all(rows)
    return buffer.getvalue().encode("utf-8")


def write_new_file(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Create `path` (it must not exist) holding `data`; mode 0666 less the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace `path` by a file holding `data`: a reader sees the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    write_new_file(temporary, data, sync=sync)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


@dataclass(frozen=True)
class JsonlLine:
    """One non-blank line of a JSON Lines file: its object, or why it is not one."""

    number: int
    value: dict[str, Any] | None
    problem: str | None = None


def iter_jsonl(path: Path) -> Iterator[JsonlLine]:
    """Every non-blank line of `path` in order, each with its 1-based line number; a bad line does not stop it."""
    with open(path, "rb") as handle:
        lines = _CountedLines(handle)
        reader = jsonlines.Reader(lines, loads=safe_json.loads)
        while True:
            try:
                value = reader.read(type=dict, skip_empty=True)
            except EOFError:
                return
            except jsonlines.InvalidLineError as exc:
                yield JsonlLine(exc.lineno, None, _problem(exc))
                continue
            yield JsonlLine(lines.number, value)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines file; nothing if it does not exist; a bad line is a UserError naming it."""
    if not path.exists():
        return
    for line in iter_jsonl(path):
        if line.problem:
            raise UserError(f"{path} line {line.number}: {line.problem}")
        yield line.value


class _CountedLines:
    """The lines of a binary file (split on b"\\n" only), remembering the number of the last one given."""

    def __init__(self, handle: io.BufferedReader):
        self.handle = handle
        self.number = 0

    def __iter__(self) -> Iterator[bytes]:
        for self.number, line in enumerate(self.handle, start=1):
            yield line


def _problem(exc: jsonlines.InvalidLineError) -> str:
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return "not valid UTF-8"
    if isinstance(cause, safe_json.JSONLimitError):
        return f"not accepted JSON: {cause}"
    if isinstance(cause, ValueError):
        return f"not valid JSON: {str(cause).split(':')[0]}"
    return "not a JSON object"
