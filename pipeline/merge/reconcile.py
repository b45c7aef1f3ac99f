"""One record from a cluster of mentions: the most specific value of each field, disagreements kept as conflicts."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any, Callable, Hashable, Mapping, Sequence

from pipeline.merge.meetings import place_key
from pipeline.merge.names import name_rules
from pipeline.merge.orgs import org_rules
from pipeline.merge.text import text_key
from pipeline.models import Conflict, ConflictValue, Location, Meeting, Participant, Person, Role, SourceRef
from pipeline.resources import RuleResources

KIND_PREFERENCE = ("summit", "conference", "virtual", "call")


def _articles(record: Meeting | Person) -> list[str]:
    return [source.article_id for source in record.sources]


def _longest(values: list[str | None]) -> str | None:
    present = [v for v in values if v]
    return max(present, key=lambda v: (len(v), [-ord(c) for c in v])) if present else None


def _value_groups(
    members: Sequence[Meeting], get: Callable[[Meeting], Any], key: Callable[[Any], Hashable] = lambda v: v
) -> dict[Hashable, tuple[list[Any], set[str]]]:
    """Non-null values of a field grouped by comparison key, each with its display values and citing articles."""
    groups: dict[Hashable, tuple[list[Any], set[str]]] = {}
    for member in members:
        value = get(member)
        if value is None or value == "":
            continue
        values, articles = groups.setdefault(key(value), ([], set()))
        values.append(value)
        articles.update(_articles(member))
    return groups


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _sortable(value: Any) -> tuple[int, float, str]:
    """Numbers in numeric order, before everything else in text order."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def _conflict(field: str, groups: dict[Hashable, tuple[list[Any], set[str]]], display: Callable[[list[Any]], Any]) -> Conflict | None:
    if len(groups) < 2:
        return None
    values = [
        ConflictValue(value=_json_value(display(values)), article_ids=sorted(articles))
        for values, articles in groups.values()
    ]
    values.sort(key=lambda v: (_sortable(v.value), v.article_ids))
    return Conflict(field=field, values=values)


def _pick_string(groups: dict[Hashable, tuple[list[Any], set[str]]]) -> str | None:
    """The display form (longest) of the value most articles give; ties go to the longer value."""
    if not groups:
        return None
    best = max(groups.values(), key=lambda g: (len(g[1]), len(_longest(g[0]) or ""), sorted(g[1])[0] if g[1] else ""))
    return _longest(best[0])


_MONTH_OR_NUMBER = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", re.IGNORECASE)


def _pick_dates(members: Sequence[Meeting]) -> tuple[dt.date | None, dt.date | None, str | None]:
    """A date written out (with its month or number) over a relative one ("Tuesday", "next week"), then a full
    range over a start alone, a range over one day; among equals the one most articles give, then the earliest."""
    votes: Counter[tuple[dt.date, dt.date | None]] = Counter()
    written_out: set[tuple[dt.date, dt.date | None]] = set()
    for member in members:
        if member.start_date:
            pair = (member.start_date, member.end_date)
            votes[pair] += len(member.sources)
            if member.date_text and _MONTH_OR_NUMBER.search(member.date_text):
                written_out.add(pair)
    if not votes:
        return None, None, _longest([m.date_text for m in members])
    start, end = min(votes, key=lambda pair: (pair not in written_out, pair[1] is None,
                                              not (pair[1] and pair[1] > pair[0]), -votes[pair], pair[0],
                                              pair[1] or pair[0]))
    if end is None or end == start:
        longer = [pair for pair in votes if pair[0] == start and pair[1] and pair[1] > start]
        if longer:
            end = max(pair[1] for pair in longer)
    texts = [m.date_text for m in members if m.start_date == start and m.end_date == end]
    return start, end, _longest(texts) or _longest([m.date_text for m in members])


def _pick_kind(members: Sequence[Meeting]) -> tuple[str, Conflict | None]:
    groups = _value_groups(members, lambda m: None if m.kind == "meeting" else m.kind)
    if not groups:
        return "meeting", None
    kind = max(groups, key=lambda k: (len(groups[k][1]), -KIND_PREFERENCE.index(k)))  # type: ignore[arg-type]
    return str(kind), _conflict("kind", groups, lambda values: values[0])


def _merge_participants(members: Sequence[Meeting], person_ids: Mapping[str, str], people: Mapping[str, Person],
                        rules: RuleResources) -> list[Participant]:
    best: dict[str, Participant] = {}
    names = name_rules(rules)
    for member in members:
        for participant in member.participants:
            merged_id = person_ids.get(participant.person_id or "")
            key = merged_id or "name:" + " ".join(names.tokens(participant.name))
            name = people[merged_id].name if merged_id in people else participant.name
            role = participant.role
            current = best.get(key)
            if current is not None:
                if rules.role_strength(current.role) >= rules.role_strength(role):
                    role = current.role
                if merged_id is None:
                    name = _longest([current.name, name]) or name
            best[key] = Participant(person_id=merged_id, name=name, role=role)
    return sorted(best.values(), key=lambda p: (p.name, p.person_id or "", p.role))


def merged_sources(members: Sequence[Meeting | Person]) -> list[SourceRef]:
    sources = [source for member in members for source in member.sources]
    return sorted(sources, key=lambda s: (s.article_id, s.mention_id or ""))


def build_meeting(
    meeting_id: str, members: Sequence[Meeting], person_ids: Mapping[str, str], people: Mapping[str, Person],
    rules: RuleResources | None = None,
) -> Meeting:
    """The merged meeting for a cluster of mentions; `person_ids` maps mention ids to merged person ids."""
    rules = rules or RuleResources.bundled()
    orgs = org_rules(rules)
    conflicts: list[Conflict | None] = [c for m in members for c in m.conflicts]
    kind, kind_conflict = _pick_kind(members)
    start, end, date_text = _pick_dates(members)
    starts = _value_groups(members, lambda m: m.start_date)
    ends = _value_groups(members, lambda m: m.end_date)
    ordinals = _value_groups(members, lambda m: m.ordinal)
    attendance = _value_groups(members, lambda m: m.attendance)
    location_fields = {}
    for field_name in ("venue", "city", "region", "country"):
        key = orgs.normalize_country if field_name == "country" else place_key
        groups = _value_groups(members, lambda m, f=field_name: getattr(m.location, f), key)
        location_fields[field_name] = _pick_string(groups)
        conflicts.append(_conflict(f"location.{field_name}", groups, _longest))
    ordinal = max(ordinals, key=lambda k: (len(ordinals[k][1]), -k)) if ordinals else None  # type: ignore[operator]
    conflicts += [
        kind_conflict,
        _conflict("start_date", starts, lambda values: values[0]),
        _conflict("end_date", ends, lambda values: values[0]),
        _conflict("ordinal", ordinals, lambda values: values[0]),
        _conflict("attendance", attendance, lambda values: values[0]),
    ]
    return Meeting(
        id=meeting_id,
        kind=kind,
        name=_longest([m.name for m in members]),
        series=_longest([m.series for m in members]),
        ordinal=ordinal,
        start_date=start,
        end_date=end,
        date_text=date_text,
        location=Location(**location_fields),
        hosts=orgs.display_forms([host for m in members for host in m.hosts]),
        attendance=max(attendance) if attendance else None,  # type: ignore[type-var]
        participants=_merge_participants(members, person_ids, people, rules),
        sources=merged_sources(members),
        conflicts=_unique_conflicts(conflicts),
        reviewed=any(m.reviewed for m in members),
    )


def _unique_conflicts(conflicts: list[Conflict | None]) -> list[Conflict]:
    unique = {c.model_dump_json(): c for c in conflicts if c is not None}
    return [unique[k] for k in sorted(unique, key=lambda k: (unique[k].field, k))]


def _merge_roles(members: Sequence[Person], rules: RuleResources) -> list[Role]:
    normalize_org = org_rules(rules).normalize_org
    groups: dict[tuple[str, str], list[Role]] = {}
    for member in members:
        for role in member.roles:
            groups.setdefault((text_key(role.title), normalize_org(role.organization)), []).append(role)
    for title, org in sorted(groups):
        if org == "" and title:
            with_org = [key for key in groups if key[0] == title and key[1]]
            if len(with_org) == 1:
                groups[with_org[0]].extend(groups.pop((title, org)))
    roles = []
    for group in groups.values():
        countries = Counter(role.country for role in group if role.country)
        roles.append(
            Role(
                title=_longest([r.title for r in group]),
                organization=_longest([r.organization for r in group]),
                country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
                article_ids=sorted({a for role in group for a in role.article_ids}),
            )
        )
    return sorted(roles, key=lambda r: (r.title or "", r.organization or "", r.country or "", r.article_ids))


def build_person(person_id: str, members: Sequence[Person], meeting_ids: Mapping[str, str],
                 rules: RuleResources | None = None) -> Person:
    """The merged person for a cluster of mentions; `meeting_ids` maps mention ids to merged meeting ids."""
    rules = rules or RuleResources.bundled()
    names = name_rules(rules)
    name = max((m.name for m in members), key=lambda n: (len(names.tokens(n)), len(n), [-ord(c) for c in n]))
    aliases = {alias for m in members for alias in m.aliases} | {m.name for m in members}
    aliases.discard(name)
    return Person(
        id=person_id,
        name=name,
        honorifics=sorted({h for m in members for h in m.honorifics}),
        post_nominals=sorted({p for m in members for p in m.post_nominals}),
        aliases=sorted(aliases),
        roles=_merge_roles(members, rules),
        meeting_ids=sorted({meeting_ids.get(mid, mid) for m in members for mid in m.meeting_ids}),
        sources=merged_sources(members),
        reviewed=any(m.reviewed for m in members),
    )
