"""Text normalisation and the name, title and place matching rules shared with `score.py`."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "dr", "datuk", "dato", "sir", "madam", "mister", "prof", "h", "e", "he", "hon"}
)
# An alias made only of these words ("The President") names a post, not a person.
TITLE_WORDS = frozenset(
    {"the", "president", "vice", "prime", "minister", "secretary", "general", "chancellor", "king", "queen",
     "premier", "director", "ambassador", "governor", "senator", "speaker", "leader", "chairman", "chair",
     "administrator", "mr", "mrs", "ms", "dr", "sir", "madam", "elect", "first", "lady"}
)
TITLE_OVERLAP = 0.6
ORGANIZATION_OVERLAP = 0.6
NAME_OVERLAP = 0.8
_CITY_SUFFIX = re.compile(r"(?i)\s+city$")


def normalize(value: Any) -> str:
    """Lower-case, NFKC, punctuation to spaces, single spaces, a leading "the " dropped; None gives ""."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).lower().replace("\u2019", "'")
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return re.sub(r"^the ", "", text)


def tokens(value: Any) -> set[str]:
    return set(normalize(value).split())


def name_tokens(value: Any) -> list[str]:
    """The words of a name, honorifics left out."""
    return [token for token in normalize(value).split() if token not in HONORIFICS]


def accepted(value: Any) -> list[Any]:
    """Every accepted value of a gold field: a plain value, or the list under {"accept": [...]}."""
    if isinstance(value, dict) and "accept" in value:
        return list(value["accept"])
    return [value]


def names_a_post(alias: str) -> bool:
    """True for an alias such as "The President" that names a post rather than a person."""
    return tokens(alias) <= TITLE_WORDS


def names_match(gold_names: Iterable[Any], output_names: Iterable[Any]) -> bool:
    """Same name without honorifics, or one full name (two words or more) contained in the other."""
    gold_names, output_names = list(gold_names), list(output_names)
    gold_keys = {" ".join(name_tokens(name)) for name in gold_names}
    output_keys = {" ".join(name_tokens(name)) for name in output_names}
    if (gold_keys & output_keys) - {""}:
        return True
    gold_full = [set(words) for words in map(name_tokens, gold_names) if len(words) >= 2]
    output_full = [set(words) for words in map(name_tokens, output_names) if len(words) >= 2]
    return any(g <= o or o <= g for g in gold_full for o in output_full)


def title_match(gold: Any, output: Any) -> bool:
    """One normalised title inside the other, or word overlap (Jaccard) of at least 0.6."""
    gold_words, output_words = tokens(gold), tokens(output)
    if not gold_words or not output_words:
        return False
    gold_text, output_text = normalize(gold), normalize(output)
    if gold_text in output_text or output_text in gold_text:
        return True
    return len(gold_words & output_words) / len(gold_words | output_words) >= TITLE_OVERLAP


def stated(value: Any) -> list[Any]:
    """The accepted forms of a gold field, or [] when the gold leaves it open (absent, null, or null/[] accepted)."""
    forms = accepted(value)
    return [] if value is None or None in forms or [] in forms else forms


def _overlap(first: Any, second: Any) -> float:
    a, b = tokens(first), tokens(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def organization_match(gold: Any, output: Any) -> bool:
    """Same normalised name, or word overlap (Jaccard) of at least 0.6."""
    if not tokens(gold) or not tokens(output):
        return False
    return normalize(gold) == normalize(output) or _overlap(gold, output) >= ORGANIZATION_OVERLAP


def host_match(gold: Any, output: Any) -> bool:
    """A host by person-name rules ("Tetsuo Saito" ~ "Saito Tetsuo") or word overlap of at least 0.6."""
    if not tokens(gold) or not tokens(output):
        return False
    return names_match([gold], [output]) or _overlap(gold, output) >= ORGANIZATION_OVERLAP


def close_name(gold: Any, output: Any) -> bool:
    """A meeting name or series: same normalised text, or word overlap of at least 0.8."""
    if not tokens(gold) or not tokens(output):
        return False
    return normalize(gold) == normalize(output) or _overlap(gold, output) >= NAME_OVERLAP


def place_key(value: str) -> str:
    """A venue or city for comparison: normalised, a trailing " City" dropped."""
    return normalize(_CITY_SUFFIX.sub("", value))
