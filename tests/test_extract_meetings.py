"""Meeting extraction rules, one small invented article per rule family, and Meeting validation."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from pipeline.models import Meeting


def one_meeting(extract, text, published=None) -> Meeting:
    _, meetings = extract(text, published)
    assert len(meetings) == 1, [m.name for m in meetings]
    return meetings[0]


def roles(meeting: Meeting) -> dict[str, str]:
    return {p.name: p.role for p in meeting.participants}


# --- named meetings ---------------------------------------------------------------------------------------------------


def test_numeric_ordinal_series_and_head_noun(extract):
    meeting = one_meeting(extract, "The 3rd Baltic Energy Ministers Meeting was held in Riga on May 14, 2024.", "2024-05-15")
    assert (meeting.name, meeting.series, meeting.ordinal) == (
        "3rd Baltic Energy Ministers Meeting", "Baltic Energy Ministers Meeting", 3)
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 5, 14), dt.date(2024, 5, 14))
    assert meeting.location.city == "Riga"


def test_ministerial_meeting_keeps_its_head_noun(extract):
    meeting = one_meeting(extract, "The 3rd Baltic Energy Ministerial Meeting was held in Riga on May 14, 2024.", "2024-05-15")
    assert meeting.name == "3rd Baltic Energy Ministerial Meeting"


def test_spelled_ordinal_and_today(extract):
    meeting = one_meeting(extract, "The fifth Nordic Water Forum opened in Bergen today with a call for cleaner rivers.",
                          "2024-06-03")
    assert (meeting.series, meeting.ordinal, meeting.kind) == ("Nordic Water Forum", 5, "conference")
    assert (meeting.start_date, meeting.date_text) == (dt.date(2024, 6, 3), "today")


def test_inaugural_meeting_of_a_council_is_ordinal_one(extract):
    meeting = one_meeting(extract, "The inaugural meeting of the Arctic Fisheries Council took place in Tromso on Tuesday.",
                          "2024-03-08")
    assert (meeting.series, meeting.ordinal) == ("Arctic Fisheries Council", 1)
    assert meeting.start_date == dt.date(2024, 3, 5)  # the Tuesday before Friday 8 March


# --- unnamed meetings -------------------------------------------------------------------------------------------------


def test_met_with(extract):
    meeting = one_meeting(extract, "Foreign Minister Clara Novak met with Finance Minister Jonas Eberhardt in Vienna on "
                                   "Monday to discuss the budget.", "2024-04-10")
    assert meeting.kind == "meeting"
    assert roles(meeting) == {"Clara Novak": "participant", "Jonas Eberhardt": "participant"}
    assert meeting.start_date == dt.date(2024, 4, 8)
    assert meeting.location.city == "Vienna"


def test_spoke_by_phone_is_a_call(extract):
    meeting = one_meeting(extract, "President Marta Kowal spoke by phone with Prime Minister Henrik Dahl on Wednesday "
                                   "about energy prices.", "2024-04-12")
    assert meeting.kind == "call"
    assert set(roles(meeting)) == {"Marta Kowal", "Henrik Dahl"}
    assert meeting.start_date == dt.date(2024, 4, 10)


def test_virtual_meeting(extract):
    meeting = one_meeting(extract, "Trade Minister Rosa Mendez held a virtual meeting with industry leaders on Thursday "
                                   "to discuss export rules.", "2024-02-20")
    assert meeting.kind == "virtual"
    assert "Rosa Mendez" in roles(meeting)
    assert meeting.start_date == dt.date(2024, 2, 15)


def test_person_hosting_a_roundtable(extract):
    meeting = one_meeting(extract, "Minister of Agriculture Paula Serra hosted a roundtable with farmers in Evora on "
                                   "Friday.", "2024-03-11")
    assert meeting.hosts == ["Paula Serra"]
    assert roles(meeting) == {"Paula Serra": "host"}
    assert meeting.start_date == dt.date(2024, 3, 8)


def test_organization_hosting_a_roundtable(extract):
    meeting = one_meeting(extract, "The Ministry of Digital Affairs hosted a roundtable on rural broadband in Lyon on "
                                   "March 5.", "2024-03-06")
    assert meeting.hosts == ["Ministry of Digital Affairs"]


def test_roundtable_hosted_by(extract):
    meeting = one_meeting(extract, "The roundtable on rural broadband, hosted by the Ministry of Digital Affairs, brought "
                                   "together mayors from twelve provinces in Lyon on March 5.", "2024-03-06")
    assert meeting.hosts == ["Ministry of Digital Affairs"]
    assert meeting.start_date == dt.date(2024, 3, 5)


# --- roles, attendance, place -------------------------------------------------------------------------------------------


def test_co_chairs_and_speaker(extract):
    meeting = one_meeting(extract, "The 2nd Danube Transport Conference was co-chaired by Minister of Transport Petra "
                                   "Horvat and Deputy Minister Ivan Kral. Minister of Economy Lena Vogt delivered remarks "
                                   "at the opening session.", "2024-09-12")
    assert roles(meeting) == {"Petra Horvat": "co-chair", "Ivan Kral": "co-chair", "Lena Vogt": "speaker"}


def test_attendance_and_two_day_date(extract):
    meeting = one_meeting(extract, "Some 120 delegates attended the 7th Regional Water Summit, which was held in Malmo "
                                   "on October 26 and 27.", "2024-10-30")
    assert (meeting.kind, meeting.attendance) == ("summit", 120)
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 10, 26), dt.date(2024, 10, 27))
    assert meeting.date_text == "October 26 and 27"
    assert meeting.location.city == "Malmo"


def test_venue_and_city(extract):
    meeting = one_meeting(extract, "The 7th Regional Water Summit was held at University of Lund in Malmo on "
                                   "October 26 and 27.", "2024-10-30")
    assert (meeting.location.venue, meeting.location.city) == ("University of Lund", "Malmo")


# --- dates ------------------------------------------------------------------------------------------------------------


def test_range_with_weekdays(extract):
    meeting = one_meeting(extract, "For three days from Monday, November 4 to Wednesday, November 6, 2024, the 9th "
                                   "Coastal Cities Network Meeting was held in Porto.", "2024-11-10")
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 11, 4), dt.date(2024, 11, 6))
    assert meeting.ordinal == 9


def test_article_without_a_date_keeps_the_words(extract):
    meeting = one_meeting(extract, "The 2nd Alpine Tourism Forum opened here Sunday and ends Monday, with delegates from "
                                   "six countries.")
    assert (meeting.start_date, meeting.end_date) == (None, None)
    assert meeting.date_text is not None and meeting.date_text.startswith("Sunday")


# --- how many meetings ------------------------------------------------------------------------------------------------


def test_separately_met_gives_two_meetings(extract):
    _, meetings = extract("Health Minister Anna Berglund met with Health Minister Mads Holm of Denmark in Copenhagen on "
                          "Monday. Berglund separately met with Finance Minister Olav Ruud on Tuesday.", "2024-05-08")
    assert sorted(sorted(roles(m)) for m in meetings) == [["Anna Berglund", "Mads Holm"], ["Anna Berglund", "Olav Ruud"]]


def test_one_meeting_mentioned_several_times_is_one_record(extract):
    meeting = one_meeting(extract, "The 4th Adriatic Ports Meeting was held in Split on June 3. During the 4th Adriatic "
                                   "Ports Meeting, delegates agreed on new rules. The meeting closed with a joint "
                                   "statement.", "2024-06-05")
    assert meeting.name == "4th Adriatic Ports Meeting"
    assert len(meeting.sources[0].evidence) >= 2


def test_article_without_a_meeting(extract):
    _, meetings = extract("The city council approved a new budget for parks and libraries on Wednesday, officials said.",
                          "2024-06-05")
    assert meetings == []


# --- validation -------------------------------------------------------------------------------------------------------


def test_meeting_ending_before_it_starts_is_invalid():
    with pytest.raises(ValidationError, match="end_date"):
        Meeting(id="m-1", start_date=dt.date(2024, 5, 3), end_date=dt.date(2024, 5, 2))


def test_meeting_evidence_points_into_the_text(extract):
    text = "Foreign Minister Clara Novak met with Finance Minister Jonas Eberhardt in Vienna on Monday."
    meeting = one_meeting(extract, text, "2024-04-10")
    for evidence in meeting.sources[0].evidence:
        assert text[evidence.start:evidence.end] == evidence.text
