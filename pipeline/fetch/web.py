"""The web inputs of one ingest: pages named by URL and the new entries of feeds, as documents or rejects.

A page is read from OUT/raw/ when it was fetched before (or with `refetch`, fetched again), else fetched and
kept there. A feed is polled with a conditional request; its entries whose key or URL is already known are
skipped, the others fetched. With `offline` nothing is requested: URLs come from OUT/raw/ only, and a feed
gives again every entry stored for it (to re-read them after a cleaning rule changed).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from pipeline.fetch.feeds import FAILED, MAX_TRIES, RETRY, STORED, EntryState, FeedEntry, FeedState, parse_feed
from pipeline.fetch.pages import page_document
from pipeline.fetch.settings import FetchSettings
from pipeline.fetch.store import RAW_DIR, RawStore, StoredPage
from pipeline.models import Reject
from pipeline.read.document import RawDocument, ReadProblem

if TYPE_CHECKING:  # the HTTP client (urllib3) is imported only when something is fetched
    from pipeline.fetch.client import Fetcher, Response

ROBOTS_CACHE = Path(".cache") / "robots"


@dataclass
class _Outcome:
    items: list[RawDocument | Reject]
    status: str


class WebDocuments:
    """Iterating gives one RawDocument per page or a Reject (stage "read") with the reason. After iterating:
    `files` lists the sources read (URLs, and each feed polled), `feed_states()` gives the states to commit,
    `fetched` and `from_raw` count pages, `requests` the HTTP requests sent, `notices` what the user should know."""

    def __init__(self, urls: Iterable[str], feeds: Iterable[str], *, out_dir: Path, previous_feeds: dict | None,
                 known_urls: Iterable[str], settings: FetchSettings, max_bytes: int):
        self.urls, self.feed_urls = list(urls), list(feeds)
        self.out_dir, self.settings, self.max_bytes = out_dir, settings, max_bytes
        self.store = RawStore(out_dir / RAW_DIR)
        self.feeds = {url: FeedState.from_json(state) for url, state in (previous_feeds or {}).items()}
        self.known = set(known_urls)
        for state in self.feeds.values():
            self.known.update(e.url for e in state.entries.values() if e.url and e.status != RETRY)
        self.files: list[str] = []
        self._outcomes: dict[str, str] = {}
        self.notices: list[str] = []
        self.fetched = self.from_raw = 0
        self._fetcher: "Fetcher | None" = None

    @property
    def requests(self) -> int:
        return self._fetcher.requests if self._fetcher else 0

    def feed_states(self) -> dict:
        return {url: state.to_json() for url, state in sorted(self.feeds.items())}

    def __iter__(self) -> Iterator[RawDocument | Reject]:
        try:
            for url in self.urls:
                yield from self._page(url, refetch=self.settings.refetch).items
            for url in self.feed_urls:
                yield from self._feed(url)
        finally:
            if self._fetcher is not None:
                self._fetcher.close()

    @property
    def fetcher(self) -> "Fetcher":
        from pipeline.fetch.client import Fetcher

        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings, self.max_bytes, self.out_dir / ROBOTS_CACHE)
        return self._fetcher

    def _page(self, url: str, *, refetch: bool = False, entry: dict[str, str] | None = None,
              page: StoredPage | None = None) -> _Outcome:
        """The document of the page at `url` (stored, or fetched and stored), and the entry status it earns."""
        if url in self._outcomes:
            return _Outcome([], self._outcomes[url])
        self.files.append(url)
        outcome = self._read_or_fetch(url, refetch, entry, page)
        self._outcomes[url] = outcome.status
        return outcome

    def _read_or_fetch(self, url: str, refetch: bool, entry: dict[str, str] | None,
                       page: StoredPage | None) -> _Outcome:
        from pipeline.fetch.client import FetchProblem

        page = page or (None if refetch else self.store.get(url))
        if page is not None:
            self.from_raw += 1
        elif self.settings.offline:
            return _Outcome([_reject(url, "not fetched yet, and --offline makes no request")], RETRY)
        else:
            try:
                page = self.store.put(self.fetcher.get(url, expect="html"), entry)
            except FetchProblem as problem:
                return _Outcome([_reject(url, problem.reason, problem.detail)], RETRY if problem.transient else FAILED)
            self.fetched += 1
        return _Outcome([_read(page)], STORED)

    def _feed(self, url: str) -> Iterator[RawDocument | Reject]:
        from pipeline.fetch.client import FetchProblem

        state = self.feeds.setdefault(url, FeedState())
        if self.settings.offline:
            if not state.entries:
                self.notices.append(f"{url}: no entry fetched yet; --offline reads nothing from this feed")
                del self.feeds[url]
                return
            for entry in state.entries.values():
                page = self.store.get(entry.url) if entry.status == STORED and entry.url else None
                if page is not None:
                    yield from self._page(entry.url, page=page).items
            return
        self.files.append(url)
        try:
            response = self.fetcher.get(url, expect="feed", headers=state.validators())
            entries = self._entries(url, response, state)
        except (FetchProblem, ReadProblem) as problem:
            yield _reject(url, f"feed: {problem.reason}", problem.detail)
            entries = []
        retries = [FeedEntry(key, e.url, e.meta) for key, e in state.entries.items() if e.status == RETRY]
        listed = {entry.key for entry in entries}
        for entry in entries + [e for e in retries if e.key not in listed]:
            yield from self._entry(url, state, entry)

    def _entries(self, url: str, response: "Response", state: FeedState) -> list[FeedEntry]:
        if response.status == 304:
            return []
        parsed = parse_feed(response.body, url, response.content_type)
        if parsed.warning:
            self.notices.append(f"{url}: {parsed.warning}")
        state.etag, state.last_modified = response.etag, response.last_modified
        state.title = parsed.title or state.title
        return parsed.entries

    def _entry(self, feed_url: str, state: FeedState, entry: FeedEntry) -> Iterator[RawDocument | Reject]:
        key = entry.key
        known = state.entries.get(key)
        if known is not None and known.status != RETRY:
            return
        if entry.url is None:
            state.entries[key] = EntryState(url=None, status=FAILED)
            yield _reject(f"{feed_url}#entry={quote(key, safe='')}", "feed entry has no link to a page")
            return
        if entry.url in self.known and entry.url not in self._outcomes:
            state.entries[key] = EntryState(url=entry.url, status=STORED)
            return
        outcome = self._page(entry.url, entry=entry.meta)
        tries = (known.tries + 1) if known is not None else 1
        status = FAILED if outcome.status == RETRY and tries >= MAX_TRIES else outcome.status
        state.entries[key] = EntryState(url=entry.url, status=status, tries=tries,
                                        meta=entry.meta if status == RETRY else {})
        yield from outcome.items


def _read(page: StoredPage) -> RawDocument | Reject:
    """The page's document; any problem, even the reader's own failure, is a reject for the page."""
    try:
        return page_document(page)
    except ReadProblem as problem:
        return _reject(page.url, problem.reason, problem.detail)
    except Exception as exc:  # a reader bug or a pathological page must not stop the run
        return _reject(page.url, f"reader failed: {type(exc).__name__}", str(exc)[:300] or None)


def _reject(source: str, reason: str, detail: str | None = None) -> Reject:
    return Reject(source=source, stage="read", reason=reason, detail=detail)
