"""Grouping an article's name mentions into one entity per person."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pipeline.extract.people.mentions import NameMention
from pipeline.extract.phrases import PhraseReader


@dataclass
class PersonEntity:
    key: int
    name: str
    mentions: list[NameMention]

    @property
    def aliases(self) -> list[str]:
        forms = {m.surface for m in self.mentions} | {m.name for m in self.mentions}
        return sorted(f for f in forms if f and f != self.name)

    @property
    def tokens(self) -> set[str]:
        return {t.lower().strip(".,") for t in self.name.replace("-", " ").split()}


def group_mentions(mentions: list[NameMention]) -> list[PersonEntity]:
    """One entity per person: a short mention ("Lim", "Mr. Yoshida") joins the full name that contains it."""
    entities: list[PersonEntity] = []
    for mention in sorted(mentions, key=lambda m: (-len(m.name.split()), m.start)):
        tokens = {t.lower().strip(".,") for t in mention.name.replace("-", " ").split()}
        match = next((e for e in entities if e.name.lower() == mention.name.lower()), None)
        if match is None:
            fits = [(strength, e) for e in entities if tokens <= e.tokens and (strength := _fit(mention, e))]
            best = max((strength for strength, _ in fits), default=0)
            for strength, entity in fits:
                if strength == best and (match is None or _closer(entity, mention, match)):
                    match = entity
        if match is None and len(mention.name.split()) == 1 and not (mention.title or mention.honorifics or mention.kin):
            continue
        if match is None:
            entities.append(PersonEntity(key=len(entities), name=mention.name, mentions=[mention]))
        else:
            match.mentions.append(mention)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
    return sorted(entities, key=lambda e: e.mentions[0].start)


def add_bare_surnames(entities: list[PersonEntity], doc, reader: PhraseReader,
                      make: Callable[[int, int], NameMention | None]) -> None:
    """A later bare surname ("Berglund said") that the model did not tag joins the one person it names."""
    taken = {i for e in entities for m in e.mentions for i in range(m.start, m.end)}
    by_word: dict[str, list[PersonEntity]] = {}
    for entity in entities:
        words = entity.name.split()
        if len(words) >= 2:
            for word in {words[0], words[-1]}:
                by_word.setdefault(word, []).append(entity)
    for token in doc:
        owners = by_word.get(token.text)
        if token.i in taken or not owners or len(owners) != 1 or not reader.is_name_word(token):
            continue
        if token.i + 1 < len(doc) and reader.is_name_word(doc[token.i + 1]):
            continue
        mention = make(token.i, token.i + 1)
        if mention is not None:
            owners[0].mentions.append(mention)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)


def _fit(mention: NameMention, entity: PersonEntity) -> int:
    """How well a short mention fits a full name that contains it: 2 when it carries the same kind of title,
    1 when it has no title or comes after the full name, 0 when it is a titled short form written before the
    full name ("President Biden" ... "Beau Biden") whose title the full name never carries."""
    if not mention.title:
        return 1
    head = mention.title.split()[-1].lower()
    if any(head in m.title.lower() for m in entity.mentions if m.title):
        return 2
    return 1 if mention.start > min(m.start for m in entity.mentions) else 0


def _closer(candidate: PersonEntity, mention: NameMention, current: PersonEntity) -> bool:
    def distance(entity: PersonEntity) -> int:
        before = [m.start for m in entity.mentions if m.start <= mention.start]
        return mention.start - max(before) if before else 10**9
    return distance(candidate) < distance(current)
