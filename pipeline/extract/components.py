"""spaCy components of the rule stage, registered by name; they run after the statistical NER on each Doc.

`convene_paragraphs` marks line breaks as sentence starts, `convene_dates` -> Doc._.dates, `convene_people` -> Doc._.people, `convene_meetings` -> Doc._.meetings.
The article's own date and title are set on Doc._.published and Doc._.title before they run.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.dates import find_dates
from pipeline.extract.meetings import MeetingFinder, trigger_matcher
from pipeline.extract.people import PeopleFinder

RULE_COMPONENTS = ("convene_paragraphs", "convene_dates", "convene_people", "convene_meetings")

for _name, _default in (("published", None), ("title", None), ("dates", None), ("people", None), ("meetings", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class ParagraphsComponent:
    """A line break always ends a sentence: list items and headings are never joined to the next line."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text or token.whitespace_ == "\n":
                doc[token.i + 1].is_sent_start = True
        return doc


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = find_dates(doc.text, doc._.published)
        return doc


class PeopleComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.people = PeopleFinder(doc).find()
        return doc


class MeetingsComponent:
    def __init__(self, nlp: Language):
        self.matcher = trigger_matcher(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        doc._.meetings = MeetingFinder(doc, doc._.people or [], doc._.dates or [], title=doc._.title,
                                       matcher=self.matcher).find()
        return doc


@Language.factory("convene_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphsComponent:
    return ParagraphsComponent()


@Language.factory("convene_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


@Language.factory("convene_people")
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()


@Language.factory("convene_meetings")
def make_meetings(nlp: Language, name: str) -> MeetingsComponent:
    return MeetingsComponent(nlp)


def add_rule_components(nlp: Language) -> Language:
    """Append the rule components to a loaded pipeline (once)."""
    for name in RULE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def run_rules(nlp: Language, doc: Doc) -> Doc:
    """Run the rule components over an already-parsed Doc (from `nlp.pipe` or the parse cache)."""
    for name in RULE_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc
