"""Article records from JSON (one object or a list of objects) and JSON Lines files."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pipeline import safe_json
from pipeline.models import Reject
from pipeline.read.document import RawDocument, ReadProblem
from pipeline.read.fields import RECORD_FIELDS, RECORD_TEXT_FIELDS, pick_metadata

def read_json(text: str, source: str, encoding: str | None) -> Iterator[RawDocument | Reject]:
    """One object gives `source`; a list gives `source#N` per item (1-based)."""
    try:
        data = safe_json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadProblem(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except safe_json.JSONLimitError as exc:
        raise ReadProblem(f"JSON not accepted: {exc}") from None
    if isinstance(data, dict):
        yield _record_or_reject(data, source, encoding, "json")
    elif isinstance(data, list):
        if not data:
            raise ReadProblem("JSON list has no records")
        for number, item in enumerate(data, start=1):
            yield _record_or_reject(item, f"{source}#{number}", encoding, "json")
    else:
        raise ReadProblem(f"JSON is a {_kind(data)}, not an article object or a list of them")


def read_jsonl(text: str, source: str, encoding: str | None) -> Iterator[RawDocument | Reject]:
    """One article per non-blank line, `source#N` with N the 1-based line number; bad lines are rejected alone."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record_source = f"{source}#{number}"
        try:
            data = safe_json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(source=record_source, stage="read", reason=f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except safe_json.JSONLimitError as exc:
            yield Reject(source=record_source, stage="read", reason=f"JSON not accepted: {exc}")
            continue
        yield _record_or_reject(data, record_source, encoding, "jsonl")


def record_to_document(record: Any, source: str, encoding: str | None, fmt: str) -> RawDocument:
    """Map a news-please, trafilatura or feed record to a RawDocument; ReadProblem if it has no usable text."""
    if not isinstance(record, dict):
        raise ReadProblem(f"record is a {_kind(record)}, not a JSON object")
    text = _record_text(record)
    if text is None:
        raise ReadProblem("record has no text", f"looked for: {', '.join(RECORD_TEXT_FIELDS)}")
    if not text.strip():
        raise ReadProblem("whitespace-only text")
    return RawDocument(source=source, text=text, encoding=encoding, format=fmt,
                       **pick_metadata(record, RECORD_FIELDS))


def _record_or_reject(record: Any, source: str, encoding: str | None, fmt: str) -> RawDocument | Reject:
    try:
        return record_to_document(record, source, encoding, fmt)
    except ReadProblem as problem:
        return Reject(source=source, stage="read", reason=problem.reason, detail=problem.detail)


def _record_text(record: dict[str, Any]) -> str | None:
    """The first non-blank text field (a string, or a list of strings taken one paragraph each).

    "" when text fields exist but are all blank; None when there is none.
    """
    found = None
    for name in RECORD_TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(part.strip() for part in value if part.strip())
        if isinstance(value, str):
            found = _paragraphs(value)
            if found:
                return found
    return found


def _paragraphs(text: str) -> str:
    """Line ends normalised; lines are left as written (the cleaner tells hard wraps from paragraphs)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


def _kind(value: Any) -> str:
    return {list: "list", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(value), "null")
