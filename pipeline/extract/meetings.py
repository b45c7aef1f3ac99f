"""Meetings: named meetings ("5th ... High Level Meeting") and reported ones ("X met with Y"), one record each."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.matcher import Matcher

from pipeline.dates import DateMention
from pipeline.extract.people import PersonEntity
from pipeline.resources import RuleResources

_CAP = r"[A-Z0-9][\w’'&.\-]*"
_HEADS = r"(?:Meeting|Summit|Conference|Forum|Dialogue|Session|Roundtable|Ministerial|Assembly|Consultations?|Talks)"
_ATTENDANCE = re.compile(
    r"\b(?:approximately|about|around|some|nearly|almost|over|more than|at least)?\s*(?P<n>\d{1,3}(?:,\d{3})*|\d+)\s+"
    r"(?:[a-z\-]+\s+){0,2}(?:officials|participants|delegates|people|attendees|representatives|leaders|executives|guests|members)\b",
    re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z\-]+\s+){0,3}(?:meeting|summit|call|roundtable|session|conference|event)\b")
_PLURAL_ANAPHORA = re.compile(r"\b(?:[Bb]oth|[Aa]ll|[Tt]he|[Tt]hese|[Tt]hose)\s+(?:[a-z\-]+\s+){0,2}(?:meetings|sessions|summits|talks)\b")
_SEPARATE = re.compile(r"\bseparately\b|\balso met\b|\bin a separate\b", re.IGNORECASE)
_VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|video ?conference|video call|online|by video)\b", re.IGNORECASE)


class MeetingPatterns:
    """The regular expressions and the trigger Matcher built from one set of rule resources."""

    def __init__(self, vocab, rules: RuleResources):
        self.rules = rules
        words = sorted(rules.ordinals, key=len, reverse=True)
        ordinal = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(words + [w.capitalize() for w in words]) + ")"
        self.named_before = re.compile(
            rf"\b{ordinal}\s+(?P<series>(?:{_CAP}\s+){{1,10}}?)(?P<head>(?:{_HEADS}\s+)?{_HEADS}|{_HEADS.lower()})s?\b")
        self.named_after = re.compile(
            rf"\b{ordinal}\s+(?P<head>{_HEADS}|{_HEADS.lower()})\s+of\s+(?:the\s+)?"
            rf"(?P<series>{_CAP}(?:\s+(?:{_CAP}|of|on|for|and|the))*(?:\s+{_CAP}))(?:\s*\((?P<abbr>[A-Z]{{2,}})\))?")
        self.ordinal_only = re.compile(rf"\b{ordinal}\s+(?:[a-z\-]+\s+){{0,3}}(?:meeting|summit|session|conference)\b")
        self.venue_phrase = re.compile(
            r"\b(?:in|at)\s+(?:the\s+)?(?P<venue>(?:[A-Z][\w’'\-]*\s+){0,4}(?:" + "|".join(rules.venue_words)
            + r")(?:\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})?)\b")
        heads = sorted((h for h in rules.org_heads if h[:1].isalpha()), key=len, reverse=True)
        head = "|".join(re.escape(h.title()) for h in heads)
        word = r"[A-Z][\w’'\-]*"
        self.body_met = re.compile(
            rf"(?:\b[Tt]he\s+)?(?P<body>{word}(?:\s+(?:{word}|of|for|on|and))*?\s+(?:{head})"
            rf"(?:\s+(?:for|on|of)\s+{word}(?:\s+(?:{word}|of|and))*)?)\s+(?:met|convened|held\s+its)\b")
        self.triggers = Matcher(vocab)
        for row in rules.meeting_triggers:
            self.triggers.add(row["label"], [row["pattern"]])

    def ordinal(self, text: str) -> int:
        low = text.lower()
        return self.rules.ordinals.get(low) or int(re.match(r"\d+", low).group())


@dataclass
class MeetingDraft:
    kind: str
    start: int  # character span of the first mention
    end: int
    name: str | None = None
    series: str | None = None
    ordinal: int | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    participants: dict[int, str] = field(default_factory=dict)  # person entity key -> role
    hosts: list[str] = field(default_factory=list)
    attendance: int | None = None
    date: DateMention | None = None
    location: dict[str, str | None] = field(default_factory=lambda: {"venue": None, "city": None, "region": None, "country": None})
    subject: frozenset[int] = frozenset()
    separate: bool = False
    rules: RuleResources | None = field(default=None, repr=False)

    def add_participant(self, key: int, role: str) -> None:
        current = self.participants.get(key)
        if current is None or self.rules.role_strength(role) > self.rules.role_strength(current):
            self.participants[key] = role


class MeetingFinder:
    """Finds the meetings an article reports and who took part in them."""

    def __init__(self, doc, people: list[PersonEntity], dates: list[DateMention], patterns: MeetingPatterns,
                 title: str | None = None):
        self.doc = doc
        self.patterns = patterns
        self.rules = patterns.rules
        self.title = title or ""
        self.text = doc.text
        self.people = people
        self.dates = dates
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.matcher = patterns.triggers

    def _draft(self, **fields) -> MeetingDraft:
        return MeetingDraft(rules=self.rules, **fields)

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    # ------------------------------------------------------------------------------------------------
    def find(self) -> list[MeetingDraft]:
        named = self._named()
        reported = self._reported()
        drafts = self._combine(named, reported) or self._from_headline()
        if drafts:
            self._add_article_participants(drafts)
        for n, draft in enumerate(drafts):
            self._fill(draft, main=n == 0)
        return drafts

    def _from_headline(self) -> list[MeetingDraft]:
        """A headline that names a meeting ("Remarks ... Before Virtual Meeting", "X and Y Hold Talks") while the
        body only quotes the people at it: one meeting of the people the body names."""
        kind = None
        for noun, noun_kind in sorted(self.rules.meeting_nouns.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"\b{re.escape(noun)}\b", self.title, re.IGNORECASE):
                kind = noun_kind
                break
        named = [p for p in self.people if any(not m.possessive for m in p.mentions)]
        if kind is None or len(named) < 2:
            return []
        if kind == "meeting" and _VIRTUAL.search(self.title):
            kind = "virtual"
        first = min((m for p in named for m in p.mentions), key=lambda m: m.char_start)
        draft = self._draft(kind=kind, start=first.char_start, end=first.char_end)
        draft.evidence.extend((m.char_start, m.char_end) for p in named for m in p.mentions[:1])
        dated = next((d for d in self.dates if d.start_date), None)
        if dated is not None:
            draft.sentences.add(self.sentence_of(dated.start))
        return [draft]

    def _add_article_participants(self, drafts: list[MeetingDraft]) -> None:
        """The article's main meeting takes everyone it names in their own right (not only in a possessive),
        except the people reported at another meeting of the same article."""
        main = drafts[0]
        elsewhere = set().union(*(set(d.participants) for d in drafts[1:])) if len(drafts) > 1 else set()
        for person in self.people:
            if person.key in main.participants or person.key in elsewhere:
                continue
            if any(not m.possessive for m in person.mentions):
                main.add_participant(person.key, "participant")

    def _named(self) -> list[MeetingDraft]:
        drafts: list[MeetingDraft] = []
        for regex in (self.patterns.named_after, self.patterns.named_before):
            for m in regex.finditer(self.text):
                if any(d.start <= m.start() < d.end or m.start() <= d.start < m.end() for d in drafts):
                    continue
                series = m.group("series").strip()
                if not series or series.split()[0].lower() in ("the", "and"):
                    continue
                head = m.group("head")
                name = self.text[m.start():m.end()]
                if regex is self.patterns.named_before and head[0].isupper():
                    series = f"{series} {head}"
                kind = self.rules.meeting_nouns.get(head.lower().rstrip("s"), "meeting")
                if head.lower().startswith("summit"):
                    kind = "summit"
                draft = self._draft(kind=kind, start=m.start(), end=m.end(), name=name, series=series,
                                     ordinal=self.patterns.ordinal(m.group("ord")))
                draft.evidence.append((m.start(), m.end()))
                draft.sentences.add(self.sentence_of(m.start()))
                drafts.append(draft)
        for m in self.patterns.body_met.finditer(self.text):
            if any(d.start <= m.start("body") < d.end for d in drafts):
                continue
            body = m.group("body")
            draft = self._draft(kind="meeting", start=m.start("body"), end=m.end(), name=body, series=body)
            draft.evidence.append((m.start("body"), m.end("body")))
            draft.sentences.add(self.sentence_of(m.start()))
            drafts.append(draft)
        for m in self.patterns.ordinal_only.finditer(self.text):
            if any(d.start <= m.start() < d.end for d in drafts):
                continue
            ordinal = self.patterns.ordinal(m.group("ord"))
            for d in drafts:
                if d.ordinal == ordinal:
                    d.evidence.append((m.start(), m.end()))
                    d.sentences.add(self.sentence_of(m.start()))
                    break
        return sorted(drafts, key=lambda d: d.start)

    def _reported(self) -> list[MeetingDraft]:
        drafts = []
        for label, start, end in sorted(self.matcher(self.doc), key=lambda x: (x[1], -x[2])):
            span = self.doc[start:end]
            if any(d.start <= span.start_char < d.end for d in drafts):
                continue
            sent_i = self.sentence_of(span.start_char)
            sent = self.sents[sent_i]
            kind = self.doc.vocab.strings[label]
            if kind == "meeting" and _VIRTUAL.search(sent.text):
                kind = "virtual"
            draft = self._draft(kind=kind, start=span.start_char, end=span.end_char)
            draft.evidence.append((sent.start_char, sent.end_char))
            draft.sentences.add(sent_i)
            draft.separate = bool(_SEPARATE.search(sent.text))
            subject = set()
            for person in self.people:
                for mention in person.mentions:
                    if sent.start_char <= mention.char_start < sent.end_char and not mention.possessive:
                        role = "host" if kind == "host" else "participant"
                        draft.add_participant(person.key, role)
                        if mention.char_start < span.start_char:
                            subject.add(person.key)
            draft.subject = frozenset(subject)
            if kind == "host":
                draft.kind = "virtual" if _VIRTUAL.search(sent.text) else "meeting"
            drafts.append(draft)
        return drafts

    def _combine(self, named: list[MeetingDraft], reported: list[MeetingDraft]) -> list[MeetingDraft]:
        """One meeting per real meeting: reported mentions join the article's main meeting unless set apart."""
        meetings: list[MeetingDraft] = []
        for draft in named:
            same = next((m for m in meetings if (m.ordinal == draft.ordinal or None in (m.ordinal, draft.ordinal))
                         and _similar_series(m.series, draft.series)), None)
            if same:
                same.evidence += draft.evidence
                same.sentences |= draft.sentences
                if draft.ordinal and not same.ordinal:
                    same.ordinal, same.name, same.series = draft.ordinal, draft.name, draft.series
                elif len(draft.series or "") > len(same.series or "") and (draft.ordinal or not same.ordinal):
                    same.series, same.name = draft.series, draft.name
            else:
                meetings.append(draft)
        for draft in reported:
            target = None
            for m in meetings:
                if draft.separate and draft.participants:
                    break
                if not m.subject or not draft.subject or draft.subject & m.subject or set(draft.participants) & set(m.participants):
                    target = m
                    break
            if target is None and not draft.separate and meetings and not draft.subject:
                target = meetings[0]
            if target is None:
                meetings.append(draft)
                continue
            target.evidence += draft.evidence
            target.sentences |= draft.sentences
            target.subject = target.subject | draft.subject
            for key, role in draft.participants.items():
                target.add_participant(key, role)
            if target.kind == "meeting" and draft.kind in ("call", "virtual"):
                target.kind = draft.kind
        return meetings

    # ------------------------------------------------------------------------------------------------
    def _fill(self, draft: MeetingDraft, main: bool) -> None:
        if main and self._lede_names_participant(draft):
            draft.sentences.add(0)
        sentences = sorted(draft.sentences)
        self._date(draft, sentences)
        context = sorted(draft.sentences | (self._anaphora_sentences() if main else set()) | self._plural_sentences())
        self._place(draft, context)
        self._roles(draft, context)
        self._attendance(draft, sentences)

    def _lede_names_participant(self, draft: MeetingDraft) -> bool:
        """The article's first sentence names someone at its main meeting: it reports that meeting."""
        if not self.sents:
            return False
        lede = self.sents[0]
        words = {t.lower_ for t in lede}
        if any(noun in words for noun in self.rules.meeting_nouns if " " not in noun):
            return True
        return any(lede.start_char <= m.char_start < lede.end_char and p.key in draft.participants
                   for p in self.people for m in p.mentions)

    def _plural_sentences(self) -> set[int]:
        """Sentences about all the article's meetings at once ("Both meetings were held at ...")."""
        return {self.sentence_of(m.start()) for m in _PLURAL_ANAPHORA.finditer(self.text)}

    def _anaphora_sentences(self) -> set[int]:
        """Sentences that speak of "the meeting" / "this summit": they describe the article's main meeting."""
        return {self.sentence_of(m.start()) for m in _ANAPHORA.finditer(self.text)}

    def _date(self, draft: MeetingDraft, sentences: list[int]) -> None:
        for s in sentences:
            sent = self.sents[s]
            in_sent = [d for d in self.dates if sent.start_char <= d.start < sent.end_char and d.kind != "partial" or
                       sent.start_char <= d.start < sent.end_char and d.start_date]
            if in_sent:
                best = max(in_sent, key=lambda d: (d.start_date is not None, d.end_date != d.start_date,
                                                    d.start >= draft.end, -abs(d.start - draft.end)))
                if draft.date is None or (draft.date.start_date is None and best.start_date is not None) or (
                        best.end_date and draft.date.end_date == draft.date.start_date and best.end_date != best.start_date):
                    draft.date = best
                    draft.evidence.append((best.start, best.end))

    def _place(self, draft: MeetingDraft, sentences: list[int]) -> None:
        vocab = self.rules
        loc = draft.location
        for s in sentences:
            sent = self.sents[s]
            venue = self.patterns.venue_phrase.search(sent.text)
            if venue and not loc["venue"]:
                loc["venue"] = venue.group("venue")
                start = sent.start_char + venue.start("venue")
                draft.evidence.append((start, start + len(venue.group("venue"))))
            for ent in sent.ents:
                if ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
                    continue
                before = self.text[sent.start_char:ent.start_char]
                if not re.search(r"\b(?:in|at)\s+(?:the\s+)?$", before) or re.search(r"\b(?:role|interest|investment|investments|progress|efforts?)\s+(?:in|at)\s+(?:the\s+)?$", before):
                    continue
                text = ent.text.removeprefix("the ")
                after = self.text[ent.end_char:ent.end_char + 40]
                region = re.match(r",\s+(?:in\s+)?(?P<r>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})", after)
                if region and ent.label_ == "GPE" and not vocab.country_of(region.group("r")):
                    loc["region"] = loc["region"] or region.group("r")
                elif region and vocab.country_of(region.group("r")):
                    loc["country"] = loc["country"] or vocab.country_of(region.group("r"))
                country = vocab.country_of(text)
                if country:
                    loc["country"] = loc["country"] or country
                elif any(w in text for w in self.rules.region_words):
                    loc["region"] = loc["region"] or text
                elif ent.label_ in ("FAC", "ORG") or any(w in text.split() for w in self.rules.venue_words):
                    if ent.label_ == "ORG" and not any(w in text.split() for w in self.rules.venue_words):
                        continue
                    loc["venue"] = loc["venue"] or text
                elif ent.label_ != "GPE" and (ent.label_ != "LOC" or any(w in text.split() for w in self.rules.landform_words)):
                    continue
                elif loc["city"] is None:
                    loc["city"] = text
                elif loc["region"] is None:
                    loc["region"] = text
                draft.evidence.append((ent.start_char, ent.end_char))

    def _roles(self, draft: MeetingDraft, sentences: list[int]) -> None:
        for s in sentences:
            sent = self.sents[s]
            text = sent.text
            for person in self.people:
                for mention in person.mentions:
                    if not (sent.start_char <= mention.char_start < sent.end_char) or mention.possessive:
                        continue
                    offset = mention.char_start - sent.start_char
                    before = text[:offset]
                    after = text[offset:]
                    if re.search(r"\bco-?chaired by\b", before, re.IGNORECASE):
                        draft.add_participant(person.key, "co-chair")
                    elif re.search(r"\bchaired by\b", before, re.IGNORECASE):
                        draft.add_participant(person.key, "chair")
                    elif re.search(r"\bhosted by\b", before, re.IGNORECASE) or re.match(r"[^,.]{0,80}?\bhost(?:ed|s)\b", after):
                        draft.add_participant(person.key, "host")
                    elif re.match(r"[^.]{0,120}?\b(?:delivered|gave|made|presented|conveyed|addressed|spoke at|in delivering|opening remarks|keynote)\b", after):
                        draft.add_participant(person.key, "speaker")
            m = re.search(r"\bhosted by (?:the )?(?P<org>[A-Z][^.;]*?)(?=\s+(?:in|at|on|with)\b|[.;,]|$)", text)
            if m:
                draft.hosts.append(re.sub(r"^(?i:the)\s+", "", m.group("org").strip()))
            for ent in sent.ents:
                if ent.label_ in ("ORG", "GPE") and re.match(r"\s+hosted\b", text[ent.end_char - sent.start_char:]):
                    draft.hosts.append(re.sub(r"^(?i:the)\s+", "", ent.text))
        for person in self.people:
            if draft.participants.get(person.key) == "host":
                draft.hosts.append(person.name)

    def _attendance(self, draft: MeetingDraft, sentences: list[int]) -> None:
        for s in range(min(sentences), min(sentences) + 3) if sentences else []:
            if s >= len(self.sents):
                break
            m = _ATTENDANCE.search(self.sents[s].text)
            if m:
                draft.attendance = int(m.group("n").replace(",", ""))
                start = self.sents[s].start_char + m.start("n")
                draft.evidence.append((start, self.sents[s].start_char + m.end()))
                return


def _similar_series(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    la, lb = a.lower(), b.lower()
    if la in lb or lb in la:
        return True
    wa, wb = set(la.split()), set(lb.split())
    return len(wa & wb) / len(wa | wb) >= 0.75
