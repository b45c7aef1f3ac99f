"""Evidence spans by field, drawn into article text: nested and overlapping spans all drawn, paragraphs excerpted.

A span's field is the `field` the extractor gave it; without one it is derived from the record (a span reading
like the record's date supports `date`, one holding a participant's name supports `participant`, ...). Spans
that cross are cut into pieces that nest, so every span is drawn; all pieces of a span share its `data-span`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup, escape

from pipeline.models import Meeting, Person

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec)|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday"
    r"|tomorrow)\b|\b\d{4}-\d\d-\d\d\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """One evidence span to draw: `owner` is `own` for the record's evidence, `linked` for a linked record's."""

    id: str
    start: int
    end: int
    text: str
    field: str
    owner: str = "own"


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and a.casefold().strip() == b.casefold().strip()


def _within(needle: str | None, hay: str) -> bool:
    return bool(needle) and needle.casefold() in hay.casefold()


def meeting_field(meeting: Meeting, text: str, participant_names: Iterable[str]) -> str:
    """The field of `meeting` that an evidence text supports."""
    if _same(text, meeting.name) or _same(text, meeting.series):
        return "name"
    location = meeting.location
    for name in ("venue", "city", "region", "country"):
        if _same(text, getattr(location, name)):
            return name
    if meeting.date_text and len(text) < 60 and (_within(meeting.date_text, text) or _within(text, meeting.date_text)):
        return "date"
    if len(text) > 80:
        return "mention"
    if meeting.name and len(text) > 12 and _within(text, meeting.name):
        return "name"
    if any(_same(text, host) or (len(text) < 80 and _within(host, text)) for host in meeting.hosts):
        return "host"
    if meeting.attendance and len(text) < 80 and re.search(rf"\b{meeting.attendance}\b", text):
        return "attendance"
    if len(text) < 60 and DATE_WORDS.search(text):
        return "date"
    for name in participant_names:
        surname = name.split()[-1] if name.split() else ""
        if _within(name, text) or (len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", text)):
            return "participant"
    return "mention"


def person_field(person: Person, text: str) -> str:
    """The field of `person` that an evidence text supports."""
    names = [person.name, *person.aliases]
    if any(_same(text, name) for name in names) or (len(text) < 60 and any(_within(text, name) for name in names)):
        return "name"
    for role in person.roles:
        if role.title and (_same(text, role.title) or _within(role.title, text)):
            return "title"
        if role.organization and (_same(text, role.organization) or _within(role.organization, text)):
            return "organization"
        if _same(text, role.country):
            return "country"
    if any(_within(name, text) for name in names):
        return "name"
    return "mention"


def record_spans(kind: str, record: Meeting | Person, article_id: str, people: dict[str, Person]) -> list[Span]:
    """Every span to draw in one article for a record: its own evidence, and on a meeting its participants'."""
    spans: list[Span] = []
    participant_names = [p.name for p in record.participants] if kind == "meeting" else []
    for source in record.sources:
        if source.article_id != article_id:
            continue
        for evidence in source.evidence:
            if evidence.field:
                field = evidence.field
            elif kind == "meeting":
                field = meeting_field(record, evidence.text, participant_names)
            else:
                field = person_field(record, evidence.text)
            spans.append(Span(f"{article_id}-{len(spans)}", evidence.start, evidence.end, evidence.text, field))
    if kind == "meeting":
        seen = {(s.start, s.end) for s in spans}
        for participant in record.participants:
            person = people.get(participant.person_id or "")
            for source in person.sources if person else ():
                if source.article_id != article_id:
                    continue
                for evidence in source.evidence:
                    if (evidence.start, evidence.end) in seen:
                        continue
                    seen.add((evidence.start, evidence.end))
                    spans.append(Span(f"{article_id}-{len(spans)}", evidence.start, evidence.end, evidence.text,
                                      "participant", "linked"))
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text` (blocks separated by blank lines)."""
    bounds = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds


def excerpt_windows(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The paragraphs that hold evidence, in text order; the whole text when no span falls inside it."""
    windows = [
        (start, end) for start, end in paragraphs(text)
        if any(span.start < end and span.end > start or span.start == span.end == start for span in spans)
    ]
    return windows or [(0, len(text))]


def highlight(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> Markup:
    """`text[start:end]` escaped, with each span that touches it drawn as nested `<mark>` pieces."""
    end = len(text) if end is None else end
    inside = [
        span for span in spans
        if span.start < end and span.end > start or (span.start == span.end and start <= span.start < end)
    ]
    clipped = sorted(
        ((max(span.start, start), min(span.end, end), span) for span in inside),
        key=lambda item: (item[0], -item[1], item[2].id),
    )
    opening: dict[int, list] = {}
    for piece in clipped:
        opening.setdefault(piece[0], []).append(piece)
    bounds = sorted({start, end} | {p[0] for p in clipped} | {p[1] for p in clipped})
    out: list[str] = []
    stack: list[tuple[int, int, Span]] = []
    position = start
    for bound in bounds:
        if bound > position:
            out.append(str(escape(text[position:bound])))
            position = bound
        if any(piece[1] == bound for piece in stack):
            reopen = []
            while any(piece[1] == bound for piece in stack):
                piece = stack.pop()
                out.append("</mark>")
                if piece[1] != bound:
                    reopen.append(piece)
            for piece in reversed(reopen):
                out.append(_open_tag(piece[2], first=False, drawn=text))
                stack.append(piece)
        for piece in opening.get(bound, []):
            first = piece[0] == piece[2].start
            out.append(_open_tag(piece[2], first=first, drawn=text))
            if piece[1] == piece[0]:
                out.append("</mark>")
            else:
                stack.append(piece)
    if position < end:
        out.append(str(escape(text[position:end])))
    while stack:
        stack.pop()
        out.append("</mark>")
    return Markup("".join(out))


def _open_tag(span: Span, first: bool, drawn: str) -> str:
    classes = ["ev", f"f-{span.field}", span.owner]
    if drawn[span.start:span.end] != span.text:
        classes.append("mismatch")
    title = span.field if "mismatch" not in classes else f"{span.field} (evidence text differs: {span.text})"
    label = f'<span class="tag" aria-hidden="true">{escape(span.field)}</span>' if first else ""
    return (f'<mark class="{" ".join(classes)}" data-span="{escape(span.id)}" data-field="{escape(span.field)}" '
            f'title="{escape(title)}">{label}')
