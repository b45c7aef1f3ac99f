"""Newswire furniture: the dateline that opens a story and the agency sign-off that closes it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.resources import RuleResources

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}(?=,\s*{_MONTH}))"
    rf"(?P<region>,\s*(?!{_MONTH}\s*\d)[A-Z][A-Za-z .]+?)?"
    rf"(?:\s*\((?P<paren>[^()\n]{{2,40}})\))?"
    rf"(?:,?\s*(?P<date>{_MONTH}\s*\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?"
    rf"(?:\s*\((?P<agency>[^()\n]{{2,30}})\))?"
    r"\s*(?:[:—–]|-{1,2})\s+"
)
_SIGNOFF = re.compile(r"(?<=[.!?\"”’)])\s*(?:[-—–]{1,2}\s*(?P<dash>[A-Za-z][A-Za-z ]{1,24}?)|\((?P<paren>[A-Za-z ]{2,24})\)"
                      r"|(?<=\S)\s(?P<bare>[A-Za-z]{2,24}))\s*$")


@dataclass(frozen=True)
class Dateline:
    text: str
    place: str
    date_text: str | None
    agency: str | None
    end: int


def _agency_name(candidate: str | None, rules: RuleResources) -> str | None:
    if not candidate:
        return None
    return rules.agencies.get(candidate.strip().lower())


def find_dateline(paragraph: str, rules: RuleResources) -> Dateline | None:
    """The dateline at the start of a story's first paragraph ("FUKUSHIMA (Japan):", "NEW DELHI, March 3 (Reuters) -")."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place")
    paren = match.group("paren")
    agency = _agency_name(match.group("agency"), rules) or _agency_name(paren, rules)
    if place.isupper() is False and not (match.group("date") or agency):
        return None
    if len(place) < 3 or place in {"THE", "NOTE"}:
        return None
    text = place + (match.group("region") or "")
    if paren and not _agency_name(paren, rules):
        text += f" ({paren.strip()})"
    if match.group("date"):
        text += f", {match.group('date')}"
    return Dateline(text=text, place=place, date_text=match.group("date"), agency=agency, end=match.end())


def strip_signoff(text: str, rules: RuleResources) -> tuple[str, str | None]:
    """Remove a closing agency credit ("... Malaysia. - Bernama", "(AFP)", a last line "Reuter") and return
    (text, agency)."""
    body, _, last_line = text.rpartition("\n")
    if body and _agency_name(last_line, rules):
        return body.rstrip(), _agency_name(last_line, rules)
    match = _SIGNOFF.search(text)
    if not match:
        return text, None
    agency = _agency_name(match.group("dash") or match.group("paren") or match.group("bare"), rules)
    if not agency:
        return text, None
    return text[: match.start()].rstrip(), agency
