"""robots.txt (RFC 9309) asked before every request, with the standard library's parser.

Each origin's file is fetched once and kept in OUT/.cache/robots/ for `MAX_AGE` seconds. A 4xx answer means
no rules (everything allowed); a 5xx answer or no answer means "unreachable": nothing is fetched from that
origin in this run, and nothing is kept, so the next run asks again.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.robotparser import RobotFileParser

from pipeline import safe_json
from pipeline.fetch.urls import origin, url_key
from pipeline.write.jsonl import atomic_write_bytes

MAX_AGE = 24 * 3600
MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 60.0


@dataclass(frozen=True)
class RobotsFile:
    """What `/robots.txt` answered: an HTTP status and its text, or `status` None and the reason it could
    not be had (`transient`: it may be had later)."""

    status: int | None
    text: str = ""
    problem: str | None = None
    transient: bool = True


class RobotsRefusal(Exception):
    """A URL that may not be fetched; `reason` says why (a rule, or robots.txt itself unreachable)."""

    def __init__(self, reason: str, *, transient: bool):
        super().__init__(reason)
        self.reason, self.transient = reason, transient


class Robots:
    """`robots.allowed(url)` and `robots.crawl_delay(url)` for a user agent; `download(url)` gets a RobotsFile."""

    def __init__(self, user_agent: str, download: Callable[[str], RobotsFile], cache_dir: Path | None,
                 clock: Callable[[], float] = time.time):
        self.agent = user_agent.split("/")[0].strip() or user_agent
        self.download, self.cache_dir, self.clock = download, cache_dir, clock
        self._rules: dict[str, tuple[RobotFileParser | None, RobotsFile]] = {}

    def check(self, url: str) -> None:
        """Raises RobotsRefusal unless `url` may be fetched."""
        rules, unreachable = self._for(origin(url))
        if rules is None:
            raise RobotsRefusal(unreachable.problem if unreachable.status is None else
                                f"robots.txt unavailable (HTTP {unreachable.status}); not fetched",
                                transient=unreachable.transient)
        if not rules.can_fetch(self.agent, url):
            raise RobotsRefusal("disallowed by robots.txt", transient=False)

    def crawl_delay(self, url: str) -> float | None:
        rules, _ = self._for(origin(url))
        delay = rules.crawl_delay(self.agent) if rules is not None else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay is not None else None

    def _for(self, site: str) -> tuple[RobotFileParser | None, RobotsFile]:
        if site not in self._rules:
            answer = self._cached(site)
            if answer is None:
                answer = self.download(f"{site}/robots.txt")
                if answer.status is not None and answer.status < 500:
                    self._keep(site, answer)
            usable = answer.status is not None and answer.status < 500
            self._rules[site] = (_parse(answer) if usable else None, answer)
        return self._rules[site]

    def _path(self, site: str) -> Path | None:
        return self.cache_dir / f"{url_key(site)}.json" if self.cache_dir else None

    def _cached(self, site: str) -> RobotsFile | None:
        path = self._path(site)
        try:
            data = safe_json.loads(path.read_bytes()) if path else None
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("site") != site or self.clock() - data.get("fetched", 0) > MAX_AGE:
            return None
        return RobotsFile(status=data.get("status"), text=data.get("text", ""))

    def _keep(self, site: str, answer: RobotsFile) -> None:
        path = self._path(site)
        if path is not None:
            record = {"site": site, "status": answer.status, "text": answer.text, "fetched": int(self.clock())}
            atomic_write_bytes(path, safe_json.dumps(record).encode("utf-8"), sync=False)


def _parse(answer: RobotsFile) -> RobotFileParser:
    rules = RobotFileParser()
    if answer.status is not None and 200 <= answer.status < 300:
        rules.parse(answer.text.splitlines())
    else:
        rules.allow_all = True
        rules.modified()
    return rules
