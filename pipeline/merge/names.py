"""Person names taken apart for matching: surname, given name, middle initials, an order-free key."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import RuleResources, fold

NAME_SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person name split for matching; every part is folded (lower case, no accents or punctuation)."""

    tokens: tuple[str, ...]
    key: tuple[str, ...]
    surname: str
    given: str
    middle_initials: frozenset[str]
    given_canonical: str

    @property
    def is_lone(self) -> bool:
        """One word and nothing else ("Sullivan")."""
        return len(self.tokens) == 1

    @property
    def given_is_initial(self) -> bool:
        return len(self.given) == 1


class NameRules:
    """Name matching with one set of rule resources: their honorifics are stripped, their short given names
    ("joe" -> "joseph") stand for the full ones. Results are cached per name."""

    def __init__(self, rules: RuleResources) -> None:
        self.nicknames = rules.nicknames
        self.honorifics_by_first_word: dict[str, list[tuple[str, ...]]] = {}
        for phrase in rules.honorific_phrases:
            self.honorifics_by_first_word.setdefault(phrase[0], []).append(phrase)
        self.tokens = lru_cache(maxsize=262144)(self._tokens)
        self.parse = lru_cache(maxsize=262144)(self._parse)

    def canonical_given(self, given: str) -> str:
        """The full form of a common short given name ("joe" -> "joseph"); otherwise the name itself."""
        return self.nicknames.get(given, given)

    def _strip_honorifics(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        stripped = True
        while stripped and len(tokens) > 1 and tokens[0] in self.honorifics_by_first_word:
            stripped = False
            for phrase in self.honorifics_by_first_word[tokens[0]]:
                if len(tokens) > len(phrase) and tokens[: len(phrase)] == phrase:
                    tokens = tokens[len(phrase):]
                    stripped = True
                    break
        while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
            tokens = tokens[:-1]
        return tokens

    def _tokens(self, name: str) -> tuple[str, ...]:
        """Folded words of a name without honorifics and generational suffixes."""
        return self._strip_honorifics(tuple(fold(name.replace("-", " ")).split()))

    def _parse(self, name: str, family_name_first: bool = False) -> ParsedName:
        """Split a name; `family_name_first` says the first word is the surname ("Yoshida Nobuhiro")."""
        tokens = self.tokens(name) or (fold(name) or name.casefold(),)
        words = [t for t in tokens if len(t) > 1] or list(tokens)
        key = tuple(sorted(words))
        if len(tokens) == 1:
            return ParsedName(tokens, key, tokens[0], "", frozenset(), "")
        if family_name_first and len(words) >= 2:
            surname = words[0]
            rest = [t for t in tokens if t != surname]
        else:
            surname = words[-1]
            rest = list(tokens[: len(tokens) - 1 - tokens[::-1].index(surname)])
        given = rest[0] if rest else ""
        middles = frozenset(t[0] for t in rest[1:])
        return ParsedName(tokens, key, surname, given, middles, self.canonical_given(given))

    def family_name_first(self, name: str, aliases: list[str]) -> bool:
        """True when an alias reduces the name to its first word ("Yoshida" for "Yoshida Nobuhiro")."""
        tokens = self.tokens(name)
        if len(tokens) < 2:
            return False
        for alias in aliases:
            alias_tokens = self.tokens(alias)
            if alias_tokens and alias_tokens[-1] == tokens[0] and alias_tokens[-1] != tokens[-1]:
                return True
        return False

    def given_names_compatible(self, first: str, second: str) -> bool:
        """Whether two given names can belong to one person: equal, an initial of the other, a short form or prefix."""
        if not first or not second or first == second:
            return True
        a, b = self.canonical_given(first), self.canonical_given(second)
        if len(first) == 1 or len(second) == 1:
            return first[0] == second[0] or a[0] == b[0]
        if a == b:
            return True
        shorter, longer = sorted((first, second), key=len)
        return len(shorter) >= 3 and longer.startswith(shorter)


@lru_cache(maxsize=8)
def name_rules(rules: RuleResources | None = None) -> NameRules:
    """The (cached) name matcher for a set of resources; the bundled ones by default."""
    return NameRules(rules or RuleResources.bundled())
