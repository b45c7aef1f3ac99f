"""Names a reviewer recognises: labels for unnamed meetings, short role lines for people."""
from __future__ import annotations

from pipeline.models import Meeting, Person, Role

KIND_NAMES = {"meeting": "Meeting", "virtual": "Virtual meeting", "call": "Call", "summit": "Summit",
              "conference": "Conference"}
ROLE_ORDER = {"host": 0, "chair": 1, "co-chair": 2, "speaker": 3, "participant": 4}
NAMES_IN_LABEL = 2


def date_range(meeting: Meeting) -> str:
    """`2024-05-02`, or `2024-05-02 – 2024-05-03` for a range; empty without a date."""
    if not meeting.start_date:
        return ""
    if meeting.end_date and meeting.end_date != meeting.start_date:
        return f"{meeting.start_date.isoformat()} – {meeting.end_date.isoformat()}"
    return meeting.start_date.isoformat()


def meeting_label(meeting: Meeting, people: dict[str, Person]) -> str:
    """The meeting's name; for an unnamed one its kind, who met and when ("Call: A – B, 2021-04-26")."""
    if meeting.name:
        return meeting.name
    if meeting.series:
        return f"{meeting.series} #{meeting.ordinal}" if meeting.ordinal else meeting.series
    kind = KIND_NAMES.get(meeting.kind, meeting.kind.capitalize())
    ordered = sorted(meeting.participants, key=lambda p: ROLE_ORDER.get(p.role, 9))
    names = []
    for participant in ordered:
        person = people.get(participant.person_id or "")
        name = person.name if person else participant.name
        if name not in names:
            names.append(name)
    place = meeting.location.city or meeting.location.country or meeting.location.venue
    if names:
        who = " – ".join(names[:NAMES_IN_LABEL])
        if len(names) > NAMES_IN_LABEL:
            who += f" +{len(names) - NAMES_IN_LABEL}"
        label = f"{kind}: {who}"
    elif place:
        label = f"{kind} in {place}"
    else:
        label = f"{kind} (unnamed)"
    when = meeting.start_date.isoformat() if meeting.start_date else meeting.date_text
    return f"{label}, {when}" if when else label


def role_line(role: Role) -> str:
    return ", ".join(part for part in (role.title, role.organization, role.country) if part)


def person_label(person: Person) -> str:
    return person.name


def person_subtitle(person: Person) -> str:
    """The person's first role, as one line."""
    return next((role_line(role) for role in person.roles if role_line(role)), "")
