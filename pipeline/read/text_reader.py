"""Plain text files: the text as is (the cleaner finds title and date later)."""
from __future__ import annotations

from pipeline.read.document import RawDocument, ReadProblem


def read_text(text: str, source: str, encoding: str | None) -> RawDocument:
    if not text.strip():
        raise ReadProblem("whitespace-only text")
    return RawDocument(source=source, text=text, encoding=encoding, format="txt")
