"""People: the persons an article names, what it says they are, one entity per person per article.

One step per module: `mentions` finds where a name is written (with the title and honorifics written with it),
`roles` reads each mention's title, organization and country from the words around it, `article` completes
them from the rest of the article (countries of bodies, full names of organizations), `grouping` joins the mentions of one person ("Prime Minister Tetsuo
Saito", "Saito", "Minister Saito") into a `PersonEntity`.
"""
from __future__ import annotations

from pipeline.extract.people.article import ArticleContext
from pipeline.extract.people.grouping import PersonEntity, add_bare_surnames, group_mentions
from pipeline.extract.people.mentions import MentionFinder, NameMention
from pipeline.extract.people.roles import RoleReader
from pipeline.extract.phrases import PhraseMatchers, PhraseReader
from pipeline.resources import RuleResources

__all__ = ["NameMention", "PeopleFinder", "PersonEntity"]


class PeopleFinder:
    """Finds the people an article names and what it says they are."""

    def __init__(self, doc, rules: RuleResources, matchers: PhraseMatchers):
        self.doc = doc
        self.rules = rules
        self.reader = PhraseReader(doc, rules, matchers)
        self.mentions = MentionFinder(doc, rules, self.reader)
        self.roles = RoleReader(doc, rules, self.reader)

    def find(self) -> list[PersonEntity]:
        mentions = self.mentions.find()
        self.roles.know_names(mentions)
        for mention in mentions:
            self.roles.read(mention)
        dropped = {id(m) for m in self.mentions.not_people(mentions)}
        mentions = [m for m in mentions if id(m) not in dropped and not self._inside_organization(m)]
        ArticleContext(self.doc, self.rules, self.reader).complete(mentions, self.roles.owner_pronoun)
        entities = group_mentions(mentions)
        add_bare_surnames(entities, self.doc, self.reader, self._bare_mention)
        return entities

    def _inside_organization(self, mention: NameMention) -> bool:
        """A "name" that the text gives as someone's organization ("analyst with L.F. Rothschild") is not a person."""
        return any(start <= mention.start and mention.end <= end for start, end in self.roles.org_spans)

    def _bare_mention(self, start: int, end: int) -> NameMention | None:
        mention = self.mentions.make(start, end, start)
        if mention is not None:
            self.roles.read(mention)
        return mention
