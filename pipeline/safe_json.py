"""JSON with limits: untrusted input parsed within bounds, and the one canonical form of every file written.

`loads` refuses nesting deeper than `MAX_DEPTH`, numbers longer than `MAX_NUMBER_CHARS` and the non-standard
constants NaN and Infinity, raising `JSONLimitError` (a `ValueError`) rather than `RecursionError` or Python's
integer-string limit. `dumps` gives sorted keys and no spaces, UTF-8 as is, except for two kinds of character
written as `\\uXXXX` escapes (the value reads back unchanged):

* a lone surrogate (how Python keeps a file-name byte that is not valid UTF-8), which UTF-8 cannot encode;
* U+0085, U+2028 and U+2029, which `str.splitlines()` takes for line ends: a reader that splits a JSON Lines
  file that way still gets one record a line.
"""
from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 100
MAX_NUMBER_CHARS = 100

_ESCAPED = re.compile("[\ud800-\udfff\u0085\u2028\u2029]")


class JSONLimitError(ValueError):
    """JSON that is well formed but beyond what convene reads."""


def _parse_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONLimitError(f"number longer than {MAX_NUMBER_CHARS} characters")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONLimitError(f"number longer than {MAX_NUMBER_CHARS} characters")
    return float(text)


def _refuse_constant(name: str) -> Any:
    raise JSONLimitError(f"{name} is not a JSON number")


def loads(text: str | bytes) -> Any:
    """Parse JSON text within the limits above; raises `json.JSONDecodeError` or `JSONLimitError` (both ValueError)."""
    try:
        value = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant)
    except RecursionError:
        raise JSONLimitError(f"nested deeper than {MAX_DEPTH} levels") from None
    if isinstance(value, (list, dict)) and depth(value) > MAX_DEPTH:
        raise JSONLimitError(f"nested deeper than {MAX_DEPTH} levels")
    return value


def depth(value: Any) -> int:
    """Nesting depth of parsed JSON (a scalar is 0, `[]` is 1), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, (list, dict)))
    return deepest


def dumps(value: Any, indent: int | None = None) -> str:
    """The canonical JSON of `value`: sorted keys, compact (or indented), non-ASCII kept, lone surrogates escaped."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=separators, indent=indent)
    return _ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
