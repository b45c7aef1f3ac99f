"""Shared fixtures: one loaded spaCy pipeline per session, a one-text extraction helper, a tiny ingest run."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable

import pytest
from helpers import write_inputs

from pipeline.models import Meeting, Person

ExtractFn = Callable[..., tuple[list[Person], list[Meeting]]]

# Statistical parses by text, kept for the life of the process (the rule stage is run afresh on each call): mutation
# testing re-runs the tests in forks of one process and so parses each text once.
_PARSES: dict[str, bytes] = {}


@pytest.fixture(autouse=True)
def rules_built_for_each_test_under_mutation_testing():
    """Under mutation testing (mutmut sets MUTANT_UNDER_TEST; "stats" while it records which tests run which rule)
    the meeting patterns and the merge's memoized name and organization keys are built afresh for each test. Built
    once per process, a rule would be recorded as run by one test only, and each mutant of it tried on that test
    alone."""
    if not os.environ.get("MUTANT_UNDER_TEST"):
        return
    from pipeline.extract import load_pipeline
    from pipeline.merge import people
    from pipeline.merge.names import name_rules
    from pipeline.merge.orgs import org_rules

    for memoized in (name_rules, org_rules, people.spelling_key, people._title_similarity):
        memoized.cache_clear()
    load_pipeline().get_pipe("convene_meetings")._rules = None


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy model with the rule components appended (loaded once per process)."""
    from pipeline.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp) -> ExtractFn:
    """`extract(text, published=None, dateline=None, title=None)` -> (people records, meeting records) for one
    article, as `ingest` builds them."""
    from spacy.tokens import Doc

    from pipeline.extract import extract_article, statistical_only
    from pipeline.models import Article

    def run(text: str, published: dt.date | str | None = None, dateline: str | None = None,
            title: str | None = None) -> tuple[list[Person], list[Meeting]]:
        if text not in _PARSES:
            with statistical_only(nlp):
                _PARSES[text] = nlp(text).to_bytes()
        doc = Doc(nlp.vocab).from_bytes(_PARSES[text])
        article = Article(id="a-test", source="test.txt", text=text, dateline=dateline, title=title,
                          published=dt.date.fromisoformat(published) if isinstance(published, str) else published)
        records = extract_article(nlp, doc, article)
        return sorted(records.people, key=lambda p: p.name), records.meetings

    return run


def person_named(people: list[Person], name: str) -> Person:
    """The one person record called `name` (fails the test with the names found otherwise)."""
    matches = [p for p in people if p.name == name]
    assert len(matches) == 1, f"expected one person {name!r}, found {[p.name for p in people]}"
    return matches[0]


SMALL_ARTICLES = {
    "harbour.txt": (
        "Harbour Ministers Agree on Shared Port Standards\n\n"
        "March 14, 2024\n\n"
        "Minister of Transport Elena Varga met with Deputy Minister of Maritime Affairs Tomas Lindqvist in "
        "Gdansk on Tuesday to discuss common standards for container ports.\n\n"
        "Varga said the two ministries would publish a joint plan before the summer.\n"
    ),
    "forest.md": (
        "---\ntitle: Forest Council Holds First Meeting\ndate: 2024-05-02\n---\n\n"
        "The inaugural meeting of the Northern Forest Council was held in Tromso on May 2, chaired by "
        "Dr. Ingrid Halvorsen, Director of Forestry, Ministry of Climate of Norway.\n"
    ),
}


@pytest.fixture
def ingested(tmp_path) -> Callable[..., Path]:
    """`ingested(files=SMALL_ARTICLES, name="out")` -> an output folder produced by `ingest` over a tmp input folder."""
    from pipeline.ingest import IngestConfig, ingest

    def run(files: dict[str, str | bytes] | None = None, name: str = "out", **config) -> Path:
        inputs = write_inputs(tmp_path / f"{name}-in", files if files is not None else SMALL_ARTICLES)
        out = tmp_path / name
        ingest([inputs], out, IngestConfig(**config), quiet=True)
        return out

    return run
