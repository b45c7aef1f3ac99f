"""Cleaning: raw document text in, the clean text that every evidence offset points into, plus title, date, dateline."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.clean.newswire import find_dateline, strip_signoff
from pipeline.clean.normalize import normalize_unicode
from pipeline.clean.wrap import mark_indented_paragraphs, unwrap
from pipeline.dates import find_dates, parse_date_line
from pipeline.resources import RuleResources

__all__ = ["CleanedDocument", "clean_document", "normalize_unicode"]

_BREADCRUMB_HOME = re.compile(r"^(?:\d{1,2}[.)]\s*)?(?:home|top|top page|ホーム)$", re.IGNORECASE)
_BREADCRUMB_ITEM = re.compile(r"^\d{1,2}[.)]\s*\S")
_BREADCRUMB_TRAIL = re.compile(r"^(?:home|top)\s*[>»/›|].*$", re.IGNORECASE)
_TRAILING_STAMP = re.compile(r"\s*\(([^()]{6,30})\)\s*$")
_HEADLINE_END = re.compile(r"[.;,:]$")


@dataclass(frozen=True)
class CleanedDocument:
    text: str
    title: str | None
    published: dt.date | None
    dateline: str | None
    dateline_date_text: str | None
    agency: str | None


@lru_cache(maxsize=8)
def _boilerplate(rules: RuleResources) -> tuple[frozenset[str], re.Pattern[str] | None]:
    plain, patterns = set(), []
    for entry in rules.boilerplate:
        if entry.startswith("re:"):
            patterns.append(f"(?:{entry[3:]})")
        else:
            plain.add(entry.lower())
    regex = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
    return frozenset(plain), regex


def is_boilerplate(line: str, rules: RuleResources | None = None) -> bool:
    plain, regex = _boilerplate(rules or RuleResources.bundled())
    stripped = line.strip().rstrip(":").strip()
    return stripped.lower() in plain or bool(regex and regex.fullmatch(stripped))


def _drop_breadcrumbs(lines: list[str]) -> list[str]:
    """Remove a navigation trail at the top: "1. Home / 2. News Releases / ..." or "Home > News > ..."."""
    start = next((i for i, line in enumerate(lines) if line), None)
    if start is None:
        return lines
    if _BREADCRUMB_TRAIL.match(lines[start]):
        return lines[:start] + lines[start + 1 :]
    if not _BREADCRUMB_HOME.match(lines[start]):
        return lines
    end = start + 1
    while end < len(lines) and lines[end] and _BREADCRUMB_ITEM.match(lines[end]):
        end += 1
    return lines[:start] + lines[end:]


def _drop_footer(lines: list[str], rules: RuleResources) -> list[str]:
    """Cut the page footer ("Division in Charge", "Contact", "Related Links") when it stands in the last third."""
    markers = rules.footer_markers
    content = [i for i, line in enumerate(lines) if line]
    if len(content) < 3:
        return lines
    cutoff = content[len(content) * 2 // 3]
    for i in content:
        if i >= cutoff and lines[i].rstrip(":").strip().lower() in markers:
            return lines[:i]
    return lines


def _split_date_line(line: str) -> dt.date | None:
    """The date of a line that is only a date, perhaps with a short label ("2023年11月22日 WorldWide")."""
    if len(line) > 60:
        return None
    date = parse_date_line(line)
    if date:
        return date
    words = line.split()
    for cut in range(len(words) - 1, 0, -1):
        if len(words) - cut > 3:
            break
        date = parse_date_line(" ".join(words[:cut]))
        if date:
            return date
    return None


def _reads_as_headline(line: str, stands_alone: bool) -> bool:
    """A headline: a short first line with no closing punctuation, in title case or standing as its own paragraph."""
    words = line.split()
    if not 3 <= len(words) <= 30 or _HEADLINE_END.search(line) or not line[:1].isupper():
        return False
    capitalized = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return stands_alone or capitalized >= len(words) / 2


def _local_date(dateline_date: str, published: dt.date) -> dt.date:
    """The story's own day from its dateline ("March 3") wins over a timestamp a day or two off (a UTC time)."""
    found = find_dates(dateline_date, published)
    local = found[0].start_date if found else None
    return local if local and abs((local - published).days) <= 2 else published


def clean_document(raw_text: str, *, title: str | None = None, published: str | None = None,
                   detect_title: bool = True, rules: RuleResources | None = None) -> CleanedDocument:
    """Clean one document. `title`/`published` come from metadata and win over what the text shows;
    `rules` gives the boilerplate, footer and agency word lists (default: the bundled resources)."""
    rules = rules or RuleResources.bundled()
    lines = normalize_unicode(mark_indented_paragraphs(raw_text)).split("\n")
    lines = _drop_breadcrumbs(lines)
    lines = ["" if is_boilerplate(line, rules) else line for line in lines]
    lines = _drop_footer(lines, rules)

    published_date = parse_date_line(published) if published else None
    meta_title = normalize_unicode(title).replace("\n", " ") if title else None
    found_title = None
    kept: list[str] = []
    for n, line in enumerate(lines):
        if not line:
            kept.append(line)
            continue
        if not any(kept_line for kept_line in kept):
            if meta_title and line.lower() == meta_title.lower():
                continue
            stands_alone = n + 1 >= len(lines) or not lines[n + 1]
            if detect_title and not meta_title and found_title is None and _reads_as_headline(line, stands_alone):
                found_title = line
                continue
        if len(line) <= 60:
            line_date = _split_date_line(line)
            if line_date:
                published_date = published_date or line_date
                continue
        kept.append(line)

    paragraphs = unwrap(kept)
    dateline = find_dateline(paragraphs[0], rules) if paragraphs else None
    if dateline:
        paragraphs[0] = paragraphs[0][dateline.end :]
    text = "\n\n".join(p for p in paragraphs if p)
    text, agency = strip_signoff(text, rules)
    stamp = _TRAILING_STAMP.search(text)
    if stamp and parse_date_line(stamp.group(1)):
        published_date = published_date or parse_date_line(stamp.group(1))
        text = text[: stamp.start()].rstrip()
    if dateline and dateline.date_text and published_date:
        published_date = _local_date(dateline.date_text, published_date)
    return CleanedDocument(
        text=text,
        title=meta_title or found_title,
        published=published_date,
        dateline=dateline.text if dateline else None,
        dateline_date_text=dateline.date_text if dateline else None,
        agency=(dateline.agency if dateline else None) or agency,
    )
