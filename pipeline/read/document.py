"""The unit the readers hand to the rest of the pipeline: one document's text and metadata."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawDocument:
    """One input document as read from disk, before cleaning.

    `source` is the path relative to the input root (see `pipeline.read.roots`); a record of a JSON list or
    JSON Lines file is `file.jsonl#N` (1-based). `published` is the raw metadata string, not parsed.
    `encoding` is set only when the bytes were not UTF-8; `encoding_errors` counts the byte sequences (or
    escaped lone surrogates in JSON) replaced by U+FFFD.
    """

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    external_id: str | None = None
    encoding: str | None = None
    format: str = "txt"
    encoding_errors: int = 0


class ReadProblem(Exception):
    """Raised by a reader for unusable input; turned into a `Reject` (stage "read") by the caller."""

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
