"""The word lists the rules use, loaded once from `extract/lexicons/` into fast lookup structures."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicon import load_lexicon


def _phrases(name: str) -> frozenset[str]:
    return frozenset(entry.lower() for entry in load_lexicon(f"extract/lexicons/{name}"))


@dataclass(frozen=True)
class Vocabulary:
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    post_nominals: frozenset[str]
    org_heads: frozenset[str]
    portfolio_words: frozenset[str]
    countries: dict[str, str]
    meeting_nouns: dict[str, str]
    max_title_words: int

    def country_of(self, phrase: str) -> str | None:
        """The country a name or nationality adjective refers to ("Japanese" -> "Japan")."""
        key = phrase.lower().strip()
        if key.startswith("the "):
            key = key[4:]
        return self.countries.get(key)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    countries: dict[str, str] = {}
    for entry in load_lexicon("extract/lexicons/countries.txt"):
        name, _, others = entry.partition("\t")
        for form in [name, *filter(None, others.split("|"))]:
            countries.setdefault(form.lower(), name)
    meeting_nouns = {}
    for entry in load_lexicon("extract/lexicons/meeting_nouns.txt"):
        noun, _, kind = entry.partition("\t")
        meeting_nouns[noun.lower()] = kind or "meeting"
    titles = _phrases("titles.txt")
    return Vocabulary(
        titles=titles,
        title_modifiers=_phrases("title_modifiers.txt"),
        honorifics=_phrases("honorifics.txt"),
        post_nominals=_phrases("post_nominals.txt"),
        org_heads=_phrases("org_heads.txt"),
        portfolio_words=_phrases("portfolio_words.txt"),
        countries=countries,
        meeting_nouns=meeting_nouns,
        max_title_words=max(len(t.replace("-", " - ").split()) for t in titles),
    )
