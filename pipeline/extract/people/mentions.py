"""Finding the places where an article names a person: titled names, apposed names, list lines, model entities."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.phrases import PhraseReader, is_acronym, is_capitalized
from pipeline.resources import RuleResources

POSSESSIVE = {"’s", "'s", "’", "'"}
# a photo credit or caption: "(Photo: Jane Doe/Agency)", "(Agency/Jane Doe)", "Picture by Jane Doe"
_CREDIT = re.compile(r"\([^()\n]{0,80}/[^()\n]{0,80}\)"
                     r"|\b(?:[Pp]hoto(?:graph)?|[Pp]icture|[Ii]mage|[Cc]redit|[Pp]ictured|PHOTO|IMAGE)s?\s*(?:by\b|:)[^\n.;()]{0,60}")
# children named after a parent ("their sons Matthew, William and Zachary") carry the family name
KIN_NOUNS = frozenset({"son", "sons", "daughter", "daughters", "children", "child", "kids", "grandson", "grandsons",
                       "granddaughter", "granddaughters", "grandchildren"})
ROUTE_NOUNS = frozenset({"flight", "flights", "route", "routes", "train", "trains", "road", "roads", "rail", "railway",
                         "ferry", "ferries", "pipeline", "border", "corridor", "link", "links", "connection", "connections"})
PLACE_PREPOSITIONS = frozenset({"of", "in", "from", "at", "near", "across", "throughout", "to", "into", "on"})
_SPEAKER_LABEL = re.compile(r"^(?P<label>(?:[A-Z][A-Z.\-]*\s){1,3})(?P<name>[A-Z][A-Z’'\-]{1,30}):", re.MULTILINE)


@dataclass
class MentionRole:
    """One post a mention is given: "finance minister" of India, "analyst" at a bank."""

    title: str | None = None
    organization: str | None = None
    country: str | None = None


@dataclass
class NameMention:
    start: int  # token indices of the name itself
    end: int
    name: str
    char_start: int
    char_end: int
    honorifics: list[str] = field(default_factory=list)
    post_nominals: list[str] = field(default_factory=list)
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    surface: str = ""  # the whole mention as written, with title and honorific
    possessive: bool = False
    sentence: int = 0
    title_span: tuple[int, int, int] | None = None  # (prefix start, title start, title end) written before the name
    surface_start: int = -1  # token index where the mention as written starts (title, honorific or name)
    kin: bool = False  # a child named by a given name only, after a parent ("their sons Matthew and William")
    other_roles: list[MentionRole] = field(default_factory=list)  # posts beyond the first (title, organization, country)

    def roles(self) -> list[MentionRole]:
        """Every post the text gives this mention, the first from `title`, `organization` and `country`."""
        first = [MentionRole(self.title, self.organization, self.country)] if self.title or self.organization else []
        return first + self.other_roles


def opens_line(doc, i: int) -> bool:
    """Token i starts a line or a list item."""
    return i == 0 or "\n" in doc[i - 1].text or doc[i - 1].text in ("•", "-", "*", ";", ":") or "\n" in doc[i - 1].whitespace_


def ends_line(doc, end: int) -> bool:
    """The phrase ending before token `end` is the last thing on its line."""
    return end >= len(doc) or "\n" in doc[end].text or (end + 1 >= len(doc) and doc[end].is_punct)


class MentionFinder:
    """Every name mention of one Doc, each with the title span, honorifics and surface it is written with."""

    def __init__(self, doc, rules: RuleResources, reader: PhraseReader):
        self.doc = doc
        self.text = doc.text
        self.rules = rules
        self.reader = reader
        self.person_ents = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        self.sent_index = {}
        for n, sent in enumerate(doc.sents):
            for tok in sent:
                self.sent_index[tok.i] = n

    def find(self) -> list[NameMention]:
        doc = self.doc
        found: dict[int, NameMention] = {}
        taken: set[int] = set()

        def add(mention: NameMention | None) -> None:
            if mention is None or any(t in taken for t in range(mention.start, mention.end)):
                return
            found[mention.start] = mention
            taken.update(range(mention.start, mention.end))

        starters = self._title_starters()
        i = 0
        while i < len(doc):
            if doc[i].lower_ not in starters:
                i += 1
                continue
            mention = self._titled_mention(i)
            if mention:
                add(mention)
                i = mention.end
                continue
            i += 1
        for i in range(len(doc)):
            if i not in taken:
                add(self._appositive_name(i) or self._line_end_name(i) or self._name_with_role_cue(i))
        for ent in self.person_ents:
            add(self._entity_mention(ent.start, ent.end))
        for mention in self._speaker_labels():
            add(mention)
        for mention in self._kin_lists(found):
            add(mention)
        return sorted(found.values(), key=lambda m: m.start)

    def not_people(self, mentions: list[NameMention]) -> list[NameMention]:
        """Mentions that are not people after all: names in photo credits and captions, and places (a name the
        article also gives as a place, "the city of Porto Alegre") with no title or form of address."""
        credits = [(m.start(), m.end()) for m in _CREDIT.finditer(self.text)]
        places = {ent.text for ent in self.doc.ents if ent.label_ in ("GPE", "LOC", "FAC")}
        route_spans = []
        for i, tok in enumerate(self.doc[:-2]):
            if tok.lower_ in self.rules.place_nouns and self.doc[i + 1].lower_ == "of" and is_capitalized(self.doc[i + 2]):
                places.add(self.doc[i + 2:self.reader.name_at(i + 2)].text)
            if tok.lower_ in ROUTE_NOUNS and self.doc[i + 1].lower_ in ("between", "from"):
                route_spans.append((i + 2, min(i + 10, len(self.doc))))  # "flights between São Paulo and Accra"
        dropped = []
        for m in mentions:
            in_credit = any(a <= m.char_start < b for a, b in credits)
            on_route = any(a <= m.start < b for a, b in route_spans)
            if in_credit or (m.name in places or on_route) and not (m.title or m.honorifics or m.organization):
                dropped.append(m)
        return dropped

    def _kin_lists(self, known: dict[int, NameMention]) -> list[NameMention]:
        """"their sons Matthew, William and Zachary": given names after a word for children, with the family name
        of the nearest full name before them in the sentence."""
        doc = self.doc
        mentions = sorted(known.values(), key=lambda m: m.start)
        found = []
        for i, tok in enumerate(doc[:-1]):
            if tok.text not in KIN_NOUNS or not is_capitalized(doc[i + 1]):
                continue
            parent = [m for m in mentions if m.end <= i and m.sentence == self.sent_index.get(i) and len(m.name.split()) >= 2]
            family = parent[-1].name.split()[-1] if parent else None
            j = i + 1
            while j < len(doc):
                end = self.reader.name_at(j, max_words=1)
                if end == j:
                    break
                mention = known.get(j) if known.get(j) is not None and known[j].end == end else self.make(j, end, j)
                if mention is not None:
                    mention.kin = True
                    if family and family != mention.name:
                        mention.name = f"{mention.name} {family}"
                    if j not in known:
                        found.append(mention)
                j = end
                if j + 1 < len(doc) and doc[j].text == "," and is_capitalized(doc[j + 1]):
                    j += 1
                elif j + 1 < len(doc) and doc[j].lower_ == "and" and is_capitalized(doc[j + 1]):
                    j += 1
                elif j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "and":
                    j += 2
                else:
                    break
        return found

    def _title_starters(self) -> frozenset[str]:
        """First words of titles, title modifiers and honorifics: only these can open a titled mention."""
        words = set()
        for phrases in (self.rules.titles, self.rules.title_modifiers, self.rules.honorifics):
            words.update(re.split(r"[ \-]", p)[0] for p in phrases)
        return frozenset(words | {"co", "vice"})

    def make(self, start: int, end: int, surface_start: int, honorifics=None, title_span=None) -> NameMention | None:
        """A mention of the name doc[start:end], or None when it cannot be a personal name."""
        doc = self.doc
        while end > start and doc[end - 1].text in (",", "-", "."):
            if doc[end - 1].text == "." and len(doc[end - 2].text) == 1:
                break
            end -= 1
        if end <= start:
            return None
        span = doc[start:end]
        if not self._plausible_name(span):
            return None
        mention = NameMention(start=start, end=end, name=span.text.strip(), char_start=span.start_char,
                              char_end=span.end_char, honorifics=list(honorifics or []),
                              sentence=self.sent_index.get(start, 0), title_span=title_span,
                              surface_start=surface_start)
        if self._spelled_out_acronym(start, end):
            return None
        mention.surface = doc[surface_start:end].text
        mention.possessive = end < len(doc) and doc[end].text in POSSESSIVE
        return mention

    def _spelled_out_acronym(self, start: int, end: int) -> bool:
        """"Zero Shutter Lag (ZSL)": a name followed by its initials in brackets names a thing, not a person."""
        doc = self.doc
        if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
            return False
        initials = "".join(t.text[0] for t in doc[start:end] if t.is_alpha).upper()
        return len(initials) >= 2 and doc[end + 1].text.upper().startswith(initials)

    def _plausible_name(self, span) -> bool:
        text = span.text
        low = text.lower()
        if low in self.rules.not_people or any(ch.isdigit() for ch in text):
            return False
        words = [t for t in span if t.is_alpha]
        if not words:
            return False
        if len(words) == 1 and (is_acronym(words[0].text) or words[0].text.isupper()):
            return False
        if all(t.text.isupper() for t in words) and len(text) > 3:
            return False
        if any(self.reader.is_org_head(t) and is_capitalized(t) or t.text.lower() in self.rules.portfolio_words for t in span):
            return False
        if self.rules.country_of(text) or any(self.rules.country_of(self.doc[k:span.end].text)
                                              for k in range(max(0, span.start - 2), span.start)):
            return False  # "Arab Emirates" of "the United Arab Emirates"
        return True

    def _titled_mention(self, i: int) -> NameMention | None:
        """"Prime Minister Lee Hsien Loong", "Mr. Yoshida Nobuhiro", "Secretary General Datuk Lim Jock Hoi"."""
        doc, reader = self.doc, self.reader
        if i > 0 and is_capitalized(doc[i - 1]) and doc[i - 1].text.lower() not in ("the",) and not doc[i - 1].is_sent_start \
                and doc[i - 1].is_alpha and not reader.is_title_word(doc[i - 1]):
            prefix_start = self._prefix_start(i)
            if prefix_start is None:
                return None
        surface_start = self._prefix_start(i) if i > 0 else i
        surface_start = i if surface_start is None else surface_start
        honorifics: list[str] = []
        title = reader.title_at(i)
        j = i
        title_span = None
        if title:
            j = title.end
            title_span = (surface_start, i, title.end)
        h_end = reader.honorific_end(j)
        if h_end > j:
            honorifics.append(doc[j:h_end].text)
            j = h_end
        if j == i:
            return None
        if title and j + 1 < len(doc) and doc[j].text == "," and not honorifics:
            name_start = reader.honorific_end(j + 1)
            name_end = reader.name_at(name_start, max_words=4)
            if name_end - name_start >= 2 and name_end < len(doc) and not is_capitalized(doc[name_end]):
                after_comma = [doc[j + 1:name_start].text] if name_start > j + 1 else []
                return self.make(name_start, name_end, surface_start, after_comma, title_span=title_span)
        if title and title.end > title.head_end:
            name_end = reader.name_at(j)
            if name_end == j:
                split = self._split_complement(title.head_end, title.end)
                if split is None and title.end + 1 < len(doc) and doc[title.end].lower_ == "of":
                    # "Director of the Office of Public Engagement Cedric Richmond": the name ends a longer run
                    split = self._split_complement(title.head_end, reader.organization_at(title.end + 1))
                if split is None:
                    return None
                title_span = (surface_start, i, split)
                j = split
        name_end = reader.name_at(j)
        if name_end == j or self._title_of_listed_name(name_end):
            return None
        if name_end - j == 1 and doc[j].ent_type_ not in ("", "PERSON", "NORP") and doc[j].ent_iob_ == "I" \
                and doc[j - 1].ent_type_ == doc[j].ent_type_:
            return None  # "General Motors", "General Provisions": the title word begins another kind of name
        return self.make(j, name_end, surface_start, honorifics, title_span=title_span)

    def _title_of_listed_name(self, end: int) -> bool:
        """In "Chief Economist, Sofia Berg" the words before the comma are a title, not a name."""
        doc = self.doc
        if end >= len(doc) or doc[end].text != ",":
            return False
        after = self.reader.name_at(end + 1, max_words=4)
        return after - (end + 1) >= 2 and ends_line(doc, after)

    def _prefix_start(self, i: int) -> int | None:
        """Start of an organization or nationality before a title ("NATO Secretary General", "Brazilian Foreign Minister")."""
        doc, reader = self.doc, self.reader
        k = i
        while k > 0 and k > i - 4 and is_capitalized(doc[k - 1]) and "\n" not in doc[k - 1].text:
            k -= 1
            if doc[k].is_sent_start:
                break
        while k < i and doc[k].text.lower() in self.rules.never_name_words:
            k += 1
        if k == i:
            return i
        words = doc[k:i]
        if any(is_acronym(t.text) or reader.is_org_head(t) or self.rules.country_of(t.text) for t in words) \
                or any(self.rules.country_of(doc[j:i].text) for j in range(k, i)):
            return k
        if not doc[k].is_sent_start:
            return k
        return None

    def _split_complement(self, head_end: int, run_end: int) -> int | None:
        """Where a title's "of ..." part ends and a name starts ("Minister of ... Tourism Tetsuo Saito")."""
        doc = self.doc
        run_start = run_end
        while run_start > head_end and is_capitalized(doc[run_start - 1]):
            run_start -= 1
        if run_end - run_start < 2:
            return None
        for ent in self.person_ents:
            if ent.end == run_end and run_start < ent.start and ent.end - ent.start >= 2:
                return ent.start
        name_start = run_end
        if self._title_word_ends_run(run_end - 1):
            name_start -= 1
        while name_start > run_start + 1 and run_end - name_start < 4 and self.reader.is_name_word(doc[name_start - 1]):
            name_start -= 1
        return name_start if run_end - name_start >= 2 and self.reader.is_name_word(doc[name_start]) else None

    def _title_word_ends_run(self, i: int) -> bool:
        """A surname that is also a title word, last in a line or clause ("... Electric Maria Pope")."""
        doc = self.doc
        return (doc[i].lower_ in self.rules.titles and doc[i].lower_ not in self.rules.title_modifiers
                and self.reader.is_name_word(doc[i - 1]) and (i + 1 >= len(doc) or not doc[i + 1].is_alpha))

    def _entity_mention(self, start: int, end: int) -> NameMention | None:
        doc, reader = self.doc, self.reader
        while start < end and not (is_capitalized(doc[start]) and (reader.is_name_word(doc[start]) or reader.is_title_word(doc[start])
                                                                  or doc[start].text.lower() in self.rules.honorifics)):
            start += 1
        while start < end - 2 and self._is_nationality(doc[start]):
            start += 1
        surface = start
        honorifics = []
        title_span = None
        i = start
        while i < end:
            t = reader.title_at(i)
            if t and t.head_end <= end and t.head_end > i:
                title_span = (i, i, t.head_end)
                i = t.head_end
                continue
            h = reader.honorific_end(i)
            if h > i:
                honorifics.append(doc[i:h].text)
                i = h
                continue
            break
        j = i
        while j < end and (reader.is_name_word(doc[j]) or doc[j].text in ("-", ".", ",")
                           or doc[j].text.lower() in ("bin", "binti", "von", "der", "van", "de", "al", "jr", "jr.")
                           or doc[j].is_lower and doc[j].is_alpha and doc[j - 1].text == "-" and not doc[j - 1].whitespace_):
            j += 1
        if j - i < 1:
            return None
        if j < end and not doc[j].text in POSSESSIVE:
            return None
        if not (title_span or honorifics) and self._coordinated_with_place(i, j):
            return None
        return self.make(i, j, surface, honorifics, title_span=title_span)

    def _is_nationality(self, token) -> bool:
        """A nationality adjective the model took into a name ("Belgian Paul de Keersmaeker")."""
        country = self.rules.country_of(token.text)
        return bool(country) and token.text.lower() != country.lower() and is_capitalized(token)

    def _coordinated_with_place(self, start: int, end: int) -> bool:
        """"between São Paulo and Nairobi": a name joined by and/or/to with a place is a place too."""
        doc = self.doc
        links = ("and", "or", "to")
        if self.reader.title_phrase_start(start) < start:
            return False  # "finance minister X and Norway's Y"
        if end + 2 < len(doc) and doc[end].lower_ in links and doc[end + 1].ent_type_ in ("GPE", "LOC") \
                and doc[end + 2].text not in POSSESSIVE:
            return True
        return start >= 2 and doc[start - 1].lower_ in links and doc[start - 2].ent_type_ in ("GPE", "LOC")

    def _appositive_name(self, i: int) -> NameMention | None:
        """A name directly followed by a comma and a title or letters: "Safrizal. ZA, M.Si, Director General ..."."""
        doc, reader = self.doc, self.reader
        if not is_capitalized(doc[i]) or (i > 0 and doc[i - 1].text.lower() not in ("by", "and", ",", "with", ":", "-", "•")
                                          and not doc[i].is_sent_start):
            return None
        end = i
        while end < len(doc) and end - i < 4 and (reader.is_name_word(doc[end]) or doc[end].text == "."
                                                  or end > i and reader._title_word_ends_name(end)):
            end += 1
            if end + 1 < len(doc) and doc[end].text == "-" and not doc[end].whitespace_ and doc[end + 1].is_alpha \
                    and not doc[end - 1].whitespace_:
                end += 2  # "Do-yoon"
        if end == i or end + 1 >= len(doc) or doc[end].text != ",":
            return None
        nxt = end + 1
        post = doc[nxt].text.lower().rstrip(".")
        listed = opens_line(doc, i) and 2 <= end - i <= 3 and is_capitalized(doc[nxt])
        has_post_nominal = post in {p.rstrip(".") for p in self.rules.post_nominals}
        apposed = nxt + 1 < len(doc) and doc[nxt].lower_ in ("the", "a", "an") and reader.title_at(nxt + 1, lowercase=True)
        if not (has_post_nominal or reader.title_at(nxt) or listed or apposed):
            return None
        words = [t for t in doc[i:end] if t.is_alpha]
        if len(words) < 2 and not has_post_nominal and doc[i].ent_type_ != "PERSON":
            return None
        if doc.char_span(doc[i].idx, doc[end - 1].idx + len(doc[end - 1].text)) is None:
            return None
        return self.make(i, end, i)

    def _name_with_role_cue(self, i: int) -> NameMention | None:
        """A full name the model missed, told by the title written with it: "The spokesman, Gary Holmes,",
        "Hana Kral is the head of ...", "named Adil Karim as Minister of Housing", "X, the director of ..."."""
        doc, reader = self.doc, self.reader
        if not is_capitalized(doc[i]) or self._is_nationality(doc[i]) or i > 0 and (
                is_capitalized(doc[i - 1]) and not doc[i].is_sent_start and not self._is_nationality(doc[i - 1])
                or doc[i - 1].text == "-" and not doc[i - 1].whitespace_):
            return None
        end = reader.name_at(i, max_words=5)
        if end - i < 2 or not all(reader.is_name_word(t) or not t.is_alpha or t.lower_ in self.rules.name_particles
                                  for t in doc[i:end]):
            return None
        if i > 0 and doc[i - 1].lower_ in ("a", "an", "the"):
            return None  # "a Sustainable South Florida, Governor X's ...": a name has no article
        if i > 0 and doc[i - 1].lower_ in PLACE_PREPOSITIONS:
            return None  # "on Capitol Hill as Legislative Director", "of New Jersey, a Career Member": places
        if self._title_before_comma(i) or self._role_cue_after(end) or self._lowercase_title_before(i):
            return self.make(i, end, i)
        return None

    def _lowercase_title_before(self, i: int) -> bool:
        """"by senior adviser Hanna Dahl": a title in lower case right before a full name."""
        doc, reader = self.doc, self.reader
        start = reader.title_phrase_start(i)
        return start < i and doc[i - 1].is_lower and not doc[i].is_sent_start

    def _title_before_comma(self, i: int) -> bool:
        """"The spokesman, NAME", "Their chairman, Dutch NAME"."""
        doc, reader = self.doc, self.reader
        comma = i - 1
        if comma > 0 and self._is_nationality(doc[comma]):
            comma -= 1
        return comma > 0 and doc[comma].text == "," and reader.title_phrase_start(comma) < comma

    def _role_cue_after(self, end: int) -> bool:
        """", the director of", " is the head of", " as Minister of", ", who is" after a name."""
        doc, reader = self.doc, self.reader
        n = len(doc)
        j = end
        if j < n and doc[j].text == ",":
            j += 1
            if j + 1 < n and doc[j].lower_ == "of" and is_capitalized(doc[j + 1]):  # ", of New Jersey, a Career ..."
                comma = next((k for k in range(j + 1, min(j + 7, n)) if doc[k].text == ","), None)
                if comma is None:
                    return False
                j = comma + 1
        elif not (j < n and doc[j].lower_ in ("is", "was", "as")):
            return False
        fillers_from = j
        while j < n and j - fillers_from <= 3 and doc[j].lower_ in ("who", "is", "was", "also", "now", "as", "the", "a",
                                                                    "an", "new", "next"):
            j += 1
        for k in range(j, min(j + 4, n)):
            if reader.title_phrase_end(k) > k:
                return True
            if not (doc[k].text in POSSESSIVE or is_capitalized(doc[k]) or doc[k].is_lower and doc[k].tag_ in ("NN", "JJ")):
                return False
        return False

    def _speaker_labels(self) -> list[NameMention]:
        """Transcript speaker labels at the start of a line: "PRESIDENT BIDEN:", "MS. PSAKI:"."""
        found = []
        for match in _SPEAKER_LABEL.finditer(self.text):
            label = match.group("label").rstrip()
            is_title = label.lower() in self.rules.titles
            if not is_title and label.lower() not in self.rules.honorifics:
                continue
            span = self.doc.char_span(match.start("name"), match.end("name"))
            if span is None:
                continue
            mention = NameMention(start=span.start, end=span.end, name=match.group("name").title(),
                                  char_start=span.start_char, char_end=span.end_char,
                                  title=label.title() if is_title else None,
                                  honorifics=[] if is_title else [label.title()],
                                  sentence=self.sent_index.get(span.start, 0),
                                  surface_start=label_span.start if (label_span := self.doc.char_span(
                                      match.start("label"), match.end("name"), alignment_mode="expand")) else span.start)
            mention.surface = self.text[match.start("label"):match.end("name")]
            found.append(mention)
        return found

    def _line_end_name(self, i: int) -> NameMention | None:
        """A list line that ends with the name: "Organization: Name" or "Title, Name"."""
        doc, reader = self.doc, self.reader
        if i == 0 or doc[i - 1].text not in (":", ",") or not is_capitalized(doc[i]):
            return None
        end = reader.name_at(i, max_words=4)
        if end == i or end - i < 2 or not ends_line(doc, end):
            return None
        line_start = i - 1
        while line_start > 0 and "\n" not in doc[line_start - 1].text:
            line_start -= 1
        if line_start >= i - 1:
            return None
        mention = self.make(i, end, i)
        if mention is None:
            return None
        label = doc[line_start:i - 1].text.strip()
        title = reader.title_at(line_start) or reader.title_at(line_start + 1)
        if doc[i - 1].text == "," and title:
            mention.title_span = (title.start, title.start, i - 1)
        elif doc[i - 1].text == ":" and not title:
            mention.organization = label
        else:
            return None
        return mention
