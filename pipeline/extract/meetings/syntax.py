"""Dependency structure around a meeting trigger: the clause it belongs to and who and what is attached to it.

Only sentences that hold a trigger are parsed, in one batch per document, by the pipeline's own dependency
parser (which the statistical pass leaves out). Every function here works on tokens of those parsed sentences.
"""
from __future__ import annotations

import bisect
import itertools

from spacy.attrs import LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.tokens import Doc, Span, Token

_COPIED = [NORM, TAG, LEMMA, MORPH, POS, SENT_START]
# dependents that open a clause of their own: a date or place under one belongs to that clause's event
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "csubjpass", "parataxis", "pcomp"})
# dependents that stay inside a noun phrase naming one person ("Deputy Trade Representative Michael Smith")
NOUN_PHRASE = frozenset({"compound", "appos", "flat", "nmod", "amod", "det", "punct", "nummod", "npadvmod",
                         "quantmod", "prt"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# the forms of "be" (the pipeline sets no lemmas)
BE_FORMS = frozenset({"be", "is", "are", "am", "was", "were", "been", "being", "'s", "’s", "'re", "’re", "'m", "’m"})
# prepositions after which a meeting noun stands apart from the clause it sits in ("told reporters after the
# meeting"); before the meeting its subject had not taken part
DETACHING_PREPOSITIONS = frozenset({"after", "following", "before", "ahead", "prior", "since", "until", "till"})
NOT_YET = frozenset({"before", "ahead", "prior", "until", "till"})
PARTNER_PREPOSITIONS = frozenset({"with", "between", "among", "amongst", "alongside"})


class SentenceParses:
    """Dependency parses of some sentences of a Doc, made together; tokens are looked up by Doc index."""

    def __init__(self, doc: Doc, sentences: list[Span], steps: list) -> None:
        self._starts: dict[int, tuple[int, Doc]] = {}
        if not steps or not sentences:
            return
        docs = _sentence_docs(doc, sentences)
        for step in steps:
            docs = list(step.pipe(docs))
        self._doc_starts: dict[int, int] = {}
        for sentence, parsed in zip(sentences, docs):
            self._starts[sentence.start] = (sentence.end, parsed)
            self._doc_starts[id(parsed)] = sentence.start
        self._sentence_of = {i: sentence.start for sentence in sentences for i in range(sentence.start, sentence.end)}

    def add(self, doc: Doc, sentences: list[Span], steps: list) -> None:
        """Parse more sentences of the same Doc."""
        more = SentenceParses(doc, [s for s in sentences if s.start not in self._starts], steps)
        if not more._starts:
            return
        if not self._starts:
            self._doc_starts, self._sentence_of = {}, {}
        self._starts.update(more._starts)
        self._doc_starts.update(more._doc_starts)
        self._sentence_of.update(more._sentence_of)

    def token(self, doc_index: int) -> Token | None:
        """The parsed token standing for Doc token `doc_index`, if its sentence was parsed."""
        start = self._sentence_of.get(doc_index) if self._starts else None
        if start is None:
            return None
        return self._starts[start][1][doc_index - start]

    def doc_index(self, token: Token) -> int:
        """The Doc index of a parsed token."""
        return self._doc_starts[id(token.doc)] + token.i


def _sentence_docs(doc: Doc, sentences: list[Span]) -> list[Doc]:
    """Each sentence as a Doc of its own with the tags and entities of `doc` (like `Span.as_doc`, but reading
    `doc`'s arrays and entities once rather than once per sentence)."""
    array = doc.to_array(_COPIED)
    entities = list(doc.ents)
    out = []
    for sentence in sentences:
        words = [t.text for t in sentence]
        spaces = [bool(t.whitespace_) for t in sentence]
        copy = Doc(doc.vocab, words=words, spaces=spaces)
        copy.from_array(_COPIED, array[sentence.start:sentence.end])
        inside = entities[bisect.bisect_left(entities, sentence.start, key=lambda e: e.start):]
        copy.set_ents([Span(copy, e.start - sentence.start, e.end - sentence.start, label=e.label)
                       for e in itertools.takewhile(lambda e: e.start < sentence.end, inside)
                       if e.end <= sentence.end])
        out.append(copy)
    return out


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def path_up(token: Token, ancestor: Token) -> list[Token] | None:
    """The tokens from `token` (included) up to `ancestor` (excluded), or None when it is not an ancestor."""
    path = []
    current = token
    while current.i != ancestor.i:
        path.append(current)
        if current.head.i == current.i:
            return None
        current = current.head
    return path


def noun_phrase(token: Token) -> list[Token]:
    """A token and the dependents that stay inside its noun phrase (titles, appositions, compounds); its
    conjuncts are separate phrases."""
    found, stack = [token], [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in NOUN_PHRASE:
                found.append(child)
                stack.append(child)
    return found


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(token.conjuncts)
    return out


def subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, climbing from an infinitive, a second verb or a participle to the verb that has
    them ("is expected to meet", "arrived and met", "after chairing the meeting, X said", "Leaving the summit X said")."""
    current = verb
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in SUBJECTS]
        if found and current.dep_ == "relcl" and found[0].lower_ in ("who", "that", "which"):
            return with_conjuncts([current.head])
        if found:
            return with_conjuncts(found)
        if current.dep_ == "pcomp" and current.head.head.i != current.head.i:
            current = current.head.head
            continue
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head.i != current.i:
            current = current.head
            continue
        break
    return []


ECHOING_AUXILIARIES = frozenset({"will", "would", "shall", "can", "could", "may", "might", "do", "does", "did", "has",
                                 "have", "had", "is", "are", "was", "were"})


def echoed_subjects(verb: Token) -> list[Token]:
    """"X will attend, as will Y", "X attended, as did Y": the subjects of an "as" clause that repeats the verb
    by its auxiliary alone (also when the parser read "as will newly elected leader Y" as a participle and its
    object)."""
    found: list[Token] = []
    for clause in verb.children:
        marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "as"] if clause.dep_ == "advcl" else []
        if not marks:
            continue
        if clause.lower_ in ECHOING_AUXILIARIES:
            found += with_conjuncts([c for c in clause.children if c.dep_ in SUBJECTS])
        elif marks[0].i + 1 < clause.i and clause.doc[marks[0].i + 1].lower_ in ECHOING_AUXILIARIES and \
                clause.doc[marks[0].i + 1].dep_ == "aux" and not any(c.dep_ in SUBJECTS for c in clause.children):
            found += with_conjuncts([c for c in clause.children if c.dep_ == "dobj"])
    return found


def prepositional_objects(token: Token, prepositions: frozenset[str]) -> list[Token]:
    objects = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects.extend(with_conjuncts([c for c in child.children if c.dep_ == "pobj"]))
    return objects


def agents(token: Token) -> list[Token]:
    """The agents of a passive verb, "by X, and by Y" included."""
    preps = [c for c in token.children if c.dep_ == "agent"]
    preps += [c for prep in preps for c in prep.conjuncts if c.lower_ == "by"]
    return with_conjuncts([c for prep in preps for c in prep.children if c.dep_ == "pobj"])


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children)
