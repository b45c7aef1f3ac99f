"""Politeness: at least a given time between the starts of two requests to one host."""
from __future__ import annotations

import time
from collections.abc import Callable


class HostRateLimiter:
    """`limiter.wait(host)` before each request; sleeps until `interval` seconds (or the host's own, longer
    delay) have passed since the previous request to that host."""

    def __init__(self, interval: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, host_delay: float | None = None) -> None:
        gap = max(self.interval, host_delay or 0.0)
        last = self._last.get(host)
        now = self.clock()
        if last is not None and now - last < gap:
            self.sleep(gap - (now - last))
            now = self.clock()
        self._last[host] = now
