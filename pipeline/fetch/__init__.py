"""Reading from the web: pages by URL and the new entries of RSS and Atom feeds, fetched politely and kept.

`WebDocuments` is what `ingest` reads: one `RawDocument` per page or a `Reject` with the reason, like the
file readers. Below it: `urls` (one spelling per address), `client` (HTTP with timeouts, retries, redirects,
size limit), `robots` and `ratelimit` (politeness), `store` (the fetched bytes kept in OUT/raw/), `pages`
(stored page to document), `feeds` (feed parsing and per-feed state).
"""
from pipeline.fetch.settings import FetchSettings
from pipeline.fetch.urls import is_url, normalize_url, split_inputs
from pipeline.fetch.web import WebDocuments

__all__ = ["FetchSettings", "WebDocuments", "is_url", "normalize_url", "split_inputs"]
