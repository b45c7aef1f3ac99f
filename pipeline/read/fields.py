"""Metadata field names used by common article formats, and turning their values into strings."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

FRONT_MATTER_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "published": ("date", "published_time", "published"),
    "url": ("source_url", "url"),
    "publisher": ("publisher", "source"),
    "external_id": ("id",),
}

RECORD_TEXT_FIELDS = ("text", "maintext", "body", "content", "raw_text")
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "published": ("date", "date_publish", "published", "published_time", "pubDate", "date_published"),
    "url": ("url", "source_url", "link"),
    "publisher": ("source_domain", "publisher", "sitename", "source"),
    "external_id": ("id", "guid", "external_id"),
}


def pick_metadata(record: Mapping[str, Any], fields: Mapping[str, Sequence[str]]) -> dict[str, str | None]:
    """For each target field, the first non-empty value among its candidate names, as a string."""
    return {target: first_value(record, names) for target, names in fields.items()}


def first_value(record: Mapping[str, Any], names: Sequence[str]) -> str | None:
    for name in names:
        value = as_text(record.get(name))
        if value:
            return value
    return None


def as_text(value: Any) -> str | None:
    """A scalar metadata value as a stripped string; None for empty values, booleans and containers."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None
