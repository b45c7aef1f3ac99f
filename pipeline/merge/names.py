"""Person names taken apart for matching: surname, given name, middle initials, an order-free key."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.merge.text import fold

HONORIFIC_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "his excellency", "her excellency", "tan sri", "puan sri", "the honourable", "the honorable",
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam",
        "madame", "mme", "datuk", "dato", "datin", "tun", "hon", "rev", "reverend", "sheikh", "he",
    )
)
NAME_SUFFIXES = frozenset("jr sr ii iii iv phd md esq".split())

# Common English short forms of given names, each mapped to the full form it stands for.
NICKNAMES = {
    short: full
    for full, shorts in {
        "joseph": "joe joey", "robert": "bob bobby rob robbie bert", "william": "bill billy will willie liam",
        "james": "jim jimmy jamie", "michael": "mike mick mikey", "thomas": "tom tommy", "daniel": "dan danny",
        "david": "dave davey", "peter": "pete", "anthony": "tony", "christopher": "chris kit",
        "elizabeth": "liz lizzie beth betty eliza", "katherine": "kate katie kathy kat", "catherine": "cathy",
        "jennifer": "jen jenny", "ronald": "ron ronnie", "donald": "don donnie", "stephen": "steve",
        "steven": "stevie", "alexander": "alex sasha", "benjamin": "ben benny", "samuel": "sam sammy",
        "matthew": "matt", "andrew": "andy drew", "richard": "rick rich dick ricky", "edward": "ed eddie ted ned",
        "john": "jack johnny", "charles": "chuck charlie chas", "gregory": "greg", "jeffrey": "jeff",
        "lawrence": "larry", "gerald": "jerry", "patrick": "pat paddy", "susan": "sue susie",
        "margaret": "maggie meg peggy", "nicholas": "nick nicky", "kenneth": "ken kenny", "timothy": "tim",
        "frederick": "fred freddie", "albert": "al", "henry": "hank harry", "jonathan": "jon",
        "abigail": "abby", "deborah": "deb debbie", "rebecca": "becky", "victoria": "vicky tori",
        "theodore": "theo", "zachary": "zach", "philip": "phil", "raymond": "ray", "walter": "walt",
        "gabriel": "gabe", "douglas": "doug", "samantha": "sammie", "pamela": "pam", "jacqueline": "jackie",
        "cynthia": "cindy", "barbara": "barb", "penelope": "penny", "josephine": "josie",
    }.items()
    for short in shorts.split()
}


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person name split for matching; every part is folded (lower case, no accents or punctuation)."""

    tokens: tuple[str, ...]
    key: tuple[str, ...]
    surname: str
    given: str
    middle_initials: frozenset[str]

    @property
    def is_lone(self) -> bool:
        """One word and nothing else ("Sullivan")."""
        return len(self.tokens) == 1

    @property
    def given_is_initial(self) -> bool:
        return len(self.given) == 1

    @property
    def given_canonical(self) -> str:
        return canonical_given(self.given)


def canonical_given(given: str) -> str:
    """The full form of a common short given name ("joe" -> "joseph"); otherwise the name itself."""
    return NICKNAMES.get(given, given)


HONORIFICS_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in HONORIFIC_PHRASES:
    HONORIFICS_BY_FIRST_WORD.setdefault(_phrase[0], []).append(_phrase)


def _strip_honorifics(tokens: tuple[str, ...]) -> tuple[str, ...]:
    stripped = True
    while stripped and len(tokens) > 1 and tokens[0] in HONORIFICS_BY_FIRST_WORD:
        stripped = False
        for phrase in HONORIFICS_BY_FIRST_WORD[tokens[0]]:
            if len(tokens) > len(phrase) and tokens[: len(phrase)] == phrase:
                tokens = tokens[len(phrase):]
                stripped = True
                break
    while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        tokens = tokens[:-1]
    return tokens


@lru_cache(maxsize=262144)
def name_tokens(name: str) -> tuple[str, ...]:
    """Folded words of a name without honorifics and generational suffixes."""
    return _strip_honorifics(tuple(fold(name.replace("-", " ")).split()))


@lru_cache(maxsize=262144)
def parse_name(name: str, family_name_first: bool = False) -> ParsedName:
    """Split a name; `family_name_first` says the first word is the surname ("Yoshida Nobuhiro")."""
    tokens = name_tokens(name) or (fold(name) or name.casefold(),)
    words = [t for t in tokens if len(t) > 1] or list(tokens)
    key = tuple(sorted(words))
    if len(tokens) == 1:
        return ParsedName(tokens, key, tokens[0], "", frozenset())
    if family_name_first and len(words) >= 2:
        surname = words[0]
        rest = [t for t in tokens if t != surname]
    else:
        surname = words[-1]
        rest = list(tokens[: len(tokens) - 1 - tokens[::-1].index(surname)])
    given = rest[0] if rest else ""
    middles = frozenset(t[0] for t in rest[1:])
    return ParsedName(tokens, key, surname, given, middles)


def family_name_first(name: str, aliases: list[str]) -> bool:
    """True when an alias reduces the name to its first word ("Yoshida" for "Yoshida Nobuhiro")."""
    tokens = name_tokens(name)
    if len(tokens) < 2:
        return False
    for alias in aliases:
        alias_tokens = name_tokens(alias)
        if alias_tokens and alias_tokens[-1] == tokens[0] and alias_tokens[-1] != tokens[-1]:
            return True
    return False


def given_names_compatible(first: str, second: str) -> bool:
    """Whether two given names can belong to one person: equal, an initial of the other, a short form or prefix."""
    if not first or not second or first == second:
        return True
    if len(first) == 1 or len(second) == 1:
        return first[0] == second[0] or canonical_given(first)[0] == canonical_given(second)[0]
    a, b = canonical_given(first), canonical_given(second)
    if a == b:
        return True
    shorter, longer = sorted((first, second), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)
