"""Texts longer than the model's limit are parsed in paragraph-aligned pieces, offsets kept."""
from __future__ import annotations

import pytest
from helpers import write_inputs

from pipeline.extract import statistical_only
from pipeline.ingest import IngestConfig, ingest
from pipeline.nlp.chunks import join_docs, split_text
from pipeline.write import read_jsonl

PARAGRAPH = ("Minister of Energy Karin Aalto met with Minister of Industry Piotr Zielinski in Helsinki on Monday "
             "to sign a pact on cross-border power lines. The two ministers agreed to meet again in the spring.")


@pytest.mark.parametrize("text, limit, pieces", [
    ("aaaa\n\nbbbb\n\ncccc", 8, ["aaaa\n\n", "bbbb\n\n", "cccc"]),
    ("aa bb\ncc dd ee", 7, ["aa bb\n", "cc dd ", "ee"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("short", 10, ["short"]),
])
def test_split_text_cuts_after_the_strongest_break_in_the_window(text, limit, pieces):
    assert split_text(text, limit) == pieces


def test_pieces_add_up_to_the_text_and_none_is_too_long():
    text = ("word " * 37 + "\n" + "x" * 53 + "\n\n") * 40
    for limit in (1, 7, 64, 500):
        pieces = split_text(text, limit)
        assert "".join(pieces) == text
        assert max(map(len, pieces)) <= limit


def test_joined_docs_keep_the_offsets_of_the_whole_text(nlp):
    text = "\n\n".join([PARAGRAPH] * 6)
    with statistical_only(nlp):
        docs = list(nlp.pipe(split_text(text, 450)))
    doc = join_docs(docs, text)
    assert doc.text == text
    assert [(e.start_char, e.text) for e in doc.ents if e.text == "Helsinki"] == [
        (i * (len(PARAGRAPH) + 2) + PARAGRAPH.index("Helsinki"), "Helsinki") for i in range(6)]


def test_a_text_over_the_model_limit_is_ingested_in_pieces(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 800)
    text = "Grid Pact Signed\n\nJune 4, 2024\n\n" + "\n\n".join([PARAGRAPH] * 20) + "\n"
    assert len(text) > 4 * nlp.max_length
    inputs = write_inputs(tmp_path / "in", {"long.txt": text})
    summary = ingest([inputs], tmp_path / "out", IngestConfig())
    assert (summary.rejects, summary.parsed) == (0, 1)
    (article,) = read_jsonl(tmp_path / "out" / "articles.jsonl")
    people = list(read_jsonl(tmp_path / "out" / "people.jsonl"))
    assert {"Karin Aalto", "Piotr Zielinski"} <= {person["name"] for person in people}
    spans = [span for person in people for source in person["sources"] for span in source["evidence"]]
    assert spans and all(article["text"][span["start"]:span["end"]] == span["text"] for span in spans)
    assert max(span["start"] for span in spans) > 3 * nlp.max_length
