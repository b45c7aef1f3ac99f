"""HTML pages to main text with trafilatura (imported only when an HTML file is read)."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from pipeline.read.document import RawDocument, ReadProblem

_TITLE_META = ("og:title", "twitter:title")
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "publication_date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date",
)
_URL_META = ("og:url",)
_PUBLISHER_META = ("og:site_name", "publisher")
_AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
_BLOCK_TAGS = ("head", "p", "item", "quote", "code", "row", "cell", "list", "table")
_BYLINE = re.compile(r"^by\s+", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


def read_html(text: str, source: str, encoding: str | None) -> RawDocument:
    """Main text (boilerplate dropped) and metadata from meta tags, falling back to trafilatura's metadata."""
    import trafilatura

    try:
        tree = lxml_html.document_fromstring(text)
    except (ValueError, etree.ParserError) as exc:
        raise ReadProblem("cannot parse HTML", str(exc)) from None
    meta = _meta_tags(tree)
    title = _first(meta, _TITLE_META) or _title_element(tree)
    published = _first(meta, _DATE_META) or _time_element(tree)
    url = _canonical(tree) or _first(meta, _URL_META)
    extracted = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True)
    paragraphs = _paragraphs(extracted.body) if extracted is not None and extracted.body is not None else []
    if not paragraphs:
        raise ReadProblem("no main text found in HTML")
    return RawDocument(
        source=source,
        text="\n\n".join(paragraphs),
        title=title or extracted.title or None,
        published=published or extracted.date or None,
        url=url or extracted.url or None,
        publisher=_first(meta, _PUBLISHER_META) or extracted.sitename or None,
        author=_author(meta) or extracted.author or None,
        encoding=encoding,
        format="html",
    )


def _meta_tags(tree) -> dict[str, str]:
    """Lower-cased meta names/properties/itemprops to their first non-empty content."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = _clean(element.get("content") or "")
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def _first(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((meta[name] for name in names if name in meta), None)


def _author(meta: dict[str, str]) -> str | None:
    """The first author meta tag that names a person (`article:author` is often a profile URL instead)."""
    found = next((meta[name] for name in _AUTHOR_META if name in meta and "://" not in meta[name]), None)
    return _BYLINE.sub("", found) or None if found else None


def _title_element(tree) -> str | None:
    element = tree.find(".//title")
    return _clean(element.text_content()) or None if element is not None else None


def _time_element(tree) -> str | None:
    for element in tree.iter("time"):
        if element.get("itemprop", "").lower() == "datepublished" or element.get("pubdate") is not None:
            return _clean(element.get("datetime") or element.text_content()) or None
    return None


def _canonical(tree) -> str | None:
    for element in tree.iter("link"):
        if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
            return element.get("href").strip()
    return None


def _paragraphs(body) -> list[str]:
    """One paragraph per innermost block of trafilatura's XML body (a table row: its cells on one line)."""
    paragraphs = []
    for element in body.iter(*_BLOCK_TAGS):
        if any(ancestor.tag == "row" for ancestor in element.iterancestors()):
            continue
        if element.tag == "row":
            text = " ".join(_block_text(cell).replace("\n", " ") for cell in element.iter("cell"))
        elif any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue
        else:
            text = _block_text(element)
        if text:
            paragraphs.append(text)
    return paragraphs


def _block_text(element) -> str:
    """Text of an element and its descendants; `<lb/>` becomes a line break."""
    parts: list[str] = []

    def visit(node) -> None:
        parts.append("\n" if node.tag == "lb" else node.text or "")
        for child in node:
            visit(child)
            parts.append(child.tail or "")

    visit(element)
    lines = (_clean(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value: str) -> str:
    return _SPACES.sub(" ", value).strip()
