"""Text keys shared by the merge modules: case-, accent- and punctuation-insensitive forms of short strings."""
from __future__ import annotations

import re

from pipeline.resources import RuleResources, fold

__all__ = ["fold", "ordinal_in", "text_key", "without_ordinal"]

_ORDINAL_NUMBER = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")


def text_key(text: str | None) -> str:
    """`fold` without a leading "the"; empty for None."""
    if not text:
        return ""
    key = fold(text)
    return key[4:] if key.startswith("the ") else key


def ordinal_in(text: str | None, rules: RuleResources) -> int | None:
    """The edition number a name states ("5th", "Fifth"), if any."""
    if not text:
        return None
    key = fold(text)
    match = _ORDINAL_NUMBER.search(key)
    if match:
        return int(match.group(1)) or None
    for token in key.split():
        if token in rules.ordinals:
            return rules.ordinals[token]
    return None


def without_ordinal(key: str, rules: RuleResources) -> str:
    """A folded name with its edition number and a leading "the" removed."""
    tokens = [t for t in key.split() if t not in rules.ordinals and not _ORDINAL_NUMBER.fullmatch(t)]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)
