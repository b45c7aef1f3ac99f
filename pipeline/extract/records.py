"""Turning a Doc's rule results into per-article Pydantic records with ids and evidence."""
from __future__ import annotations

import hashlib

from pipeline.extract.meetings import MeetingDraft
from pipeline.extract.people import PersonEntity
from pipeline.models import Evidence, Location, Meeting, Participant, Person, Role, SourceRef


def stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


def _evidence(text: str, spans) -> list[Evidence]:
    seen = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)})
    return [Evidence(start=s, end=e, text=text[s:e]) for s, e in seen]


def person_records(article_id: str, text: str, people: list[PersonEntity]) -> dict[int, Person]:
    records: dict[int, Person] = {}
    for entity in people:
        person_id = stable_id("p", article_id, entity.name.lower())
        roles: dict[tuple, Role] = {}
        for role in (role for m in entity.mentions for role in m.roles()):
            key = ((role.title or "").lower(), (role.organization or "").lower())
            if key not in roles:
                roles[key] = Role(title=role.title, organization=role.organization, country=role.country,
                                  article_ids=[article_id])
            elif role.country and not roles[key].country:
                roles[key].country = role.country
        roles_list = _prune_roles(list(roles.values()))
        records[entity.key] = Person(
            id=person_id,
            name=entity.name,
            honorifics=sorted({h for m in entity.mentions for h in m.honorifics}),
            post_nominals=sorted({p for m in entity.mentions for p in m.post_nominals}),
            aliases=entity.aliases,
            roles=roles_list,
            sources=[SourceRef(article_id=article_id, mention_id=person_id,
                               evidence=_evidence(text, [(m.char_start, m.char_end) for m in entity.mentions]))],
        )
    return records


def _prune_roles(roles: list[Role]) -> list[Role]:
    """Drop a bare title ("Minister") when a fuller one of the same person contains it ("Minister of X")."""
    kept = []
    for role in roles:
        title = (role.title or "").lower()
        if any(other is not role and title and title in (other.title or "").lower() and len(other.title) > len(role.title)
               for other in roles):
            continue
        kept.append(role)
    return sorted(kept, key=lambda r: ((r.title or ""), (r.organization or "")))


def meeting_records(article_id: str, text: str, drafts: list[MeetingDraft], people: dict[int, Person]) -> list[Meeting]:
    meetings = []
    for draft in drafts:
        meeting_id = stable_id("m", article_id, draft.start, draft.end)
        participants = [Participant(person_id=people[key].id, name=people[key].name, role=role)
                        for key, role in sorted(draft.participants.items()) if key in people]
        date = draft.date
        meetings.append(Meeting(
            id=meeting_id,
            kind=draft.kind if draft.kind in ("meeting", "virtual", "call", "summit", "conference") else "meeting",
            name=draft.name,
            series=draft.series,
            ordinal=draft.ordinal,
            start_date=date.start_date if date else None,
            end_date=date.end_date if date else None,
            date_text=date.text if date else None,
            location=Location(**draft.location),
            hosts=sorted(set(draft.hosts)),
            attendance=draft.attendance,
            participants=sorted(participants, key=lambda p: (p.name, p.role)),
            sources=[SourceRef(article_id=article_id, mention_id=meeting_id, evidence=_evidence(text, draft.evidence))],
        ))
        for p in participants:
            person = next(x for x in people.values() if x.id == p.person_id)
            if meeting_id not in person.meeting_ids:
                person.meeting_ids = sorted([*person.meeting_ids, meeting_id])
    return meetings
