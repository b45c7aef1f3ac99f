"""RSS and Atom feeds: parsed with feedparser, and what convene remembers of each between polls.

A feed's state is its validators (ETag, Last-Modified) for a conditional request, and one line per entry met:
the entry's key (its id, or its link when it has none), its URL, and what came of it. `stored`: the page is
in OUT/raw/ (and so in articles.jsonl or rejects.jsonl); `failed`: it cannot be had (a 404, not HTML, too
large, ...); `retry`: it failed in a way that may pass (a timeout, a 5xx), so the next poll tries again, up
to `MAX_TRIES` times. Entries dropped from the feed stay remembered, so one that comes back is not new.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.errors import UserError
from pipeline.fetch.urls import normalize_url
from pipeline.read.document import ReadProblem

MAX_TRIES = 5
STORED, FAILED, RETRY = "stored", "failed", "retry"


@dataclass
class EntryState:
    url: str | None
    status: str
    tries: int = 1
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    entries: dict[str, EntryState] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object) -> "FeedState":
        if not isinstance(data, dict):
            return cls()
        entries = {}
        for key, value in (data.get("entries") or {}).items():
            if isinstance(value, dict) and value.get("status") in (STORED, FAILED, RETRY):
                entries[key] = EntryState(url=value.get("url"), status=value["status"],
                                          tries=int(value.get("tries", 1)), meta=value.get("meta") or {})
        return cls(etag=data.get("etag"), last_modified=data.get("last_modified"), title=data.get("title"),
                   entries=entries)

    def to_json(self) -> dict:
        entries = {}
        for key, entry in self.entries.items():
            value = asdict(entry)
            if entry.status != RETRY:
                del value["meta"], value["tries"]
            entries[key] = value
        return {"etag": self.etag, "last_modified": self.last_modified, "title": self.title, "entries": entries}

    def validators(self) -> dict[str, str]:
        """The headers of a conditional request for this feed."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class FeedEntry:
    key: str
    url: str | None
    meta: dict[str, str]


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    warning: str | None = None


def parse_feed(body: bytes, feed_url: str, content_type: str = "") -> ParsedFeed:
    """The entries of an RSS or Atom document, links made absolute. Raises ReadProblem when it is no feed."""
    import feedparser

    headers = {"content-location": feed_url, **({"content-type": content_type} if content_type else {})}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)):
        problem = None  # a feed served as text/plain, or in another encoding than it declares, reads fine
    if not parsed.entries and (problem is not None or not parsed.get("version")):
        detail = f"{type(problem).__name__}: {problem}"[:300] if problem is not None else None
        raise ReadProblem("malformed feed" if parsed.get("version") else "not an RSS or Atom feed", detail)
    title = _text(parsed.feed.get("title"))
    entries = [_entry(item, feed_url, title) for item in parsed.entries]
    warning = f"feed is not well-formed ({type(problem).__name__}); read what could be parsed" if problem else None
    return ParsedFeed(title, entries, warning)


def _entry(item, feed_url: str, feed_title: str | None) -> FeedEntry:
    url = None
    link = _text(item.get("link"))
    if link:
        try:
            url = normalize_url(link, base=feed_url)
        except ValueError:
            url = None
    meta = {"title": _text(item.get("title")), "published": _text(item.get("published") or item.get("updated")),
            "author": _text(item.get("author")), "id": _text(item.get("id")), "feed_title": feed_title}
    return FeedEntry(key=_text(item.get("id")) or url or _content_key(item), url=url,
                     meta={k: v for k, v in meta.items() if v})


def _content_key(item) -> str:
    """The key of an entry with neither id nor link: a hash of what it says."""
    said = [_text(item.get(name)) or "" for name in ("title", "summary", "published", "updated")]
    return "content:" + hashlib.sha1("\x00".join(said).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs listed in a text file, one a line (blank lines and lines starting with # skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UserError(f"--feeds: no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"--feeds: cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    feeds = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        try:
            feeds.append(normalize_url(text))
        except ValueError as exc:
            raise UserError(f"--feeds {path} line {number}: {exc}") from None
    return feeds
