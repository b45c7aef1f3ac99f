"""Meetings in news prose, one invented story per kind of failure seen on real news (issue 9): narrative meetings,
who took part, dates by the verb they belong to, places, meetings that did not happen, stories with no date."""
from __future__ import annotations

import datetime as dt

from pipeline.models import Meeting


def meetings_of(extract, text: str, published: str | None = None, dateline: str | None = None) -> list[Meeting]:
    _, meetings = extract(text, published, dateline=dateline)
    return meetings


def only(meetings: list[Meeting]) -> Meeting:
    assert len(meetings) == 1, [(m.kind, m.date_text, [p.name for p in m.participants]) for m in meetings]
    return meetings[0]


def people(meeting: Meeting) -> set[str]:
    return {p.name for p in meeting.participants}


# --- meetings told as narrative ---------------------------------------------------------------------------------


def test_future_meeting_later_today_at_a_common_noun_venue(extract):
    meeting = only(meetings_of(extract, "Prime Minister Anna Lindqvist will meet President Tomas Varga at the parliament "
                                        "later today to discuss the energy crisis, officials said.", "2024-03-12"))
    assert people(meeting) == {"Anna Lindqvist", "Tomas Varga"}
    assert meeting.start_date == dt.date(2024, 3, 12)
    assert meeting.location.venue == "parliament"


def test_a_meal_of_two_named_leaders_is_a_meeting(extract):
    meeting = only(meetings_of(extract, "Chancellor Erik Brandt and President Lea Moreau had lunch with business "
                                        "leaders at the Royal Palace on Monday.", "2024-03-12"))
    assert people(meeting) == {"Erik Brandt", "Lea Moreau"}
    assert meeting.location.venue == "Royal Palace"
    assert meeting.start_date == dt.date(2024, 3, 11)


def test_a_named_body_that_meets(extract):
    meeting = only(meetings_of(extract, "The Budget Committee meets on Thursday to review the draft, its chairman "
                                        "Karl Weiss said.", "2024-03-15"))
    assert meeting.name == "Budget Committee"
    assert meeting.start_date == dt.date(2024, 3, 21)  # told in the present: the Thursday to come


def test_a_days_schedule_gives_one_meeting_per_partner(extract):
    found = meetings_of(extract, "In the morning Minister Jana Novak met union leaders in Graz. After lunch with "
                                 "Governor Peter Holz she held talks with Mayor Lisa Berger at the city hall.",
                        "2024-03-15")
    assert sorted(sorted(people(m)) for m in found) == [
        ["Jana Novak"], ["Jana Novak", "Lisa Berger"], ["Jana Novak", "Peter Holz"]]
    by_partner = {frozenset(people(m)): m for m in found}
    assert by_partner[frozenset({"Jana Novak"})].location.city == "Graz"
    assert by_partner[frozenset({"Jana Novak", "Lisa Berger"})].location.venue == "city hall"


def test_a_phone_call_on_a_weekday(extract):
    meeting = only(meetings_of(extract, "President Aya Mensah spoke by phone with Prime Minister Rui Costa on Saturday "
                                        "about the vaccine supply.", "2024-03-15"))
    assert meeting.kind == "call"
    assert meeting.start_date == dt.date(2024, 3, 9)


# --- who took part ------------------------------------------------------------------------------------------------


def test_people_quoted_about_a_meeting_did_not_take_part(extract):
    meeting = only(meetings_of(extract, 'Trade Minister Paolo Conti met Finance Minister Sara Eklund on Tuesday. "We '
                                        'had a good discussion," Conti said. Economist Maria Lopez, who did not attend, '
                                        'said the talks were overdue.', "2024-03-14"))
    assert people(meeting) == {"Paolo Conti", "Sara Eklund"}


def test_who_spoke_after_the_meeting_was_at_it_but_not_who_spoke_before(extract):
    found = meetings_of(extract, "Minister Omar Said met his counterpart Lena Falk on Monday. Deputy Mayor Ivo Grant "
                                 "spoke to reporters before the meeting. Ambassador Petra Lund told reporters after "
                                 "the meeting that the talks went well.", "2024-03-14")
    meeting = only(found)
    assert "Petra Lund" in people(meeting)
    assert "Ivo Grant" not in people(meeting)


def test_names_listed_after_including_took_part(extract):
    meeting = only(meetings_of(extract, "The ministers will start three days of talks tomorrow with officials of six "
                                        "countries, including Trade Secretary Ian Holt and Foreign Minister Eva Berg.",
                               "2024-05-06"))
    assert people(meeting) == {"Ian Holt", "Eva Berg"}
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 5, 7), dt.date(2024, 5, 9))


def test_who_chaired_and_who_attended(extract):
    meeting = only(meetings_of(extract, "The council of farm ministers met in Lisbon on Tuesday. The meeting was chaired "
                                        "by Agriculture Minister Rita Sousa and attended by Commissioner Jan Visser.",
                               "2024-05-09"))
    roles = {p.name: p.role for p in meeting.participants}
    assert roles == {"Rita Sousa": "chair", "Jan Visser": "participant"}
    assert meeting.location.city == "Lisbon"


# --- dates --------------------------------------------------------------------------------------------------------


def test_the_day_of_the_saying_is_not_the_day_of_the_meeting(extract):
    meeting = only(meetings_of(extract, "Foreign Minister Hana Kobayashi said on Friday that she would meet her "
                                        "counterpart Omar Haddad next Tuesday in Amman.", "2024-03-12"))
    assert meeting.start_date == dt.date(2024, 3, 19)
    assert meeting.location.city == "Amman"


def test_a_postponed_meeting_keeps_its_new_day(extract):
    meeting = only(meetings_of(extract, "The summit of Baltic leaders was postponed to Friday, organisers said.",
                               "2024-03-15"))
    assert meeting.kind == "summit"
    assert meeting.start_date == dt.date(2024, 3, 22)


def test_an_ending_clause_gives_the_last_day(extract):
    meeting = only(meetings_of(extract, "Envoy Marta Ruiz and Envoy Karl Lind began talks today in Geneva. The talks are "
                                        "scheduled to end on Thursday.", "2024-06-03"))
    assert (meeting.start_date, meeting.end_date) == (dt.date(2024, 6, 3), dt.date(2024, 6, 6))


def test_a_story_without_a_date_keeps_absolute_dates_as_text(extract):
    meeting = only(meetings_of(extract, "Finance ministers of the Group of Seven will meet in Rome on 16 December. The "
                                        "meeting on Friday will discuss debt relief."))
    assert meeting.start_date is None
    assert meeting.date_text == "16 December"
    assert meeting.location.city == "Rome"


# --- places -------------------------------------------------------------------------------------------------------


def test_here_is_the_datelines_place_and_a_place_travelled_from_is_not(extract):
    meeting = only(meetings_of(extract, "Fisheries ministers met here today to discuss quotas. Minister Ingrid Moe, who "
                                        "arrived from Helsinki, chaired the talks.", "2024-03-15", "OSLO, March 15"))
    assert meeting.location.city == "Oslo"
    assert {p.name: p.role for p in meeting.participants} == {"Ingrid Moe": "chair"}


# --- meetings that did not happen ---------------------------------------------------------------------------------


def test_a_called_off_meeting_is_no_meeting(extract):
    assert meetings_of(extract, "The meeting between Defence Minister Ivo Petrov and his Greek counterpart Nikos Dimas, "
                                "planned for Friday, was called off after the storm.", "2024-03-15") == []


def test_a_meeting_someone_only_hopes_for_is_no_meeting(extract):
    assert meetings_of(extract, "Businessman Tom Reyes is trying to arrange a meeting with President Ana Duarte.",
                       "2024-03-15") == []


def test_a_story_naming_many_people_with_no_meeting(extract):
    text = ("Striker Leo Santos scored twice as the visitors won 3-1. Coach Mia Lund praised goalkeeper Ben Kofi, "
            "while captain Joel Ahn said the team had answered its critics. Club president Rosa Vidal thanked the fans.")
    assert meetings_of(extract, text, "2024-04-02") == []
