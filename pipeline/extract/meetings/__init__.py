"""Meetings: every mention of a meeting read with its sentence's parse, mentions of one meeting grouped, and
each group's date, place, name, hosts and participants chosen.

    mentions.py   trigger words and what their clause ties to them (people, dates, places, names)
    grouping.py   mentions of one meeting together
    context.py    people tied to a meeting beyond its clause (participant lists, "X discussed ..." in a readout)
    patterns.py   what the rules match with, built from the rule resources
    syntax.py     dependency-parse helpers
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.dates import DateMention, is_time_word
from pipeline.extract.meetings.context import add_context_participants
from pipeline.extract.meetings.grouping import MentionGroup, MentionGrouping
from pipeline.extract.meetings.mentions import MentionReader
from pipeline.extract.meetings.patterns import ATTENDANCE, MeetingPatterns
from pipeline.extract.people import PersonEntity
from pipeline.resources import RuleResources

__all__ = ["MeetingDraft", "MeetingFinder", "MeetingPatterns"]

_RANGE_BETWEEN = re.compile(
    r"^\s*(?:and|to|through|thru|until|till|-|–|—)?\s*(?:(?:and\s+)?(?:ended|closed|concluded|finished|ending|closing"
    r"|running|ran|continuing)\s+)?(?:on\s+)?$", re.IGNORECASE)
_CURRENT_BEFORE = dt.timedelta(days=5)
_CURRENT_AFTER = dt.timedelta(days=10)


@dataclass
class MeetingDraft:
    """One meeting of an article, before it becomes a record."""

    kind: str
    start: int  # character span of the first mention
    end: int
    name: str | None = None
    series: str | None = None
    ordinal: int | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    participants: dict[int, str] = field(default_factory=dict)  # person entity key -> role
    hosts: list[str] = field(default_factory=list)
    attendance: int | None = None
    date: DateMention | None = None
    location: dict[str, str | None] = field(
        default_factory=lambda: {"venue": None, "city": None, "region": None, "country": None})
    sentences: set[int] = field(default_factory=set)
    aside: bool = False  # every mention told inside a relative clause: it owns no sentence


def _host_name(person: PersonEntity) -> str:
    """A hosting person as the article names them: the full name, or for a person named by surname only, with
    the title it gives ("President Biden")."""
    if len(person.name.split()) > 1:
        return person.name
    title = next((m.title for m in person.mentions if m.title and m.title[:1].isupper()), None)
    return f"{title} {person.name}" if title else person.name


def _week_frame(mentions: list) -> tuple[dt.date, dt.date] | None:
    """The week a story's lede sets its meetings in ("negotiators will hold meetings next week"): weekdays of
    meetings to come are read inside it ("would meet on Thursday and Friday")."""
    for mention in mentions:
        if mention.sentence > 1 or mention.tense != "future":
            continue
        for date in mention.dates:
            if "next week" in date.text.lower():
                start, end = date.for_tense("future")
                if start and end:
                    return start, end
    return None


class MeetingFinder:
    """Finds the meetings an article reports and who took part in them."""

    def __init__(self, doc: Doc, people: list[PersonEntity], dates: list[DateMention], patterns: MeetingPatterns,
                 parse_steps: list, published: dt.date | None = None, dateline: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.people = people
        self.patterns = patterns
        self.rules: RuleResources = patterns.rules
        self.published = published
        self.dateline_place = _dateline_place(dateline)
        self.reader = MentionReader(doc, people, dates, patterns, parse_steps)

    def find(self) -> list[MeetingDraft]:
        mentions = self.reader.find()
        self.week_frame = _week_frame(mentions)
        sentences = self.reader.sents
        groups = [g for g in MentionGrouping(mentions, [s.text for s in sentences]).groups()]
        drafts = [self._draft(group) for group in groups]
        self._settings(groups, drafts)
        self._headline_venue(drafts)
        self._headline_virtual(drafts)
        self._headline_owner(drafts)
        speaking_to_it = [{k for k, role in d.participants.items() if role == "speaker"} for d in drafts]
        add_context_participants(self.doc, drafts, self.people, self.reader, self.rules)
        for draft, speakers in zip(drafts, speaking_to_it):
            _conversation_without_speakers(draft, speakers)
        for draft in drafts:
            for key, role in draft.participants.items():
                if role == "host":
                    name = _host_name(next(p for p in self.people if p.key == key))
                    if name not in draft.hosts:
                        draft.hosts.append(name)
        return sorted(drafts, key=lambda d: d.start)

    def _draft(self, group: MentionGroup) -> MeetingDraft:
        first = group.first
        named = next((m for m in group.mentions if m.ordinal), None) or next(
            (m for m in group.mentions if m.name), None)
        draft = MeetingDraft(kind=group.kind, start=first.start, end=first.end,
                             name=named.name if named else None, series=named.series if named else None,
                             ordinal=named.ordinal if named else None)
        draft.aside = all(m.aside for m in group.mentions)
        for mention in group.all_mentions:
            draft.evidence.extend(mention.evidence)
            draft.sentences.add(mention.sentence)
            for key, role in mention.participants.items():
                current = draft.participants.get(key)
                if current is None or self.rules.role_strength(role) > self.rules.role_strength(current):
                    draft.participants[key] = role
            for host in mention.hosts:
                if host not in draft.hosts:
                    draft.hosts.append(host)
        draft.date = self._date(group)
        if draft.date is not None:
            draft.evidence.append((draft.date.start, draft.date.end))
        self._place(draft, group)
        self._attendance(draft)
        return draft

    def _headline_venue(self, drafts: list[MeetingDraft]) -> None:
        """"Readout of Oval Office Meeting with Six Dreamers": a venue the headline puts the story's meeting in,
        when the text gives it none and no other meeting."""
        title = self.doc._.title or ""
        match = self.patterns.headline_venue.search(title)
        in_person = [d for d in drafts if d.kind not in ("call", "virtual")]
        if match and len(in_person) == 1 and not any(in_person[0].location.values()):
            in_person[0].location["venue"] = match.group("venue")

    def _headline_virtual(self, drafts: list[MeetingDraft]) -> None:
        """"Readout of Virtual Roundtable on ...": the story's one meeting, told in the text as a plain meeting, was
        held by video."""
        told = [d for d in drafts if not d.aside]
        if len(told) == 1 and told[0].kind == "meeting" and self.patterns.headline_virtual.search(
                self.doc._.title or ""):
            told[0].kind = "virtual"

    def _headline_owner(self, drafts: list[MeetingDraft]) -> None:
        """"Readout of the White House's Listening Session with ...": the organization whose meeting the headline
        says it was holds the story's one meeting (a person's or a country's meeting is not so read)."""
        told = [d for d in drafts if not d.aside]
        match = self.patterns.headline_owner.search(self.doc._.title or "")
        if len(told) != 1 or match is None:
            return
        owner = match.group("owner")
        words = {w.lower() for w in owner.split()}
        if self.rules.is_country(owner) or words & self.rules.titles or any(map(is_time_word, words)) or any(
                words & person.tokens for person in self.people):
            return
        if owner not in told[0].hosts:
            told[0].hosts.insert(0, owner)

    def _settings(self, groups: list[MentionGroup], drafts: list[MeetingDraft]) -> None:
        """"Talks with X at Labour's spring conference": the conference is where the talks took place (a bare "at
        the summit" names no place), and who met there ("on the sidelines of the summit") was at it."""
        for group, setting in zip(groups, drafts):
            for mention in group.mentions + group.bare:
                if mention.setting_of is None:
                    continue
                for other, draft in zip(groups, drafts):
                    if other is group or not other.holds(mention.setting_of):
                        continue
                    if mention.setting_is_venue and mention.phrase and mention.phrase.lower() != mention.noun \
                            and not draft.location["venue"]:
                        draft.location["venue"] = mention.phrase
                    for key in draft.participants:
                        setting.participants.setdefault(key, "participant")

    # ---- date -------------------------------------------------------------------------------------------------
    def _date(self, group: MentionGroup) -> DateMention | None:
        """A written-out day or range first, then a weekday or relative day, then a relative span ("next week": the
        days it contains name the meeting's days better); a mention's two days joined by "and" or "to" ("Thursday
        and Friday", "began Thursday and ended Saturday") make a range; a last day from an ending clause or a length
        ("four days of talks") extends it. With only a last day, a length gives the first."""
        candidates: list[tuple[int, int, DateMention]] = []
        for order, mention in enumerate(group.mentions):
            resolved = []
            for date in mention.dates:
                start, end = mention.days_of(date)
                if date.start in mention.future_dates and start and start == self.published and date.kind == "weekday":
                    start = end = start + dt.timedelta(days=7)
                frame = self.week_frame
                if frame and date.kind == "weekday" and mention.tense == "future" and start and end and \
                        start < frame[0] <= start + dt.timedelta(days=7) <= frame[1]:
                    start, end = start + dt.timedelta(days=7), end + dt.timedelta(days=7)
                resolved.append(DateMention(date.start, date.end, date.text, start, end, date.kind))
            for date in self._ranges(resolved):
                if date.start_date is None:
                    continue
                extended = self._extended(date, group)
                rank = 0 if extended.end_date != extended.start_date else 1
                rank += 0 if date.kind in ("absolute", "range", "partial") else 2
                rank += 2 if date.kind == "relative" and date.end_date != date.start_date else 0
                candidates.append((rank, order, extended))
        if candidates:
            return min(candidates, key=lambda c: (c[0], c[1], c[2].start))[2]
        for mention in group.mentions:
            for last in mention.end_dates:
                day = mention.last_day(last)
                if day is None:
                    continue
                days = max((m.duration_days or 1 for m in group.all_mentions), default=1)
                return DateMention(last.start, last.end, last.text, day - dt.timedelta(days=days - 1), day,
                                   "range" if days > 1 else last.kind)
        return next((d for m in group.mentions for d in m.dates + m.end_dates), None)

    def _extended(self, date: DateMention, group: MentionGroup) -> DateMention:
        """The range from `date` to the meeting's last day, when a mention gives one."""
        end = date.end_date
        for mention in group.mentions:
            for last in mention.end_dates:
                day = mention.last_day(last)
                if day and date.start_date <= day <= date.start_date + dt.timedelta(days=31) and (not end or day > end):
                    end = day
            if mention.duration_days and end == date.start_date and any(
                    d.start == date.start for d in mention.dates):
                end = date.start_date + dt.timedelta(days=mention.duration_days - 1)
        if end == date.end_date:
            return date
        return DateMention(date.start, date.end, date.text, date.start_date, end, "range")

    def _ranges(self, dates: list[DateMention]) -> list[DateMention]:
        out: list[DateMention] = []
        for date in dates:
            previous = out[-1] if out else None
            if (previous is not None and previous.start_date and date.start_date
                    and _RANGE_BETWEEN.match(self.text[previous.end:date.start])
                    and previous.start_date <= date.start_date <= previous.start_date + dt.timedelta(days=7)):
                out[-1] = DateMention(previous.start, date.end, self.text[previous.start:date.end],
                                      previous.start_date, date.end_date or date.start_date, "range")
                continue
            out.append(date)
        return out

    # ---- place ------------------------------------------------------------------------------------------------
    def _place(self, draft: MeetingDraft, group: MentionGroup) -> None:
        location = draft.location
        here = False
        for mention in group.all_mentions:
            for place in mention.places:
                if place.field == "here":
                    here = True
                    continue
                field_name = place.field
                text = place.text.removeprefix("the ").removeprefix("The ")
                if field_name == "city" and location["city"] and location["city"] != text:
                    field_name = "region"
                if location[field_name] is None:
                    location[field_name] = text
                    draft.evidence.append((place.start, place.end))
        if location["venue"] or location["city"] or location["region"]:
            return
        nearby = next((p for p in (self.reader.sentence_place(m.sentence) for m in group.mentions) if p), None)
        if nearby is not None:
            location[nearby.field] = nearby.text.removeprefix("the ").removeprefix("The ")
            draft.evidence.append((nearby.start, nearby.end))
        elif self.dateline_place and not location["country"] and (here or self._current(draft, group)):
            location["city"] = self.dateline_place

    def _current(self, draft: MeetingDraft, group: MentionGroup) -> bool:
        """A meeting of the story's own days: the place a wire story is filed from is where it met."""
        if self.published is None:
            return False
        if draft.date is not None:
            day = draft.date.start_date
            return day is not None and self.published - _CURRENT_BEFORE <= day <= self.published + _CURRENT_AFTER
        return any(m.tense == "past" for m in group.mentions)

    # ---- attendance -------------------------------------------------------------------------------------------
    def _attendance(self, draft: MeetingDraft) -> None:
        sentences = self.reader.sents
        first = min(draft.sentences)
        for s in range(first, min(first + 3, len(sentences))):
            m = ATTENDANCE.search(sentences[s].text)
            if m:
                draft.attendance = int(m.group("n").replace(",", ""))
                start = sentences[s].start_char + m.start("n")
                draft.evidence.append((start, sentences[s].start_char + m.end()))
                return


def _conversation_without_speakers(draft: MeetingDraft, speaking_to_it: set[str]) -> None:
    """Two people meeting or on a call talk with each other: what one "conveyed" or "told" the other, read from
    the sentences around the meeting, makes no speaker of an audience. Who addressed the meeting itself
    (`speaking_to_it`: "X addressed the meeting") stays its speaker; at a conference or a summit, two named people
    may be speaker and listener."""
    if len(draft.participants) == 2 and draft.kind in ("meeting", "call", "virtual"):
        for key, role in draft.participants.items():
            if role == "speaker" and key not in speaking_to_it:
                draft.participants[key] = "participant"


def _dateline_place(dateline: str | None) -> str | None:
    """The place a dateline names ("WASHINGTON, March 11" -> "Washington"); None when it names several."""
    if not dateline:
        return None
    place = re.split(r"[,(]", dateline, maxsplit=1)[0].strip()
    if not place or "/" in place:
        return None
    return place.title() if place.isupper() else place
