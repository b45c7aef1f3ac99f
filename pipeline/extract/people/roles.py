"""Reading what an article says a named person is: title, organization and country around each mention."""
from __future__ import annotations

from pipeline.extract.people.mentions import NameMention, opens_line
from pipeline.extract.phrases import PhraseReader, is_capitalized
from pipeline.resources import RuleResources


class RoleReader:
    """Fills a mention's title, organization and country from the words written before and after its name."""

    def __init__(self, doc, rules: RuleResources, reader: PhraseReader):
        self.doc = doc
        self.rules = rules
        self.reader = reader

    def read(self, mention: NameMention) -> None:
        self._read_after(mention)
        if mention.title_span is not None:
            self._prefix_role(mention, *mention.title_span)

    def _prefix_role(self, mention: NameMention, prefix_start: int, title_start: int, title_end: int) -> None:
        """Split "NATO Secretary General" / "Brazilian Foreign Minister" into organization or country and title."""
        doc = self.doc
        mention.title = doc[title_start:title_end].text.strip() or None
        if mention.title and mention.title.lower() in self.rules.honorifics and prefix_start >= title_start:
            mention.honorifics.append(mention.title)
            mention.title = None
        if prefix_start >= title_start:
            return
        prefix = doc[prefix_start:title_start].text.strip()
        country = self.rules.country_of(prefix)
        if country:
            mention.country = mention.country or country
        else:
            mention.organization = mention.organization or prefix

    def _read_after(self, mention: NameMention) -> None:
        """Post-nominals, an appositive title and organization, or "of <Country>" after a name."""
        doc, reader = self.doc, self.reader
        i = mention.end
        while i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].text.lower() in self.rules.post_nominals:
            mention.post_nominals.append(doc[i + 1].text)
            i += 2
            if i < len(doc) and doc[i].text == "." and not doc[i - 1].text.endswith("."):
                i += 1
        if i + 1 < len(doc) and doc[i].text == "," and not mention.possessive:
            title = reader.title_at(i + 1, lowercase=True)
            if title and ((i + 1) not in reader.person_starts or reader.person_starts[i + 1].end <= title.head_end):
                mention.title = doc[title.start:title.end].text
                i = title.end
                i = self._read_organization(mention, i)
            elif mention.title is None and opens_line(doc, mention.start):
                org_end = reader.organization_at(i + 1)
                if org_end > i + 1 and (org_end >= len(doc) or doc[org_end].text in (",", ".", ";", "\n") or doc[org_end].is_sent_start):
                    mention.organization = doc[i + 1:org_end].text
                    i = org_end
        if i + 1 < len(doc) and doc[i].text.lower() == "of" and is_capitalized(doc[i + 1]) or (
                i + 2 < len(doc) and doc[i].text.lower() == "of" and doc[i + 1].text.lower() == "the"):
            end = reader.organization_at(i + 1)
            phrase = doc[i + 1:end].text
            country = self.rules.country_of(phrase)
            if country:
                mention.country = mention.country or country
            elif end > i + 1:
                mention.organization = mention.organization or phrase.removeprefix("the ")
                self._country_from_org(mention)

    def _read_organization(self, mention: NameMention, i: int) -> int:
        doc, reader = self.doc, self.reader
        if i + 1 < len(doc) and doc[i].text in (",", "of", "at") and (is_capitalized(doc[i + 1]) or doc[i + 1].text.lower() == "the"):
            if doc[i].text == "," and (i + 1) in reader.person_starts:
                return i
            if i + 2 < len(doc) and doc[i + 1].text.lower() == "and":
                return i
            end = reader.organization_at(i + 1)
            if end > i + 1:
                mention.organization = doc[i + 1:end].text.removeprefix("the ").strip()
                self._country_from_org(mention)
                return end
        return i

    def _country_from_org(self, mention: NameMention) -> None:
        org = mention.organization or ""
        head, sep, tail = org.rpartition(" of ")
        if sep and self.rules.country_of(tail):
            mention.country = mention.country or self.rules.country_of(tail)
            mention.organization = head
        for word in org.replace("’s", " ").replace("'s", " ").split()[:1]:
            country = self.rules.country_of(word)
            if country:
                mention.country = mention.country or country
                mention.organization = org.split(None, 1)[1] if " " in org else None
        if mention.organization and self.rules.country_of(mention.organization):
            mention.country = mention.country or self.rules.country_of(mention.organization)
            mention.organization = None
