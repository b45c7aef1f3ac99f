"""What the rest of the article tells about a post: its country and its organization's full name.

* "Forum Secretary General X" in an article that names the "Pacific Coast Patrol Forum": the organization is
  the one body of the article with that head word;

* a body the article ties to a country: "the Japanese Ministry of International Trade and Industry (MITI)" gives
  Japan to "MITI vice minister X"; "Ministry of Land, Infrastructure, Transport and Tourism of Japan" gives Japan
  to the "Minister of Land, Infrastructure, Transport and Tourism";
* "his Prime Minister Jacques Chirac": the country of the person the pronoun points back to;
* the country the article is about, for a national office (a minister, an office of a ministry) with no
  country, when one country clearly dominates the article; for a head of state or government only when the
  article names no other country and no other leader placed in one (a readout of a call between two leaders
  names the other leader's country, not its own; a story from Tokyo still quotes "President Reagan").
"""
from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.people.mentions import POSSESSIVE, MentionRole, NameMention
from pipeline.extract.phrases import PhraseReader, is_capitalized
from pipeline.resources import RuleResources, fold

LEADER_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "amir",
                           "sultan", "crown prince", "head of state", "head of government"})
NATIONAL_BODIES = ("ministry", "ministries", "parliament", "government", "cabinet")
NATIONAL_HEADS = frozenset({"ministry", "department", "government", "embassy", "parliament", "cabinet", "agency"})
DOMINANT_MIN_MENTIONS = 3
DOMINANT_RATIO = 3
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)")


def _title_key(title: str | None) -> str:
    words = [w for w in fold(title or "").replace("-", " ").split() if w not in ("former", "acting", "new", "the")]
    return " ".join(words)


class ArticleContext:
    """Completes an article's roles from what the article says elsewhere."""

    def __init__(self, doc, rules: RuleResources, reader: PhraseReader):
        self.doc = doc
        self.text = doc.text
        self.rules = rules
        self.bodies: dict[str, str] = {}  # folded body name or acronym -> country
        self.counts: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                country = rules.country_of(ent.text.replace("’s", "").replace("'s", ""))
                if country:
                    self.counts[country] += 1
        self.named_bodies: dict[str, set[str]] = {}  # head word -> full names the article gives bodies with it
        for tok in doc:
            if not (is_capitalized(tok) and reader.is_org_head(tok)):
                continue
            start = tok.i
            while start > 0 and tok.i - start < 4 and (is_capitalized(doc[start - 1]) or doc[start - 1].text in POSSESSIVE) \
                    and "\n" not in doc[start - 1].text and not doc[start - 1].is_sent_start:
                start -= 1
            end = reader.organization_at(tok.i)
            if start < tok.i:
                self.named_bodies.setdefault(tok.lower_, set()).add(doc[start:tok.i + 1].text)
            if tok.lower_ in NATIONAL_HEADS:
                self._body(doc[start:end].text, doc[end - 1].idx + len(doc[end - 1].text))

    def _body(self, text: str, end_char: int) -> None:
        """"the Japanese Ministry of X (MITI)", "Ministry of X of Japan", "Japan's Ministry of X"."""
        text = text.removeprefix("the ").removeprefix("The ")
        country, name = None, text
        head, sep, tail = text.rpartition(" of ")
        if sep and self.rules.country_of(tail):
            country, name = self.rules.country_of(tail), head
        owner, sep, rest = text.replace("’s ", "'s ").partition("'s ")
        if sep and self.rules.country_of(owner):
            country, name = self.rules.country_of(owner), rest
        words = text.split()
        for size in (2, 1):
            if not country and len(words) > size and self.rules.country_of(" ".join(words[:size])):
                country, name = self.rules.country_of(" ".join(words[:size])), " ".join(words[size:])
        if not country:
            return
        self.bodies.setdefault(fold(name), country)
        acronym = _ACRONYM_AFTER.match(self.text, end_char)
        if acronym:
            self.bodies.setdefault(fold(acronym.group(1)), country)

    def home_country(self) -> str | None:
        """The country the article is about, when one clearly dominates it."""
        ranked = self.counts.most_common(2)
        if len(ranked) == 1 and ranked[0][1] >= 2:
            return ranked[0][0]
        if not ranked or ranked[0][1] < DOMINANT_MIN_MENTIONS or ranked[0][1] < DOMINANT_RATIO * ranked[1][1]:
            return None
        return ranked[0][0]

    def complete(self, mentions: list[NameMention], owner_pronoun: set[int]) -> None:
        for mention in mentions:
            self._full_organization_names(mention)
        for mention in mentions:
            for index, role in enumerate(mention.roles()):
                if not role.country and self._from_body(role):
                    self._set_country(mention, index, role.country)
        self._from_owner(mentions, owner_pronoun)
        home = self.home_country()
        if home is None:
            return
        only_country = len(self.counts) == 1
        placed_leaders = any(self._is_leader(r) and r.country for m in mentions for r in m.roles())
        placed_elsewhere = any(self._is_national(r) and r.country and r.country != home for m in mentions for r in m.roles())
        for mention in mentions:
            roles = mention.roles()
            for index, role in enumerate(roles):
                if role.country or not self._is_national(role) or placed_elsewhere:
                    continue
                if self._is_leader(role) and (placed_leaders or not only_country):
                    continue
                self._set_country(mention, index, home)

    def _full_organization_names(self, mention: NameMention) -> None:
        """"Forum Secretary General X": a bare head word stands for the one body the article names with it."""
        for index, role in enumerate(mention.roles()):
            head = (role.organization or "").removeprefix("the ").lower()
            names = self.named_bodies.get(head, set())
            if len(names) == 1:
                (name,) = names
                if index == 0 and (mention.title or mention.organization):
                    mention.organization = name
                else:
                    mention.other_roles[index - (1 if mention.title or mention.organization else 0)].organization = name

    def _from_body(self, role: MentionRole) -> bool:
        """Give the role the country of its organization, or of the ministry its title names; True if it got one."""
        if role.organization:
            role.country = self.bodies.get(fold(role.organization))
            if role.country:
                return True
        title = fold(role.title or "")
        for marker in ("minister of ", "minister for ", "ministry of "):
            _, sep, portfolio = title.partition(marker)
            if sep:
                role.country = self._ministry_country(portfolio)
                return bool(role.country)
        return False

    def _ministry_country(self, portfolio: str) -> str | None:
        """The country of the ministry a title's portfolio names: the same portfolio, or the first one of a
        ministry's list ("Minister of Digital Development" of the "Ministry of Digital Development, Innovation and
        Aerospace Industry of Kazakhstan")."""
        for prefix in ("ministry of ", "ministry for "):
            if prefix + portfolio in self.bodies:
                return self.bodies[prefix + portfolio]
        for body, country in sorted(self.bodies.items()):
            for prefix in ("ministry of ", "ministry for "):
                if body.startswith(prefix + portfolio + " ") or body.startswith(prefix + portfolio + ","):
                    return country
        return None

    def _from_owner(self, mentions: list[NameMention], owner_pronoun: set[int]) -> None:
        """"French President Francois Mitterand, his Prime Minister Jacques Chirac"."""
        for index, mention in enumerate(mentions):
            if mention.start not in owner_pronoun or mention.country:
                continue
            for earlier in reversed(mentions[:index]):
                if earlier.sentence != mention.sentence:
                    break
                if earlier.country:
                    mention.country = earlier.country
                    break

    @staticmethod
    def _set_country(mention: NameMention, index: int, country: str) -> None:
        if index == 0 and (mention.title or mention.organization):
            mention.country = country
        else:
            mention.other_roles[index - (1 if mention.title or mention.organization else 0)].country = country

    def _is_leader(self, role: MentionRole) -> bool:
        return _title_key(role.title) in LEADER_TITLES

    def _is_national(self, role: MentionRole) -> bool:
        """A post of a national government: a head of state or government, a minister, an office of a ministry."""
        title = _title_key(role.title)
        org = fold(role.organization or "")
        if role.organization and not any(word in org.split() for word in NATIONAL_BODIES):
            return False
        return self._is_leader(role) or "minister" in title or "presidential" in title.split() \
            or any(word in org.split() for word in NATIONAL_BODIES)
