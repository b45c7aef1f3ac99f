"""Meeting mentions: each word that reports a meeting ("met", "held talks", "the summit", "the 5th ... Meeting"),
read with the dependency parse of its sentence into who took part, when, where, and under what name."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.dates import DateMention, tense_of
from pipeline.extract.meetings.patterns import PHONE, VIRTUAL, MeetingPatterns
from pipeline.extract.meetings.syntax import (BE_FORMS, CLAUSAL, DETACHING_PREPOSITIONS, NOT_YET, PARTNER_PREPOSITIONS,
                                              SentenceParses, agents, echoed_subjects, is_verb, negated, noun_phrase,
                                              path_up, prepositional_objects, subjects, with_conjuncts)
from pipeline.extract.people import PersonEntity

PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG")
PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "near"})
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "’ll", "shall", "would", "wo"})
FUTURE_WORDS = frozenset({"tomorrow", "next", "upcoming", "coming", "forthcoming"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "’s"})
PRONOUNS_ONE = frozenset({"he", "she", "him", "her"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
PERSONAL_POSSESSIVES = frozenset({"my", "his", "her", "its", "our", "their", "your"})
# the object of these prepositions is spoken of as an event ("at the summit", "after the meeting")
EVENT_PREPOSITIONS = frozenset({"at", "during", "after", "before", "following", "ahead", "from", "for"})
# "X met Y at the conference", "on the sidelines of the summit": the second meeting is the setting of the first
SETTING_PREPOSITIONS = frozenset({"at", "sidelines", "margins", "margin", "sideline"})
END_WORDS = frozenset({"end", "ends", "ended", "ending", "close", "closes", "closed", "closing", "conclude",
                       "concludes", "concluded", "concluding", "finish", "finished", "until", "till", "through"})
START_WORDS = frozenset({"start", "starts", "started", "starting", "begin", "begins", "began", "begun", "beginning",
                         "open", "opens", "opened", "opening", "from", "since"})
PARTICIPANT_INCLUDING = frozenset({"including", "among"})
PASSIVE_PARTICIPATION = frozenset({"attended", "joined", "accompanied"})
# "postponed to Friday": a day still to come, whatever the tense of the sentence
POSTPONING = frozenset({"postponed", "delayed", "moved", "rescheduled", "pushed", "brought", "put"})
# "the talks, scheduled to end on Wednesday": a day of a plan not told as past is one to come (`_still_planned`)
SCHEDULING = frozenset({"scheduled", "due", "slated", "set", "planned", "expected"})
# "X held a meeting with more than 100 representatives", "X, Y and Z held a meeting with small business leaders":
# who holds a meeting with a crowd the text does not name hosts it ("held talks with Y": both take part alike)
CONVENING_VERBS = frozenset({"held", "hold", "holds", "holding", "convened", "convenes", "convene"})
# "a group of House members led by X", "the meeting, which also included X and Y"
LEADING_VERBS = frozenset({"led", "headed", "include", "included", "includes", "including", "comprising", "comprised"})
# "spoke at the summit", "spoke to the conference" -> speaker; "presided over the meeting" -> chair
_ROLE_PREPOSITIONS = {"speaker": ("at", "to"), "chair": ("over", "at")}
_OTHER_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos", "poss", "compound", "dative"})
_DURATION = re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)[- ]days?(?:\s+of)?\s+"
                       r"(?:[a-z][a-z\-]+\s+){0,2}$",
                       re.IGNORECASE)
# what a named meeting is on, part of its name ("Joint Committee on Agricultural Cooperation")
_SUBJECT_OF_NAME = re.compile(r"\s+(?:on|for)\s+(?:the\s+)?(?P<words>[A-Z][a-z][\w\-]*(?:\s+(?:and\s+|&\s+)?[A-Z][a-z][\w\-]*)*)")
# a venue's name that runs on into its city ("Palace of the Republic in Almaty")
_PLACE_INSIDE = re.compile(r"\s+in\s+(?P<city>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})$")
# lower-case words a meeting's name holds ("Group of Seven", "the Trade and Investment Forum"); any other ends it
# ("Lenzerheide for the Global Trade Forum" is the Global Trade Forum)
_INSIDE_NAMES = frozenset({"of", "and", "&", "the", "-"})
_NAME_WORD = r"(?:[A-Z][\w’'\-]*|of|on|for|and|the|&)"
_BODY_NAME = re.compile(rf"\s+(?:the\s+)?(?P<body>[A-Z][\w’'\-]*(?:\s+{_NAME_WORD}){{0,14}})(?:\s+(?P<abbr>\([A-Z]{{2,}}\)))?")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


@dataclass
class Place:
    field: str  # venue, city, region, country, or "here" (the dateline's place)
    text: str
    start: int
    end: int


@dataclass
class Mention:
    """One trigger of a meeting and what its sentence ties to it."""

    kind: str
    start: int
    end: int
    sentence: int
    verbal: bool
    noun: str | None = None
    name: str | None = None
    series: str | None = None
    ordinal: int | None = None
    proper_name: bool = False  # the name is the meeting's own ("World Economic Forum"), not a description
    participants: dict[int, str] = field(default_factory=dict)
    dates: list[DateMention] = field(default_factory=list)
    end_dates: list[DateMention] = field(default_factory=list)
    duration_days: int | None = None
    future_dates: set[int] = field(default_factory=set)  # starts of dates read forward ("postponed to Friday",
    # "scheduled to end Wednesday")
    tense: str = "past"
    present: bool = False  # told in the present ("the meetings, which end today"): neither before nor after
    places: list[Place] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    anaphoric: bool = False
    dropped: str | None = None
    partner_people: bool = False  # someone met, called or hosted, not only the subject
    named_subjects: int = 0  # people named as the subject ("X and Y had lunch")
    body_subject: bool = False  # officials as a body hold it ("farm ministers ended a negotiation")
    clause: tuple[int, int] | None = None  # characters of the clause it is told in
    aside: bool = False  # told inside a relative clause ("Mbeki, whose arrival was delayed by peace talks")
    partner_keys: set[int] = field(default_factory=set)  # the people met, called, had lunch with
    unnamed_partners: bool = False  # met someone the text does not name ("met leaders in Baghdad")
    at_event: bool = False  # spoken of as an event: "at the summit", "the conference opened"
    setting_of: int | None = None  # start of the meeting this one is the setting of ("talks at the conference")
    setting_is_venue: bool = False  # "at the conference" (a venue), not "on the sidelines of the summit"
    names_meeting_of: int | None = None  # "will meet ... for a ministerial forum": the verb's meeting is this one
    phrase: str | None = None  # the meeting noun's phrase as written ("Labour's spring conference")
    indefinite: bool = False  # "a conference": a meeting not spoken of before
    in_lede: bool = False  # named in the article's first sentence, where a news story states its event
    plural_reference: bool = False  # "both meetings", "the meetings": says something of every meeting before

    def days_of(self, date: DateMention) -> tuple[dt.date | None, dt.date | None]:
        """The days a date of this mention stands for, read in its tense (forward when planned or put off)."""
        return date.for_tense("future" if date.start in self.future_dates else self.tense)

    def last_day(self, date: DateMention) -> dt.date | None:
        """The last day a date of this mention stands for (an end date's day)."""
        start, end = self.days_of(date)
        return end or start

    @property
    def has_content(self) -> bool:
        """Something shows a meeting taking place: people at it, a day, a place, an edition number, a length ("a
        two-day meeting"), or a sentence that speaks of it as an event ("at the summit"). A name alone can be an
        organization's ("... Forum")."""
        return bool(self.participants or self.places or self.ordinal or (self.name and (self.verbal or self.in_lede))
                    or self.duration_days
                    or any(d.start_date or d.kind in ("weekday", "relative") for d in self.dates + self.end_dates))


class MentionReader:
    """Finds the meeting mentions of one Doc and reads each with its sentence's dependency parse."""

    def __init__(self, doc: Doc, people: list[PersonEntity], dates: list[DateMention], patterns: MeetingPatterns,
                 parse_steps: list) -> None:
        self.doc = doc
        self.text = doc.text
        self.patterns = patterns
        self.rules = patterns.rules
        self.people = people
        self.dates = dates
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.ents_by_sentence: dict[int, list[Span]] = {}
        for ent in doc.ents:
            self.ents_by_sentence.setdefault(self.sentence_of(ent.start_char), []).append(ent)
        self.dates_by_sentence: dict[int, list[DateMention]] = {}
        for date in dates:
            self.dates_by_sentence.setdefault(self.sentence_of(date.start), []).append(date)
        self.person_at: dict[int, int] = {}
        self.mention_starts: list[tuple[int, int, bool]] = []
        for person in people:
            for m in person.mentions:
                for i in range(m.start, m.end):
                    self.person_at.setdefault(i, person.key)
                self.mention_starts.append((m.char_start, person.key, m.possessive))
        for person in people:
            for m in person.mentions:
                surface = doc.char_span(m.char_end - len(m.surface), m.char_end, alignment_mode="expand") \
                    if m.surface and len(m.surface) > m.char_end - m.char_start else None
                for i in range(surface.start, m.start) if surface is not None else ():
                    self.person_at.setdefault(i, person.key)
        self.mention_starts.sort()
        self.parse_steps = parse_steps
        self.parses: SentenceParses | None = None
        self.trigger_starts: dict[int, int] = {}
        self.kept_trigger_starts: set[int] = set()

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    # ---- finding -----------------------------------------------------------------------------------------
    def find(self) -> list[Mention]:
        named = self._named_spans()
        triggers = self._triggers(named)
        self.trigger_starts = {i: self.doc[i].idx for i, *_ in triggers}
        sentences = sorted({self.sentence_of(self.doc[i].idx) for i, *_ in triggers})
        self.parses = SentenceParses(self.doc, [self.sents[s] for s in sentences], self.parse_steps)
        mentions = [self._read(*trigger) for trigger in triggers]
        kept = sorted((m for m in mentions if m is not None), key=lambda m: m.start)
        kept += self._unworded_antecedent(kept)
        self.kept_trigger_starts = {m.start for m in kept if not m.dropped}
        return sorted(kept, key=lambda m: m.start)

    def _unworded_antecedent(self, mentions: list[Mention]) -> list[Mention]:
        """"X and Y agreed on Tuesday in Oslo to ... Haddad told reporters after the talks": when an article's
        first meeting mention is "the talks" and nothing before names a meeting, the meeting is the joint act of
        two named people told before it, read like "X met Y"."""
        first = next((m for m in mentions if not m.dropped), None)
        if first is None or not first.anaphoric or first.sentence == 0:
            return []
        earlier = self.sents[:first.sentence]
        self.parses.add(self.doc, earlier, self.parse_steps)
        for sent in earlier:
            for token in sent:
                parsed = self.parses.token(token.i)
                if parsed is None or not is_verb(parsed) or parsed.tag_ not in ("VBD", "VBZ", "VBP") or \
                        parsed.lower_ in self.rules.reporting_verbs or parsed.dep_ in CLAUSAL:
                    continue
                together = sum(len(self._people_in(t)) for t in subjects(parsed))
                partners = sum(len(self._people_in(t)) for t in prepositional_objects(parsed, PARTNER_PREPOSITIONS))
                if together >= 2 or (together and partners):
                    mention = self._read(token.i, first.kind, True, "person", None)
                    return [mention] if mention is not None and not mention.dropped else []
        return []

    def _named_spans(self) -> list[tuple[int, int, int, dict]]:
        """Named meetings found by pattern ("5th ASEAN-Japan ... Meeting", "The Joint Steering Group ... met"):
        (char start, char end, char of the trigger word, name fields)."""
        found: list[tuple[int, int, int, dict]] = []
        p = self.patterns
        for regex in (p.named_after, p.named_before):
            for m in regex.finditer(self.text):
                if any(s <= m.start() < e or m.start() <= s < m.end() for s, e, *_ in found):
                    continue
                series = m.group("series").strip()
                if not series or series.split()[0].lower() in ("the", "and"):
                    continue
                head = m.group("head")
                end = m.end()
                if regex is p.named_before and head[0].isupper():
                    series = f"{series} {head}"
                    subject = _SUBJECT_OF_NAME.match(self.text, end)
                    if subject and not any(w.lower() in self.rules.never_name_words
                                           for w in subject.group("words").split()):
                        end = subject.end()
                        series = f"{series}{self.text[m.end():end]}"
                kind = self.rules.meeting_nouns.get(head.lower().split()[-1].rstrip("s"), "meeting")
                if head.lower().startswith("summit"):
                    kind = "summit"
                fields = {"name": self.text[m.start():end], "series": " ".join(series.split()),
                          "ordinal": p.ordinal(m.group("ord")), "kind": kind}
                found.append((m.start(), end, m.end("head") - 1, fields))
        for m in p.body_met.finditer(self.text):
            if any(s <= m.start("body") < e for s, e, *_ in found):
                continue
            body = m.group("body")
            fields = {"name": body, "series": body, "ordinal": None, "kind": "meeting", "verbal": True}
            own = p.own_meeting.match(self.text, m.end()) if m.group(0).rstrip().endswith("its") else None
            if own:
                fields.update(ordinal=p.ordinal(own.group("ord")), host=body)
            verb = m.end("body") + len(m.group(0)[m.end("body") - m.start():]) - len(m.group(0)[m.end("body") - m.start():].lstrip())
            found.append((m.start("body"), m.end(), verb, fields))
        for m in p.ordinal_only.finditer(self.text):
            if any(s <= m.start() < e for s, e, *_ in found):
                continue
            ordinal = p.ordinal(m.group("ord"))
            same = next((fields for *_, fields in found if fields["ordinal"] == ordinal), None)
            if same:
                found.append((m.start(), m.end(), m.end() - 1, dict(same)))
        return found

    def _triggers(self, named) -> list[tuple[int, str, bool, str, dict | None]]:
        """(token index, kind, verbal, condition, name fields) for every trigger, in text order. Of two meeting
        nouns in a row ("summit meeting", "conference call") the last is the trigger, with the more specific kind;
        a meeting noun that only modifies another noun ("conference president", "news conference") is none."""
        doc = self.doc
        triggers: dict[int, tuple[int, str, bool, str, dict | None]] = {}
        for start, end, head_char, fields in named:
            span = doc.char_span(head_char, head_char + 1, alignment_mode="expand")
            if span is not None:
                triggers[span.end - 1] = (span.end - 1, fields["kind"], bool(fields.get("verbal")), "", fields)
        named_tokens = {i for start, end, *_ in named for i in range(len(doc))
                        if start <= doc[i].idx < end} if named else set()
        strings = doc.vocab.strings
        for match_id, start, end in self.patterns.verbs(doc):
            key = strings[match_id]
            head = next((i for i in range(start, end) if doc[i].tag_.startswith("VB")), start)
            if head in triggers or head in named_tokens:
                continue
            condition = "person" if key in self.patterns.needs_person else ""
            triggers[head] = (head, key.split("#")[0], True, condition, None)
        nouns: dict[int, tuple[str, str, int]] = {}
        for match_id, start, end in self.patterns.nouns(doc):
            head = end - 1
            if head in named_tokens or not _used_as_noun(doc, head):
                continue
            if start > 0 and doc[start - 1].lower_ in self.rules.non_meeting_modifiers:
                continue
            if head in self.person_at:
                continue
            noun = strings[match_id]
            if head not in nouns or start < nouns[head][2]:
                nouns[head] = (noun, self.rules.meeting_nouns[noun], start)
        specificity = {"summit": 4, "conference": 3, "virtual": 2, "call": 2, "meeting": 0}
        for head in sorted(nouns):
            noun, kind, start = nouns[head]
            following = doc[head + 1] if head + 1 < len(doc) else None
            continues_name = following is not None and following.ent_iob_ == "I" and doc[head].ent_iob_ in ("B", "I")
            if following is not None and (following.tag_ in ("NN", "NNS") or continues_name) and following.is_alpha and \
                    following.lower_ not in self.rules.never_name_words and following.ent_type_ not in ("DATE", "TIME"):
                if head + 1 in nouns:
                    next_noun, next_kind, next_start = nouns[head + 1]
                    if specificity.get(kind, 0) > specificity.get(next_kind, 0):
                        nouns[head + 1] = (next_noun, kind, next_start)
                continue
            if head in triggers:
                continue
            condition = self.rules.meeting_noun_conditions.get(noun, "")
            triggers[head] = (head, kind, False, condition, None)
        return [triggers[i] for i in sorted(triggers)]

    # ---- reading one trigger ------------------------------------------------------------------------------
    def _read(self, index: int, kind: str, verbal: bool, condition: str, named: dict | None) -> Mention | None:
        doc = self.doc
        token = doc[index]
        sentence = self.sentence_of(token.idx)
        sent = self.sents[sentence]
        mention = Mention(kind=kind, start=token.idx, end=token.idx + len(token.text), sentence=sentence,
                          verbal=verbal, noun=None if verbal else token.lower_)
        mention.evidence.append((sent.start_char, sent.end_char))
        if named:
            mention.name, mention.series, mention.ordinal = named["name"], named["series"], named["ordinal"]
            mention.proper_name = True
            if named.get("host"):
                mention.hosts.append(named["host"])
        parsed = self.parses.token(index) if self.parses else None
        if parsed is None:
            self._read_without_parse(mention, sent)
        else:
            self._read_with_parse(mention, parsed, sent)
        clause = self.text[mention.clause[0]:mention.clause[1]] if mention.clause else sent.text
        if mention.kind in ("meeting", "summit", "conference") and VIRTUAL.search(clause):
            mention.kind = "virtual" if mention.kind == "meeting" else mention.kind
        if mention.kind in ("meeting", "virtual") and PHONE.search(clause):
            mention.kind = "call"
        if condition == "person" and not (mention.partner_people or mention.named_subjects >= 2 or mention.body_subject):
            return None
        if condition == "named" and not ((mention.dates or mention.at_event) and mention.proper_name):
            return None
        return mention

    def _read_without_parse(self, mention: Mention, sent: Span) -> None:
        """Without a dependency parser: everyone the sentence names in their own right, the sentence's dates."""
        for char, key, possessive in self.mention_starts:
            if sent.start_char <= char < sent.end_char and not possessive:
                mention.participants.setdefault(key, "participant")
                mention.partner_people = True
        mention.dates = list(self.dates_by_sentence.get(mention.sentence, []))
        mention.tense = tense_of(sent.text)

    def _read_with_parse(self, mention: Mention, trigger: Token, sent: Span) -> None:
        if mention.verbal and any(c.dep_ == "dobj" and c.lower_ in self.rules.non_meeting_objects
                                  for c in trigger.children):
            mention.dropped = "not a meeting"
            return
        if mention.verbal and trigger.dep_ in ("acl", "relcl") and self._describes_meeting_noun(trigger):
            mention.dropped = "describes a meeting noun"  # "a conference hosted by X": the conference's mention
            return
        anchor, frame, frame_preposition = self._anchor(trigger, mention.verbal)
        mention.clause = (self._char(anchor.left_edge), self._char(anchor.right_edge) + len(anchor.right_edge.text))
        mention.aside = any(t.dep_ == "relcl" for t in [trigger, *trigger.ancestors])
        # a noun set apart by "after" is told in the tense of the verb it stands apart from ("Speaking after the
        # meeting on Monday, X said ...")
        mention.tense = self._tense(frame if frame is not None and not is_verb(anchor) else anchor, trigger, sent)
        mention.present = is_verb(anchor) and anchor.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in anchor.children)
        mention.dropped = self._dropped(trigger, anchor, mention.verbal) or (
            "organization" if not mention.verbal and self._of_person(trigger) else None)
        mention.setting_of = self._setting_of(trigger, mention.verbal)
        mention.setting_is_venue = mention.setting_of is not None and trigger.dep_ == "pobj" and trigger.head.lower_ == "at"
        if not mention.verbal and mention.setting_of is None and anchor.i != trigger.i:
            mention.names_meeting_of = self._enclosing_trigger(anchor)
        self._participants(mention, trigger, anchor, frame, frame_preposition)
        if not mention.verbal:
            self._name(mention, trigger)
            mention.in_lede = mention.sentence == 0 and mention.proper_name
            start = min((t.left_edge.i for t in trigger.lefts if t.dep_ not in ("det", "predet")), default=trigger.i)
            mention.phrase = trigger.doc[start:trigger.i + 1].text
        self._dates(mention, anchor, trigger, sent)
        mention.places += self._attached_places(anchor, trigger, sent)
        mention.anaphoric = not mention.verbal and not mention.proper_name and self._definite(trigger)
        mention.indefinite = not mention.verbal and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trigger.children)
        mention.plural_reference = not mention.verbal and trigger.tag_ == "NNS" and not mention.participants and any(
            c.dep_ in ("det", "predet") and (c.lower_ in ("both", "all", "these", "those") or (
                c.lower_ == "the" and trigger.lower_.removesuffix("s") in self.rules.meeting_nouns))
            for c in trigger.children)  # "the meetings", but "the talks" is one meeting
        mention.at_event = (trigger.dep_ == "pobj" and trigger.head.lower_ in EVENT_PREPOSITIONS) or (
            anchor.i != trigger.i and anchor.lower_ in self.rules.meeting_event_verbs)

    def _participants(self, mention: Mention, trigger: Token, anchor: Token, frame: Token | None,
                      frame_preposition: str | None) -> None:
        roles = self.rules.participant_role_verbs
        slots: list[tuple[Token, str]] = []
        partners: list[Token] = []
        partner_role = "participant"
        if mention.verbal:
            partners += with_conjuncts([c for c in trigger.children if c.dep_ in ("dobj", "dative")])
            partners += prepositional_objects(trigger, PARTNER_PREPOSITIONS | {"to"})
            partners += agents(trigger)
            role = roles.get(trigger.lower_, "participant")
            slots += [(t, role if role in ("host", "chair", "co-chair") else "participant")
                      for t in subjects(trigger) + echoed_subjects(trigger)]
            mention.named_subjects = sum(len(self._people_in(t)) for t in subjects(trigger))
        else:
            partners += prepositional_objects(trigger, PARTNER_PREPOSITIONS | {"from"})
            slots += [(t, "participant") for t in with_conjuncts([c for c in trigger.children if c.dep_ == "poss"])]
            if anchor.i != trigger.i and mention.setting_of is None:
                mention.named_subjects = sum(len(self._people_in(t)) for t in subjects(anchor))
                mention.body_subject = anchor.lower_ in self.rules.meeting_event_verbs | END_WORDS | START_WORDS and any(
                    t.lower_ in self.rules.delegate_nouns for t in subjects(anchor))
                role = self._anchor_role(anchor, trigger, roles)
                unnamed = prepositional_objects(trigger, PARTNER_PREPOSITIONS) + prepositional_objects(anchor, PARTNER_PREPOSITIONS)
                if role == "participant" and anchor.lower_ in CONVENING_VERBS and trigger.dep_ == "dobj" and unnamed \
                        and not any(self._people_in(t) for t in unnamed) and (
                            len(subjects(anchor)) >= 2 or any(c.dep_ in ("nummod", "quantmod") for t in unnamed
                                                               for c in t.subtree)):
                    role = "host"
                if trigger.dep_ not in ("nsubj", "nsubjpass"):
                    slots += [(t, role) for t in (subjects(anchor) or self._acl_subjects(anchor)) + echoed_subjects(anchor)]
                slots += [(t, role if trigger.dep_ == "nsubjpass" else "participant") for t in agents(anchor)]
                for verb in anchor.conjuncts:
                    if trigger.dep_ == "nsubjpass" and is_verb(verb):
                        slots += [(t, roles.get(verb.lower_, "participant")) for t in agents(verb)]
                partners += prepositional_objects(anchor, PARTNER_PREPOSITIONS)
                if role == "co-chair":
                    partner_role = role
                if anchor.lower_ in LEADING_VERBS and any(trigger.i in {t.i for t in subject.subtree}
                                                          for subject in subjects(anchor)):
                    slots += [(t, "participant") for t in with_conjuncts(
                        [c for c in anchor.children if c.dep_ in ("dobj", "attr")])]
            elif frame is not None and frame_preposition not in NOT_YET:
                slots += [(t, "participant") for t in subjects(frame) or self._name_before(frame)]
            for child in trigger.children:
                if child.dep_ in ("acl", "relcl") and child.lower_ in roles:
                    slots += [(t, roles[child.lower_]) for t in agents(child)]
                if child.dep_ in ("acl", "relcl") and child.lower_ in LEADING_VERBS:
                    slots += [(t, "participant") for t in with_conjuncts([c for c in child.children if c.dep_ == "dobj"])]
        if anchor.i != trigger.i and anchor.lower_ in PASSIVE_PARTICIPATION and trigger.dep_ == "nsubjpass" and not any(
                self._people_in(t) for t in agents(anchor)):
            slots += [(t, "participant") for t in anchor.doc[anchor.i + 1:] if t.pos_ == "PROPN"
                      and t.dep_ not in ("compound", "flat")]
        for partner in partners:
            if self._people_in(partner):
                mention.partner_people = True
                mention.partner_keys.update(self._people_in(partner))
            elif partner.pos_ in ("NOUN", "PROPN") and partner.ent_type_ not in ("GPE", "LOC", "ORG", "NORP"):
                mention.unnamed_partners = True
        slots += [(t, partner_role) for t in partners]
        for slot, role in slots:
            keys = self._people_in(slot)
            for key in keys:
                mention.participants[key] = _stronger(mention.participants.get(key), role, self.rules)
            if keys or role not in ("host", "chair", "co-chair"):
                continue
            if slot.dep_ in ("nsubj", "nsubjpass") and slot.lower_ in self.rules.place_nouns:
                named = next((t for p in slot.children if p.dep_ == "prep" and p.lower_ == "of"
                              for t in p.children if t.pos_ == "PROPN"), None)
                if named is not None:
                    start = self._char(min(named.subtree, key=lambda t: t.i))
                    end = self._char(named) + len(named.text)
                    mention.places.append(Place("city", self.text[start:end], start, end))
                    continue
            if slot.ent_type_ in ("GPE", "LOC") and slot.dep_ in ("nsubj", "nsubjpass"):
                text = self._organization(slot)
                if text:
                    start = self._char(slot)
                    mention.places.append(Place("country" if self.rules.is_country(text) else "city", text,
                                                start, start + len(slot.text)))
                continue
            host = self._organization(slot)
            if host:
                mention.hosts.append(host)

    # ---- structure ----------------------------------------------------------------------------------------
    def _anchor(self, trigger: Token, verbal: bool) -> tuple[Token, Token | None, str | None]:
        """The verb whose clause a meeting belongs to; for a meeting noun after "after"/"before"/... the noun
        itself, with the verb it stands apart from ("X told reporters after the meeting") and that preposition."""
        if verbal:
            return trigger, None, None
        current = trigger
        preposition = None
        while current.head.i != current.i:
            head = current.head
            if current.dep_ == "pobj" and head.dep_ in ("prep", "agent") and (
                    preposition is None or head.lower_ in DETACHING_PREPOSITIONS):
                preposition = head.lower_
            if is_verb(head) and head.lower_ in DETACHING_PREPOSITIONS and head.tag_ == "VBG":
                preposition = preposition or head.lower_
                current = head
                continue
            if is_verb(head):
                if preposition in DETACHING_PREPOSITIONS:
                    return trigger, head, preposition
                if head.lower_ in self.rules.reporting_verbs and not (
                        head.lower_ in self.rules.participant_role_verbs and current.i == trigger.i):
                    return trigger, head, "reported"
                return head, None, None
            if head.dep_ in CLAUSAL:
                break
            current = head
        return trigger, None, None

    def _char(self, parsed: Token) -> int:
        """The character offset in the article of a token of a parsed sentence."""
        return self.doc[self.parses.doc_index(parsed)].idx

    def _name_before(self, verb: Token) -> list[Token]:
        """A name written just before a verb whose parse found no subject ("..., Koro Bessho, told reporters")."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and (doc[i].is_punct or doc[i].tag_ == "RB"):
            i -= 1
        if i >= 0 and self.person_at.get(self.parses.doc_index(doc[i])) is not None:
            return [doc[i]]
        return []

    def _enclosing_trigger(self, anchor: Token) -> int | None:
        """The meeting a noun's clause belongs to: its verb when that reports a meeting ("will meet ... for a
        ministerial forum"), or the meeting noun whose course the verb tells ("the meetings, which end today with
        talks on Capitol Hill")."""
        current = anchor
        for _ in range(3):
            start = self.trigger_starts.get(self.parses.doc_index(current))
            if start is not None:
                return start
            if current.dep_ not in ("relcl", "acl") or current.lower_ not in self.rules.meeting_event_verbs | END_WORDS:
                return None
            current = current.head
        return None

    def _acl_subjects(self, verb: Token) -> list[Token]:
        """"X and Y are among the leaders attending the meeting", "... among the ministers and heads of state
        attending": the subjects of the copula the participle's noun belongs to."""
        if verb.dep_ != "acl":
            return []
        noun = verb.head
        for _ in range(5):
            if noun.lower_ in PARTICIPANT_INCLUDING or noun.dep_ not in ("pobj", "prep", "conj"):
                break
            noun = noun.head
        if noun.dep_ in ("attr", "prep") and is_verb(noun.head):
            return subjects(noun.head)
        return []

    def _anchor_role(self, anchor: Token, trigger: Token, roles: dict[str, str]) -> str:
        """"X chaired the meeting", "presided over the summit" -> chair; "X told the conference", "spoke at the
        summit" -> speaker; but "opened talks with Y" is taking part in them."""
        role = roles.get(anchor.lower_)
        if role is None:
            return "participant"
        if role == "speaker" and (prepositional_objects(anchor, frozenset({"with"}))
                                  or prepositional_objects(trigger, frozenset({"with"}))):
            return "participant"
        if trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.i == anchor.i:
            return role
        if trigger.dep_ == "pobj" and trigger.head.head.i == anchor.i and \
                trigger.head.lower_ in _ROLE_PREPOSITIONS.get(role, ()):
            return role
        return "participant"

    def _tense(self, anchor: Token, trigger: Token, sent: Span) -> str:
        """"future" for a meeting to come ("will meet", "is to meet", "plans to hold talks", "meets on Thursday"),
        else "past"."""
        if is_verb(anchor):
            current = anchor
            for _ in range(4):
                aux = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
                if any(a.lower_ in FUTURE_AUXILIARIES for a in aux):
                    return "future"
                infinitive = any(a.lower_ == "to" for a in aux)
                if infinitive and current.i != anchor.i:
                    return "future"
                if current.tag_ in ("VBD", "VBN") and not infinitive and not _present_passive(current):
                    return "past"
                if current.tag_ in ("VBZ", "VBP") and current.i == anchor.i and (
                        anchor.i == trigger.i or anchor.lower_ in self.rules.meeting_event_verbs):
                    return "future"
                if current.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acl") or current.head.i == current.i:
                    break
                current = current.head.head if current.dep_ == "pcomp" else current.head
                if infinitive and (current.lower_ in PRESENT_BE or _present_passive(current)):
                    return "future"  # "is to meet", "is expected to meet"
                if infinitive and current.tag_ in ("VBD", "VBN"):
                    return "past"
        if any(t.lower_ in FUTURE_WORDS for t in trigger.subtree):
            return "future"
        return tense_of(sent.text)

    def _dropped(self, trigger: Token, anchor: Token, verbal: bool) -> str | None:
        """Why a mention reports no meeting: negated, or only could / hoped / tried to happen, or called off.
        A meeting noun is judged by its verb only when it is that verb's subject or object."""
        if negated(trigger):
            return "negated"
        if not verbal and anchor.i != trigger.i and trigger.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
            return None
        words = self.rules.hypothetical_words
        if negated(anchor):
            return "negated"
        current = anchor
        for _ in range(3):
            for child in current.children:
                if child.dep_ in ("aux", "prt", "acomp", "advmod") and child.lower_ in words:
                    return "hypothetical"
            if current.lower_ in words:
                return "hypothetical"
            if current.dep_ not in ("xcomp", "ccomp", "pcomp", "acomp") or current.head.i == current.i:
                break
            current = current.head
            if negated(current):
                return "negated"
        return None

    def _of_person(self, trigger: Token) -> bool:
        """A body someone belongs to, not a meeting: "adviser X of the Investment Council"."""
        if trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
            return False
        owner = trigger.head.head
        if owner.lower_ in self.rules.meeting_nouns:
            return False
        return owner.ent_type_ == "PERSON" or owner.lower_ in self.rules.titles or \
            self.person_at.get(self.parses.doc_index(owner)) is not None

    def _setting_of(self, trigger: Token, verbal: bool) -> int | None:
        """A meeting noun that is where another meeting of the sentence took place ("met at the conference",
        "talks on the sidelines of the summit", "will hold talks with X at the conference"): the start of that
        other meeting's trigger."""
        if verbal:
            return None
        setting = False
        current = trigger
        while current.head.i != current.i:
            current = current.head
            if current.lower_ in SETTING_PREPOSITIONS:
                setting = True
            elif setting and self.parses.doc_index(current) in self.trigger_starts:
                return self.trigger_starts[self.parses.doc_index(current)]
            if is_verb(current):
                held = [c for c in current.children if c.dep_ == "dobj"
                        and self.parses.doc_index(c) in self.trigger_starts] if setting else []
                return self.trigger_starts[self.parses.doc_index(held[0])] if held else None
        return None

    def _definite(self, trigger: Token) -> bool:
        """"the meeting", "this summit", "Monday's talks", "Netanyahu's meeting": a meeting named before."""
        for child in trigger.children:
            if child.dep_ == "det" and child.lower_ in DEFINITE_DETERMINERS:
                return True
            if child.dep_ == "poss" and child.lower_ not in PERSONAL_POSSESSIVES:
                return True
        return False

    def _people_in(self, token: Token, parses: SentenceParses | None = None) -> list[int]:
        """The people a noun phrase names: a name, a titled name, a name in apposition ("his counterpart, X"),
        names after "including"; a pronoun stands for the person named just before it."""
        parses = parses or self.parses
        if token.lower_ in PRONOUNS_ONE:
            key = self._previous_person(parses.doc_index(token))
            return [key] if key is not None else []
        tokens = []
        stack = [token]
        while stack:
            current = stack.pop()
            tokens.append(current)
            for child in current.children:
                if child.dep_ in ("poss", "cc") or (child.dep_ in CLAUSAL and child.lower_ not in LEADING_VERBS):
                    continue
                if child.dep_ == "prep" and child.lower_ not in {"of", "from"} | PARTICIPANT_INCLUDING:
                    continue
                stack.append(child)
        keys = []
        for t in tokens:
            key = self.person_at.get(parses.doc_index(t))
            if key is not None and key not in keys:
                keys.append(key)
        return keys

    def _previous_person(self, doc_index: int) -> int | None:
        """The person "he" or "she" stands for: one named earlier in the sentence as a subject, else the first
        person named in the nearest sentence before that names one (a story's sentences open with their actor)."""
        char = self.doc[doc_index].idx
        sentence = self.sentence_of(char)
        position = bisect.bisect_left(self.mention_starts, (char, -1, False))
        earlier = []
        for start, key, possessive in reversed(self.mention_starts[max(0, position - 200):position]):
            if self.sentence_of(start) < sentence - 2:
                break
            if not possessive:
                earlier.append((start, key))
        earlier.reverse()
        for start, key in reversed(earlier):
            if self.sentence_of(start) != sentence:
                break
            parsed = self.parses.token(self.doc.char_span(start, start + 1, alignment_mode="expand").start)
            if parsed is not None and not any(t.dep_ in ("pobj", "dobj") for t in [parsed, parsed.head]):
                return key
        for previous in range(sentence - 1, max(-1, sentence - 3), -1):
            named = [key for start, key in earlier if self.sentence_of(start) == previous]
            if named:
                return named[0]
        return None

    def _organization(self, token: Token) -> str | None:
        """The whole name of a hosting body or country ("Japan's Ministry of Land, Infrastructure, Transport and
        Tourism"): the noun phrase with its "of" parts, without clauses and other prepositions."""
        if token.pos_ not in ("PROPN", "NOUN") or not (token.ent_type_ in ("ORG", "GPE", "NORP") or token.text[:1].isupper()):
            return None
        if token.lower_ in self.rules.post_nominals or self.person_at.get(self.parses.doc_index(token)) is not None:
            return None
        keep = {token.i: token}
        stack = [token]
        while stack:
            current = stack.pop()
            for child in current.children:
                if child.dep_ in CLAUSAL or (current.i == token.i and child.dep_ in ("appos", "cc", "conj")):
                    continue
                if child.dep_ == "prep" and child.lower_ != "of":
                    continue
                keep[child.i] = child
                stack.append(child)
        tokens = [keep[i] for i in sorted(keep)]
        while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if not tokens:
            return None
        return token.doc[tokens[0].i:tokens[-1].i + 1].text

    def _attached(self, token: Token, anchor: Token, trigger: Token) -> bool:
        """Whether a token belongs to the meeting's clause: under the anchor with no clause of its own between,
        except clauses that tell the meeting's course ("the conference, which starts June 25", "talks scheduled
        to end on Wednesday")."""
        path = path_up(token, anchor)
        if path is None:
            return False
        for t in path:
            if t.i == token.i:
                continue
            if is_verb(t) or t.dep_ in CLAUSAL:
                if t.dep_ == "xcomp" or self._course_clause(t, trigger):
                    continue
                return False
        return True

    def _course_clause(self, verb: Token, trigger: Token) -> bool:
        """A verb telling the meeting's own course, directly under the meeting noun or under such a verb, joined to
        the verb the meeting noun is the subject of ("the talks began ... and ended on Saturday"), or a participle
        right after the meeting noun that the parser hung elsewhere ("progress at the talks, scheduled to end on
        Wednesday")."""
        current = verb
        phrase = {t.i for t in trigger.subtree if not is_verb(t)}
        for _ in range(3):
            if current.lower_ not in self.rules.meeting_event_verbs and current.lower_ not in END_WORDS | START_WORDS:
                return False
            if current.dep_ == "advcl" and current.tag_ == "VBN" and 0 < current.left_edge.i - trigger.right_edge.i <= 2:
                return True
            if current.head.i in phrase:
                return current.dep_ in ("relcl", "acl")
            if current.dep_ == "conj" and any(c.i == trigger.i and c.dep_ in ("nsubj", "nsubjpass")
                                              for c in current.head.children):
                return True  # "the talks began on Thursday and ended on Saturday"
            if current.dep_ not in ("xcomp", "conj", "acl", "relcl"):
                return False
            current = current.head
        return False

    def _tokens_of(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        found = [self.parses.token(i) for i in range(span.start, span.end)]
        return [t for t in found if t is not None]

    def _dates(self, mention: Mention, anchor: Token, trigger: Token, sent: Span) -> None:
        """The meeting's dates: those of its clause that modify the meeting or its verb, not another noun of the
        clause ("The July 9 Executive Order established the Council" gives the order's date). A date under an
        ending word ("scheduled to end on Wednesday", "until Friday") is the last day; "four days of talks", "a
        two-day meeting" give the length; "ends on Friday", said in the present, is a day to come. A meeting
        noun's own first days and own last days each win over those of the clause it sits in ("the talks, scheduled
        to end on Wednesday, began on Monday"); "made early yesterday at the end of the meeting" gives its last day;
        "X did Y today by ending talks" dates the talks by the verb they are the means of."""
        own_phrase = {t.i for t in trigger.subtree} if anchor.i != trigger.i else set()
        at_its_end = any(t.lower_ in END_WORDS and t.pos_ == "NOUN" for t in (path_up(trigger, anchor) or [])[1:])
        means = anchor.head.head if anchor.dep_ == "pcomp" and anchor.head.lower_ == "by" else None
        own: list[tuple[DateMention, bool]] = []
        clause: list[tuple[DateMention, bool]] = []
        for date in self.dates_by_sentence.get(self.sentence_of(sent.start_char), []):
            tokens = self._tokens_of(date.start, date.end)
            inside = {t.i for t in tokens}
            for t in tokens:
                path = path_up(t, anchor)
                if path is None and means is not None and self._attached(t, means, means):
                    path = path_up(t, means)
                elif t.i == tokens[0].i and self._stranded_preposition(t, anchor):
                    path = []
                elif t.i in own_phrase and t.i != trigger.i:
                    path = path_up(t, trigger) or []  # "the Thursday and Friday talks": the noun's own days
                    if any(p.dep_ == "relcl" and not self._course_clause(p, trigger) for p in path):
                        continue  # "a meeting of ministers, who arrived on Sunday": the day of their arrival
                elif path is None or not self._attached(t, anchor, trigger):
                    continue
                if any(p.i not in inside and p.i != trigger.i and p.dep_ in _OTHER_ARGUMENTS for p in path):
                    continue
                course = path + [anchor] if anchor.i != trigger.i and t.i not in own_phrase else path
                decisive = next((p for p in course if p.i not in inside and (
                    p.lower_ in END_WORDS or p.lower_ in START_WORDS)), None)
                if any(p.lower_ in POSTPONING for p in path + [anchor]) or any(
                        self._still_planned(p, mention) for p in path) or (
                        decisive is not None and decisive.tag_ in ("VBZ", "VBP")):
                    mention.future_dates.add(date.start)
                is_end = (decisive is not None and decisive.lower_ in END_WORDS) or (
                    at_its_end and t.i not in own_phrase)
                (own if t.i in own_phrase else clause).append((date, is_end))
                break
        mention.dates = [d for d, is_end in own if not is_end] or [d for d, is_end in clause if not is_end]
        mention.end_dates = [d for d, is_end in own if is_end] or [d for d, is_end in clause if is_end]
        duration = _DURATION.search(self.text, max(0, mention.start - 40), mention.start)
        if duration:
            number = duration.group("n").lower()
            mention.duration_days = int(number) if number.isdigit() else _NUMBERS[number]

    @staticmethod
    def _still_planned(word: Token, mention: Mention) -> bool:
        """A plan not told as past: "(the talks,) scheduled to end on Wednesday", or "scheduled for Monday" said of
        a meeting to come; but not "the meeting, scheduled for Monday, took place", nor "was scheduled for"."""
        return word.lower_ in SCHEDULING and not any(c.lower_ in ("was", "were", "had") for c in word.children) and (
            mention.tense != "past" or any(c.dep_ == "xcomp" for c in word.children))

    def _describes_meeting_noun(self, verb: Token) -> bool:
        """A participle or relative clause that hangs from a meeting noun's phrase ("a conference on enterprise
        hosted by X")."""
        current = verb.head
        for _ in range(4):
            if self.parses.doc_index(current) in self.trigger_starts:
                return True
            if current.dep_ not in ("pobj", "prep", "compound", "conj") or current.head.i == current.i:
                return False
            current = current.head
        return False

    @staticmethod
    def _stranded_preposition(token: Token, anchor: Token) -> bool:
        """"said that on Thursday and Friday X would meet": the parser hung the day inside the next noun phrase,
        leaving its preposition on the meeting's verb with no object."""
        i = token.i - 1
        while i > 0 and (token.doc[i].ent_type_ == "DATE" or token.doc[i].lower_ in ("and", "or", ",", "to")):
            i -= 1
        preposition = token.doc[i]
        return i >= 0 and preposition.dep_ == "prep" and preposition.head.i == anchor.i and not any(
            c.dep_ == "pobj" for c in preposition.children)

    def _attached_places(self, anchor: Token, trigger: Token, sent: Span) -> list[Place]:
        """Places the meeting's clause puts it at. When the meeting noun is the subject of a verb that does not
        tell its course ("the talks follow disputes in the North Atlantic"), only the noun's own phrase counts."""
        places = []
        rules = self.rules
        if anchor.i != trigger.i and trigger.dep_ in ("nsubj", "nsubjpass") and anchor.lower_ not in BE_FORMS and \
                anchor.lower_ not in rules.meeting_event_verbs | END_WORDS | START_WORDS:
            anchor = trigger
        for ent in self.ents_by_sentence.get(self.sentence_of(sent.start_char), []):
            if ent.label_ not in PLACE_LABELS or any(ch.isdigit() for ch in ent.text):
                continue
            tokens = self._tokens_of(ent.start_char, ent.end_char)
            if not tokens:
                continue
            head = min(tokens, key=lambda t: len(list(t.ancestors)))
            if not self._attached(head, anchor, trigger):
                continue
            words = ent.text.split()
            compound = head.dep_ in ("compound", "amod", "nmod") and head.head.i == trigger.i
            if compound and (ent.label_ == "ORG" or any(ch.isdigit() for ch in ent.text) or ent.text.isupper()):
                continue
            preposition = self._preposition_of(head)
            inside_place = preposition is not None and any(
                p.start <= self._char(preposition.head) < p.end for p in places if p.field != "here")
            if not compound and not (preposition is not None and preposition.lower_ in PLACE_PREPOSITIONS and (
                    inside_place or self._on_meeting_chain(preposition.head, anchor, trigger))):
                continue
            text = ent.text.removeprefix("the ").removeprefix("The ")
            if text != ent.text:
                start_char = ent.start_char + len(ent.text) - len(text)
            else:
                start_char = ent.start_char
            if rules.is_country(text):
                field_name = "country"
            elif any(w in words for w in rules.region_words):
                field_name = "region"
            elif ent.label_ in ("FAC", "ORG") or any(w in words for w in rules.venue_words):
                if ent.label_ == "ORG" and not any(w in words for w in rules.venue_words):
                    continue
                field_name = "venue"
            elif ent.label_ == "LOC" and any(w in words for w in rules.landform_words):
                continue
            else:
                field_name = "city"
            dangling = re.search(r"(?:\s+[a-z]+)+$", text)
            if dangling:
                text = text[:dangling.start()]
            inner = _PLACE_INSIDE.search(text) if field_name == "venue" else None
            if inner:
                places.append(Place(field_name, text[:inner.start()], start_char, start_char + inner.start()))
                places.append(Place("city", inner.group("city"), start_char + inner.start("city"),
                                    start_char + len(text)))
                continue
            places.append(Place(field_name, text, start_char, start_char + len(text)))
        places += self._unnamed_entity_places(anchor, trigger, places)
        places += self._venue_nouns(anchor, trigger, places)
        for match in self.patterns.venue_phrase.finditer(sent.text):
            start = sent.start_char + match.start("venue")
            end = sent.start_char + match.end("venue")
            if any(p.start <= start < p.end for p in places):
                continue
            tokens = self._tokens_of(start, end)
            head = min(tokens, key=lambda t: len(list(t.ancestors))) if tokens else None
            preposition = self._preposition_of(head) if head is not None else None
            if preposition is not None and self._on_meeting_chain(preposition.head, anchor, trigger):
                venue = match.group("venue")
                places.append(Place("venue", venue.removeprefix("The ").removeprefix("the "), end - len(venue.removeprefix("The ").removeprefix("the ")), end))
        for token in sent:
            if token.lower_ == "here":
                parsed = self.parses.token(token.i)
                if parsed is not None and self._attached(parsed, anchor, trigger):
                    places.append(Place("here", token.text, token.idx, token.idx + len(token.text)))
        return places

    def _unnamed_entity_places(self, anchor: Token, trigger: Token, found: list[Place]) -> list[Place]:
        """A proper name the entity recognizer missed after "in" or "at" on the meeting's chain ("in the Swiss
        mountain resort Davos", "in Gateshead")."""
        places = []
        for token in self._chain(anchor, trigger):
            for preposition in token.children:
                if preposition.dep_ != "prep" or preposition.lower_ not in PLACE_PREPOSITIONS:
                    continue
                for obj in (c for c in preposition.children if c.dep_ == "pobj" and c.i != trigger.i):
                    names = [t for t in noun_phrase(obj) if t.pos_ == "PROPN" and t.text[:1].isupper()
                             and not any(ch.isdigit() for ch in t.text)
                             and t.ent_type_ in ("", "GPE", "LOC", "FAC") and t.lower_ not in self.rules.org_heads
                             and t.lower_ not in self.rules.titles
                             and self.person_at.get(self.parses.doc_index(t)) is None]
                    if not names or len(names) > 3:
                        continue
                    names.sort(key=lambda t: t.i)
                    start = self._char(names[0])
                    end = self._char(names[-1]) + len(names[-1].text)
                    text = self.text[start:end]
                    if any(p.start < end and start < p.end for p in found) or self.rules.is_country(text):
                        continue
                    places.append(Place("city", text, start, end))
        return places

    def _venue_nouns(self, anchor: Token, trigger: Token, found: list[Place]) -> list[Place]:
        """"at the parliament", "on a boat": a common noun of a meeting place after "at", "in" or "on" on the
        meeting's clause."""
        places = []
        for token in self._chain(anchor, trigger):
            for preposition in token.children:
                if preposition.dep_ != "prep" or preposition.lower_ not in PLACE_PREPOSITIONS | {"on", "aboard"}:
                    continue
                for obj in (c for c in preposition.children if c.dep_ == "pobj"):
                    words = obj.lower_ if obj.lower_ in self.rules.venue_nouns else " ".join(
                        t.lower_ for t in obj.lefts if t.dep_ == "compound") + " " + obj.lower_
                    if obj.lower_ not in self.rules.venue_nouns and words.strip() not in self.rules.venue_nouns:
                        continue
                    first = min((t for t in obj.lefts if t.dep_ in ("compound", "amod")), key=lambda t: t.i, default=obj)
                    start, end = self._char(first), self._char(obj) + len(obj.text)
                    if not any(p.start < end and start < p.end for p in found):
                        places.append(Place("venue", self.text[start:end], start, end))
        return places

    def sentence_place(self, sentence: int) -> Place | None:
        """The one place a sentence puts someone at ("a team is already in Washington"), when it names exactly one
        after "in" or "at" and it is not where someone travels from or to."""
        found = []
        sent = self.sents[sentence]
        for ent in self.ents_by_sentence.get(sentence, []):
            if ent.label_ not in ("GPE", "FAC") or self.rules.is_country(ent.text):
                continue
            before = self.text[max(sent.start_char, ent.start_char - 30):ent.start_char].lower()
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", before) and not re.search(
                    r"\b(?:from|for|to|arriv\w*|left|leav\w*|return\w*|flew|fly\w*|travel\w*|head\w*|visit\w*)\b", before):
                found.append(Place("city" if ent.label_ == "GPE" else "venue", ent.text, ent.start_char, ent.end_char))
        return found[0] if len(found) == 1 else None

    def _chain(self, anchor: Token, trigger: Token) -> list[Token]:
        """The meeting's verb and noun, the words between them, and whom the verb's meeting is with (a place
        phrase is often parsed under them: "met X in Vienna")."""
        chain = [anchor, trigger] + (path_up(trigger, anchor) or [])
        if trigger.pos_ in ("VERB", "AUX"):
            chain += [c for c in trigger.children if c.dep_ == "dobj"]
            chain += prepositional_objects(trigger, PARTNER_PREPOSITIONS)
        return chain

    def _on_meeting_chain(self, token: Token, anchor: Token, trigger: Token) -> bool:
        """Whether a phrase hanging from `token` describes the meeting: the token is the meeting's verb or noun, a
        word between them, a clause telling the meeting's course ("held at ..."), or a date of it ("on October 27
        in Tsukuba")."""
        chain = {t.i for t in self._chain(anchor, trigger)}
        if token.i in chain or token.ent_type_ in ("DATE", "TIME") or token.like_num:
            return True
        within = path_up(token, trigger)
        if within is not None and not any(is_verb(t) or t.dep_ in CLAUSAL for t in within):
            return True
        return is_verb(token) and self._course_clause(token, trigger)

    @staticmethod
    def _preposition_of(token: Token) -> Token | None:
        """The preposition a place phrase hangs from ("in Vienna", "in the city of Hangzhou")."""
        current = token
        for _ in range(6):
            if current.dep_ == "pobj" and current.head.dep_ == "prep":
                if current.head.lower_ == "of" and current.head.head.i != current.head.i:
                    current = current.head.head
                    continue
                return current.head
            if current.dep_ not in ("pobj", "compound", "appos", "nmod", "amod") or current.head.i == current.i:
                return None
            current = current.head
        return None

    def _name(self, mention: Mention, trigger: Token) -> None:
        """A meeting noun's name: a proper-name entity it ends ("World Economic Forum"), its capitalized modifiers
        ("G7 meeting", "Franco-German meeting"; a place's name, "the London meeting", only describes it), or an "of"
        phrase naming who meets ("meeting of G7 finance ministers", a description; "of heads of government", a
        summit)."""
        if mention.name:
            return
        doc = trigger.doc
        if trigger.ent_type_ in ("ORG", "EVENT", "FAC", "WORK_OF_ART", "LAW") and trigger.ent_iob_ != "B":
            start = trigger.i
            while start > 0 and doc[start - 1].ent_type_ == trigger.ent_type_ and doc[start].ent_iob_ != "B" and (
                    not doc[start - 1].is_lower or doc[start - 1].lower_ in _INSIDE_NAMES):
                start -= 1
            mention.name = doc[start:trigger.i + 1].text.removeprefix("the ").removeprefix("The ")
            mention.series = mention.name
            mention.proper_name = True
            return
        if self._name_through_of(mention, trigger) or self._name_of_body(mention, trigger) or \
                self._name_of_owner(mention, trigger):
            return
        modifiers = [c for c in trigger.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
        if modifiers:
            start = min(t.left_edge.i for t in modifiers)
            while start < trigger.i and (doc[start].dep_ in ("det", "poss", "case") or doc[start].is_punct
                                         or not doc[start].text[:1].isupper() or doc[start].lower_ in ("'s", "’s")
                                         or doc[start].lower_ in self.rules.never_name_words):
                start += 1
            words = doc[start:trigger.i]
            if len(words) and doc[start].pos_ != "NUM":
                mention.name = doc[start:trigger.i + 1].text
                mention.series = words.text
                place_words = all(t.ent_type_ in ("GPE", "LOC", "FAC") and not any(ch.isdigit() for ch in t.text)
                                  for t in words)
                mention.proper_name = not place_words and words[-1].text not in self.rules.venue_words
                if words[-1].text in self.rules.venue_words:
                    mention.places.append(Place("venue", words.text, words.start_char, words.end_char))
                return
        for child in trigger.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if not objects or not any(t.text[:1].isupper() for t in objects[0].subtree):
                    return
                excluded = {t.i for c in objects[0].subtree if c.dep_ in CLAUSAL or c.dep_ == "appos"
                            or (c.dep_ == "prep" and c.lower_ != "of") for t in c.subtree}
                end = objects[0].i + 1
                for t in objects[0].subtree:
                    if t.i in excluded or (t.is_punct and t.i > objects[0].i):
                        break
                    end = max(end, t.i + 1)
                mention.name = doc[trigger.i:min(end, trigger.i + 12)].text
                if mention.kind == "meeting" and any(m in mention.name.lower() for m in self.rules.summit_members):
                    mention.kind = "summit"
                mention.series = self._body_named_after(child) or mention.series
                return


    def _body_named_after(self, of: Token) -> str | None:
        """"a meeting of the Interagency Task Force on Housing Equity (THE)": the proper name of the body that
        meets, written in capitals and headed by an organization noun, is the meeting's series."""
        match = _BODY_NAME.match(self.text, self._char(of) + len(of.text))
        if match is None:
            return None
        words = match.group("body").split()
        while words and not words[-1][:1].isupper():
            words.pop()
        if not any(word[:1].isupper() and word.lower() in self.rules.org_heads for word in words):
            return None
        return " ".join(words) + (f" {match.group('abbr')}" if match.group("abbr") and words else "")

    def _name_of_owner(self, mention: Mention, trigger: Token) -> bool:
        """"Labour's spring conference", "the White House's listening session": a meeting named by the
        organization whose it is, which holds it (a person's, a day's or a place's meeting is not named so)."""
        owner = next((c for c in trigger.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ != "PROPN" or not owner.text[:1].isupper() or \
                owner.ent_type_ in ("PERSON", "GPE", "LOC", "DATE", "TIME", "NORP") or \
                owner.lower_ in self.rules.titles or self.person_at.get(self.parses.doc_index(owner)) is not None:
            return False
        doc = trigger.doc
        start = owner.left_edge.i
        while start < owner.i and (doc[start].dep_ == "det" or doc[start].is_punct):
            start += 1
        words = [t for t in doc[start:owner.i + 1] if t.dep_ != "case"]
        if not words or not all(t.text[:1].isupper() or t.lower_ in _INSIDE_NAMES for t in words):
            return False
        mention.name = doc[start:trigger.i + 1].text
        mention.hosts.append(doc[start:words[-1].i + 1].text)
        return True

    def _name_of_body(self, mention: Mention, trigger: Token) -> bool:
        """"At their meeting in London, G7 finance ministers backed ...": a meeting of the body its clause is
        about, named by how the text names that body."""
        if not any(c.dep_ == "poss" and c.lower_ == "their" for c in trigger.children):
            return False
        verb = trigger.head
        while not is_verb(verb) and verb.head.i != verb.i:
            verb = verb.head
        body = next((t for t in subjects(verb) if t.lower_ in self.rules.delegate_nouns), None) if is_verb(verb) else None
        if body is None:
            return False
        modifiers = [c for c in body.lefts if c.dep_ in ("compound", "amod")]
        if not modifiers or not any(t.text[:1].isupper() for t in modifiers):
            return False
        mention.name = f"{trigger.text} of {trigger.doc[min(t.i for t in modifiers):body.i + 1].text}"
        return True

    def _name_through_of(self, mention: Mention, trigger: Token) -> bool:
        """"the Group of 20 summit meeting": a meeting noun the parser hangs from the "of" of a capitalized name."""
        if trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
            return False
        owner = trigger.head.head
        between = trigger.doc[trigger.head.i + 1:trigger.i]
        if owner.pos_ != "PROPN" or not owner.text[:1].isupper() or owner.lower_ in self.rules.titles or \
                owner.lower_ in self.rules.meeting_nouns or owner.ent_type_ in ("PERSON", "GPE") or \
                self.person_at.get(self.parses.doc_index(owner)) is not None or not len(between) or \
                not (between[0].text[:1].isupper() or between[0].like_num):
            return False
        start = owner.left_edge.i
        while start < owner.i and (trigger.doc[start].dep_ in ("det", "poss", "case") or trigger.doc[start].is_punct):
            start += 1
        words = trigger.doc[start:trigger.i]
        mention.name = trigger.doc[start:trigger.i + 1].text
        mention.series = " ".join(t.text for t in words if t.lower_ not in self.rules.meeting_nouns)
        mention.proper_name = True
        return True


def _present_passive(verb: Token) -> bool:
    """"is held", "will be held": a participle told in the present or future passive, not "was" or "has been" held."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBN" and any(a in PRESENT_BE or a == "be" for a in aux) and not any(
        a in ("was", "were", "has", "have", "had", "been") for a in aux)


def _used_as_noun(doc: Doc, i: int) -> bool:
    """A noun, or a word the tagger took for an adjective that heads its phrase ("hosted a roundtable on ...")."""
    tag = doc[i].tag_
    if tag.startswith("NN"):
        return True
    if tag == "VBZ" and i > 0 and doc[i - 1].tag_ in ("IN", "DT", "JJ", "PRP$", "POS", "CD", "NN", "NNS", "NNP"):
        return True
    return tag == "JJ" and (i + 1 >= len(doc) or not doc[i + 1].tag_.startswith(("NN", "JJ")))


def _stronger(current: str | None, role: str, rules) -> str:
    if current is None or rules.role_strength(role) > rules.role_strength(current):
        return role
    return current
