"""Organization and country names reduced to comparison keys, so hosts and roles from different articles agree."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.resources import RuleResources, fold

_POSSESSIVE_PREFIX = re.compile(r"^(?:the )?(?P<owner>.+?)(?:'s|\u2019s|s') (?P<rest>.+)$", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


class OrgRules:
    """Organization keys with one set of rule resources (their country names)."""

    def __init__(self, rules: RuleResources) -> None:
        self.rules = rules
        self.countries = frozenset(rules.folded_countries) | frozenset(rules.folded_countries.values())
        self.normalize_org = lru_cache(maxsize=65536)(self._normalize_org)

    def normalize_country(self, name: str | None) -> str:
        """A comparison key for a country name ("U.S." = "the United States" = "American")."""
        return self.rules.country_key(name)

    def _drop_country_tail(self, key: str) -> str:
        """'ministry of foreign affairs of japan' -> 'ministry of foreign affairs'.

        Only a known country is dropped, and only after a name that has its own "of" ("Bank of Japan" stays).
        """
        parts = key.split(" of ")
        for cut in range(2, len(parts)):
            tail = " of ".join(parts[cut:]).removeprefix("the ")
            if tail in self.countries:
                return " of ".join(parts[:cut])
        return key

    def _normalize_org(self, name: str | None) -> str:
        """A comparison key for an organization name.

        Case and accents are ignored, and so are a leading "the", a parenthesized acronym, a possessive country
        prefix ("Japan's Ministry of X") and a trailing "of <country>" ("Ministry of X of Japan").
        """
        if not name:
            return ""
        text = _PARENTHESES.sub("", name).strip()
        possessive = _POSSESSIVE_PREFIX.match(text)
        if possessive and fold(possessive.group("owner")).removeprefix("the ") in self.countries:
            text = possessive.group("rest")
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        key = self._drop_country_tail(key)
        return key or fold(name)

    def display_forms(self, names: list[str]) -> list[str]:
        """One form per normalized key, the longest (then alphabetically first), sorted."""
        best: dict[str, str] = {}
        for name in names:
            if not name or not name.strip():
                continue
            key = self.normalize_org(name)
            current = best.get(key)
            if current is None or (len(name), _reverse(name)) > (len(current), _reverse(current)):
                best[key] = name.strip()
        return sorted(best.values(), key=lambda form: (form.casefold(), form))


def _reverse(text: str) -> tuple[int, ...]:
    """Sort helper: greater for alphabetically earlier text, so max() picks the first."""
    return tuple(-ord(ch) for ch in text)


@lru_cache(maxsize=8)
def org_rules(rules: RuleResources | None = None) -> OrgRules:
    """The (cached) organization keys for a set of resources; the bundled ones by default."""
    return OrgRules(rules or RuleResources.bundled())


def normalize_org(name: str | None) -> str:
    """`OrgRules.normalize_org` with the bundled resources."""
    return org_rules().normalize_org(name)
