"""Token-level readers of the phrases people are named with: titles, names, honorifics, organizations.

Each reader takes a parsed spaCy Doc and a token index and returns where the phrase ends (or None).
They work from the word lists of the rule resources (`pipeline/resources/`), never from lists of particular people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from pipeline.resources import RuleResources

NAME_MONTHS = frozenset({"may", "june", "april", "august"})
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]*[A-Z0-9.]$")


def is_capitalized(token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper()


def is_acronym(text: str) -> bool:
    return len(text) >= 2 and bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


class PhraseMatchers:
    """spaCy PhraseMatchers (case-insensitive) for the title and honorific phrases of the resources."""

    LABELS = ("title", "honorific")

    def __init__(self, nlp, rules: RuleResources):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label in self.LABELS:
            written = rules.phrases_as_written[label]
            # the tokenizer splits "Mr." and "mr." differently: one pattern per distinct tokenization of each casing
            forms = {variant for phrase in written for variant in (phrase, phrase.lower(), phrase.title(), phrase.upper())}
            patterns = {tuple(t.lower_ for t in nlp.make_doc(form)): form for form in sorted(forms)}
            self.matcher.add(label, [nlp.make_doc(form) for form in patterns.values()])

    def ends(self, doc) -> tuple[dict[str, dict[int, int]], dict[str, dict[int, int]]]:
        """For each label, the end of the longest phrase starting at each token index, and the start of the
        longest phrase ending at each token index."""
        found: dict[str, dict[int, int]] = {label: {} for label in self.LABELS}
        backward: dict[str, dict[int, int]] = {label: {} for label in self.LABELS}
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            label = strings[match_id]
            found[label][start] = max(found[label].get(start, start), end)
            backward[label][end] = min(backward[label].get(end, end), start)
        return found, backward


@dataclass(frozen=True)
class TitleMatch:
    start: int
    end: int
    head_end: int

    def text(self, doc) -> str:
        return doc[self.start : self.end].text


class PhraseReader:
    """Reads titles, honorifics, names and organizations around a token position."""

    def __init__(self, doc, rules: RuleResources, matchers: PhraseMatchers):
        self.doc = doc
        self.rules = rules
        self.person_starts = {ent.start: ent for ent in doc.ents if ent.label_ == "PERSON"}
        phrase_ends, phrase_starts = matchers.ends(doc)
        self._title_ends = phrase_ends["title"]
        self._title_starts = phrase_starts["title"]
        self._honorific_ends = phrase_ends["honorific"]

    def title_phrases(self) -> list[tuple[int, int]]:
        """Token spans of the longest title phrase starting at each position where one starts."""
        return sorted(self._title_ends.items())

    def title_phrase_end(self, start: int) -> int:
        """End of the longest title phrase ("Deputy Secretary of State") starting at `start`, else `start`."""
        return self._title_ends.get(start, start)

    def title_phrase_start(self, end: int) -> int:
        """Start of the longest title phrase ending at `end` ("finance minister" before a name), else `end`."""
        return self._title_starts.get(end, end)

    # --- single-word tests -------------------------------------------------------------------------------
    def is_title_word(self, token) -> bool:
        low = token.text.lower()
        return low in self.rules.titles or low in self.rules.title_modifiers

    def is_org_head(self, token) -> bool:
        return token.text.lower() in self.rules.org_heads

    def is_name_word(self, token) -> bool:
        text = token.text
        if not text or not text[0].isupper() or not any(c.isalpha() for c in text) or len(text) == 1:
            return bool(_INITIAL.match(text))
        low = text.lower()
        if low in self.rules.never_name_words and token.ent_type_ == "PERSON" and self._joined_to_lowercase(token):
            return True  # "Do" in "Kang Do-yoon": the first half of a hyphenated given name
        if low in self.rules.never_name_words or low in self.rules.org_heads or low in self.rules.titles or low in self.rules.portfolio_words:
            return False
        if low in self.rules.honorifics or low in self.rules.title_modifiers:
            return False
        if self.rules.country_of(text) and not token.ent_type_ == "PERSON":
            return False
        return not (is_acronym(text) and len(text) > 3 and token.ent_type_ != "PERSON")

    def _joined_to_lowercase(self, token) -> bool:
        doc = self.doc
        i = token.i
        return i + 2 < len(doc) and not token.whitespace_ and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ \
            and doc[i + 2].is_lower and doc[i + 2].is_alpha

    # --- phrases -------------------------------------------------------------------------------------------
    def honorific_end(self, start: int) -> int:
        end = self._honorific_ends.get(start, start)
        if end == start:
            return start
        if end < len(self.doc) and self.doc[end].text == "." and not self.doc[end - 1].text.endswith("."):
            end += 1
        if not is_capitalized(self.doc[start]):
            return start
        return end

    def title_at(self, start: int, lowercase: bool = False) -> TitleMatch | None:
        """A title starting at `start`: modifiers, a head ("Deputy Minister"), "and" heads, an "of/for ..." part.
        With `lowercase`, a title written in lower case counts too ("..., chairman of the Council")."""
        doc = self.doc
        if start >= len(doc) or not (lowercase or is_capitalized(doc[start]) or doc[start].text.lower() in ("co", "vice")):
            return None
        head_end = self._title_heads(start, lowercase)
        if head_end is None:
            return None
        end = head_end
        end = self._complement(end)
        return TitleMatch(start=start, end=end, head_end=head_end)

    def _title_heads(self, start: int, lowercase: bool = False) -> int | None:
        doc, rules = self.doc, self.rules
        cased = (lambda tok: True) if lowercase else is_capitalized
        i = start
        end = None
        while i < len(doc):
            j = self.title_phrase_end(i)
            k = i
            while k < len(doc) and doc[k].text.lower() in rules.title_modifiers and cased(doc[k]):
                k += 1
                if k < len(doc) and doc[k].text == "-":
                    k += 1
            if k > i:
                j2 = self.title_phrase_end(k)
                if j2 > k:
                    j = max(j, j2)
            if j == i or not cased(doc[i]) and doc[i].text.lower() not in ("co", "vice"):
                break
            end = j
            if j + 1 < len(doc) and doc[j].text.lower() in ("and", "&") and is_capitalized(doc[j + 1]):
                nxt = self.title_phrase_end(j + 1)
                if nxt > j + 1 and not self._name_follows_directly(j + 1):
                    i = j + 1
                    continue
            break
        return end

    def _title_ahead(self, i: int) -> bool:
        """A title starts at i or after a short capitalized prefix ("EPA Administrator")."""
        doc = self.doc
        k = i
        while k < len(doc) and k - i < 4 and is_capitalized(doc[k]):
            if self._title_heads(k) is not None:
                return True
            k += 1
        return False

    def _name_starts_mid_run(self, i: int, end: int) -> bool:
        """A two-word-or-longer PERSON entity starting right after a capitalized word ends the title there."""
        doc = self.doc
        ent = self.person_starts.get(i)
        return bool(ent is not None and ent.end - i >= 2 and i > end + 1 and is_capitalized(doc[i - 1])
                    and doc[i - 1].text.lower() not in self.rules.honorifics)

    def _name_follows_directly(self, index: int) -> bool:
        return index in self.person_starts and self.person_starts[index].end - index >= 2

    def _complement(self, end: int) -> int:
        """Extend a title over "of Land, Infrastructure and Tourism" / "for International Projects" / "to the X"."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text.lower() not in ("of", "for", "to", "on"):
            return end
        i = end + 1
        if doc[i].text.lower() == "the":
            i += 1
        if i >= len(doc) or not is_capitalized(doc[i]):
            return end
        last_word = end
        while i < len(doc):
            tok = doc[i]
            low = tok.text.lower()
            if tok.is_sent_start and i > end + 1:
                break
            if is_capitalized(tok) or tok.text in ("-", "’s", "'s") or tok.text in ("’", "'") and doc[i - 1].text.endswith("s"):
                if self._name_starts_mid_run(i, end) or (i > end + 1 and self.honorific_end(i) > i):
                    break
                if i > end + 1 and doc[i - 1].text.lower() in ("and", ",") and self._title_ahead(i):
                    return last_word
                last_word = i + 1
                i += 1
                continue
            if low in ("and", "&") and i + 1 < len(doc) and (is_capitalized(doc[i + 1]) or (
                    doc[i + 1].lower_ == "the" and i + 2 < len(doc) and is_capitalized(doc[i + 2]))):
                i += 1
                continue
            if low in ("on", "for", "the") and i + 1 < len(doc) and is_capitalized(doc[i + 1]):
                i += 1
                continue
            if tok.text == "," and i + 1 < len(doc) and is_capitalized(doc[i + 1]):
                nxt = doc[i + 1]
                if self.is_org_head(nxt) or self.title_at_no_complement(i + 1) or (i + 1) in self.person_starts:
                    break
                if not (nxt.lower_ in self.rules.portfolio_words or is_acronym(nxt.text)):
                    break
                i += 1
                continue
            break
        return last_word

    def title_at_no_complement(self, start: int) -> bool:
        return self._title_heads(start) is not None if is_capitalized(self.doc[start]) else False

    def name_at(self, start: int, max_words: int = 5) -> int:
        """End of a personal name starting at `start` ("Joseph R. Biden, Jr.", "Ursula von der Leyen"), else start."""
        doc = self.doc
        i = start
        words = 0
        while i < len(doc) and words < max_words:
            tok = doc[i]
            if self.is_name_word(tok):
                words += 1
                i += 1
                if i < len(doc) and doc[i].text == "." and len(tok.text) == 1:
                    i += 1
                continue
            if tok.text == "-" and words and i + 1 < len(doc) and is_capitalized(doc[i + 1]) and not doc[i - 1].whitespace_:
                i += 1
                continue
            if tok.text == "-" and words and i + 1 < len(doc) and doc[i + 1].is_lower and doc[i + 1].is_alpha \
                    and not doc[i - 1].whitespace_ and not tok.whitespace_:
                i += 2  # the second part of a hyphenated given name ("Geun-hye", "Dong-yup")
                continue
            if tok.text.lower() in self.rules.name_particles and words:
                k = i
                while k < len(doc) and (doc[k].text.lower() in self.rules.name_particles or doc[k].text == "-"):
                    k += 1
                if k < len(doc) and k - i <= 3 and self.is_name_word(doc[k]):
                    i = k
                    continue
            if words and tok.lower_ in NAME_MONTHS and tok.ent_type_ == "PERSON" and doc[i - 1].ent_type_ == "PERSON" \
                    and tok.text[0].isupper() and not (i + 1 < len(doc) and doc[i + 1].like_num):
                words += 1  # "Theresa May": a month that is a name inside a name the model tagged
                i += 1
                continue
            if words and self._title_word_ends_name(i):
                words += 1
                i += 1
                continue
            if tok.text.lower() in ("al", "el") and not words and i + 2 < len(doc) and doc[i + 1].text == "-":
                i += 2
                continue
            break
        if words == 0:
            return start
        if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].text.rstrip(".").lower() in ("jr", "sr"):
            i += 2
            if i < len(doc) and doc[i].text == "." and not doc[i - 1].text.endswith("."):
                i += 1
        elif i < len(doc) and doc[i].text.rstrip(".").lower() in ("jr", "sr") and doc[i].text[0].isupper():
            i += 1
        while i - 2 >= start and doc[i - 1].text in ("-", ".") and len(doc[i - 2].text) > 1:
            i -= 1
        return i

    def _title_word_ends_name(self, i: int) -> bool:
        """A surname that is also a title word ("Maria Pope, President"): last word of a name before a comma."""
        doc = self.doc
        tok = doc[i]
        ends_clause = i + 1 >= len(doc) or doc[i + 1].text == "," or "\n" in doc[i + 1].text
        return (tok.text[:1].isupper() and tok.text.lower() in self.rules.titles and tok.text.lower() not in self.rules.title_modifiers
                and ends_clause and tok.ent_type_ == "PERSON" and doc[i - 1].ent_type_ == "PERSON"
                and self.is_name_word(doc[i - 1]))

    def organization_at(self, start: int) -> int:
        """End of an organization name starting at `start` ("Ministry of Home Affairs of Indonesia"), else start."""
        doc = self.doc
        i = start
        if i < len(doc) and doc[i].text.lower() == "the":
            i += 1
        last = start
        while i < len(doc):
            tok = doc[i]
            if is_capitalized(tok) or tok.text in ("-", "’s", "'s", "&") or (tok.like_num and i > start):
                last = i + 1
                i += 1
                continue
            if tok.text.lower() in ("of", "for", "on", "and", "the", "in") and i + 1 < len(doc) and (
                    is_capitalized(doc[i + 1]) or doc[i + 1].text.lower() == "the"):
                i += 1
                continue
            if tok.text == "," and i + 1 < len(doc) and is_capitalized(doc[i + 1]) and not self.title_at_no_complement(i + 1) \
                    and (i + 1) not in self.person_starts and self._org_continues_after_comma(i + 1):
                i += 1
                continue
            break
        return last

    def _org_continues_after_comma(self, index: int) -> bool:
        """A comma inside an organization's name joins a list ("Land, Infrastructure, Transport and Tourism")."""
        doc = self.doc
        j = index
        while j < len(doc) and is_capitalized(doc[j]) and j - index < 3:
            j += 1
        return j < len(doc) and doc[j].text in (",", "and") and not self.is_org_head(doc[index])
