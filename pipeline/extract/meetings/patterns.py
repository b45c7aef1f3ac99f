"""Everything the meeting rules match with, compiled once from a set of rule resources."""
from __future__ import annotations

import re

from spacy.matcher import Matcher, PhraseMatcher

from pipeline.resources import RuleResources

_CAP = r"[A-Z0-9][\w’'&.\-]*"

ATTENDANCE = re.compile(
    r"\b(?:approximately|about|around|some|nearly|almost|over|more than|at least)?\s*(?P<n>\d{1,3}(?:,\d{3})*|\d+)\s+"
    r"(?:[a-z\-]+\s+){0,2}(?:officials|participants|delegates|people|attendees|representatives|leaders|executives"
    r"|guests|members)\b",
    re.IGNORECASE)
VIRTUAL = re.compile(r"\b(?:virtual(?:ly)?|video ?conference|video ?link|video call|online|by video)\b", re.IGNORECASE)
PHONE = re.compile(r"\b(?:by (?:tele)?phone|on the (?:tele)?phone|(?:tele)?phone call|phonecalls?)\b", re.IGNORECASE)
SEPARATE = re.compile(r"\bseparately\b|\balso met\b|\bin a separate\b|\blater met\b", re.IGNORECASE)
LIST_INTRODUCTION = re.compile(
    r"\b(?:participants|attendees|participating|attending|present|joined by|delegation|members|speakers|panelists"
    r"|included)\b[^.!?\n]{0,80}:\s*$", re.IGNORECASE)


class MeetingPatterns:
    """Regexes, matchers and word sets of the meeting rules, built from one set of rule resources."""

    def __init__(self, nlp, rules: RuleResources):
        self.rules = rules
        words = sorted(rules.ordinals, key=len, reverse=True)
        ordinal = r"(?P<ord>\d{1,3}(?:st|nd|rd|th)|" + "|".join(words + [w.capitalize() for w in words]) + ")"
        names = sorted(rules.meeting_name_heads, key=len, reverse=True)
        heads = "(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in names) + ")"
        lower_heads = heads.lower()
        self.named_before = re.compile(
            rf"\b{ordinal}\s+(?P<series>(?:{_CAP}\s+){{1,10}}?)(?:\([A-Z][A-Za-z]{{1,9}}\)\s+)?"
            rf"(?P<head>(?:{heads}\s+)?{heads}|{lower_heads})s?\b")
        self.named_after = re.compile(
            rf"\b{ordinal}\s+(?:\(\w+\)\s+)?(?P<head>{heads}|{lower_heads})\s+of\s+(?:the\s+)?"
            rf"(?P<series>{_CAP}(?:\s+(?:{_CAP}|of|on|for|and|the))*(?:\s+{_CAP}))(?:\s*\((?P<abbr>[A-Z]{{2,}})\))?")
        venue_words = "|".join(map(re.escape, rules.venue_words))
        self.headline_venue = re.compile(
            rf"(?:^|\bof\s+)(?:the\s+|an?\s+)?(?P<venue>(?:[A-Z][\w’'\-]*\s+){{0,3}}(?:{venue_words}))\s+"
            rf"(?:Meeting|Talks|Summit|Roundtable|Session|Dinner|Lunch|Breakfast)\b")
        nouns = "|".join(sorted((re.escape(n) for n in rules.meeting_nouns if " " not in n), key=len, reverse=True))
        self.headline_virtual = re.compile(
            rf"\b(?i:virtual|video)\s+(?:[\w’'\-]+\s+){{0,2}}?(?i:{nouns})\b")
        self.headline_owner = re.compile(
            r"(?:^|\bof\s+)(?:the\s+|The\s+)?(?P<owner>(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)[’']s\s+"
            rf"(?:[\w\-]+\s+){{0,3}}?(?i:{nouns})\b")
        self.own_meeting = re.compile(rf"\s*{ordinal}\s+(?:[a-z\-]+\s+)?(?:meeting|session)\b")
        self.ordinal_only = re.compile(rf"\b{ordinal}\s+(?:[a-z\-]+\s+){{0,3}}(?:meeting|summit|session|conference)\b")
        self.venue_phrase = re.compile(
            r"\b(?:in|at)\s+(?:the\s+)?(?P<venue>(?:[A-Z][\w’'\-]*\s+){0,4}(?:" + "|".join(map(re.escape, rules.venue_words))
            + r")(?:\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})?)\b")
        heads = sorted((h for h in rules.org_heads if h[:1].isalpha()), key=len, reverse=True)
        head = "|".join(re.escape(h.title()) for h in heads)
        word = r"[A-Z][\w’'\-]*"
        self.body_met = re.compile(
            rf"(?:\b[Tt]he\s+)?(?P<body>{word}(?:\s+(?:{word}|of|for|on|and))*?\s+(?:{head})"
            rf"(?:\s+(?:for|on|of)\s+{word}(?:\s+(?:{word}|of|and))*)?)\s+(?:met|meets|convened|held\s+its)\b")
        self.verbs = Matcher(nlp.vocab)
        self.needs_person: set[str] = set()
        for number, row in enumerate(rules.meeting_triggers):
            key = f"{row['label']}#{number}"
            self.verbs.add(key, [row["pattern"]])
            if row.get("id") == "needs-person":
                self.needs_person.add(key)
        self.nouns = PhraseMatcher(nlp.vocab, attr="LOWER")
        for noun in sorted(rules.meeting_nouns):
            self.nouns.add(noun, [nlp.make_doc(noun)])

    def ordinal(self, text: str) -> int:
        low = text.lower()
        return self.rules.ordinals.get(low) or int(re.match(r"\d+", low).group())
