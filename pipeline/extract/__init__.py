"""Extraction of dates, meetings, people and roles from cleaned article text.

The rest of the pipeline uses only this module's three functions:

* `load_pipeline(model)` -> a spaCy `Language`: the statistical model plus the rule components;
* `statistical_only(nlp)` -> a context manager under which `nlp.pipe` runs the statistical model only
  (the parse that is cached per text);
* `extract_article(nlp, doc, article)` -> the article's `ArticleRecords` (meetings and people), from a parsed Doc;
* `rules_fingerprint(nlp)` -> a hash of the rule resources (word lists, patterns, thresholds) `nlp` was built with.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.models import Article, Meeting, Person

__all__ = ["ArticleRecords", "extract_article", "load_pipeline", "rules_fingerprint", "statistical_only"]


@dataclass
class ArticleRecords:
    """What one article yields before cross-source merging."""

    meetings: list[Meeting] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"meetings": [m.model_dump(mode="json") for m in self.meetings],
                "people": [p.model_dump(mode="json") for p in self.people]}

    @classmethod
    def from_json(cls, data: dict) -> "ArticleRecords":
        return cls(meetings=[Meeting.model_validate(m) for m in data.get("meetings", [])],
                   people=[Person.model_validate(p) for p in data.get("people", [])])


def load_pipeline(model: str | None = None, resources: str | Path | None = None):
    """The spaCy pipeline `model` (default: the bundled English model) with the rule components appended,
    reading their word lists from the resource folder `resources` (default: the bundled one).

    Loaded once per model and resource content; raises UserError for a model that is not installed."""
    from pipeline.resources import RuleResources

    folder = str(Path(resources).resolve()) if resources else None
    return _load_pipeline(model, folder, RuleResources.load(folder).fingerprint)


@lru_cache(maxsize=4)
def _load_pipeline(model: str | None, resources: str | None, fingerprint: str):
    from pipeline.extract.components import add_rule_components
    from pipeline.nlp.model import load_model

    return add_rule_components(load_model(model), resources)


def statistical_only(nlp) -> AbstractContextManager:
    """`with statistical_only(nlp): nlp.pipe(...)` gives the parses that `extract_article` takes."""
    from pipeline.extract.components import RULE_COMPONENTS

    return nlp.select_pipes(disable=[name for name in RULE_COMPONENTS if name in nlp.pipe_names])


def extract_article(nlp, doc, article: Article) -> ArticleRecords:
    """Run the rule components over a parsed Doc of `article.text` and build the article's records.

    Raises pydantic.ValidationError when a record fails validation (the caller rejects the article).
    """
    from pipeline.extract.components import run_rules
    from pipeline.extract.records import meeting_records, person_records

    doc._.published = article.published
    doc._.title = article.title
    doc._.dateline = article.dateline
    run_rules(nlp, doc)
    people = person_records(article.id, article.text, doc._.people or [])
    meetings = meeting_records(article.id, article.text, doc._.meetings or [], people)
    return ArticleRecords(meetings=meetings, people=list(people.values()))


def rules_fingerprint(nlp) -> str:
    """A hash of the rule resources the pipeline's rule components use; part of every result-cache key."""
    from pipeline.extract.components import rule_resources

    return rule_resources(nlp).fingerprint
