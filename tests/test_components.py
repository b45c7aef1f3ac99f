"""The rule components as spaCy components: saved with `nlp.to_disk` together with their resources."""
from __future__ import annotations

import datetime as dt
import shutil
from importlib.metadata import entry_points

import spacy

from pipeline.extract import extract_article, load_pipeline, rules_fingerprint, statistical_only
from pipeline.extract.components import RULE_COMPONENTS
from pipeline.models import Article
from pipeline.resources import BUNDLED

TALKS = ("Trade ministers meet in Oslo\n\nMay 6, 2024\n\n"
         "Minister of Trade Datuk Aziz Rahman met with Minister of Trade Karl Olsen in Oslo on Monday. "
         "The two ministers agreed to cut tariffs on fish feed.\n")


def records(nlp, text: str = TALKS):
    with statistical_only(nlp):
        doc = nlp(text)
    article = Article(id="a-test", source="talks.txt", text=text, published=dt.date(2024, 5, 6))
    found = extract_article(nlp, doc, article)
    spans = {group: [(s.start_char, s.end_char) for s in doc.spans[group]] for group in ("people", "meetings")}
    return found.to_json(), spans


def test_a_saved_pipeline_carries_its_resources_and_extracts_the_same_records(tmp_path, nlp):
    edited = tmp_path / "rules"
    shutil.copytree(BUNDLED, edited, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    honorifics = edited / "honorifics.txt"
    honorifics.write_text("".join(line for line in honorifics.read_text(encoding="utf-8").splitlines(keepends=True)
                                  if line.strip() != "Datuk"), encoding="utf-8")
    built = load_pipeline(resources=edited)
    built.to_disk(tmp_path / "saved")
    shutil.rmtree(edited)

    loaded = spacy.load(tmp_path / "saved")

    expected, expected_spans = records(built)
    assert records(loaded) == (expected, expected_spans)
    assert rules_fingerprint(loaded) == rules_fingerprint(built) != rules_fingerprint(nlp)
    honorifics = {p["name"]: p["honorifics"] for p in expected["people"]}
    assert honorifics["Aziz Rahman"] == [], "the edited honorifics travel with the saved pipeline"
    assert {p["name"]: p["honorifics"] for p in records(nlp)[0]["people"]}["Aziz Rahman"] == ["Datuk"]
    assert expected["meetings"] and expected_spans["meetings"]


def test_spacy_finds_the_rule_components_by_name():
    assert set(RULE_COMPONENTS) <= {e.name for e in entry_points(group="spacy_factories")}
