"""Bytes to text: UTF-8 first, then a detected legacy encoding; binary data is refused.

A file that is UTF-8 but for a few stray bytes (at least as many well-formed non-ASCII characters as bad
sequences) is read as UTF-8 with U+FFFD for each bad sequence, and the count is reported, rather than
re-decoded whole as a legacy charset (which would turn every "ü" into "Ã¼").
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from pipeline.read.document import ReadProblem

_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MULTIBYTE_PREFIXES = ("utf", "cp93", "cp94", "cp95", "shift", "euc", "gb", "big5", "iso2022", "hz", "johab")
_WESTERN_PUNCTUATION = set("\u00a0’‘“”„‚–—…•€™«»‹›°§©®£¥¢¶·×÷±¼½¾¹²³ªº¡¿†‡ˆ˜‰")
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str | None = None
    errors: int = 0


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """The text of `data`; `encoding` is None for UTF-8. Raises ReadProblem("binary file") for non-text.

    `declared` (e.g. an HTML meta charset) is tried before detection when the bytes are not UTF-8.
    """
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            return Decoded(_checked(_decode_or_binary(data, name)), name)
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ReadProblem("binary file", "contains NUL bytes")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return Decoded(_checked(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    if declared and codecs.lookup(declared).name != "utf-8" and _decodes(data, declared):
        return Decoded(_checked(data.decode(declared)), codecs.lookup(declared).name)
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    encoding = _detect_legacy_encoding(data)
    return Decoded(_checked(data.decode(encoding)), encoding)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with replacement characters, when well-formed non-ASCII characters are at least as many as bad bytes."""
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    errors = replaced - data.count("\ufffd".encode())
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if 0 < errors <= well_formed:
        return Decoded(_checked(text), None, errors)
    return None


def declared_html_charset(data: bytes) -> str | None:
    """The charset named by a `<meta charset>` or `http-equiv` tag near the start of an HTML page, if known."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _decode_or_binary(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadProblem("binary file", f"not valid {encoding}: {exc.reason}") from None


def _detect_legacy_encoding(data: bytes) -> str:
    """Detect with charset-normalizer; prefer cp1252 when a single-byte guess reads as plain Western text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess and guess.startswith(_MULTIBYTE_PREFIXES):
        return guess
    if _reads_as_western(data):
        return "cp1252"
    if guess is None:
        raise ReadProblem("binary file", "not valid UTF-8 and no text encoding detected")
    return guess


def _reads_as_western(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return all(
        ch.isascii() or ch in _WESTERN_PUNCTUATION or (unicodedata.category(ch).startswith("L") and ch <= "\u017f")
        for ch in text
    )


def _checked(text: str) -> str:
    """Refuse text that is mostly control characters (binary data that happened to decode)."""
    if text:
        controls = len(_CONTROL_CHARACTER.findall(text))
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise ReadProblem("binary file", f"{controls} control characters in {len(text)}")
    return text
