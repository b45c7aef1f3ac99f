"""Fetched pages kept in the output folder, so that reading them again (after a rule change) requests nothing.

    OUT/raw/<key>.html   the body as served (after content decoding), for the URL whose hash is <key>
    OUT/raw/<key>.json   {url, final_url, content_type, charset, fetched, entry}: `entry` is what the feed said
                         of the page (title, published, author, feed title) when a feed led to it

Both are written atomically, the body first: a page is stored when its .json exists.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import safe_json
from pipeline.fetch.urls import url_key
from pipeline.write.jsonl import atomic_write_bytes

if TYPE_CHECKING:
    from pipeline.fetch.client import Response

RAW_DIR = "raw"


@dataclass(frozen=True)
class StoredPage:
    url: str
    body: bytes
    final_url: str | None = None
    content_type: str = ""
    charset: str | None = None
    entry: dict[str, str] = field(default_factory=dict)


class RawStore:
    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, url: str) -> StoredPage | None:
        """The stored page of `url`, or None when it was never fetched (or its files cannot be read)."""
        key = url_key(url)
        try:
            meta = safe_json.loads((self.folder / f"{key}.json").read_bytes())
            body = (self.folder / f"{key}.html").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return StoredPage(url=url, body=body, final_url=meta.get("final_url"),
                          content_type=meta.get("content_type", ""), charset=meta.get("charset"),
                          entry=meta.get("entry") or {})

    def put(self, response: "Response", entry: dict[str, str] | None = None) -> StoredPage:
        key = url_key(response.url)
        page = StoredPage(url=response.url, body=response.body, final_url=response.final_url,
                          content_type=response.content_type, charset=response.charset,
                          entry={k: v for k, v in (entry or {}).items() if v})
        meta = {"url": page.url, "final_url": page.final_url, "content_type": page.content_type,
                "charset": page.charset, "entry": page.entry,
                "fetched": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        atomic_write_bytes(self.folder / f"{key}.html", page.body, sync=False)
        atomic_write_bytes(self.folder / f"{key}.json", (safe_json.dumps(meta, indent=2) + "\n").encode("utf-8"),
                           sync=False)
        return page
