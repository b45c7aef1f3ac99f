"""A stored page to a RawDocument: decoded (HTTP charset, then the page's meta charset, then detection) and read
by the HTML reader; the URL is its `source` and `url`, and what a feed said of it fills what the page leaves out."""
from __future__ import annotations

import codecs
import dataclasses
from urllib.parse import urlsplit

from pipeline.fetch.store import StoredPage
from pipeline.read.decoding import declared_html_charset, decode_bytes
from pipeline.read.document import RawDocument, ReadProblem


def page_document(page: StoredPage) -> RawDocument:
    """Raises ReadProblem for a page that is no text (an image served as HTML) or has no main text."""
    from pipeline.read.html_reader import read_html

    if not page.body.strip():
        raise ReadProblem("empty page")
    decoded = decode_bytes(page.body, _known(page.charset) or declared_html_charset(page.body))
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadProblem("whitespace-only page")
    document = read_html(text, page.url, decoded.encoding)
    entry = page.entry
    return dataclasses.replace(
        document,
        url=page.url,
        title=document.title or entry.get("title"),
        published=document.published or entry.get("published"),
        author=document.author or entry.get("author"),
        publisher=document.publisher or entry.get("feed_title") or urlsplit(page.url).hostname,
        external_id=document.external_id or entry.get("id"),
        encoding_errors=decoded.errors,
    )


def _known(charset: str | None) -> str | None:
    try:
        return codecs.lookup(charset).name if charset else None
    except LookupError:
        return None
