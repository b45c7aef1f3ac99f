"""Property-based tests (Hypothesis): any bytes into the readers and the cleaner give an article or a reject,
never an exception; the JSON Lines reader reads back what the writer wrote; long texts split losslessly."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_document
from pipeline.models import Article, Reject
from pipeline.nlp.chunks import split_text
from pipeline.read import RawDocument, iter_documents
from pipeline.stages.clean import clean_documents
from pipeline.write.jsonl import iter_jsonl, read_jsonl, render_jsonl

SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# bytes that are often text: UTF-8 of arbitrary text, markup and JSON punctuation, plus raw bytes
text_like = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["---\n", "title: x\n", "<p>", "</p>", '{"text": "', '"}', "\n", "\r\n", "[", "]",
                              "Minister ", "met ", "in Oslo", " on Monday.", "\x00", "\ufeff", "\u2028", "&amp;",
                              "# ", "**", "> ", "\\u00e9", "\xe9", "9" * 50]),
             max_size=40).map(lambda parts: "".join(parts).encode("utf-8", "surrogateescape")),
)


def read_bytes_as(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return list(iter_documents([path]))


@FAST
@given(data=text_like, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_read_give_documents_or_rejects(data, suffix):
    items = read_bytes_as(data, suffix)
    assert items
    for item in items:
        assert isinstance(item, (RawDocument, Reject))
        if isinstance(item, Reject):
            assert item.stage == "read" and item.reason and "\n" not in item.reason
        else:
            assert item.text.strip()


@FAST
@given(data=text_like, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_read_and_cleaned_give_articles_or_rejects(data, suffix):
    rejects: list[Reject] = []
    items = read_bytes_as(data, suffix)
    articles = list(clean_documents(items, rejects))
    assert all(isinstance(article, Article) for article in articles)
    assert len(articles) + len(rejects) == len(items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=600), title=st.none() | st.text(max_size=40), published=st.none() | st.text(max_size=30))
def test_the_cleaner_takes_any_text(text, title, published):
    cleaned = clean_document(text, title=title, published=published)
    assert isinstance(cleaned.text, str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@FAST
@given(rows=st.lists(st.dictionaries(st.text(max_size=10), json_values, max_size=5), max_size=8))
def test_jsonl_reads_back_what_it_wrote(rows):
    rows = [{**row, "id": str(n)} for n, row in enumerate(rows)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.jsonl"
        path.write_bytes(render_jsonl(rows))
        assert list(read_jsonl(path)) == json.loads(json.dumps(rows))


@FAST
@given(data=text_like)
def test_jsonl_reader_takes_any_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.jsonl"
        path.write_bytes(data)
        for line in iter_jsonl(path):
            assert (line.value is None) != (line.problem is None)
            assert line.problem is None or "\n" not in line.problem


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from("ab \n"), max_size=300), limit=st.integers(1, 40))
def test_split_text_is_lossless_and_bounded(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces) or text == ""
