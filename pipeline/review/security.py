"""The review app's guard, as ASGI middleware: Host, token, Origin, body size and time, and security headers.

Reads are refused when the Host header names anything but an IP address or `localhost` (DNS rebinding), and
any address that is not loopback unless the app serves other machines. Writes (any method but GET and HEAD)
also need the session token in `X-Convene-Token`, an `Origin` (when the browser sends one) equal to the app's
own, and a body of at most `max_body` bytes that arrives within `body_timeout` seconds.
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import re
from typing import Any, Awaitable, Callable

TOKEN_HEADER = "x-convene-token"
CONTENT_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
]
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback IP addresses (IPv4 and IPv6, with or without brackets)."""
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host of a Host header value, without port and brackets: `[::1]:8765` -> `::1`."""
    header = header.strip()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def json_depth_within(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when no array or object in the JSON text `body` nests deeper than `limit`."""
    depth = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub(b'""', body)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        if depth > limit:
            return False
    return True


class Guard:
    """ASGI middleware in front of the review app (see the module docstring)."""

    def __init__(self, app: Callable, *, token: str, writable: bool, remote: bool, max_body: int = 1_000_000,
                 body_timeout: float = 10.0) -> None:
        self.app = app
        self.token = token.encode()
        self.writable = writable
        self.remote = remote
        self.max_body = max_body
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        host = headers.get("host", "")
        if not self._host_allowed(host):
            return await _refuse(send, 403, "unexpected Host header")
        send = _with_security_headers(send)
        if scope["method"] in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        if not self.writable:
            return await _refuse(send, 403, "read-only: this review app was started without --allow-remote-write")
        given = headers.get(TOKEN_HEADER, "").encode()
        if not hmac.compare_digest(given, self.token):
            return await _refuse(send, 403, "missing or wrong session token")
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"http://{host}".lower():
            return await _refuse(send, 403, "request from another origin")
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            return await _refuse(send, 400, "bad Content-Length")
        if length > self.max_body or length < 0:
            return await _refuse(send, 413, "request body too large")
        try:
            body = await asyncio.wait_for(self._read_body(receive), timeout=self.body_timeout)
        except asyncio.TimeoutError:
            return await _refuse(send, 408, "request body not received in time")
        except _TooLarge:
            return await _refuse(send, 413, "request body too large")
        except _Disconnected:
            return None
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    def _host_allowed(self, host: str) -> bool:
        name = host_name(host)
        if name.lower() == "localhost":
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            return False
        return self.remote or address.is_loopback

    async def _read_body(self, receive: Receive) -> bytes:
        chunks = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)


class _TooLarge(Exception):
    pass


class _Disconnected(Exception):
    pass


def _with_security_headers(send: Send) -> Send:
    async def wrapped(message: dict) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
            message = {**message, "headers": list(message.get("headers", [])) + extra}
        await send(message)
    return wrapped


async def _refuse(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error}).encode()
    await _with_security_headers(send)({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close")],
    })
    await send({"type": "http.response.body", "body": body})
