"""Markdown with optional YAML front matter to plain text paragraphs."""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.read.document import RawDocument, ReadProblem
from pipeline.read.fields import FRONT_MATTER_FIELDS, pick_metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
_HASH_ONLY_LINE = re.compile(r"^[ \t]*\\?#+[ \t]*$", re.MULTILINE)
_TRAILING_END_MARK = re.compile(r"(?<=\S)[ \t]+\\?#{3,}[ \t]*$", re.MULTILINE)
_LEFTOVER_MARKUP = re.compile(r"\*{2,}|\]\((?:https?://|mailto:|/)[^)\s]*\)")
_HTML_COMMENT_OR_SCRIPT = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HTML_BREAK_TAG = re.compile(
    r"</?(?:p|div|br|tr|li|ul|ol|h[1-6]|table|thead|tbody|tfoot|figure|figcaption|blockquote|section|article|hr)\b[^>]*>",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"<[^>]*>")
_RAW_EMPHASIS = re.compile(r"\*+(?=\w)|(?<=[\w.,:;!?)])\*+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_HAS_WORD = re.compile(r"\w")


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML loader that keeps dates as the strings written (no timestamp conversion)."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable("table")
    parser.core.ruler.disable("text_join")
    parser.inline.ruler2.disable("fragments_join")
    return parser


def read_markdown(text: str, source: str, encoding: str | None) -> RawDocument:
    """Split off front matter, convert the body to plain text, and map the metadata fields."""
    metadata, body = split_front_matter(text)
    plain = markdown_to_text(body)
    if not plain:
        raise ReadProblem("no body text" if metadata else "whitespace-only text")
    return RawDocument(source=source, text=plain, encoding=encoding, format="markdown",
                       **pick_metadata(metadata, FRONT_MATTER_FIELDS))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (front matter mapping, body). Raises ReadProblem for front matter that is not valid YAML."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2}, column {mark.column + 1})" if mark else ""
        raise ReadProblem(f"invalid YAML front matter{where}", str(exc).splitlines()[0]) from None
    return (data if isinstance(data, dict) else {}), text[match.end():]


def markdown_to_text(body: str) -> str:
    """Plain words of a Markdown body: one paragraph per block, separated by a blank line."""
    body = _TRAILING_END_MARK.sub("", _HASH_ONLY_LINE.sub("", body))
    paragraphs: list[str] = []
    row: list[str] | None = None
    for token in _parser().parse(body):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            paragraphs.append(" ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            rendered = _render_inline(token.children or [])
            if row is not None:
                row.append(_tidy(rendered).replace("\n", " "))
            else:
                paragraphs.append(rendered)
        elif token.type in ("fence", "code_block"):
            paragraphs.extend(_soft_wrapped(token.content))
        elif token.type == "html_block":
            paragraphs.extend(_soft_wrapped(_html_to_text(token.content)))
    kept = (_tidy(_LEFTOVER_MARKUP.sub("", paragraph)) for paragraph in paragraphs)
    return "\n\n".join(paragraph for paragraph in kept if _HAS_WORD.search(paragraph))


def _render_inline(children: list[Token]) -> str:
    """Text of inline tokens; a text token of only asterisks is an unmatched emphasis delimiter and is dropped."""
    parts: list[str] = []
    for child in children:
        if child.type == "text" and child.content.strip("*"):
            parts.append(child.content)
        elif child.type in ("text_special", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline" and re.match(r"<br\b", child.content, re.IGNORECASE):
            parts.append("\n")
    return "".join(parts)


def _html_to_text(fragment: str) -> str:
    """Words of a raw HTML block: tags and comments dropped, block tags become paragraph breaks."""
    fragment = re.sub(r"\s+", " ", _HTML_COMMENT_OR_SCRIPT.sub("", fragment))
    fragment = _HTML_BREAK_TAG.sub("\n\n", fragment)
    fragment = re.sub(r"</t[dh]\s*>", " ", fragment, flags=re.IGNORECASE)
    fragment = _HTML_TAG.sub("", fragment)
    return _RAW_EMPHASIS.sub("", html.unescape(fragment))


def _soft_wrapped(block: str) -> list[str]:
    """Paragraphs of raw text: blank lines separate paragraphs, other line breaks become spaces."""
    return [" ".join(chunk.split("\n")) for chunk in re.split(r"\n[ \t]*\n", block)]


def _tidy(paragraph: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in paragraph.split("\n"))
    return "\n".join(line for line in lines if line)
