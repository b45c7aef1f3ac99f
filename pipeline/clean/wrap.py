"""Joining hard-wrapped lines (newswire and press-release text wraps at ~70 columns) back into paragraphs."""
from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"^(?:[-*•·]|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))\s")
_SENTENCE_END = re.compile(r"[.!?:;\"”)]$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_INDENTED_LINE = re.compile(r"\n[ \t]{2,}(?=\S)")
WRAP_WIDTH = 100


def mark_indented_paragraphs(text: str) -> str:
    """Wire copy without blank lines opens each paragraph with an indented line: make those blank-line breaks."""
    if _BLANK_LINE.search(text.strip()) or not _INDENTED_LINE.search(text):
        return text
    return _INDENTED_LINE.sub("\n\n", text)


def _is_wrapped(lines: list[str]) -> bool:
    """A block reads as hard-wrapped prose when its lines (all but the last) run to a similar, long width:
    no wider than a wrap column, or wider but mostly ending mid-sentence. Lines that each end a sentence at
    any width are paragraphs (news-please texts put one paragraph per line)."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(_LIST_ITEM.match(line) for line in lines[1:]):
        return False
    long_lines = sum(1 for line in body if len(line) >= 35)
    if long_lines < max(1, int(0.75 * len(body))):
        return False
    if max(len(line) for line in body) <= WRAP_WIDTH:
        return True
    return sum(1 for line in body if ends_sentence(line)) < len(body) / 2


def _join(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out + line
        else:
            out = f"{out} {line}"
    return out


def unwrap(lines: list[str]) -> list[str]:
    """Paragraphs from lines: blank lines separate blocks; a wrapped block becomes one line, others keep their lines."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in lines + [""]:
        if line:
            block.append(line)
            continue
        if block:
            paragraphs.extend([_join(block)] if _is_wrapped(block) else block)
            block = []
    return paragraphs


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))
