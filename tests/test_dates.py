"""Date expressions: finding, resolving against the article's date, date lines and tense."""

import datetime as dt

import pytest

from pipeline.dates import DateMention, find_dates, is_time_word, parse_date_line, tense_of

D = dt.date

# Anchors used below and their weekdays (checked by hand on a calendar):
# 2021-10-04 Monday, 2021-11-12 Friday, 2023-10-30 Monday, 2023-11-22 Wednesday, 2024-01-10 Wednesday.

SINGLE_MENTION_CASES = [
    # real-shaped cases
    ("hosted the meeting on October 26 and 27 in Tsukuba", D(2023, 11, 22),
     D(2023, 10, 26), D(2023, 10, 27), "October 26 and 27"),
    ("For two days from Thursday, October 26 to Friday, October 27, 2023, the meeting was held", D(2023, 10, 30),
     D(2023, 10, 26), D(2023, 10, 27), "Thursday, October 26 to Friday, October 27, 2023"),
    ("The meeting kickstarted here Sunday", None, None, None, "Sunday"),
    ("The ministers will hold a virtual meeting on the evening of Monday, November 15", D(2021, 11, 12),
     D(2021, 11, 15), D(2021, 11, 15), "Monday, November 15"),
    ("The president met today with governors.", D(2021, 10, 4), D(2021, 10, 4), D(2021, 10, 4), "today"),
    ("This morning, the ministers signed the pact.", D(2021, 10, 4), D(2021, 10, 4), D(2021, 10, 4), "This morning"),
    # absolute
    ("The report was published on October 30, 2023.", D(2023, 11, 22),
     D(2023, 10, 30), D(2023, 10, 30), "October 30, 2023"),
    ("It was signed on 30 October 2023 in Hanoi.", D(2023, 11, 22),
     D(2023, 10, 30), D(2023, 10, 30), "30 October 2023"),
    ("It was signed on Oct. 30, 2023 in Hanoi.", None, D(2023, 10, 30), D(2023, 10, 30), "Oct. 30, 2023"),
    ("Released 2023/11/08 by the ministry.", None, D(2023, 11, 8), D(2023, 11, 8), "2023/11/08"),
    ("Released 2023-11-08 by the ministry.", None, D(2023, 11, 8), D(2023, 11, 8), "2023-11-08"),
    ("2023年11月22日 発表", None, D(2023, 11, 22), D(2023, 11, 22), "2023年11月22日"),
    ("The forum opened on Thursday, October 26, 2023 in Tokyo.", None, D(2023, 10, 26), D(2023, 10, 26),
     "Thursday, October 26, 2023"),
    ("The pact dated 15/11/2021 was signed.", None, D(2021, 11, 15), D(2021, 11, 15), "15/11/2021"),
    # partial: year (or month) from the anchor, moved by tense
    ("The talks were held on October 26.", D(2023, 11, 22), D(2023, 10, 26), D(2023, 10, 26), "October 26"),
    ("The talks were held on 26 October.", D(2023, 11, 22), D(2023, 10, 26), D(2023, 10, 26), "26 October"),
    ("The summit was held on December 28.", D(2024, 1, 10), D(2023, 12, 28), D(2023, 12, 28), "December 28"),
    ("The summit will be held on February 3.", D(2023, 11, 22), D(2024, 2, 3), D(2024, 2, 3), "February 3"),
    ("The summit will be held on October 26.", D(2023, 11, 22), D(2023, 10, 26), D(2023, 10, 26), "October 26"),
    ("The ministers met on the 26th, officials said.", D(2023, 11, 22), D(2023, 10, 26), D(2023, 10, 26), "the 26th"),
    ("The ministers met on the 20th.", D(2023, 11, 22), D(2023, 11, 20), D(2023, 11, 20), "the 20th"),
    ("The ministers will meet on the 5th.", D(2023, 11, 22), D(2023, 12, 5), D(2023, 12, 5), "the 5th"),
    ("The ministers will meet Monday November 15.", D(2021, 11, 12),
     D(2021, 11, 15), D(2021, 11, 15), "Monday November 15"),
    # the written weekday picks the year: 2021-11-15 is a Monday, 2022-11-15 a Tuesday
    ("The talks opened on Monday, November 15.", D(2022, 6, 1),
     D(2021, 11, 15), D(2021, 11, 15), "Monday, November 15"),
    # ranges
    ("It was held October 26-27 in Jakarta.", D(2023, 11, 22), D(2023, 10, 26), D(2023, 10, 27), "October 26-27"),
    ("It was held 26-27 October in Jakarta.", D(2023, 11, 22), D(2023, 10, 26), D(2023, 10, 27), "26-27 October"),
    ("It was held from 26 to 27 October 2023.", None, D(2023, 10, 26), D(2023, 10, 27), "26 to 27 October 2023"),
    ("The fair ran from October 30 to November 2.", D(2023, 11, 22), D(2023, 10, 30), D(2023, 11, 2),
     "October 30 to November 2"),
    ("The fair ran between October 30 and November 2.", D(2023, 11, 22), D(2023, 10, 30), D(2023, 11, 2),
     "October 30 and November 2"),
    ("The fair runs December 30 to January 2, 2024.", D(2023, 11, 22), D(2023, 12, 30), D(2024, 1, 2),
     "December 30 to January 2, 2024"),
    ("The expo ran Oct 30 – Nov 2, 2023 in Seoul.", None, D(2023, 10, 30), D(2023, 11, 2), "Oct 30 – Nov 2, 2023"),
    # relative
    ("Officials met yesterday.", D(2021, 10, 4), D(2021, 10, 3), D(2021, 10, 3), "yesterday"),
    ("The ministers will meet tomorrow.", D(2021, 10, 4), D(2021, 10, 5), D(2021, 10, 5), "tomorrow"),
    ("The gala takes place tonight.", D(2021, 10, 4), D(2021, 10, 4), D(2021, 10, 4), "tonight"),
    ("The delegates arrived this afternoon.", D(2021, 10, 4), D(2021, 10, 4), D(2021, 10, 4), "this afternoon"),
    ("A dinner is planned this evening.", D(2021, 10, 4), D(2021, 10, 4), D(2021, 10, 4), "this evening"),
    ("The envoys met last week.", D(2021, 10, 4), D(2021, 9, 27), D(2021, 10, 3), "last week"),
    ("Preparations for next week's meeting began.", D(2021, 10, 4), D(2021, 10, 11), D(2021, 10, 17), "next week"),
    ("The council met earlier this month.", D(2021, 10, 4), None, None, "earlier this month"),
    ("The council met two days ago.", D(2021, 10, 4), D(2021, 10, 2), D(2021, 10, 2), "two days ago"),
    ("Elections are due in August.", D(2021, 10, 4), None, None, "August"),
    # weekdays, by tense
    ("They spoke last Friday.", D(2021, 11, 12), D(2021, 11, 5), D(2021, 11, 5), "last Friday"),
    ("They will meet next Tuesday.", D(2021, 11, 12), D(2021, 11, 16), D(2021, 11, 16), "next Tuesday"),
    ("The ministers met on Monday.", D(2021, 11, 12), D(2021, 11, 8), D(2021, 11, 8), "Monday"),
    ("The ministers will meet on Monday.", D(2021, 11, 12), D(2021, 11, 15), D(2021, 11, 15), "Monday"),
    ("The forum closed Friday.", D(2021, 11, 12), D(2021, 11, 12), D(2021, 11, 12), "Friday"),
    ("The forum is scheduled to close Thursday.", D(2021, 11, 12), D(2021, 11, 18), D(2021, 11, 18), "Thursday"),
    # no anchor: only absolute dates resolve
    ("It was held on October 26 in Tokyo.", None, None, None, "October 26"),
    ("It was held on October 26, 2023 in Tokyo.", None, D(2023, 10, 26), D(2023, 10, 26), "October 26, 2023"),
    ("The envoys met yesterday.", None, None, None, "yesterday"),
    ("They spoke last Friday.", None, None, None, "last Friday"),
]


@pytest.mark.parametrize(("text", "anchor", "start_date", "end_date", "matched"), SINGLE_MENTION_CASES)
def test_find_dates_single_mention(text, anchor, start_date, end_date, matched):
    mentions = find_dates(text, anchor)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert (mention.text, mention.start_date, mention.end_date) == (matched, start_date, end_date)
    assert text[mention.start : mention.end] == matched


@pytest.mark.parametrize(
    "text",
    [
        "They may meet again soon.",
        "Approximately 250 officials attended COP26 and the G20 summit in 2019.",
        "Sundays are quiet at the Sundayschool.",
        "The 5th ASEAN-Japan meeting was held on the 5th floor.",
        "Veterans recalled the March on Washington.",
        "Version 1.2.3 of the plan, 24-hour service, 7 days a week.",
    ],
)
def test_find_dates_reports_no_false_dates(text):
    assert find_dates(text, D(2023, 11, 22)) == []


def test_find_dates_returns_mentions_in_order_with_kinds():
    text = (
        "On October 30, 2023 the ministry said the talks held on October 26 and 27 went well. "
        "Officials met again yesterday and will meet next Tuesday."
    )
    mentions = find_dates(text, D(2023, 11, 22))
    assert [(m.text, m.kind) for m in mentions] == [
        ("October 30, 2023", "absolute"),
        ("October 26 and 27", "range"),
        ("yesterday", "relative"),
        ("next Tuesday", "weekday"),
    ]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert mentions[2].start_date == D(2023, 11, 21)
    assert mentions[3].start_date == D(2023, 11, 28)


def test_partial_date_kind_and_month_only_mention():
    mentions = find_dates("The talks began on October 26 and end in mid-October 2024.", D(2023, 11, 22))
    assert [(m.text, m.kind, m.start_date) for m in mentions] == [
        ("October 26", "partial", D(2023, 10, 26)),
        ("October 2024", "partial", None),
    ]


def test_and_between_two_full_dates_is_not_a_range_without_between():
    mentions = find_dates("Talks were held on October 2 and November 9, 2023.", None)
    assert [(m.text, m.start_date) for m in mentions] == [("October 2", None), ("November 9, 2023", D(2023, 11, 9))]


def test_mention_is_frozen():
    mention = find_dates("today", D(2021, 10, 4))[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        mention.start = 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("October 30, 2023", D(2023, 10, 30)),
        ("2023/11/08", D(2023, 11, 8)),
        ("2023年11月22日", D(2023, 11, 22)),
        ("2023年11月22日 WorldWide", D(2023, 11, 22)),
        ("(2023/11/08)", D(2023, 11, 8)),
        ("21-NOV-2026 14:03:12.40", D(2026, 11, 21)),
        ("2021-10-04 15:53:45-04:00", D(2021, 10, 4)),
        ("2021-10-04T23:53:45-04:00", D(2021, 10, 4)),
        ("Monday, 3 March 2025", D(2025, 3, 3)),
        ("  Oct. 30, 2023  ", D(2023, 10, 30)),
        ("Published: Nov 8th, 2023 at 10:00 AM EST", D(2023, 11, 8)),
        ("Posted on 8 November 2023", D(2023, 11, 8)),
        ("November 8, 2023 10:05 am", D(2023, 11, 8)),
        ("8th November, 2023 | 3 min read", D(2023, 11, 8)),
        ("October 26, 2023 was the day the ministers of ten nations met", None),
        ("October 26", None),
        ("The meeting was held in 2023", None),
        ("Hello world", None),
        ("", None),
    ],
)
def test_parse_date_line(line, expected):
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The meeting will be held in Tokyo.", "future"),
        ("The forum is scheduled to open on Monday.", "future"),
        ("The summit is set to begin next week.", "future"),
        ("Leaders plan to meet again.", "future"),
        ("The conference, to be held in Bali, drew interest.", "future"),
        ("He said the talks would resume.", "future"),
        ("We’ll meet again.", "future"),
        ("The meeting was held in Tokyo.", "past"),
        ("The aim is to improve resilience.", "past"),
        ("The political will was there.", "past"),
    ],
)
def test_tense_of(sentence, expected):
    assert tense_of(sentence) == expected


@pytest.mark.parametrize("word, is_time", [("Tuesday", True), ("Week", True), ("yesterday", True), ("May", True),
                                           ("Sun", False), ("Mar", False), ("Labour", False)])
def test_time_words_are_whole_days_months_and_periods(word, is_time):
    assert is_time_word(word) is is_time
