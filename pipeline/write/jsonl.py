"""Atomic JSON Lines files: written to a temporary file in the same folder, then renamed into place."""
from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

import jsonlines
from pydantic import BaseModel

from pipeline.errors import UserError


def record_to_dict(record: BaseModel | dict[str, Any]) -> dict[str, Any]:
    """A record as plain JSON-ready data (dates as ISO strings)."""
    if isinstance(record, BaseModel):
        return record.model_dump(mode="json")
    return record


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def atomic_write_text(path: Path, text: str) -> None:
    """Write text to path so a reader sees either the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_jsonl(path: Path, records: Iterable[BaseModel | dict[str, Any]], sort_key: str | None = "id") -> int:
    """Write records as JSON Lines with sorted keys, sorted by `sort_key`; returns the number written."""
    rows = [record_to_dict(r) for r in records]
    if sort_key:
        rows.sort(key=lambda row: (str(row.get(sort_key)), _dumps(row)))
    buffer = io.StringIO()
    with jsonlines.Writer(buffer, dumps=_dumps) as writer:
        writer.write_all(rows)
    atomic_write_text(path, buffer.getvalue())
    return len(rows)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file; nothing if it does not exist; a bad line is a UserError naming it."""
    if not path.exists():
        return
    with jsonlines.open(path) as reader:
        try:
            yield from reader.iter(skip_empty=True, type=dict)
        except jsonlines.InvalidLineError as exc:
            raise UserError(f"{path}:{exc.lineno} is not a valid JSON object: {exc}") from None
