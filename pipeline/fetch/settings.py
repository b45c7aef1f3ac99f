"""How convene fetches from the web: one frozen object, part of `IngestConfig`."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline import __version__

USER_AGENT = f"convene/{__version__} (news meeting extractor; reads robots.txt)"


@dataclass(frozen=True)
class FetchSettings:
    """`timeout`: seconds to wait to connect or for the next data; a whole response must arrive within
    `TOTAL_TIMEOUT_FACTOR` times as long. `retries`: further tries after a timeout, a dropped connection, or
    HTTP 408, 429, 500, 502, 503, 504 (waiting `backoff`, then twice as long each time, or what Retry-After
    asks up to `MAX_WAIT` seconds). `delay`: seconds between two requests to one host (a longer robots.txt
    Crawl-delay wins). `offline`: make no request; pages come only from OUT/raw/. `refetch`: fetch the URLs
    named again even when OUT/raw/ holds them.
    """

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    delay: float = 1.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    offline: bool = False
    refetch: bool = False


TOTAL_TIMEOUT_FACTOR = 6
MAX_WAIT = 60.0
