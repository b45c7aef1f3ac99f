"""People a text ties to a meeting outside the clause that reports it: a list of participants under a line such
as "Participants in today's meeting included:", and the subjects of verbs of taking part ("Secretary Vilsack
discussed ...", "X and Y reaffirmed ...") in the sentences that follow the meeting's first mention, up to the next
meeting's."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.extract.meetings.patterns import LIST_INTRODUCTION
from pipeline.extract.meetings.syntax import (NOT_YET, SentenceParses, agents, echoed_subjects, is_verb,
                                              prepositional_objects, subjects, with_conjuncts)
from pipeline.extract.people import PersonEntity
from pipeline.resources import RuleResources

_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z]")
_BY_PHRASE = re.compile(r"\b(?P<verb>(?:co-?)?[a-z]+(?: over)?) by\b", re.IGNORECASE)
# words after which a name no longer belongs to a "hosted by X, Y and Z" list ("hosted by X on Friday, Y said")
_OUTSIDE_BY_LIST = re.compile(r"\b(?:on|in|at|during|after|before|since|when|while|where|who|which|said|says|told)\b")
_NEXT_WORD = re.compile(r"\s*(\w+)")
_ROLE_OF_BY_PHRASE = {"co-chaired": "co-chair", "cochaired": "co-chair", "chaired": "chair", "presided over": "chair",
                      "hosted": "host", "co-hosted": "host", "cohosted": "host"}
_SPEAKER_AFTER = re.compile(
    r"[^.;]{0,120}?\b(?:(?:deliver(?:ed|s|ing)?|g[ai]ve|giving|ma(?:de|ke|king)|present(?:ed|s|ing)?|recorded)\b[^.;]{0,40}?\b(?:remarks|speech|address|message"
    r"|presentation|keynote|statement|briefing)|addressed (?:the|a)\b|spoke at\b|in delivering\b|opening remarks"
    r"|keynote|conveyed|presented)", re.IGNORECASE)
_ROLE_IN_PARENTHESES = re.compile(r"\((?P<role>co-?chair|chair|host|moderator)\)", re.IGNORECASE)
_LIST_LINE_LIMIT = 250


def add_context_participants(doc: Doc, drafts: list, people: list[PersonEntity], reader, rules: RuleResources) -> None:
    if not drafts:
        return
    sentences = reader.sents
    owner = _owners(doc, drafts, sentences)
    for s, key, role in _stated_roles(doc, owner, reader, people):
        draft = owner[s]
        current = draft.participants.get(key)
        if current is None or rules.role_strength(role) > rules.role_strength(current):
            draft.participants[key] = role
    _participant_lists(doc, owner, reader, people)
    _attendance(doc, owner, reader, rules)


def _attendance(doc: Doc, owner: dict[int, object], reader, rules: RuleResources) -> None:
    """"X and Y will attend", "X will also be there", "also due to attend are X, Y", "X is to speak", "Secretary
    Vilsack discussed ...": in a sentence about a meeting, the people a word of attendance or of taking part is
    said of. "Speaking in Beijing, X said" only frames what X said."""
    words = dict(rules.attendance_verbs)
    activity = rules.meeting_activity_verbs - set(words)
    for verb in activity:
        words[verb] = "participant"
    chosen = [s for s in sorted(owner) if any(t.lower_ in words for t in reader.sents[s])
              and any(reader.person_at.get(t.i) is not None for t in reader.sents[s])]
    if not chosen:
        return
    parses = SentenceParses(doc, [reader.sents[s] for s in chosen], reader.parse_steps)
    for s in chosen:
        draft = owner[s]
        quoted = _quoted_tokens(reader.sents[s])
        for token in reader.sents[s]:
            role = words.get(token.lower_) if token.idx not in reader.kept_trigger_starts else None
            if token.lower_ in activity and (token.tag_ not in ("VBD", "VBZ") or token.i in quoted):
                role = None
            parsed = parses.token(token.i) if role else None
            if parsed is None:
                continue
            if parsed.lower_ in ("there", "here", "present"):
                if parsed.dep_ == "expl":
                    continue
                verb = parsed.head
                if not (is_verb(verb) and verb.lower_ in ("is", "are", "was", "were", "be", "been", "will")):
                    continue
            elif not is_verb(parsed):
                continue
            else:
                verb = parsed
            if any(c.dep_ == "neg" for c in verb.children) or _governs_trigger(verb, reader, parses):
                continue
            if role == "speaker" and parsed.tag_ == "VBG" and parsed.dep_ == "advcl":
                continue
            if role == "speaker" and parsed.lower_.startswith(("speak", "spoke")) and any(
                    c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("to", "with")) for c in verb.children):
                continue
            if any(c.dep_ == "prep" and c.lower_ in NOT_YET for c in verb.children):
                continue
            if token.lower_ in rules.attendance_by_object:
                slots = with_conjuncts([c for c in verb.children if c.dep_ in ("dobj", "dative", "npadvmod")
                                        and c.pos_ in ("NOUN", "PROPN")])
            else:
                slots = (subjects(verb) or _inverted_subjects(verb)) + agents(verb) + echoed_subjects(verb)
            slots += [t for s_ in list(slots) for t in prepositional_objects(s_, frozenset({"including", "among"}))]
            slots += prepositional_objects(verb, frozenset({"including"}))
            for slot in slots:
                for key in reader._people_in(slot, parses):
                    current = draft.participants.get(key)
                    if current is None or rules.role_strength(role) > rules.role_strength(current):
                        draft.participants[key] = role


def _governs_trigger(verb, reader, parses: SentenceParses) -> bool:
    """"X opened two days of talks with Y": the verb's own meeting was read with the mention, roles and all."""
    return any(reader.doc[parses.doc_index(t)].idx in reader.kept_trigger_starts
               for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree)


def _quoted_tokens(sentence) -> set[int]:
    """Token indices inside quotation marks: what someone says, not what happened at the meeting."""
    inside, quoted = False, set()
    for token in sentence:
        if token.text in ('"', "“", "”"):
            inside = token.text != "”" and not (inside and token.text == '"')
            continue
        if inside:
            quoted.add(token.i)
    return quoted


def _inverted_subjects(verb):
    """"Also due to attend are X, Y and Z": the names after the copula the verb depends on."""
    current = verb
    for _ in range(3):
        if current.head.i == current.i:
            break
        current = current.head
        found = [c for c in current.children if c.dep_ in ("attr", "nsubj") and c.i > verb.i]
        if found:
            return with_conjuncts(found)
    return []


def _owners(doc: Doc, drafts: list, sentences) -> dict[int, object]:
    """Which meeting each sentence after the first meeting mention speaks of: the meeting mentioned last before it
    in its paragraph, else the article's main meeting (the one it mentions most, the earliest of equals). A
    meeting told only inside a relative clause ("Mbeki, whose arrival was delayed by peace talks") owns none."""
    paragraph_of = []
    paragraph = 0
    text = doc.text
    for sentence in sentences:
        paragraph_of.append(paragraph)
        if "\n" in text[sentence.start_char:sentence.end_char + 1]:
            paragraph += 1
    owning = [d for d in drafts if not d.aside] or drafts
    main = max(owning, key=lambda d: (len(d.sentences), -min(d.sentences)))
    first = min(min(d.sentences) for d in drafts)
    by_paragraph: dict[int, list[tuple[int, object]]] = {}
    for d in owning:
        for m in d.sentences:
            by_paragraph.setdefault(paragraph_of[m], []).append((m, d))
    owner = {}
    for s in range(first, len(sentences)):
        same = by_paragraph.get(paragraph_of[s], [])
        before = [(m, d) for m, d in same if m <= s]
        if before:
            owner[s] = max(before, key=lambda item: item[0])[1]
        else:
            owner[s] = main
    return owner


def _stated_roles(doc: Doc, owner: dict[int, object], reader, people: list[PersonEntity]) -> list[tuple[int, int, str]]:
    """"co-chaired by X and Y", "hosted by X" before a name; "X ... delivered a video message", "X addressed the
    forum" after it: (sentence, person, role) for the names in sentences about a meeting."""
    found = []
    text = doc.text
    for person in people:
        for m in person.mentions:
            s = reader.sentence_of(m.char_start)
            if m.possessive or s not in owner:
                continue
            sentence = reader.sents[s]
            paragraph_start = max(text.rfind("\n", 0, m.char_start) + 1, m.char_start - 400)
            before = text[min(paragraph_start, sentence.start_char):m.char_start]
            phrases = list(_BY_PHRASE.finditer(before))
            role = None
            if phrases and not _SENTENCE_BREAK.search(before, phrases[-1].end()) and not _OUTSIDE_BY_LIST.search(
                    before, phrases[-1].end()) and not _says_so(text, m.char_end, reader.rules):
                role = _ROLE_OF_BY_PHRASE.get(phrases[-1].group("verb").lower())
            if role is None and _SPEAKER_AFTER.match(text, m.char_end, sentence.end_char):
                role = "speaker"
            if role:
                found.append((s, person.key, role))
    return found


def _says_so(text: str, end: int, rules: RuleResources) -> bool:
    """The name ending at `end` is followed by a reporting verb ("hosted by X, Y said"): Y says so, and is not one
    of the list."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and word.group(1).lower() in rules.reporting_verbs


def _participant_lists(doc: Doc, owner: dict[int, object], reader, people: list[PersonEntity]) -> None:
    """Lines under "Participants ... included:" each naming a participant, until a line that is not a list item."""
    text = doc.text
    lines = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, position + len(line), line))
        position += len(line) + 1
    starts = [(m.char_start, m.char_end, person.key) for person in people for m in person.mentions]
    in_list = None
    for start, end, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if LIST_INTRODUCTION.search(stripped):
            in_list = owner.get(reader.sentence_of(start))
            continue
        if in_list is None:
            continue
        if stripped.endswith(":") and len(stripped) <= _LIST_LINE_LIMIT:
            continue
        keys = [key for s, e, key in starts if start <= s < end]
        if len(stripped) > _LIST_LINE_LIMIT or (not keys and stripped.endswith(".")):
            in_list = None
            continue
        role_match = _ROLE_IN_PARENTHESES.search(stripped)
        role = role_match.group("role").lower().replace("cochair", "co-chair") if role_match else "participant"
        if role == "moderator":
            role = "host"
        for key in dict.fromkeys(keys):
            current = in_list.participants.get(key)
            if current is None or current == "participant":
                in_list.participants[key] = role
