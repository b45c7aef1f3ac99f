"""HTTP GET for convene: timeouts, retries with backoff, redirects followed by hand (each hop asks robots.txt and
waits its turn for the host), a size limit counted while the body streams in, and one-line reasons for failures.

Built on urllib3 (connection pools, `Retry` with Retry-After). Every failure is a `FetchProblem` whose
`reason` goes into rejects.jsonl; `transient` tells a failure worth trying again later (a timeout, a dropped
connection, a 5xx) from one that is not (a 404, an image, a page over the size limit).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from pathlib import Path

import urllib3
from urllib3.exceptions import (ConnectTimeoutError, DecodeError, HTTPError, LocationValueError, MaxRetryError,
                                NameResolutionError, NewConnectionError, ProtocolError, ReadTimeoutError, SSLError)
from urllib3.util.retry import Retry

from pipeline.fetch.ratelimit import HostRateLimiter
from pipeline.fetch.robots import MAX_BYTES as ROBOTS_MAX_BYTES
from pipeline.fetch.robots import Robots, RobotsFile, RobotsRefusal
from pipeline.fetch.settings import MAX_WAIT, TOTAL_TIMEOUT_FACTOR, FetchSettings
from pipeline.fetch.urls import normalize_url, origin

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
NOT_FEED_PREFIXES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")
ACCEPT = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1",
}
_CHUNK = 64 * 1024


class FetchProblem(Exception):
    """Why a URL gave no usable response; `transient` when trying again later may succeed."""

    def __init__(self, reason: str, detail: str | None = None, *, transient: bool = False):
        super().__init__(reason)
        self.reason, self.detail, self.transient = reason, detail, transient


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int
    content_type: str = ""
    charset: str | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)


class _Backoff(Retry):
    """urllib3's Retry, waiting `backoff_factor` seconds before the first retry and twice as long each time after."""

    def get_backoff_time(self) -> float:
        tries = len(self.history)
        return 0.0 if tries == 0 else min(self.backoff_max, self.backoff_factor * 2 ** (tries - 1))


class Fetcher:
    """`fetcher.get(url, expect="html")` -> Response; raises FetchProblem. `requests` counts requests sent."""

    def __init__(self, settings: FetchSettings, max_bytes: int, robots_cache: Path | None = None):
        self.settings, self.max_bytes = settings, max_bytes
        self.pool = urllib3.PoolManager(num_pools=32)
        self.headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
        self.limiter = HostRateLimiter(settings.delay)
        self.robots = Robots(settings.user_agent, self._download_robots, robots_cache)
        self.requests = 0

    def close(self) -> None:
        self.pool.clear()

    def get(self, url: str, *, expect: str = "html", headers: dict[str, str] | None = None) -> Response:
        """The response to GET `url` after redirects: 2xx (body read, within the size limit) or 304."""
        current, hops = url, [url]
        for _ in range(self.settings.max_redirects + 1):
            try:
                self.robots.check(current)
            except RobotsRefusal as refusal:
                raise FetchProblem(refusal.reason, None if current == url else f"redirected to {current}",
                                   transient=refusal.transient) from None
            self.limiter.wait(origin(current), self.robots.crawl_delay(current))
            response = self._send(current, {"Accept": ACCEPT[expect], **(headers or {})})
            if response.status not in REDIRECT_STATUSES:
                return self._finish(url, current, response, expect, hops)
            target = _redirect_target(current, response)
            if target in hops:
                raise FetchProblem("redirect loop", " -> ".join([*hops, target]))
            hops.append(target)
            current = target
        raise FetchProblem(f"too many redirects (more than {self.settings.max_redirects})", " -> ".join(hops))

    def _send(self, url: str, headers: dict[str, str]) -> urllib3.BaseHTTPResponse:
        retry = _Backoff(total=self.settings.retries, redirect=False, status_forcelist=RETRY_STATUSES,
                         backoff_factor=self.settings.backoff, backoff_max=MAX_WAIT, retry_after_max=int(MAX_WAIT),
                         raise_on_status=False)
        timeout = urllib3.Timeout(connect=self.settings.timeout, read=self.settings.timeout)
        try:
            response = self.pool.request("GET", url, headers={**self.headers, **headers},
                                         retries=retry, timeout=timeout, preload_content=False, redirect=False)
        except MaxRetryError as exc:
            self.requests += self.settings.retries + 1
            raise _problem(exc.reason or exc, self.settings, tries=self.settings.retries + 1) from None
        except (HTTPError, LocationValueError) as exc:
            self.requests += 1
            raise _problem(exc, self.settings) from None
        self.requests += 1 + len(response.retries.history if response.retries else ())
        return response

    def _finish(self, url: str, final_url: str, response: urllib3.BaseHTTPResponse, expect: str,
                hops: list[str]) -> Response:
        complete = False
        try:
            status = response.status
            if status == 304:
                complete = True
                return Response(url, final_url, status, redirects=hops[1:])
            if not 200 <= status < 300 or status in (204, 205):
                tries = len(response.retries.history) + 1 if response.retries else 1
                raise FetchProblem(_status_text(status) + (f" after {tries} tries" if tries > 1 else ""),
                                   None if final_url == url else f"redirected to {final_url}",
                                   transient=status in RETRY_STATUSES)
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            _check_type(content_type, expect)
            body = self._body(response)
            complete = True
            return Response(url, final_url, status, content_type, charset, body, response.headers.get("ETag"),
                            response.headers.get("Last-Modified"), hops[1:])
        finally:
            if not complete:
                response.close()
            response.release_conn()

    def _body(self, response: urllib3.BaseHTTPResponse) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchProblem(f"page too large: {int(declared)} bytes > limit {self.max_bytes}")
        deadline = time.monotonic() + self.settings.timeout * TOTAL_TIMEOUT_FACTOR
        chunks, size = [], 0
        try:
            for chunk in response.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchProblem(f"page too large: over limit {self.max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchProblem(f"timed out: the response took over "
                                       f"{self.settings.timeout * TOTAL_TIMEOUT_FACTOR:g} s", transient=True)
                chunks.append(chunk)
        except (HTTPError, OSError) as exc:
            raise _problem(exc, self.settings) from None
        return b"".join(chunks)

    def _download_robots(self, url: str) -> RobotsFile:
        self.limiter.wait(origin(url))
        retry = _Backoff(total=self.settings.retries, redirect=5, status_forcelist=RETRY_STATUSES,
                         backoff_factor=self.settings.backoff, backoff_max=MAX_WAIT, retry_after_max=int(MAX_WAIT),
                         raise_on_status=False, raise_on_redirect=False)
        timeout = urllib3.Timeout(connect=self.settings.timeout, read=self.settings.timeout)
        try:
            self.requests += 1
            response = self.pool.request("GET", url, headers=self.headers, retries=retry, timeout=timeout,
                                         preload_content=False)
        except (HTTPError, LocationValueError) as exc:
            return _robots_problem(_problem(getattr(exc, "reason", None) or exc, self.settings,
                                            tries=self.settings.retries + 1 if isinstance(exc, MaxRetryError) else 1))
        try:
            data = response.read(ROBOTS_MAX_BYTES, decode_content=True) if response.status < 300 else b""
        except (HTTPError, OSError) as exc:
            return _robots_problem(_problem(exc, self.settings))
        finally:
            response.close()
            response.release_conn()
        return RobotsFile(response.status, data.decode("utf-8", "replace"))


def _robots_problem(problem: FetchProblem) -> RobotsFile:
    return RobotsFile(None, problem=problem.reason, transient=problem.transient)


def _redirect_target(current: str, response: urllib3.BaseHTTPResponse) -> str:
    location = response.headers.get("Location")
    response.close()
    response.release_conn()
    if not location:
        raise FetchProblem(f"{_status_text(response.status)} without a Location to go to")
    try:
        return normalize_url(location, base=current)
    except ValueError:
        raise FetchProblem("redirect to an address that cannot be fetched", location) from None


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _content_type(header: str) -> tuple[str, str | None]:
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return (message.get_content_type() if header.strip() else ""), (charset if isinstance(charset, str) else None)


def _check_type(content_type: str, expect: str) -> None:
    if expect == "html" and content_type and content_type not in HTML_TYPES:
        raise FetchProblem(f"not an HTML page: content type {content_type}")
    if expect == "feed" and content_type.startswith(NOT_FEED_PREFIXES):
        raise FetchProblem(f"not a feed: content type {content_type}")


def _problem(exc: BaseException, settings: FetchSettings, tries: int = 1) -> FetchProblem:
    """A one-line reason for an exception of urllib3 or the socket layer."""
    after = f" after {tries} tries" if tries > 1 else ""
    if isinstance(exc, NameResolutionError):
        return FetchProblem(f"host not found (DNS lookup failed){after}", str(exc)[:300], transient=True)
    if isinstance(exc, NewConnectionError):
        what = "connection refused" if "refused" in str(exc).lower() else "cannot connect"
        return FetchProblem(f"{what}{after}", str(exc)[:300], transient=True)
    if isinstance(exc, ConnectTimeoutError):
        return FetchProblem(f"timed out connecting ({settings.timeout:g} s){after}", transient=True)
    if isinstance(exc, ReadTimeoutError):
        return FetchProblem(f"timed out: no data for {settings.timeout:g} s{after}", transient=True)
    if isinstance(exc, SSLError):
        return FetchProblem("TLS error", str(exc)[:300])
    if isinstance(exc, DecodeError):
        return FetchProblem("response body cannot be decompressed", str(exc)[:300])
    if isinstance(exc, LocationValueError):
        return FetchProblem("not a URL that can be fetched", str(exc)[:300])
    if isinstance(exc, (ProtocolError, OSError)):
        return FetchProblem(f"connection dropped{after}", str(exc)[:300], transient=True)
    return FetchProblem(f"cannot fetch: {type(exc).__name__}{after}", str(exc)[:300] or None, transient=True)
