"""Long texts in pieces: the statistical model parses at most `limit` characters at a time.

A text longer than that is cut after a paragraph break where one falls inside the window, else after a line
break, else after a space, else at the limit; the pieces concatenate back to exactly the text, and their Docs
are joined into one Doc whose character offsets are those of the whole text.
"""
from __future__ import annotations

BREAKS = ("\n\n", "\n", " ")


def split_text(text: str, limit: int) -> list[str]:
    """Consecutive pieces of `text`, none longer than `limit`, with `"".join(pieces) == text`."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = next((found + len(mark) for mark in BREAKS if (found := text.rfind(mark, start + 1, end)) > start), end)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def join_docs(docs: list, text: str):
    """One Doc from the Docs of consecutive pieces of `text`; ValueError if they do not make up `text`."""
    from spacy.tokens import Doc

    doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise ValueError("the parsed pieces do not add up to the text")
    return doc
