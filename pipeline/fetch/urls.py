"""Web addresses as inputs: telling them from paths, one spelling per address, and the key each is kept under."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from pipeline.errors import UserError

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE = "/%:@!$&'()*+,;=-._~?"


def is_url(value: str | Path) -> bool:
    """True for anything written as `scheme://...` (only http and https are fetched; others are an error)."""
    return isinstance(value, str) and "://" in value


def normalize_url(value: str, base: str | None = None) -> str:
    """`value` (relative to `base`, if given) with the scheme and host in lower case, no default port, no
    fragment, and characters a URL cannot hold percent-encoded. Raises ValueError for what cannot be fetched."""
    text = urljoin(base, value.strip()) if base else value.strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError(f"not an http or https URL: {value}")
    host = parts.hostname
    if not host:
        raise ValueError(f"URL has no host: {value}")
    port = parts.port
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    if parts.username is not None:
        netloc = parts.netloc.rpartition("@")[0] + "@" + netloc
    return urlunsplit((scheme, netloc, quote(parts.path or "/", safe=_SAFE), quote(parts.query, safe=_SAFE), ""))


def split_inputs(paths: Sequence[str | Path]) -> tuple[list[str], list[str | Path]]:
    """(URLs, normalized and in order, without repeats; local paths). A URL that cannot be fetched is a UserError."""
    urls: list[str] = []
    local: list[str | Path] = []
    for value in paths:
        if is_url(value):
            url = checked_url(str(value))
            if url not in urls:
                urls.append(url)
        else:
            local.append(value)
    return urls, local


def checked_url(value: str, what: str = "URL") -> str:
    try:
        return normalize_url(value)
    except ValueError as exc:
        raise UserError(f"{what}: {exc}") from None


def url_key(url: str) -> str:
    """The name a URL's page is kept under: a hash of the normalized URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


def origin(url: str) -> str:
    """`scheme://host[:port]`, the unit robots.txt rules and the rate limit apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
