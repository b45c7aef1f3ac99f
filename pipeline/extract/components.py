"""spaCy components of the rule stage, registered by name; they run after the statistical NER on each Doc.

`convene_paragraphs` marks line breaks as sentence starts, `convene_dates` -> Doc._.dates, `convene_people` ->
Doc._.people, `convene_meetings` -> Doc._.meetings. Found mentions are also written to `doc.spans` groups
("dates", "people", "titles", "meetings"), so any spaCy user can inspect a parsed Doc.
The article's own date, title and dateline are set on Doc._.published, Doc._.title and Doc._.dateline before they run.

Each component that reads word lists takes a `resources` setting: a resource folder (see `pipeline/resources/`),
None for the bundled one. `nlp.add_pipe("convene_people", config={"resources": "/path/to/copy"})`. A pipeline
saved with `nlp.to_disk(path)` keeps a copy of those files, and `spacy.load(path)` extracts the same records
(the factories are registered as `spacy_factories` entry points, so no import is needed first).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.symbols import ORTH
from spacy.tokens import Doc

from pipeline.dates import find_dates
from pipeline.extract.meetings import MeetingFinder, MeetingPatterns
from pipeline.extract.people import PeopleFinder
from pipeline.extract.phrases import PhraseMatchers
from pipeline.resources import RuleResources

RULE_COMPONENTS = ("convene_paragraphs", "convene_dates", "convene_people", "convene_meetings")
RESOURCE_CONFIG = {"resources": None}

for _name, _default in (("published", None), ("title", None), ("dateline", None), ("dates", None), ("people", None),
                         ("meetings", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class ParagraphsComponent:
    """A line break always ends a sentence: list items and headings are never joined to the next line."""

    def __call__(self, doc: Doc) -> Doc:
        starts = doc.to_array([SENT_START])
        breaks = [t.i + 1 for t in doc[:-1] if ("\n" in t.text or t.whitespace_ == "\n") and starts[t.i + 1] != 1]
        if breaks:
            starts[breaks] = 1
            doc.from_array([SENT_START], starts)
        return doc


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = find_dates(doc.text, doc._.published)
        doc.spans["dates"] = [span for d in doc._.dates
                              if (span := doc.char_span(d.start, d.end, label=d.kind, alignment_mode="expand"))]
        return doc


class RuleComponent:
    """A component that reads word lists: from its configured resource folder (None: the bundled one), read when
    first needed, or from the copy saved with the pipeline. Like spaCy's SpanRuler, `nlp.to_disk` saves what it
    matches with (the resource files) and `spacy.load` reads them back, so a saved pipeline needs no other folder."""

    def __init__(self, nlp: Language, resources: str | None):
        self.nlp = nlp
        self.resources = resources
        self._rules: RuleResources | None = None

    @property
    def rules(self) -> RuleResources:
        self._ready()
        return self._rules  # type: ignore[return-value]

    def _ready(self) -> None:
        if self._rules is None:
            self._use(RuleResources.load(self.resources))

    def _use(self, rules: RuleResources) -> None:
        self._rules = rules

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.rules.save(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "RuleComponent":
        self._use(RuleResources.load(path))
        return self


class PeopleComponent(RuleComponent):
    def _use(self, rules: RuleResources) -> None:
        super()._use(rules)
        self.matchers = PhraseMatchers(self.nlp, rules)

    def __call__(self, doc: Doc) -> Doc:
        self._ready()
        finder = PeopleFinder(doc, self.rules, self.matchers)
        doc._.people = finder.find()
        doc.spans["people"] = [doc[m.start:m.end] for person in doc._.people for m in person.mentions]
        doc.spans["titles"] = [doc[start:end] for start, end in finder.reader.title_phrases()]
        return doc


class MeetingsComponent(RuleComponent):
    """Finds meetings; sentences that report one are parsed by the pipeline's dependency parser (left out of the
    statistical pass), with the token-vector step it listens to."""

    def __init__(self, nlp: Language, resources: str | None):
        super().__init__(nlp, resources)
        names = nlp.component_names
        self.parse_steps = ([nlp.get_pipe(n) for n in ("tok2vec", "transformer") if n in names]
                            + [nlp.get_pipe("parser")]) if "parser" in names else []

    def _use(self, rules: RuleResources) -> None:
        super()._use(rules)
        self.patterns = MeetingPatterns(self.nlp, rules)

    def __call__(self, doc: Doc) -> Doc:
        self._ready()
        doc._.meetings = MeetingFinder(doc, doc._.people or [], doc._.dates or [], self.patterns, self.parse_steps,
                                       published=doc._.published, dateline=doc._.dateline).find()
        doc.spans["meetings"] = [span for m in doc._.meetings
                                 if (span := doc.char_span(m.start, m.end, label=m.kind, alignment_mode="expand"))]
        return doc


@Language.factory("convene_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphsComponent:
    return ParagraphsComponent()


@Language.factory("convene_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


@Language.factory("convene_people", default_config=RESOURCE_CONFIG)
def make_people(nlp: Language, name: str, resources: str | None) -> PeopleComponent:
    return PeopleComponent(nlp, resources)


@Language.factory("convene_meetings", default_config=RESOURCE_CONFIG)
def make_meetings(nlp: Language, name: str, resources: str | None) -> MeetingsComponent:
    return MeetingsComponent(nlp, resources)


def add_rule_components(nlp: Language, resources: str | None = None) -> Language:
    """Append the rule components to a loaded pipeline (once), reading word lists from `resources`; the
    tokenizer keeps the hyphenated role verbs of the resources whole ("co-chair")."""
    for word in RuleResources.load(resources).whole_words:
        for variant in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
    for name in RULE_COMPONENTS:
        if name not in nlp.pipe_names:
            config = {"resources": str(resources) if resources else None} if name in ("convene_people", "convene_meetings") else {}
            nlp.add_pipe(name, last=True, config=config)
    return nlp


def rule_resources(nlp: Language) -> RuleResources:
    """The resources the pipeline's rule components were built with."""
    return nlp.get_pipe("convene_people").rules


def run_rules(nlp: Language, doc: Doc) -> Doc:
    """Run the rule components over an already-parsed Doc (from `nlp.pipe` or the parse cache)."""
    for name in RULE_COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc
