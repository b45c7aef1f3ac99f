"""Text keys shared by the merge modules: case-, accent- and punctuation-insensitive forms of short strings."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")
_ORDINAL_NUMBER = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=1,
    )
}


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower case without accents; every run of punctuation or space becomes one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.casefold().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", plain).replace("_", " ").strip()


def text_key(text: str | None) -> str:
    """`fold` without a leading "the"; empty for None."""
    if not text:
        return ""
    key = fold(text)
    return key[4:] if key.startswith("the ") else key


def ordinal_in(text: str | None) -> int | None:
    """The edition number a name states ("5th", "Fifth"), if any."""
    if not text:
        return None
    key = fold(text)
    match = _ORDINAL_NUMBER.search(key)
    if match:
        return int(match.group(1)) or None
    for token in key.split():
        if token in ORDINAL_WORDS:
            return ORDINAL_WORDS[token]
    return None


def without_ordinal(key: str) -> str:
    """A folded name with its edition number and a leading "the" removed."""
    tokens = [t for t in key.split() if t not in ORDINAL_WORDS and not _ORDINAL_NUMBER.fullmatch(t)]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)
