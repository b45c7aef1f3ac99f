"""Stable ids for merged records: an id once given to a meeting or person survives later merges."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from pipeline.models import Meeting, Person


def mention_ids(record: Meeting | Person) -> list[str]:
    """The per-article ids a record stands for: its own id and every source's mention id."""
    ids = [source.mention_id for source in record.sources if source.mention_id]
    return ids or [record.id]


@dataclass
class PreviousIds:
    """Merged ids of an earlier output folder, looked up by mention id."""

    meetings: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_records(cls, meetings: Iterable[Meeting], people: Iterable[Person]) -> "PreviousIds":
        """Index the records of an existing meetings.jsonl and people.jsonl."""
        return cls(meetings=_index(meetings), people=_index(people))


def _index(records: Iterable[Meeting | Person]) -> dict[str, str]:
    index: dict[str, str] = {}
    for record in records:
        index[record.id] = record.id
        for mention in mention_ids(record):
            index[mention] = record.id
    return index


def assign_ids(clusters: Sequence[Sequence[Meeting | Person]], previous: Mapping[str, str]) -> list[str]:
    """One id per cluster: the smallest earlier id of any member, else the smallest member mention id.

    A cluster whose earlier id is taken by a cluster that holds that very mention (an old cluster split)
    falls back to its own smallest untaken mention id.
    """
    members = [sorted({m for record in cluster for m in mention_ids(record)}) for cluster in clusters]
    wanted = [min((previous[m] for m in ids if m in previous), default=ids[0]) for ids in members]
    owner_of_mention = {m: position for position, ids in enumerate(members) for m in ids}
    order = sorted(range(len(clusters)), key=lambda p: (owner_of_mention.get(wanted[p]) != p, wanted[p], members[p][0]))
    taken: set[str] = set()
    result = [""] * len(clusters)
    for position in order:
        choice = wanted[position]
        if choice in taken:
            choice = next((m for m in members[position] if m not in taken and owner_of_mention.get(m) == position), "")
            suffix = 2
            while not choice or choice in taken:
                choice = f"{members[position][0]}-{suffix}"
                suffix += 1
        taken.add(choice)
        result[position] = choice
    return result
