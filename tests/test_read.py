"""Tests of the readers (`pipeline.read`): formats, bad input, walking order, record sources, encodings."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import write_inputs

from pipeline.errors import UserError
from pipeline.models import Reject
from pipeline.read import RawDocument, iter_documents

ARTICLE = (
    "The foreign ministers of Norway and Sweden met in Oslo on Monday to discuss energy cooperation, "
    "the ministry said in a statement after the talks."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    return write_inputs(folder, {name: content}) / name


def read_all(*paths: Path, **options) -> list[RawDocument | Reject]:
    return list(iter_documents(list(paths), **options))


def read_one(path: Path, **options) -> RawDocument | Reject:
    (item,) = read_all(path, **options)
    return item


# --- plain text ---------------------------------------------------------------------------------------------------


def test_text_file_is_given_as_is(tmp_path):
    text = "Ministers meet in Oslo\n\nOSLO, Oct. 4 (Reuters) - " + ARTICLE + "\n"
    document = read_one(write(tmp_path, "note.txt", text))
    assert document == RawDocument(source="note.txt", text=text, format="txt")


def test_extension_is_case_insensitive_and_crlf_is_normalised(tmp_path):
    document = read_one(write(tmp_path, "NOTE.TXT", b"First line.\r\n\r\nSecond line.\r\n"))
    assert document.text == "First line.\n\nSecond line.\n"
    assert document.format == "txt"


# --- Markdown -----------------------------------------------------------------------------------------------------

PRESS_RELEASE_MD = """---
title: "Readout of the Ministers\u2019 Meeting"
date: '2021-10-04'
published_time: 2021-10-04 15:53:45-04:00
source_url: https://example.gov/briefing-room/readout
publisher: Example Ministry
id: 42
tags: statements
---

## Readout of the **Ministers\u2019** Meeting

The foreign ministers of *Norway* and **Sweden** met in
[Oslo](https://example.org/oslo) on Monday.

![A photo of the ministers](https://example.org/photo.jpg)

They agreed to:

- expand the power grid link;
- meet again in spring.

1. First numbered point.

```
fenced words stay
```

<div class="note"><p>Raw <strong>HTML</strong> words</p></div>

\\###
"""


def test_markdown_front_matter_and_body(tmp_path):
    document = read_one(write(tmp_path, "readout.md", PRESS_RELEASE_MD))
    assert document.title == "Readout of the Ministers\u2019 Meeting"
    assert document.published == "2021-10-04"
    assert document.url == "https://example.gov/briefing-room/readout"
    assert document.publisher == "Example Ministry"
    assert document.external_id == "42"
    assert document.format == "markdown"
    assert document.text == (
        "Readout of the Ministers\u2019 Meeting\n\n"
        "The foreign ministers of Norway and Sweden met in Oslo on Monday.\n\n"
        "They agreed to:\n\n"
        "expand the power grid link;\n\n"
        "meet again in spring.\n\n"
        "First numbered point.\n\n"
        "fenced words stay\n\n"
        "Raw HTML words"
    )


def test_markdown_date_is_kept_as_written(tmp_path):
    source = "---\npublished_time: 2021-10-04 15:53:45-04:00\n---\n" + ARTICLE
    assert read_one(write(tmp_path, "a.markdown", source)).published == "2021-10-04 15:53:45-04:00"


def test_markdown_end_mark_after_text_and_leftover_asterisks_are_removed(tmp_path):
    source = "Talks ended on Friday. \\###\n\n\\*\\*Please see the correction below.\n\nClosing words **\n\n#\n"
    document = read_one(write(tmp_path, "a.md", source))
    assert document.text == "Talks ended on Friday.\n\nPlease see the correction below.\n\nClosing words"


def test_markdown_hard_break_and_html_table(tmp_path):
    source = (
        "Jane Doe  \nMinister of Energy\n\n"
        "<table>\n<tr>\n<td><strong>Oslo</strong></td>\n<td></td>\n<td>302,000</td>\n</tr>\n"
        "<tr>\n<td>Bergen</td>\n<td>1,000</td>\n</tr>\n</table>\n"
    )
    document = read_one(write(tmp_path, "a.md", source))
    assert document.text == "Jane Doe\nMinister of Energy\n\nOslo 302,000\n\nBergen 1,000"


def test_markdown_invalid_front_matter_is_rejected(tmp_path):
    reject = read_one(write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nBody text.\n"))
    assert isinstance(reject, Reject)
    assert reject.stage == "read"
    assert reject.reason.startswith("invalid YAML front matter (line ")


def test_markdown_with_only_front_matter_is_rejected(tmp_path):
    reject = read_one(write(tmp_path, "bare.md", "---\ntitle: Nothing here\n---\n\n\\###\n"))
    assert isinstance(reject, Reject)
    assert reject.reason == "no body text"


# --- HTML ---------------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<title>Ministers meet in Oslo | Example News</title>
<meta property="og:title" content="Ministers meet in Oslo">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-10-04T15:53:45-04:00">
<link rel="canonical" href="https://example.org/news/ministers-meet">
<script>var tracking = "do not keep";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li></ul></nav>
<article>
<p>OSLO \u2014 The foreign ministers of Norway and Sweden met on Monday to discuss energy cooperation,
the ministry said in a statement.</p>
<p>The meeting, held at the Government Quarter, was the first of its kind since 2019. Officials said both
sides agreed to continue talks next spring.</p>
</article>
<footer>Copyright 2021 Example News. All rights reserved.</footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    document = read_one(write(tmp_path, "page.HTM", PAGE))
    assert document.format == "html"
    assert document.title == "Ministers meet in Oslo"
    assert document.published == "2021-10-04T15:53:45-04:00"
    assert document.url == "https://example.org/news/ministers-meet"
    assert document.publisher == "Example News"
    assert document.text == (
        "OSLO \u2014 The foreign ministers of Norway and Sweden met on Monday to discuss energy cooperation, "
        "the ministry said in a statement.\n\n"
        "The meeting, held at the Government Quarter, was the first of its kind since 2019. Officials said both "
        "sides agreed to continue talks next spring."
    )
    for boilerplate in ("tracking", "Home", "World news section", "Copyright"):
        assert boilerplate not in document.text


def test_html_title_falls_back_to_title_element_and_date_to_meta_name(tmp_path):
    page = PAGE.replace('<meta property="og:title" content="Ministers meet in Oslo">', "").replace(
        'property="article:published_time" content="2021-10-04T15:53:45-04:00"', 'name="date" content="2021-10-04"'
    )
    document = read_one(write(tmp_path, "page.html", page))
    assert document.title == "Ministers meet in Oslo | Example News"
    assert document.published == "2021-10-04"


def test_html_without_main_text_is_rejected(tmp_path):
    reject = read_one(write(tmp_path, "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    assert isinstance(reject, Reject)
    assert reject.reason == "no main text found in HTML"


# --- JSON and JSON Lines ------------------------------------------------------------------------------------------


def test_json_news_please_record(tmp_path):
    record = {
        "title": "Ministers meet in Oslo",
        "maintext": "First paragraph of the story.\nSecond paragraph of the story.",
        "date_publish": "2021-10-04 15:53:45",
        "url": "https://example.org/a",
        "source_domain": "example.org",
    }
    document = read_one(write(tmp_path, "story.json", json.dumps(record)))
    assert document == RawDocument(
        source="story.json",
        text="First paragraph of the story.\nSecond paragraph of the story.",
        title="Ministers meet in Oslo",
        published="2021-10-04 15:53:45",
        url="https://example.org/a",
        publisher="example.org",
        format="json",
    )


def test_json_list_gives_numbered_sources(tmp_path):
    records = [
        {"headline": "One", "body": ARTICLE, "guid": "g-1", "pubDate": "Mon, 04 Oct 2021 10:00:00 GMT"},
        "not an object",
        {"title": "No text here"},
    ]
    items = read_all(write(tmp_path, "feed.json", json.dumps(records)))
    assert [item.source for item in items] == ["feed.json#1", "feed.json#2", "feed.json#3"]
    first, second, third = items
    assert (first.title, first.external_id, first.published) == ("One", "g-1", "Mon, 04 Oct 2021 10:00:00 GMT")
    assert isinstance(second, Reject) and second.reason == "record is a string, not a JSON object"
    assert isinstance(third, Reject) and third.reason == "record has no text"


def test_jsonl_bad_line_is_rejected_and_other_lines_read(tmp_path):
    lines = [
        json.dumps({"text": ARTICLE, "sitename": "Example News", "id": 7}),
        "",
        '{"text": "broken',
        json.dumps({"content": "Second article text.", "link": "https://example.org/b"}),
        json.dumps({"text": "   "}),
        "[1, 2]",
    ]
    items = read_all(write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n"))
    assert [item.source for item in items] == [f"batch.jsonl#{n}" for n in (1, 3, 4, 5, 6)]
    assert isinstance(items[0], RawDocument)
    assert (items[0].publisher, items[0].external_id, items[0].format) == ("Example News", "7", "jsonl")
    assert isinstance(items[1], Reject) and items[1].reason.startswith("invalid JSON: Unterminated string")
    assert "(column 10)" in items[1].reason
    assert items[2].url == "https://example.org/b"
    assert isinstance(items[3], Reject) and items[3].reason == "whitespace-only text"
    assert isinstance(items[4], Reject) and items[4].reason == "record is a list, not a JSON object"


def test_invalid_json_reason_gives_line_and_column(tmp_path):
    reject = read_one(write(tmp_path, "bad.json", '{\n  "text": "a",\n  oops\n}'))
    assert isinstance(reject, Reject)
    assert reject.source == "bad.json"
    assert reject.reason == "invalid JSON: Expecting property name enclosed in double quotes (line 3, column 3)"


def test_json_scalar_and_empty_list_are_rejected(tmp_path):
    assert read_one(write(tmp_path, "n.json", "3")).reason == "JSON is a number, not an article object or a list of them"
    assert read_one(write(tmp_path, "e.json", "[]")).reason == "JSON list has no records"


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "whitespace-only text"),
        ("bom-only.txt", b"\xef\xbb\xbf \n", "whitespace-only text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary file"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type .xlsx"),
        ("LICENSE", b"Some licence words.", "unsupported file type (no extension)"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, content, reason):
    reject = read_one(write(tmp_path, name, content))
    assert isinstance(reject, Reject)
    assert (reject.source, reject.stage, reject.reason) == (name, "read", reason)


def test_file_over_the_size_limit_is_rejected(tmp_path):
    reject = read_one(write(tmp_path, "big.txt", "x" * 101), max_bytes=100)
    assert reject.reason == "file too large: 101 bytes > limit 100"
    assert isinstance(read_one(tmp_path / "big.txt", max_bytes=101), RawDocument)


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", ARTICLE)
    real_open = os.open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    reject = read_one(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "cannot read: Permission denied"


def test_missing_path_raises_before_anything_is_yielded(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    with pytest.raises(UserError, match="^no such file or folder: .*missing$"):
        iter_documents([tmp_path / "a.txt", tmp_path / "missing"])


# --- walking ------------------------------------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_sorted_order_hidden_entries_rejected(tmp_path):
    corpus = tmp_path / "corpus"
    for name in ("b.txt", "a/z.txt", "a/b/c.md", "a.txt", ".hidden.txt", ".cache/x.txt", "c/.git/y.txt", "c/d.txt"):
        write(corpus, name, ARTICLE)
    sources = [item.source for item in read_all(corpus)]
    assert sources == [".cache", ".hidden.txt", "a/b/c.md", "a/z.txt", "a.txt", "b.txt", "c/.git", "c/d.txt"]
    rejects = {item.source: item.reason for item in read_all(corpus) if isinstance(item, Reject)}
    assert rejects == {".cache": "hidden folder (names starting with '.' are not read)",
                       ".hidden.txt": "hidden file (names starting with '.' are not read)",
                       "c/.git": "hidden folder (names starting with '.' are not read)"}


def test_sources_are_relative_to_the_common_folder_of_the_inputs(tmp_path):
    write(tmp_path / "a", "x.txt", ARTICLE)
    write(tmp_path / "b", "x.txt", ARTICLE + " Again.")
    write(tmp_path / "a", "y.txt", ARTICLE + " Once more.")
    assert [item.source for item in read_all(tmp_path / "a" / "x.txt", tmp_path / "b")] == ["a/x.txt", "b/x.txt"]
    assert [item.source for item in read_all(tmp_path / "a")] == ["x.txt", "y.txt"]
    assert [item.source for item in read_all(tmp_path / "a" / "y.txt")] == ["y.txt"]


def test_a_file_given_twice_is_read_once(tmp_path):
    path = write(tmp_path, "x.txt", ARTICLE)
    assert [item.source for item in read_all(tmp_path, path)] == ["x.txt"]


def test_a_folder_that_holds_convene_output_is_not_read(tmp_path):
    write(tmp_path / "in", "story.txt", ARTICLE)
    (tmp_path / "in" / "old-run" / ".convene").mkdir(parents=True)
    write(tmp_path / "in" / "old-run", "articles.jsonl", json.dumps({"text": ARTICLE}) + "\n")
    items = read_all(tmp_path / "in")
    assert [(item.source, type(item).__name__) for item in items] == [("old-run", "Reject"), ("story.txt", "RawDocument")]
    assert items[0].reason == "convene output folder, not read as input"


def test_the_folder_being_written_is_never_walked(tmp_path):
    write(tmp_path / "in", "story.txt", ARTICLE)
    write(tmp_path / "in" / "out", "notes.txt", ARTICLE)
    items = list(iter_documents([tmp_path / "in"], skip=[tmp_path / "in" / "out"]))
    assert [item.source for item in items] == ["story.txt"]


def test_file_name_that_is_not_utf8_is_kept_losslessly(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    write(tmp_path, name, ARTICLE)
    (document,) = read_all(tmp_path)
    assert document.source == "caf\udce9.txt"
    assert os.fsencode(document.source) == b"caf\xe9.txt"


def test_a_file_that_vanishes_after_listing_is_rejected(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    items = iter(iter_documents([tmp_path]))
    assert next(items).source == "a.txt"
    (tmp_path / "b.txt").unlink()
    reject = next(items)
    assert (reject.source, reject.reason) == ("b.txt", "cannot read: No such file or directory")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    reject = read_one(tmp_path / "pipe.txt")
    assert reject.reason == "not a regular file"


def test_every_file_gives_something(tmp_path):
    write(tmp_path, "good.md", ARTICLE)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "data.csv", "a,b\n")
    write(tmp_path, "records.jsonl", json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    sources = [item.source for item in read_all(tmp_path)]
    assert sources == ["data.csv", "empty.txt", "good.md", "records.jsonl#1", "records.jsonl#2"]


# --- encodings ----------------------------------------------------------------------------------------------------


def test_utf8_bom_is_stripped_and_encoding_left_unset(tmp_path):
    document = read_one(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + "Caf\u00e9 talks.".encode()))
    assert (document.text, document.encoding) == ("Caf\u00e9 talks.", None)


def test_cp1252_text_is_detected(tmp_path):
    text = "The minister\u2019s \u201ccaf\u00e9\u201d meeting \u2014 a r\u00e9sum\u00e9 of the talks, he said."
    document = read_one(write(tmp_path, "legacy.txt", text.encode("cp1252")))
    assert document.text == text
    assert document.encoding == "cp1252"


def test_shift_jis_text_is_detected(tmp_path):
    text = "\u6771\u4eac\u3067\u9996\u8133\u4f1a\u8b70\u304c\u958b\u304b\u308c\u307e\u3057\u305f\u3002" * 3
    document = read_one(write(tmp_path, "japanese.txt", text.encode("shift_jis")))
    assert document.text == text
    assert document.encoding in {"shift_jis", "cp932"}


def test_utf16_with_bom_is_decoded(tmp_path):
    document = read_one(write(tmp_path, "wide.txt", "Talks in Oslo.".encode("utf-16")))
    assert (document.text, document.encoding) == ("Talks in Oslo.", "utf-16")


def test_legacy_encoding_in_json_record(tmp_path):
    content = json.dumps({"text": "Ministers met at the caf\u00e9 \u201cNord\u201d."}, ensure_ascii=False)
    document = read_one(write(tmp_path, "legacy.json", content.encode("cp1252")))
    assert document.text == "Ministers met at the caf\u00e9 \u201cNord\u201d."
    assert document.encoding == "cp1252"


def test_html_declared_charset_is_used_for_legacy_bytes(tmp_path):
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("Sweden", "Sw\u00e9den")
    document = read_one(write(tmp_path, "legacy.html", page.encode("cp1252")))
    assert document.encoding == "cp1252"
    assert "Sw\u00e9den met on Monday" in document.text


def test_utf8_with_a_stray_byte_is_read_as_utf8_and_the_error_counted(tmp_path):
    data = "Talks in Z\u00fcrich and M\u00fcnchen ended.".encode() + b" \xff" + " Gr\u00fc\u00dfe.".encode()
    document = read_one(write(tmp_path, "stray.txt", data))
    assert document.text == "Talks in Z\u00fcrich and M\u00fcnchen ended. \ufffd Gr\u00fc\u00dfe."
    assert (document.encoding, document.encoding_errors) == (None, 1)


def test_mostly_bad_bytes_are_still_detected_as_a_legacy_encoding(tmp_path):
    text = "Caf\u00e9 owners met the mayor: \u201cr\u00e9sum\u00e9\u201d, na\u00efve."
    document = read_one(write(tmp_path, "legacy.txt", text.encode("cp1252")))
    assert (document.text, document.encoding, document.encoding_errors) == (text, "cp1252", 0)


@pytest.mark.parametrize(("content", "reason"), [
    ('{"text": "' + ARTICLE + '", "n": ' + "9" * 5000 + "}", "JSON not accepted: number longer than 100 characters"),
    ("[" * 100_000 + "]" * 100_000, "JSON not accepted: nested deeper than 100 levels"),
    ('{"text": "a", "x": ' + "[" * 101 + "]" * 101 + "}", "JSON not accepted: nested deeper than 100 levels"),
    ('{"text": "' + ARTICLE + '", "n": NaN}', "JSON not accepted: NaN is not a JSON number"),
])
def test_json_beyond_the_limits_is_rejected(tmp_path, content, reason):
    reject = read_one(write(tmp_path, "big.json", content))
    assert isinstance(reject, Reject) and reject.reason == reason
    line = read_one(write(tmp_path, "big.jsonl", content + "\n"))
    assert (line.source, line.reason) == ("big.jsonl#1", reason)


def test_json_within_the_limits_is_read(tmp_path):
    content = json.dumps({"text": ARTICLE, "n": int("9" * 100), "deep": json.loads("[" * 90 + "]" * 90)})
    assert read_one(write(tmp_path, "ok.json", content)).text == ARTICLE


def test_lone_surrogate_escapes_in_json_text_become_replacement_characters(tmp_path):
    document = read_one(write(tmp_path, "s.json", '{"text": "Oslo talks \\ud800 ended.", "title": "T\\udfff"}'))
    assert (document.text, document.title, document.encoding_errors) == ("Oslo talks \ufffd ended.", "T\ufffd", 2)


def test_deeply_nested_front_matter_never_raises_and_is_no_title(tmp_path):
    item = read_one(write(tmp_path, "deep.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + ARTICLE))
    assert isinstance(item, Reject) or (item.text == ARTICLE and item.title is None)


def test_a_reader_failure_is_a_reject_for_that_file_only(tmp_path, monkeypatch):
    from pipeline.read import iterate

    def broken(text, source, encoding):
        raise RuntimeError("reader bug")

    monkeypatch.setitem(iterate.READERS, ".md", broken)
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    items = read_all(tmp_path)
    assert (items[0].source, items[0].reason, items[0].detail) == ("a.md", "reader failed: RuntimeError", "reader bug")
    assert isinstance(items[1], RawDocument)
