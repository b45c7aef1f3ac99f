"""Find date expressions in article text and resolve them against the article's own date.

Resolution rules (chosen here, relied on by meeting extraction):

* absolute dates carry their own year; partial ones ("October 26", "on the 26th") take the anchor's
  year (and month), moved one year (month) back when that lands more than ~6 months (any day) after the
  anchor in a past-tense sentence, forward symmetrically in a future-tense one; a weekday written with
  the date ("Monday, November 15") picks the year, within one of the anchor's, on which it matches;
* "last week" / "this week" / "next week" resolve to that calendar week, Monday to Sunday;
* "earlier this month", "last year", a month alone ("in August", "October 2023") are reported with
  start_date/end_date None: they name no day;
* a bare weekday is the most recent such day on or before the anchor in a past-tense sentence and the
  next one on or after it in a future-tense sentence; "last Friday" is strictly before the anchor,
  "next Tuesday" strictly after;
* without an anchor, everything but absolute dates is reported unresolved.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "parse_date_line", "tense_of"]


@dataclass(frozen=True)
class DateMention:
    """One date expression: its span in the text and the days it covers (None when unresolvable)."""

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    kind: str  # "absolute" | "partial" | "range" | "relative" | "weekday"
    # the (start, end) read in a past and in a future sentence, when the tense decides ("on Friday", "May 3")
    by_tense: tuple[tuple[dt.date | None, dt.date | None], tuple[dt.date | None, dt.date | None]] | None = None

    def for_tense(self, tense: str) -> tuple[dt.date | None, dt.date | None]:
        """(start, end) as read in a sentence of that tense ("past" or "future")."""
        if self.by_tense is None:
            return self.start_date, self.end_date
        return self.by_tense[0] if tense == "past" else self.by_tense[1]


_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_NUMBERS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip

_TIME_WORDS = {"today", "tomorrow", "yesterday", "tonight", "day", "week", "weekend", "month", "year", "night",
               "morning", "afternoon", "evening"}


_FULL_MONTHS = [name for name in _MONTH_NUMBERS if len(name) > 4 or name in ("june", "july", "may")]
_ABBR_MONTHS = ["Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FULL_WEEKDAYS = [name for name in _WEEKDAY_NUMBERS if name.endswith("day")]


def is_time_word(word: str) -> bool:
    """A month, a weekday or a word of time ("Tuesday", "Week", "yesterday"): a day's meeting, not anyone's.
    Abbreviations are not ("Sun", "Mar"): they are names as often."""
    word = word.lower().strip(".")
    return word in _FULL_MONTHS or word in _FULL_WEEKDAYS or word in _TIME_WORDS


def _cased(names: list[str]) -> str:
    return "|".join(v for name in names for v in (name.capitalize(), name.upper()))


# A month written with a day or year: Title case or ALL CAPS; abbreviations keep their dot only before a number.
_MONTH = rf"(?:(?:{_cased(_FULL_MONTHS)})|(?:{_cased(_ABBR_MONTHS)})(?:\.(?=\s*\d))?)(?![A-Za-z])"
# A month standing alone must be Title case and a full name ("May" alone is left to the modal verb).
_MONTHS_BUT_MAY = "|".join(n.capitalize() for n in _FULL_MONTHS if n != "may")
_MONTH_ALONE = rf"(?:{_MONTHS_BUT_MAY}|May(?=\s*,?\s*(?:19|20)\d\d))(?![A-Za-z])"
_MONTH_ANY_CASE = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)"
_WEEKDAY = rf"(?:{_cased(_FULL_WEEKDAYS)})(?![A-Za-z])"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY}|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?(?=\s*,))"
_DAY = r"(?<!\d)(?<!\d[.,/])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_ORDINAL_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?!\w)"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_YEAR_AFTER = r"(?:\s*,\s*|\s+)"
# An em dash joins a range only when unspaced: spaced, it usually opens an aside.
_RANGE_SEP = r"(?P<sep>\s*(?:-|–|~|～)\s*|—|\s+(?:to|through|thru|until|till|and)\s+)"
# Every date starts a word, with a digit, a capital or "the": checking that first keeps the scan fast.
_DATE_START = r"(?<![A-Za-z0-9])(?=[0-9A-Zt])"


def _single_date(p: str) -> str:
    """Regex for one full or partial calendar date; every group name starts with ``p``."""
    weekday = rf"(?:(?P<{p}wd>{_WEEKDAY_PREFIX})\s*,?\s+(?:the\s+)?)?"
    month_day = (
        rf"(?P<{p}m1>{_MONTH})(?:\s+|(?<=\.)\s*)(?:the\s+)?(?P<{p}d1>{_DAY})"
        rf"(?:{_YEAR_AFTER}(?P<{p}y1>{_YEAR}))?"
    )
    day_month = (
        rf"(?:the\s+)?(?P<{p}d2>{_DAY})(?:\s+of)?\s+(?P<{p}m2>{_MONTH})(?:{_YEAR_AFTER}(?P<{p}y2>{_YEAR}))?"
    )
    dashed = rf"(?P<{p}d3>{_DAY})-(?P<{p}m3>{_MONTH_ANY_CASE})-(?P<{p}y3>{_YEAR})"
    iso = (
        rf"(?<!\d)(?P<{p}y4>{_YEAR})(?P<{p}s4>[-/.])(?P<{p}m4>1[0-2]|0?[1-9])(?P={p}s4)"
        rf"(?P<{p}d4>3[01]|[12]\d|0?[1-9])(?!\d)"
    )
    japanese = (
        rf"(?:(?P<{p}y5>{_YEAR})\s*年\s*)?(?P<{p}m5>1[0-2]|0?[1-9])\s*月\s*(?P<{p}d5>3[01]|[12]\d|0?[1-9])\s*日"
    )
    numeric = rf"(?<![\d.])(?P<{p}a6>\d{{1,2}})(?P<{p}s6>[/.])(?P<{p}b6>\d{{1,2}})(?P={p}s6)(?P<{p}y6>{_YEAR})"
    return rf"{weekday}(?:{month_day}|{day_month}|{dashed}|{iso}|{japanese}|{numeric})"


_SINGLE_RX = re.compile(_DATE_START + _single_date(""))
_RANGE_FULL_RX = re.compile(_DATE_START + rf"(?P<date>{_single_date('a')}{_RANGE_SEP}{_single_date('b')})")
_RANGE_MONTH_DAYS_RX = re.compile(
    _DATE_START
    + rf"(?P<date>(?:(?P<wd>{_WEEKDAY_PREFIX})\s*,?\s+)?(?P<m>{_MONTH})(?:\s+|(?<=\.)\s*)(?P<d1>{_DAY})"
    + _RANGE_SEP
    + rf"(?:{_WEEKDAY_PREFIX}\s*,?\s+)?(?P<d2>{_DAY})(?:{_YEAR_AFTER}(?P<y>{_YEAR}))?)"
)
_RANGE_DAYS_MONTH_RX = re.compile(
    _DATE_START
    + rf"(?P<date>(?:the\s+)?(?P<d1>{_DAY})"
    + _RANGE_SEP
    + rf"(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?:{_YEAR_AFTER}(?P<y>{_YEAR}))?)"
)
_DAY_OF_MONTH_RX = re.compile(
    rf"\b(?:on|by|until|till|since|before|after|from)\s+(?P<date>the\s+(?P<d>{_ORDINAL_DAY}))"
    rf"(?!\s*(?:of\s+)?{_MONTH})(?![-\w])(?!\s+[a-z])"
)
_MONTH_ALONE_RX = re.compile(rf"(?P<date>(?<![A-Za-z0-9])(?=[A-Z]){_MONTH_ALONE}(?:{_YEAR_AFTER}(?P<year>{_YEAR}))?)")
# What must precede a month written without a year for it to be a date ("in August", "mid-October").
_BEFORE_MONTH_ALONE_RX = re.compile(
    r"(?i)\b(?:in|during|since|until|till|by|from|through|before|after|early|late|mid|end\s+of|beginning\s+of"
    r"|start\s+of|middle\s+of)(?:\s+|-)(?:(?:early|late)\s+|mid-)?$"
)
_BETWEEN_RX = re.compile(r"(?i)\bbetween\s+$")
_LOOKBEHIND_WINDOW = 24
_WEEKDAY_RX = re.compile(
    r"(?P<date>(?<![A-Za-z0-9])(?=[A-Zlnptc])"
    r"(?:(?P<mod>(?i:last|next|this\s+coming|this\s+past|this|coming|past|previous))\s+)?"
    rf"(?P<wd>{_WEEKDAY}))(?!-)"
)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_RELATIVE_RX = re.compile(
    r"(?i)\b(?=[TtEeLlYyNnAaOoFfSs0-9])(?P<date>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)"
    r"|(?:earlier|later)\s+(?:today|this\s+(?:morning|afternoon|evening)|tonight)"
    r"|today|tonight|this\s+(?:morning|afternoon|evening)"
    r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|last\s+night"
    r"|(?:earlier|later)\s+this\s+(?:week|month|year)|(?:last|this|next)\s+(?:week|month|year)"
    r"|(?P<count>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+ago)\b"
)
_SENTENCE_BREAK_RX = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“‘'(\[])|\n")
_FUTURE_RX = re.compile(
    r"(?i)\b(?:(?<!political )(?<!the )(?<!good )will|shall|won[’']t|would|going\s+to"
    r"|to\s+be\s+(?:held|hosted|convened|organi[sz]ed)|(?:is|are)\s+to\s+be"
    r"|(?:is|are)\s+(?:scheduled|slated|set|due)\s+to|scheduled\s+for|slated\s+for|planned\s+for"
    r"|plans?\s+to|expects?\s+to|expected\s+to|upcoming|forthcoming|tomorrow"
    r"|next\s+(?:week|month|year|" + "|".join(_FULL_WEEKDAYS) + r"))\b"
    r"|\w[’']ll\b"
)
_RELATIVE_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip
_WEEK_OFFSETS = {"last": -1, "this": 0, "next": 1}
_HALF_YEAR = dt.timedelta(days=183)


@dataclass(frozen=True)
class _DayParts:
    """A calendar day as written: year and weekday may be missing."""

    year: int | None
    month: int
    day: int
    weekday: int | None = None


def tense_of(sentence: str) -> str:
    """"future" when the sentence speaks of something to come (will, is scheduled to, next ...), else "past"."""
    return "future" if _FUTURE_RX.search(sentence) else "past"


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.lower().rstrip(".")]


def _day_number(token: str) -> int:
    return int(token.rstrip("stndrh"))


def _weekday_number(token: str | None) -> int | None:
    return None if token is None else _WEEKDAY_NUMBERS[token.lower().rstrip(".")]


def _parts_of(m: re.Match, p: str) -> _DayParts | None:
    """The day a ``_single_date(p)`` match names, or None when it is impossible or ambiguous."""
    g = m.group
    weekday = _weekday_number(g(f"{p}wd"))
    if g(f"{p}m1"):
        year, month, day = g(f"{p}y1"), _month_number(g(f"{p}m1")), _day_number(g(f"{p}d1"))
    elif g(f"{p}m2"):
        year, month, day = g(f"{p}y2"), _month_number(g(f"{p}m2")), _day_number(g(f"{p}d2"))
    elif g(f"{p}m3"):
        year, month, day = g(f"{p}y3"), _month_number(g(f"{p}m3")), _day_number(g(f"{p}d3"))
    elif g(f"{p}m4"):
        year, month, day = g(f"{p}y4"), int(g(f"{p}m4")), int(g(f"{p}d4"))
    elif g(f"{p}m5"):
        year, month, day = g(f"{p}y5"), int(g(f"{p}m5")), int(g(f"{p}d5"))
    else:
        first, second = int(g(f"{p}a6")), int(g(f"{p}b6"))
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return None
        year = g(f"{p}y6")
    parts = _DayParts(int(year) if year else None, month, day, weekday)
    return parts if _valid_day(parts) else None


def _valid_day(parts: _DayParts) -> bool:
    if not 1 <= parts.month <= 12 or parts.day < 1:
        return False
    return parts.day <= (29 if parts.month == 2 else 30 if parts.month in (4, 6, 9, 11) else 31)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_day(parts: _DayParts, anchor: dt.date | None, tense: str) -> dt.date | None:
    """The date of ``parts``, taking a missing year from the anchor (see the module docstring)."""
    if parts.year is not None:
        return _make_date(parts.year, parts.month, parts.day)
    if anchor is None:
        return None
    if parts.weekday is not None:
        matching = [
            d
            for year in (anchor.year - 1, anchor.year, anchor.year + 1)
            if (d := _make_date(year, parts.month, parts.day)) and d.weekday() == parts.weekday
        ]
        if matching:
            return min(matching, key=lambda d: abs(d - anchor))
    candidate = _make_date(anchor.year, parts.month, parts.day)
    if candidate is None:
        return None
    if tense == "past" and candidate > anchor + _HALF_YEAR:
        return _make_date(anchor.year - 1, parts.month, parts.day)
    if tense == "future" and candidate < anchor - _HALF_YEAR:
        return _make_date(anchor.year + 1, parts.month, parts.day)
    return candidate


def _resolve_range(
    first: _DayParts, last: _DayParts, anchor: dt.date | None, tense: str
) -> tuple[dt.date | None, dt.date | None]:
    """Both ends of a range; a missing year comes from the other end, else from the anchor."""
    if first.year is None and last.year is not None:
        year = last.year - (1 if (first.month, first.day) > (last.month, last.day) else 0)
        first = _DayParts(year, first.month, first.day, first.weekday)
    start = _resolve_day(first, anchor, tense)
    if start is not None and last.year is None:
        year = start.year + (1 if (last.month, last.day) < (start.month, start.day) else 0)
        last = _DayParts(year, last.month, last.day, last.weekday)
    end = _resolve_day(last, anchor, tense) if start is not None else None
    if start is None or end is None or end < start:
        return None, None
    return start, end


def _resolve_weekday(weekday: int, modifier: str | None, anchor: dt.date, tense: str) -> dt.date:
    modifier = " ".join(modifier.lower().split()) if modifier else None
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if modifier in ("last", "past", "previous", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if modifier in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor - dt.timedelta(days=back) if tense == "past" else anchor + dt.timedelta(days=ahead)


def _resolve_relative(m: re.Match, anchor: dt.date) -> tuple[dt.date | None, dt.date | None]:
    phrase = " ".join(m.group("date").lower().split())
    if m.group("count"):
        count = _NUMBER_WORDS.get(m.group("count").lower()) or int(m.group("count"))
        day = anchor - dt.timedelta(days=count * (7 if m.group("unit").startswith("week") else 1))
        return day, day
    words = phrase.split()
    if words[0] in ("earlier", "later") and words[-1] in ("week", "month", "year"):
        return None, None
    if words[0] in ("earlier", "later"):
        return anchor, anchor
    if words[-1] == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=_WEEK_OFFSETS[words[0]])
        return monday, monday + dt.timedelta(days=6)
    if words[-1] in ("month", "year"):
        return None, None
    if words[0] in ("yesterday", "tomorrow"):
        phrase = words[0]
    day = anchor + dt.timedelta(days=_RELATIVE_DAY_OFFSETS[phrase])
    return day, day


class _Sentences:
    """Sentence lookup by offset, with each sentence's tense computed once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [m.end() for m in _SENTENCE_BREAK_RX.finditer(text)]
        self._tenses: dict[int, str] = {}

    def tense_at(self, offset: int) -> str:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index not in self._tenses:
            end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._text)
            self._tenses[index] = tense_of(self._text[self._starts[index] : end])
        return self._tenses[index]


def _preceded_by(text: str, offset: int, rx: re.Pattern) -> bool:
    return rx.search(text, max(0, offset - _LOOKBEHIND_WINDOW), offset) is not None


def _candidates(text: str, anchor: dt.date | None, sentences: _Sentences) -> list[DateMention]:
    found: list[DateMention] = []

    def add(start: int, end: int, kind: str, resolve) -> None:
        """`resolve(tense)` gives (first, last); both tenses are kept when they differ."""
        tense = sentences.tense_at(start)
        first, last = resolve(tense)
        readings = (resolve("past"), resolve("future"))
        found.append(DateMention(start, end, text[start:end], first, last, kind,
                                 readings if readings[0] != readings[1] else None))

    for m in _RANGE_FULL_RX.finditer(text):
        first, last = _parts_of(m, "a"), _parts_of(m, "b")
        joined_by_and = m.group("sep").strip() == "and"
        if first is None or last is None or (joined_by_and and not _preceded_by(text, m.start("date"), _BETWEEN_RX)):
            continue
        add(m.start("date"), m.end("date"), "range", lambda tense, a=first, b=last: _resolve_range(a, b, anchor, tense))

    for rx in (_RANGE_MONTH_DAYS_RX, _RANGE_DAYS_MONTH_RX):
        for m in rx.finditer(text):
            month, year = _month_number(m.group("m")), int(m.group("y")) if m.group("y") else None
            d1, d2 = _day_number(m.group("d1")), _day_number(m.group("d2"))
            weekday = _weekday_number(m.groupdict().get("wd"))
            first, last = _DayParts(year, month, d1, weekday), _DayParts(year, month, d2)
            if d2 <= d1 or not _valid_day(first) or not _valid_day(last):
                continue
            add(m.start("date"), m.end("date"), "range", lambda tense, a=first, b=last: _resolve_range(a, b, anchor, tense))

    for m in _SINGLE_RX.finditer(text):
        parts = _parts_of(m, "")
        if parts is None:
            continue
        add(m.start(), m.end(), "absolute" if parts.year is not None else "partial",
            lambda tense, p=parts: _same_day(_resolve_day(p, anchor, tense)))

    for m in _DAY_OF_MONTH_RX.finditer(text):
        add(m.start("date"), m.end("date"), "partial",
            lambda tense, d=_day_number(m.group("d")): _same_day(_resolve_day_of_month(d, anchor, tense)))

    for m in _MONTH_ALONE_RX.finditer(text):
        if not (m.group("year") or _preceded_by(text, m.start("date"), _BEFORE_MONTH_ALONE_RX)):
            continue
        add(m.start("date"), m.end("date"), "partial", lambda tense: (None, None))

    for m in _WEEKDAY_RX.finditer(text):
        weekday, modifier = _weekday_number(m.group("wd")), m.group("mod")
        add(m.start("date"), m.end("date"), "weekday",
            lambda tense, w=weekday, mod=modifier: _same_day(
                _resolve_weekday(w, mod, anchor, tense) if anchor is not None else None))

    for m in _RELATIVE_RX.finditer(text):
        resolved = _resolve_relative(m, anchor) if anchor is not None else (None, None)
        add(m.start("date"), m.end("date"), "relative", lambda tense, r=resolved: r)
    return found


def _same_day(day: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    return day, day


def _resolve_day_of_month(day_number: int, anchor: dt.date | None, tense: str) -> dt.date | None:
    """"on the 26th": the anchor's month, the month before in a past sentence when that day is still to come,
    the month after in a future sentence when it has passed."""
    if anchor is None:
        return None
    day = _make_date(anchor.year, anchor.month, day_number)
    if day is not None and tense == "past" and day > anchor:
        previous = anchor.replace(day=1) - dt.timedelta(days=1)
        day = _make_date(previous.year, previous.month, day_number)
    elif day is not None and tense == "future" and day < anchor:
        following = anchor.replace(day=28) + dt.timedelta(days=4)
        day = _make_date(following.year, following.month, day_number)
    return day


def find_dates(text: str, anchor: dt.date | None) -> list[DateMention]:
    """All date expressions in text, in order, resolved against the article's own date (anchor).

    Where expressions overlap, the one starting first wins, then the longest.
    """
    candidates = _candidates(text, anchor, _Sentences(text))
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    mentions: list[DateMention] = []
    taken_until = -1
    for candidate in candidates:
        if candidate.start >= taken_until:
            mentions.append(candidate)
            taken_until = candidate.end
    return mentions


_LINE_LABEL_RX = re.compile(
    r"(?i)^(?:(?:first\s+|last\s+)?(?:published|posted|updated|released|issued|dated|date)"
    r"(?:\s+on)?\s*[:：\-–—]?\s*)"
)
_LINE_TIME_RX = re.compile(
    r"^(?:[T\s]+|\s*[,@|]\s*|\s+at\s+)\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?|\(?[A-Z]{2,5}\)?|UTC[+-]\d{1,2}(?::?\d{2})?|GMT[+-]\d{1,2}(?::?\d{2})?))?"
)
_LINE_TRAILER_SEPARATORS = " \t|,;:-–—•·/()[]（）【】"
_LINE_BRACKETS = " \t()[]（）【】「」"


def parse_date_line(line: str) -> dt.date | None:
    """A standalone date line or stamp as printed in articles -> its date; None when the line is not one.

    The date must open the line (after brackets or a label such as "Published:"); it may be followed by a
    time with its offset (the local date as written is returned, never converted) or by at most three short
    words ("2023年11月22日 WorldWide", "| 3 min read"). Forms the own patterns miss go to dateparser, strictly.
    """
    body = _LINE_LABEL_RX.sub("", line.strip().strip(_LINE_BRACKETS)).strip(_LINE_BRACKETS)
    if not body or len(body) > 80:
        return None
    m = _SINGLE_RX.match(body)
    if m is not None:
        parts = _parts_of(m, "")
        rest = body[m.end() :]
        time = _LINE_TIME_RX.match(rest)
        if time is not None:
            rest = rest[time.end() :]
        trailer = rest.strip(_LINE_TRAILER_SEPARATORS)
        if parts is not None and parts.year is not None and _is_short_trailer(trailer):
            return _make_date(parts.year, parts.month, parts.day)
        if parts is not None and parts.year is not None:
            return None
    if re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", body) and len(body.split()) <= 8:
        return _dateparser_day(body)
    return None


def _is_short_trailer(trailer: str) -> bool:
    words = trailer.split()
    return len(words) <= 3 and len(trailer) <= 30


@functools.lru_cache(maxsize=4096)
def _dateparser_day(expression: str) -> dt.date | None:
    """dateparser, strictly: English, day, month and year all required, no guessing from today."""
    import dateparser

    parsed = dateparser.parse(
        expression,
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DATES_FROM": "past",
        },
    )
    return parsed.date() if parsed is not None else None
