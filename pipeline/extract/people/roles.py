"""Reading what an article says a named person is: title, organization and country around each mention.

Before the name: "[Former] [Costa Rican | Google's | EC] [senior policy] adviser NAME", "Minister of X NAME",
"The spokesman, NAME,", "the pilot as NAME". After it: ", [a|the] [India's] finance minister", ", analyst at ORG",
", who is (also) ...", " is the head of ORG", " as the new Oil Minister", " of ORG", " of COUNTRY".
A title phrase is split into the post itself, the organization and the country written with it.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.people.mentions import POSSESSIVE, MentionRole, NameMention, opens_line
from pipeline.extract.phrases import PhraseReader, is_acronym, is_capitalized
from pipeline.resources import RuleResources

ARTICLES = frozenset({"the", "a", "an"})
OWNER_PRONOUNS = frozenset({"his", "her", "their"})
# words that may stand before a post without being part of it ("the new president", "the next ambassador")
PASSING_MODIFIERS = frozenset({"new", "next", "newly", "current", "then", "incumbent"})
# modifiers of a person's post that stand before a country or organization ("Former Costa Rican president")
LEADING_MODIFIERS = frozenset({"former", "acting", "interim", "deputy", "vice", "assistant", "associate", "outgoing",
                               "incoming", "senior", "junior", "co", "ex"}) | PASSING_MODIFIERS
DESCRIPTOR_TAGS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "VBG"})
COMPLEMENT_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VBG", "VBN"})
# lower-case words that are titles only when capitalized ("general", "justice") or name a relation ("partner")
LOWERCASE_NOT_TITLES = frozenset({"general", "justice", "partner", "official", "officer", "delegate", "chair", "head"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
ORG_TYPES = frozenset({"ORG", "NORP"})
ORG_LINKS = frozenset({"at", "with", "of"})
CONNECTORS = frozenset({"of", "for", "on", "and", "&"})
MODIFIER_TAGS = frozenset({"NN", "JJ", "RB", "VBG", "VBN"})
COPULAS = frozenset({"is", "was", "remains", "became", "becomes"})
APPOSITION_FILLERS = frozenset({"who", "is", "was", "also", "now", "currently", "formerly", "has", "been", "as"})
PORTFOLIO_TITLE_HEADS = ("minister", "secretary", "commissioner")
# heads after which "for ..." is the title's portfolio, not part of the name ("the United Nations for Small Island
# Developing States"), unlike "the Committee for Civil Rights"
NAME_ENDING_HEADS = frozenset({"nations", "bank", "organization", "organisation", "corporation", "company", "group",
                               "union", "university"})
# parts of an organization that are named within a larger one ("the Department of X of the Y Administration")
SUB_UNITS = frozenset({"department", "division", "office", "bureau", "directorate", "unit", "section", "branch"})


@dataclass
class RolePhrase:
    """A role read from the text and the tokens it covers."""

    role: MentionRole
    start: int
    end: int
    org_span: tuple[int, int] | None = None
    owner_pronoun: bool = False
    linked_org: bool = False  # the organization was written with "at", "with" or "of" after the title
    nested_office: bool = False  # the organization is an office named inside the title ("of the Department of X")


class RoleReader:
    """Fills a mention's title, organization and country from the words written before and after its name."""

    def __init__(self, doc, rules: RuleResources, reader: PhraseReader):
        self.doc = doc
        self.rules = rules
        self.reader = reader
        self.modifiers = rules.title_modifiers | PASSING_MODIFIERS
        self.sentence_start = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sentence_start[i] = sent.start
        self.org_spans: list[tuple[int, int]] = []  # token spans read as the organization of someone's post
        self.name_tokens: set[int] = set()  # tokens of every name mention of the article
        self.strong_name_tokens: set[int] = set()  # ... of those that surely name a person (full name, title, "Mr")
        self.given_names: set[str] = set()  # first words of the article's full names (that are nobody's last word)
        self.name_starts: set[int] = set()  # where each mention as written starts (title, honorific or name)
        self.owner_pronoun: set[int] = set()  # mention starts whose title follows "his"/"her" ("his Prime Minister X")

    def know_names(self, mentions: list[NameMention]) -> None:
        """Tell the reader where the article's names are: a title written right before another name is that
        person's, and a phrase holding a name is no one's title."""
        full_name_words = {w for m in mentions if len(m.name.split()) >= 2 for w in m.name.split()}
        self.given_names = {m.name.split()[0] for m in mentions if len(m.name.split()) >= 2} \
            - {m.name.split()[-1] for m in mentions if len(m.name.split()) >= 2}
        for m in mentions:
            self.name_tokens.update(range(m.start, m.end))
            if len(m.name.split()) >= 2 or m.honorifics or m.title_span or m.name in full_name_words:
                self.strong_name_tokens.update(range(m.start, m.end))
            self.name_starts.add(m.start)
            if m.surface_start >= 0:
                self.name_starts.add(m.surface_start)

    def _holds_name(self, start: int, end: int) -> bool:
        return any(t in self.strong_name_tokens for t in range(start, end)) or end in self.name_starts

    # --- one mention -----------------------------------------------------------------------------------------------
    def read(self, mention: NameMention) -> None:
        roles: list[MentionRole] = []
        if mention.title or mention.organization:
            roles.append(MentionRole(mention.title, mention.organization, mention.country))
        before = self._role_before(mention)
        if before is not None:
            roles.insert(0, before)
        for role in self._roles_after(mention):
            _add_role(roles, role)
        first = roles[0] if roles else MentionRole(country=mention.country)
        mention.title, mention.organization, mention.country = first.title, first.organization, first.country
        mention.other_roles = roles[1:]

    # --- before the name -------------------------------------------------------------------------------------------
    def _role_before(self, mention: NameMention) -> MentionRole | None:
        doc = self.doc
        if mention.title_span is not None:
            _, ts, te = mention.title_span
            title = doc[ts:te].text.strip()
            heads = self.reader.title_at(ts)
            head_end = heads.head_end if heads is not None and heads.head_end <= te else te
            phrase = self._compose(ts, head_end, te)
            # a form of address that is also a post ("Ambassador Rice", "Sheikh Ali") is a title only with its
            # country or office ("US Ambassador X"), and never after another title ("oil minister Sheikh Ali")
            if title.lower() not in self.rules.honorifics:
                return self._keep(phrase, mention)
            if (phrase.role.country or phrase.role.organization) and self.reader.title_phrase_start(ts) == ts:
                return self._keep(phrase, mention)
            if title not in mention.honorifics:
                mention.honorifics.insert(0, title)
            p = ts
        else:
            p = mention.surface_start if mention.surface_start >= 0 else mention.start
        country = None
        if p > 0 and self._is_demonym(doc[p - 1]) and mention.start - p <= 1:
            country = self.rules.country_of(doc[p - 1].text)
            p -= 1
        phrase = self._title_ending_at(p) or self._apposed_title_before(p) or self._title_as_name(p)
        if phrase is not None:
            if country and not phrase.role.country:
                phrase.role.country = country
            return self._keep(phrase, mention)
        return MentionRole(country=country) if country else None

    def _keep(self, phrase: RolePhrase, mention: NameMention) -> MentionRole:
        if phrase.org_span:
            self.org_spans.append(phrase.org_span)
        if phrase.owner_pronoun:
            self.owner_pronoun.add(mention.start)
        return phrase.role

    def _title_ending_at(self, p: int) -> RolePhrase | None:
        """A title written directly before the name: "finance minister Mark Eyskens", "Astros first base coach X"."""
        h = self.reader.title_phrase_start(p)
        if h >= p or not self._usable_head(h, direct=True):
            return None
        return self._compose(h, p, p)

    def _apposed_title_before(self, p: int) -> RolePhrase | None:
        """"The spokesman, Gary Holmes, said", "a member of the ruling party's command, NAME."."""
        doc = self.doc
        comma = p - 1
        if comma < 1 or doc[comma].text != ",":
            return None
        low = max(self.sentence_start[comma], comma - 14)
        for h in range(low, comma):
            if self.reader.title_phrase_end(h) == h or not self._usable_head(h):
                continue
            head_end, end, _ = self._title_extent(h)
            if end == comma and not any(t in self.name_tokens for t in range(h, end)):
                phrase = self._compose(h, head_end, end)
                if phrase.start > low and doc[phrase.start - 1].lower_ not in ARTICLES | OWNER_PRONOUNS \
                        and not doc[phrase.start - 1].is_punct and doc[phrase.start - 1].tag_ not in ("IN", "VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "RB"):
                    return None
                return phrase
        return None

    def _title_as_name(self, p: int) -> RolePhrase | None:
        """"identified the pilot as Juan Retana": the title before "as" names the person after it."""
        doc = self.doc
        if p < 3 or doc[p - 1].lower_ != "as":
            return None
        h = self.reader.title_phrase_start(p - 1)
        if h >= p - 1 or not self._usable_head(h, direct=True) or doc[h - 1].lower_ != "the":
            return None
        return self._compose(h, p - 1, p - 1)

    # --- after the name --------------------------------------------------------------------------------------------
    def _roles_after(self, mention: NameMention) -> list[MentionRole]:
        doc, reader = self.doc, self.reader
        i = mention.end
        n = len(doc)
        while i + 1 < n and doc[i].text == "," and doc[i + 1].text.lower() in self.rules.post_nominals:
            mention.post_nominals.append(doc[i + 1].text)
            i += 2
            if i < n and doc[i].text == "." and not doc[i - 1].text.endswith("."):
                i += 1
        if mention.possessive or mention.name in self.given_names:
            return []  # "Q Thank you. Jen, the President of Angola ...": a given name alone is addressed, not described
        roles: list[MentionRole] = []
        listed = self._list_line_role(mention, i)
        if listed is not None:
            return [listed]
        j = self._skip_residence(i, roles)
        if j < n and doc[j].text == ",":
            k = j + 1
            while k < n and doc[k].lower_ in APPOSITION_FILLERS and k - j <= 4:
                k += 1
            phrase = self._role_at(k)
            if phrase is not None:
                roles.append(phrase.role)
                j = phrase.end
                j = self._read_list_organization(phrase, j)
            elif mention.title is None and opens_line(doc, mention.start) and j + 1 < n and is_capitalized(doc[j + 1]):
                org_end = reader.organization_at(j + 1)
                org_words = doc[j + 1:org_end]
                if org_end > j + 1 and (org_end >= n or doc[org_end].text in (",", ".", ";", "\n") or doc[org_end].is_sent_start) \
                        and self._org_like(org_words) and not any(self.reader.is_title_word(t) for t in org_words):
                    roles.append(self._with_country(MentionRole(organization=doc[j + 1:org_end].text)))
                    self.org_spans.append((j + 1, org_end))
                    j = org_end
            elif k < n and doc[k].lower_ == "of" and doc[k - 1].text == ",":
                j = k
        elif j + 1 < n and (doc[j].lower_ in COPULAS or doc[j].lower_ == "served" and doc[j + 1].lower_ == "as") \
                and self._opens_clause(mention):
            k = j + 1
            while k < n and doc[k].lower_ in APPOSITION_FILLERS and k - j <= 3:
                k += 1
            phrase = self._role_at(k)
            if phrase is not None:
                roles.append(phrase.role)
                j = phrase.end
        if j + 1 < n and doc[j].lower_ == "," and doc[j + 1].lower_ in ("who", "as"):
            k = j + 1
            while k < n and doc[k].lower_ in APPOSITION_FILLERS and k - j <= 4:
                k += 1
            phrase = self._role_at(k)
            if phrase is not None:
                roles.append(phrase.role)
                j = phrase.end
        elif j + 1 < n and doc[j].lower_ == "as":
            phrase = self._role_at(j + 1)
            if phrase is not None:
                roles.append(phrase.role)
                j = phrase.end
        if j + 1 < n and doc[j].lower_ == "of" and (is_capitalized(doc[j + 1]) or doc[j + 1].lower_ == "the"):
            org = self._organization_after(j, countries=True)
            country = self.rules.country_of(doc[org[0]:org[1]].text) if org else None
            if country:
                roles.append(MentionRole(country=country))
            elif org is not None and not (org[0] in reader.person_starts):
                roles.append(self._with_country(MentionRole(organization=doc[org[0]:org[1]].text)))
                self.org_spans.append((org[0], org[1]))
        for role in roles:
            if role.organization:
                self._with_country(role)
        return roles

    def _list_line_role(self, mention: NameMention, i: int) -> MentionRole | None:
        """A list line "Name, Title[, Title part], Organization" ("Nando Cesarone, President, U.S. Operations, UPS"):
        the last part is the organization, the parts before it the title."""
        doc = self.doc
        n = len(doc)
        if i >= n or doc[i].text != "," or not opens_line(doc, mention.surface_start if mention.surface_start >= 0 else mention.start):
            return None
        line_end = i
        while line_end < n and "\n" not in doc[line_end].text and line_end - i <= 40:
            line_end += 1
            if "\n" in doc[line_end - 1].whitespace_:
                break
        while line_end > i and doc[line_end - 1].is_punct:
            line_end -= 1
        parts, a = [], i + 1
        for t in range(i + 1, line_end + 1):
            if t == line_end or doc[t].text == ",":
                if t > a:
                    parts.append((a, t))
                a = t + 1
        if not parts or line_end - i > 40 or any(tok.tag_ in ("VBD", "VBZ", "VBP", "MD") for tok in doc[i:line_end]):
            return None
        if any(b - a > 20 or not is_capitalized(doc[a]) for a, b in parts):
            return None
        first = parts[0][0]
        heads = self.reader.title_at(first)
        if heads is None:
            return None
        if len(parts) == 1:
            org = self._organization_in_complement(first, heads.head_end, parts[0][1])
            return self._with_country(MentionRole(title=doc[parts[0][0]:parts[0][1]].text,
                                                  organization=doc[org[0]:org[1]].text if org else None))
        org_start, org_end = parts[-1]
        self.org_spans.append((org_start, org_end))
        role = MentionRole(title=doc[first:parts[-2][1]].text, organization=doc[org_start:org_end].text)
        return self._with_country(role)

    def _skip_residence(self, i: int, roles: list[MentionRole]) -> int:
        """", of New Jersey, a Career Member of ...": a place of residence written between the name and its
        description is skipped (a country among them is kept as the role's country)."""
        doc = self.doc
        if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "of":
            return i
        place = self._organization_after(i + 1, countries=True)
        if place is None:
            return i
        start, end, _ = place
        country = self.rules.country_of(doc[start:end].text)
        if not (country or all(t.ent_type_ in PLACE_TYPES for t in doc[start:end])):
            return i
        if country:
            roles.append(MentionRole(country=country))
        return end if end < len(doc) and doc[end].text == "," else i

    def _opens_clause(self, mention: NameMention) -> bool:
        start = mention.surface_start if mention.surface_start >= 0 else mention.start
        return start == self.sentence_start[start] or self.doc[start - 1].text in (",", ";", "and", "but")

    def _role_at(self, k: int) -> RolePhrase | None:
        """A role written from token k on: "[a|the] [India's] [senior] analyst [of ...] [at|with ORG]"."""
        doc = self.doc
        n = len(doc)
        if k >= n:
            return None
        a = k + 1 if doc[k].lower_ in ARTICLES else k
        h = a
        while h < n and h - a < 6:
            if self.reader.title_phrase_end(h) > h and self._usable_head(h):
                break
            tok = doc[h]
            if "\n" in tok.text or not (tok.text in POSSESSIVE or is_capitalized(tok) or tok.lower_ in self.modifiers
                                         or tok.is_lower and tok.tag_ in DESCRIPTOR_TAGS or tok.text == "-"):
                return None
            if h in self.reader.person_starts and self.reader.person_starts[h].end - h >= 2:
                return None
            h += 1
        else:
            return None
        head_end, end, unit = self._title_extent(h)
        if self._holds_name(a, end):
            return None
        phrase = self._compose(h, head_end, end, left=a)
        if phrase.start != a and not (a < phrase.start and all(doc[t].lower_ in self.modifiers for t in range(a, phrase.start))):
            return None
        descriptive = doc[h].is_lower
        if end in self.strong_name_tokens or end + 1 < n and (doc[end].lower_ == "of" or doc[end].lower_ in ORG_LINKS
                                                              and not descriptive) \
                and any(t in self.strong_name_tokens for t in range(end + 1, self.reader.organization_at(end + 1) + 1)):
            return None  # "X, Director of the Office of Public Engagement Cedric Richmond": the title is Richmond's
        org = self._organization_after(end, names_allowed=descriptive)
        if org is not None and unit is not None and unit[1] == end and doc[end].lower_ == "of":
            org = self._nested_organization(phrase, h, head_end, unit, org)
        if org is not None:
            org_start, org_end, after = org
            phrase.role.organization = doc[org_start:org_end].text
            phrase.org_span = (org_start, org_end)
            phrase.linked_org = not phrase.nested_office
            self.org_spans.append((org_start, org_end))
            end = after
        phrase.end = end
        self._with_country(phrase.role)
        return phrase

    def _nested_organization(self, phrase: RolePhrase, h: int, head_end: int, unit: tuple[int, int],
                             org: tuple[int, int, int]) -> tuple[int, int, int]:
        """An organization named in two parts: "of the Food and Agriculture Organization of the United Nations" is
        one name; in "of the Department of International Cooperation of the Cyberspace Administration" the
        department belongs to the title and the administration is the organization."""
        doc = self.doc
        org_start, org_end, after = org
        if doc[unit[0]].lower_ not in SUB_UNITS:
            return unit[0], org_end, after
        link = None
        for t in range(org_start, org_end):
            if doc[t].lower_ == "of":
                link = t
            elif link is not None and is_capitalized(doc[t]) and self.reader.is_org_head(doc[t]):
                start = link + 2 if doc[link + 1].lower_ == "the" else link + 1
                phrase.role.title = self._compose(h, head_end, link, left=phrase.start).role.title
                return start, org_end, after
        # "Director General of the Department of Water Resources": the office's name runs on; it stays in the title
        # and a larger body written after it ("..., Ministry of X") may still give the organization
        phrase.role.title = self._compose(h, head_end, org_end, left=phrase.start).role.title
        phrase.nested_office = True
        return unit[0], org_end, after

    def _read_list_organization(self, phrase: RolePhrase, i: int) -> int:
        """"Title, Organization" after a name ("X, Director General of Y, Ministry of Z of Country")."""
        doc, reader = self.doc, self.reader
        if phrase.linked_org:
            return i
        if i + 1 < len(doc) and doc[i].text == "," and is_capitalized(doc[i + 1]) and (i + 1) not in reader.person_starts \
                and doc[i + 1].lower_ != "and" and reader.title_at(i + 1) is None:
            end = reader.organization_at(i + 1)
            if end > i + 1 and not self._holds_name(i + 1, end) and self._org_like(doc[i + 1:end]):
                phrase.role.organization = doc[i + 1:end].text.removeprefix("the ").strip()
                self.org_spans.append((i + 1, end))
                self._with_country(phrase.role)
                return end
        return i

    def _organization_after(self, i: int, names_allowed: bool = False, countries: bool = False
                            ) -> tuple[int, int, int] | None:
        """"at Bank of America in New York", "with stockbroker Kleinwort Grieveson", "of the Securities Commission"."""
        doc, reader = self.doc, self.reader
        n = len(doc)
        if i + 1 >= n or doc[i].lower_ not in ORG_LINKS:
            return None
        j = i + 1
        if doc[j].lower_ == "the":
            j += 1
        while j < n and j - i <= 3 and doc[j].is_lower and doc[j].tag_ in ("NN", "JJ"):
            j += 1
        if j >= n or not is_capitalized(doc[j]):
            return None
        if not names_allowed and j in reader.person_starts and reader.person_starts[j].end - j >= 2 \
                and not self._org_like(doc[j:reader.person_starts[j].end]):
            return None
        end = reader.organization_at(j)
        for k in range(j + 1, end):
            if doc[k].lower_ == "in" and not any(reader.is_org_head(t) for t in doc[k + 1:end]):
                end = k  # "Bank of America in New York": the place is not part of the name
                break
            if k in self.strong_name_tokens and not names_allowed:
                return None  # the title before introduces that name, not ours
        if end <= j or self.rules.country_of(doc[j:end].text) and not countries:
            return None
        return j, end, end

    # --- composing a role from its words ---------------------------------------------------------------------------
    def _usable_head(self, h: int, direct: bool = False) -> bool:
        """Whether the title phrase at h may head a role; `direct`: it stands right before the name, where a
        lower-case "official" or "partner" is an adjective or a relation, not a post."""
        doc = self.doc
        end = self.reader.title_phrase_end(h)
        if direct and end - h == 1 and doc[h].is_lower and doc[h].lower_ in LOWERCASE_NOT_TITLES:
            return False
        return not (doc[h].is_lower and doc[h].lower_ in self.rules.honorifics and doc[h].lower_ not in self.rules.titles)

    def _title_extent(self, h: int) -> tuple[int, int, tuple[int, int] | None]:
        """Where a title starting at h ends: its heads ("vice president and general counsel", "head physician"),
        then its complement ("of Land, Infrastructure and Tourism", "of currency strategy", "to the United Nations")."""
        doc, reader = self.doc, self.reader
        n = len(doc)
        end = reader.title_phrase_end(h)
        while end < n:
            if end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                    and doc[end + 1].is_alpha:
                end += 2  # "director-general", "president-elect"
                continue
            nxt = reader.title_phrase_end(end)
            if nxt > end and not self._starts_name(end) and doc[end].lower_ not in self.rules.honorifics:
                end = nxt
                continue
            if end + 1 < n and doc[end].lower_ in ("and", "&") and reader.title_phrase_end(end + 1) > end + 1 \
                    and not self._starts_name(end + 1) \
                    and doc[end + 1:reader.title_phrase_end(end + 1)].text.lower() != doc[h:end].text.lower():
                end = reader.title_phrase_end(end + 1)
                continue
            if end + 2 < n and doc[end].lower_ in ("and", "&") and doc[end + 1].lower_ in self.modifiers \
                    and reader.title_phrase_end(end + 2) > end + 2:
                end = reader.title_phrase_end(end + 2)
                continue
            break
        head_end = end
        capitalized_head = any(is_capitalized(doc[t]) for t in range(h, head_end))
        complement_end = reader._complement(head_end) if capitalized_head or (head_end < n and doc[head_end].lower_ == "to") else head_end
        org = None
        if complement_end > head_end:
            org = self._organization_in_complement(h, head_end, complement_end)
            return head_end, complement_end, org
        end = self._lowercase_complement(head_end)
        return head_end, end, self._organization_in_complement(h, head_end, end) if end > head_end else None

    def _starts_name(self, i: int) -> bool:
        ent = self.reader.person_starts.get(i)
        return ent is not None and ent.end - i >= 2

    def _lowercase_complement(self, end: int) -> int:
        """"head of currency strategy", "speaker of the lower house", "director of the Japan office"."""
        doc = self.doc
        n = len(doc)
        if end + 1 >= n or doc[end].lower_ != "of":
            return end
        i = end + 1
        if doc[i].lower_ == "the":
            i += 1
        last_noun = None
        words = 0
        while i < n and words < 7:
            tok = doc[i]
            if (tok.is_alpha or is_acronym(tok.text)) and tok.tag_ in COMPLEMENT_TAGS and tok.lower_ not in ("at", "with", "in", "who"):
                words += 1
                i += 1
                if tok.is_lower and tok.tag_ in ("NN", "NNS"):
                    last_noun = i
                continue
            if tok.lower_ == "and" and words and i + 1 < n and doc[i + 1].is_lower:
                i += 1
                continue
            if tok.text in POSSESSIVE and words or tok.text == "-":
                i += 1
                continue
            break
        return last_noun if last_noun == i else end

    def _organization_in_complement(self, h: int, head_end: int, end: int) -> tuple[int, int] | None:
        """"Chair of the Federal Trade Commission", "Administrator of FEMA": the complement names an organization."""
        doc = self.doc
        head = doc[h:head_end].text.lower()
        if head.endswith(PORTFOLIO_TITLE_HEADS) or "minister" in head:
            return None
        for link in range(head_end, end):
            if doc[link].lower_ not in ("of", "for", "to") or link + 1 >= end:
                continue
            start = link + 2 if doc[link + 1].lower_ == "the" else link + 1
            words = [t for t in doc[start:end] if t.is_alpha or is_acronym(t.text)]
            if not words:
                continue
            if words[-1].is_lower:  # "of the information and machinery bureau": an office named in lower case
                if len(words) >= 2 and any(self.reader.is_org_head(t) for t in words):
                    return start, end
                continue
            if len(words) == 1 and is_acronym(words[0].text):
                return start, end  # "Administrator of FEMA"
            heads = [t.i for t in words if self.reader.is_org_head(t) and is_capitalized(t)]
            if heads and any(t.lower_ in self.rules.titles and t.i + 1 < end and doc[t.i + 1].lower_ in ("of", "for")
                             for t in words if t.i < heads[0]):
                continue  # "Nominee for U.S. Director of the African Development Bank": a title, then the body
            if heads:  # "Chair of the Council of Economic Advisors", "Country Director of the World Bank for Nigeria"
                tail = doc[heads[-1] + 1:end]
                place_tail = len(tail) >= 2 and tail[0].lower_ in ("for", "in") and (self.rules.country_of(
                    tail[1:].text.removeprefix("the ")) or doc[heads[-1]].lower_ in NAME_ENDING_HEADS)
                return start, (heads[-1] + 1 if place_tail or any(t.is_lower and t.lower_ not in CONNECTORS | {"the"}
                                                                   for t in tail) else end)
        return None

    def _compose(self, h: int, head_end: int, end: int, left: int | None = None) -> RolePhrase:
        """The role whose title head is doc[h:head_end] (with its complement up to `end`), reading the words before
        it: modifiers and descriptors join the title, a country or nationality gives the country, the rest an
        organization ("Former Costa Rican president", "Oxfam senior policy adviser", "EC Farm Commissioner")."""
        doc = self.doc
        start, parts = self._words_before(h, left)
        title_words: list[int] = []
        role = MentionRole()
        org_span = None
        for kind, tokens in parts:
            if kind == "title":
                title_words.extend(t for t in tokens if doc[t].lower_ not in PASSING_MODIFIERS and doc[t].tag_ != "RB")
            elif kind == "owner":
                text = doc[tokens[0]:tokens[-1] + 1].text
                country = self.rules.country_of(text)
                if country:
                    role.country = country
                elif not all(doc[t].ent_type_ in PLACE_TYPES for t in tokens) and not (
                        # a person's possessive ("Beau's commander") names no organization; "the Astros' ..." does
                        any(doc[t].ent_type_ == "PERSON" for t in tokens) and doc[tokens[0] - 1].lower_ != "the"
                        and doc[tokens[-1] + 1].text not in ("’", "'")):
                    role.organization = text.removeprefix("the ")
                    org_span = (tokens[0], tokens[-1] + 1)
            else:
                adjacent = tokens[-1] + 1 == h
                country, org, words = self._classify_prefix(tokens, adjacent and is_capitalized(doc[h]))
                passing = {t for t in tokens if doc[t].lower_ in PASSING_MODIFIERS and t not in words}
                role.country = role.country or country
                if org:
                    role.organization = role.organization or doc[org[0]:org[1]].text
                    org_span = org_span or org
                # a descriptive title in lower case is kept as written ("Former Costa Rican president",
                # "Oxfam senior policy adviser"); an official one loses its country and office ("Foreign Minister")
                title_words.extend([t for t in tokens if t not in passing] if doc[h].is_lower else words)
        title_words.extend(range(h, end))
        role.title = _join(doc, title_words) or None
        if end > head_end and not role.organization:
            org = self._organization_in_complement(h, head_end, end)
            if org:
                role.organization = doc[org[0]:org[1]].text
        if role.title and role.organization is None and role.country is None:
            self._split_country_from_title(role)
        if role.organization:
            self._with_country(role)
        return RolePhrase(role=role, start=start, end=end, org_span=org_span,
                          owner_pronoun=start > 0 and doc[start - 1].lower_ in OWNER_PRONOUNS)

    def _words_before(self, h: int, left: int | None) -> tuple[int, list[tuple[str, list[int]]]]:
        """Split the words before a title head into groups: ("title", modifiers and descriptors), ("owner", a
        possessive's owner), ("prefix", a capitalized run). Returns where the role phrase starts and the groups."""
        doc = self.doc
        low = self.sentence_start[h] if left is None else left
        low = max(low, h - 10)
        k = h
        groups: list[tuple[str, list[int]]] = []

        def take_lower(allowed) -> None:
            nonlocal k
            words = []
            while k > low and len(words) < 4:
                tok = doc[k - 1]
                if not tok.is_lower or tok.lower_ in ARTICLES or tok.like_num and not tok.is_alpha or not allowed(tok):
                    break
                words.insert(0, k - 1)
                k -= 1
            if words:
                groups.insert(0, ("title", words))

        if doc[h].is_lower:  # "senior policy adviser", "assistant hitting coach"
            take_lower(lambda tok: tok.tag_ in DESCRIPTOR_TAGS or tok.lower_ in self.modifiers and tok.tag_ in MODIFIER_TAGS)
        else:  # an official title takes modifiers only: "former Prime Minister", not "thanking Senator"
            take_lower(lambda tok: tok.lower_ in self.modifiers and tok.tag_ in MODIFIER_TAGS)
        run_end = k
        possessive_at = None
        while k > low and run_end - k < 7:
            tok = doc[k - 1]
            country_ahead = any(self.rules.country_of(doc[k - 1:k - 1 + size].text) for size in (1, 2, 3))
            if "\n" in tok.text or (k - 1) in self.strong_name_tokens or self._starts_name(k - 1) and not country_ahead:
                break
            if tok.text in POSSESSIVE and k - 1 > low and is_capitalized(doc[k - 2]) and possessive_at is None:
                possessive_at = k - 1
                k -= 1
                continue
            if is_capitalized(tok) or is_acronym(tok.text):
                if len(tok.text) == 1:  # a transcript's "Q", an initial
                    break
                if tok.lower_ in self.rules.never_name_words and not self.rules.country_of(tok.text) \
                        and tok.lower_ not in self.modifiers or self._other_title_word(tok):
                    break
                k -= 1
                continue
            if (tok.lower_ in CONNECTORS or tok.text == "-" and not tok.whitespace_) and k - 1 > low \
                    and is_capitalized(doc[k - 2]) and k < run_end:
                k -= 1
                continue
            if tok.is_lower and self.reader.is_org_head(tok) and k - 1 > low and is_capitalized(doc[k - 2]):
                k -= 1
                continue
            break
        k = self._trim_run(k, run_end)
        if k == run_end:
            k = self._sentence_initial_descriptor(k, groups)
            run_end = k
        if possessive_at is not None and possessive_at < k:
            possessive_at = None
        if k < run_end:
            if possessive_at is not None:
                owner = list(range(k, possessive_at))
                rest = list(range(possessive_at + 1, run_end))
                if owner:
                    groups.insert(0, ("owner", owner))
                if rest:
                    groups.insert(1 if owner else 0, ("prefix", rest))
            else:
                groups.insert(0, ("prefix", list(range(k, run_end))))
            if k > low and doc[k - 1].lower_ == "the" and possessive_at is not None:
                k -= 1
            take_lower(lambda tok: tok.lower_ in LEADING_MODIFIERS and tok.tag_ in MODIFIER_TAGS)
        return k, groups

    def _trim_run(self, k: int, run_end: int) -> int:
        """A capitalized run never starts with a connector, joins two names with "and" only inside an organization
        ("Department of Housing and Urban Development"), and starts a sentence only with a proper noun."""
        doc = self.doc
        if not any(self.reader.is_org_head(doc[t]) for t in range(k, run_end)):
            for t in range(run_end - 1, k - 1, -1):
                if doc[t].lower_ in ("and", "&"):
                    k = t + 1
                    break
        while k < run_end and (doc[k].lower_ in CONNECTORS or doc[k].text == "-"):
            k += 1
        if k < run_end and k == self.sentence_start[k] and not self._proper_at_sentence_start(doc[k]):
            k += 1
        return k

    def _sentence_initial_descriptor(self, k: int, groups: list[tuple[str, list[int]]]) -> int:
        """"Body language expert X" at the start of a sentence: the capitalized first word is a descriptor."""
        doc = self.doc
        if k > 0 and k - 1 == self.sentence_start[k - 1] and doc[k - 1].tag_ in DESCRIPTOR_TAGS \
                and not self.rules.country_of(doc[k - 1].text) and groups and groups[0][0] == "title" and groups[0][1][0] == k:
            groups[0] = ("title", [k - 1, *groups[0][1]])
            return k - 1
        return k

    def _other_title_word(self, tok) -> bool:
        """A title word inside a capitalized run belongs to another title ("Co-Chairs National Climate Advisor")."""
        low = tok.lower_
        if low in self.rules.title_modifiers or low in self.rules.portfolio_words:
            return False
        return low in self.rules.titles or low.endswith("s") and low[:-1] in self.rules.titles

    def _proper_at_sentence_start(self, tok) -> bool:
        doc = self.doc
        country = any(self.rules.country_of(doc[tok.i:tok.i + size].text) for size in (1, 2, 3))
        return tok.tag_ in ("NNP", "NNPS") or is_acronym(tok.text) or country \
            or tok.lower_ in self.modifiers or self.reader.is_org_head(tok)

    def _classify_prefix(self, tokens: list[int], before_capitalized_head: bool
                         ) -> tuple[str | None, tuple[int, int] | None, list[int]]:
        """(country, organization span, title words) of a capitalized run before a title."""
        doc = self.doc
        toks = list(tokens)
        lead: list[int] = []
        while toks and not self._country_length(toks) and doc[toks[0]].lower_ in LEADING_MODIFIERS:
            token = toks.pop(0)
            if doc[token].lower_ not in PASSING_MODIFIERS:
                lead.append(token)
        size = self._country_length(toks)
        country = self.rules.country_of(doc[toks[0]:toks[size - 1] + 1].text) if size else None
        toks = toks[size:]
        while toks and doc[toks[0]].lower_ in ("of", "for", "on", "and", "&", "-"):
            toks.pop(0)
        if not toks:
            return country, None, lead
        if before_capitalized_head and not any(self.reader.is_org_head(doc[t]) for t in toks):
            cut = len(toks)
            while cut > 0 and doc[toks[cut - 1]].lower_ in self.rules.portfolio_words \
                    and not self.reader.is_org_head(doc[toks[cut - 1]]) and not is_acronym(doc[toks[cut - 1]].text):
                cut -= 1
            rest, words = toks[:cut], toks[cut:]
            if rest and (self._org_like([doc[t] for t in rest]) or all(doc[t].ent_type_ in PLACE_TYPES for t in rest)):
                return country, (rest[0], rest[-1] + 1), lead + words
            return country, None, lead + rest + words
        if before_capitalized_head:
            return country, (toks[0], toks[-1] + 1), lead
        if all(doc[t].ent_type_ in PLACE_TYPES for t in toks):
            return country, None, lead
        return country, (toks[0], toks[-1] + 1), lead

    def _country_length(self, toks: list[int]) -> int:
        doc = self.doc
        for size in (3, 2, 1):
            if len(toks) >= size and self.rules.country_of(doc[toks[0]:toks[size - 1] + 1].text):
                return size
        return 0

    def _org_like(self, tokens) -> bool:
        return any(is_acronym(t.text) or self.reader.is_org_head(t) or t.ent_type_ in ORG_TYPES and not self.rules.country_of(t.text)
                   for t in tokens)

    def _is_demonym(self, tok) -> bool:
        """A nationality adjective written before a name ("Belgian Paul de Keersmaeker")."""
        country = self.rules.country_of(tok.text)
        return bool(country) and is_capitalized(tok) and tok.text.lower() != country.lower()

    # --- countries ---------------------------------------------------------------------------------------------------
    def _with_country(self, role: MentionRole) -> MentionRole:
        """The country named inside an organization: "Ministry of X of Japan", "Japan's Ministry", "Iraqi National Oil Company"."""
        org = role.organization or ""
        parts = org.split(" of ")
        for cut in range(1, len(parts)):  # the longest country after an "of": "of the Republic of Korea"
            head, tail = " of ".join(parts[:cut]), " of ".join(parts[cut:])
            if self.rules.country_of(tail):
                role.country = role.country or self.rules.country_of(tail)
                if " of " in head:  # "Ministry of Home Affairs of Indonesia", but "Bank of Japan" stays whole
                    role.organization = org = head
                break
        owner, sep, rest = org.replace("’s ", "'s ").partition("'s ")
        if sep and self.rules.country_of(owner):
            role.country = role.country or self.rules.country_of(owner)
            role.organization = org = rest
        words = org.split()
        for size in (3, 2, 1):
            if len(words) > size and self.rules.country_of(" ".join(words[:size])):
                role.country = role.country or self.rules.country_of(" ".join(words[:size]))
                break
        for word in words[1:]:  # a nationality inside the name: "the lower house of the Chilean Parliament"
            country = self.rules.country_of(word)
            if country and word[:1].isupper() and word.lower() != country.lower() and not role.country:
                role.country = country
        if role.organization and self.rules.country_of(role.organization):
            role.country = role.country or self.rules.country_of(role.organization)
            role.organization = None
        return role

    def _split_country_from_title(self, role: MentionRole) -> None:
        """"Ambassador of Japan": a title ending in "of <Country>" gives the country and keeps the post."""
        title = role.title or ""
        head, sep, tail = title.rpartition(" of ")
        if sep and self.rules.country_of(tail) and head:
            role.country = self.rules.country_of(tail)
            role.title = head


def _join(doc, indices: list[int]) -> str:
    """The text of the given tokens, contiguous runs as written, runs joined by a space."""
    if not indices:
        return ""
    indices = sorted(set(indices))
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return " ".join(doc[a:b].text for a, b in runs).strip(" ,")


def _add_role(roles: list[MentionRole], role: MentionRole) -> None:
    """Add a role read after the name: it completes the first role when that has no title or shares it."""
    if not roles:
        roles.append(role)
        return
    first = roles[0]
    if role.title is None or first.title is None or role.title.lower() == first.title.lower():
        first.title = first.title or role.title
        first.organization = first.organization or role.organization
        first.country = first.country or role.country
        return
    if all((r.title or "").lower() != role.title.lower() for r in roles):
        roles.append(role)
