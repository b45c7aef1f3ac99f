"""Meetings in news prose, one invented story per kind of failure seen on real news (issue 9): narrative meetings,
who took part, dates by the verb they belong to, places, meetings that did not happen, stories with no date."""
from __future__ import annotations

import datetime as dt

import pytest

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


# --- who took part, and who only comments ----------------------------------------------------------------------


def test_opening_talks_with_others_is_taking_part_not_speaking(extract):
    for opening in ("opened two days of talks", "opened talks"):
        meeting = only(meetings_of(extract, f"Trade Minister Olga Petrova {opening} with Trade Commissioner Marco "
                                            "Bellini on steel tariffs on Monday.", "2024-05-14"))
        assert {p.name: p.role for p in meeting.participants} == {"Olga Petrova": "participant",
                                                                  "Marco Bellini": "participant"}


def test_a_delegation_led_by_or_sent_is_at_the_meeting(extract):
    meeting = only(meetings_of(extract, "The Harbour Ministry hosted the third meeting of the Coastal Safety Forum in "
                                        "Tallinn on 8 May 2024.\n\nThe Latvian officials were led by Deputy Minister "
                                        "Janis Ozols, while the Lithuanian Coast Guard sent Commander Rasa Petraite.",
                               "2024-05-09"))
    assert {"Janis Ozols", "Rasa Petraite"} <= people(meeting)


def test_speaking_somewhere_else_only_frames_a_statement(extract):
    meeting = only(meetings_of(extract, "The Security Council met on Monday to discuss the missile test, envoy Ivo Marek "
                                        "said after the meeting.\n\nSpeaking in Lisbon, Foreign Minister Rui Costa said "
                                        "his country would back new sanctions.", "2024-05-14"))
    assert "Rui Costa" not in people(meeting)


def test_a_council_someone_works_for_is_no_meeting(extract):
    meeting = only(meetings_of(extract, "Finance Minister Lars Berg held talks with Finance Minister Omar Nasser in "
                                        "Oslo on Tuesday.\n\nThe talks were also attended by Adviser Hanna Dahl of the "
                                        "Nordic Investment Council.", "2024-10-09"))
    assert meeting.name is None and meeting.start_date == dt.date(2024, 10, 8)
    assert people(meeting) == {"Lars Berg", "Omar Nasser", "Hanna Dahl"}


def test_a_joint_act_of_two_people_is_the_talks_the_story_refers_to(extract):
    meeting = only(meetings_of(extract, "Finance Minister Lars Berg and Finance Minister Omar Nasser agreed on Tuesday "
                                        "in Oslo to set up a joint fund for solar farms.\n\nNasser told reporters after "
                                        "the talks that the fund would start next year.", "2024-10-09"))
    assert people(meeting) == {"Lars Berg", "Omar Nasser"}
    assert meeting.start_date == dt.date(2024, 10, 8)
    assert meeting.location.city == "Oslo"


def test_a_place_the_talks_follow_disputes_in_is_not_theirs(extract):
    meeting = only(meetings_of(extract, "Fisheries Minister Anna Berg opened talks with Fisheries Minister Poul Dam on "
                                        "quotas here today.\n\nThe talks, which end tomorrow, follow a year of disputes "
                                        "over catch limits in the North Sea, officials said.", "2025-03-03",
                               dateline="BERGEN"))
    assert meeting.location.city == "Bergen"
    assert meeting.end_date == dt.date(2025, 3, 4)


def test_who_met_on_the_sidelines_of_a_summit_was_at_the_summit(extract):
    found = meetings_of(extract, "President Ana Souza met Prime Minister Kenji Mori on the sidelines of the Group of "
                                 "20 summit meeting in Osaka on Friday.", "2024-06-29")
    summit = next(m for m in found if m.kind == "summit")
    assert summit.name == "Group of 20 summit meeting"
    assert people(summit) == {"Ana Souza", "Kenji Mori"}
    talks = next(m for m in found if m.kind != "summit")
    assert people(talks) == {"Ana Souza", "Kenji Mori"}


# --- wire copy: meetings of officials as a body, last days, city states -----------------------------------------


def test_officials_ending_a_negotiation_is_a_meeting_its_later_mentions_join(extract):
    meeting = only(meetings_of(extract, "Fisheries ministers plunged the union into a crisis today by ending a marathon "
                                        "negotiation on quotas without agreement.\n\nMinister Karl Holm said the "
                                        "meeting foundered over the quota for herring.\n\nHe said the outcome of the "
                                        "meeting was a setback.", "1988-03-10", dateline="VALLETTA"))
    assert meeting.end_date == dt.date(1988, 3, 10)
    assert meeting.location.city == "Valletta"
    quoted = " ".join(e.text for source in meeting.sources for e in source.evidence)
    assert "foundered" in quoted and "outcome of the meeting" in quoted


def test_a_last_day_and_a_length_give_the_first_day(extract):
    meeting = only(meetings_of(extract, "The ministers ended their three-day meeting in Luxembourg without a deal.\n\n"
                                        "Commissioner Ana Ruiz made a statement early yesterday at the end of the "
                                        "meeting.", "1988-03-11"))
    assert (meeting.start_date, meeting.end_date) == (dt.date(1988, 3, 8), dt.date(1988, 3, 10))
    assert meeting.location.city == "Luxembourg" and meeting.location.country is None


def test_a_meeting_of_heads_of_government_is_a_summit(extract):
    meeting = only(meetings_of(extract, "The dispute will go to the meeting of EU heads of government in Madrid on "
                                        "June 29 and 30.", "1988-06-19"))
    assert meeting.kind == "summit"
    assert (meeting.start_date, meeting.end_date) == (dt.date(1988, 6, 29), dt.date(1988, 6, 30))


def test_co_chairing_a_numbered_joint_committee_with_a_partner(extract):
    meeting = only(meetings_of(extract, "On Friday, Minister Ana Ruiz will co-chair the 3rd Peru-Ghana Joint Committee "
                                        "on Fisheries Cooperation in Accra with Minister Kwame Owusu.", "2024-05-15"))
    assert meeting.name == "3rd Peru-Ghana Joint Committee on Fisheries Cooperation"
    assert meeting.ordinal == 3
    assert {p.name: p.role for p in meeting.participants} == {"Ana Ruiz": "co-chair", "Kwame Owusu": "co-chair"}
    assert meeting.start_date == dt.date(2024, 5, 17)


def test_attended_by_one_and_by_another(extract):
    meeting = only(meetings_of(extract, "Finance Minister Lars Berg held talks with Finance Minister Omar Nasser in "
                                        "Oslo on Tuesday.\n\nThe talks were also attended by Erik Nyberg, the deputy "
                                        "prime minister, and by Adviser Hanna Dahl.", "2024-10-09"))
    assert people(meeting) == {"Lars Berg", "Omar Nasser", "Erik Nyberg", "Hanna Dahl"}


@pytest.mark.parametrize("city, country", [("Quito", "Ecuador"), ("Almaty", "Kazakhstan")])
def test_a_venue_named_with_its_city(extract, city, country):
    # the entity recognizer reads "the Palace of the Republic in" for one and "... in Almaty" for the other
    meeting = only(meetings_of(extract, "The Regional Water Conference was held on May 2 and 3 at the Palace of the "
                                        f"Republic in {city}, {country}, with about 300 participants.", "2024-05-03"))
    assert (meeting.location.venue, meeting.location.city) == ("Palace of the Republic", city)


def test_leaders_here_for_the_forum_are_at_the_forum_not_at_talks_told_after_them(extract):
    found = meetings_of(extract, "More than 1,000 leaders are arriving in the Alpine resort of Lenzerheide for the "
                                 "annual Global Trade Forum. Chancellor Erik Brandt and President Lea Moreau are among "
                                 "the ministers and heads of state attending the meeting.\n\nPrime Minister Ana "
                                 "Souza will be here too. The organisers hope that Minister Omar Nasser will use the "
                                 "opportunity for talks with Minister Ivo Marek.", "2024-01-20")
    forum = next(m for m in found if m.name and "Forum" in m.name)
    assert people(forum) == {"Erik Brandt", "Lea Moreau", "Ana Souza"}
    assert all("Ana Souza" not in people(m) for m in found if m is not forum)


def test_there_has_been_is_no_attendance_and_their_meeting_is_named_by_the_body(extract):
    meeting = only(meetings_of(extract, "At their meeting in Paris, G20 finance ministers backed plans to write off "
                                        "debts. \"This is the first time there has been a mention of gold in a "
                                        "communique,\" said Finance Minister Lars Berg.", "2005-02-07"))
    assert meeting.name == "meeting of G20 finance ministers"
    assert meeting.location.city == "Paris"
    assert people(meeting) == set()


def test_a_city_hosting_a_forum_is_where_it_meets(extract):
    meeting = only(meetings_of(extract, "The Chilean city of Punta Arenas will host the rival Southern Ocean Forum.",
                               "2005-01-25"))
    assert meeting.name == "Southern Ocean Forum"
    assert meeting.location.city == "Punta Arenas"


def test_weekdays_of_meetings_announced_for_next_week_fall_in_that_week(extract):
    # published on Wednesday 1 April 1987: "Thursday and Friday" are those of next week, where the lede puts them
    found = meetings_of(extract, "Canadian and Mexican negotiators will hold emergency meetings next week to resolve "
                                 "their row over steel.\n\nThe spokesman, Paul Grant, said that on Thursday and Friday "
                                 "Deputy Minister Anne Roy would meet with Deputy Minister Luis Vega.", "1987-04-01",
                        dateline="OTTAWA, April 1")
    meeting = next(m for m in found if m.participants)
    assert (meeting.start_date, meeting.end_date) == (dt.date(1987, 4, 9), dt.date(1987, 4, 10))
    assert people(meeting) == {"Anne Roy", "Luis Vega"}
    assert meeting.location.city == "Ottawa"  # a meeting of the coming days takes the dateline's city


def test_talks_told_in_a_relative_clause_own_no_sentence_and_take_no_video_link(extract):
    found = meetings_of(extract, "Some 2,000 leaders are in the resort of Lenzerheide for the Global Trade Forum.\n\n"
                                 "More than 20 world leaders are expected to attend including President Ana Souza - "
                                 "due to speak by video link - and President Kwame Owusu, whose arrival has been "
                                 "delayed by peace talks with President Moussa Diallo. Prime Minister Omar Nasser will also be there.",
                        "2005-01-26")
    forum = next(m for m in found if m.name == "Global Trade Forum")
    assert {"Ana Souza", "Omar Nasser"} <= people(forum)
    talks = [m for m in found if m is not forum]
    assert all(m.kind == "meeting" and "Omar Nasser" not in people(m) for m in talks)


# --- who hosts, and where the headline puts it ---------------------------------------------------------------------


def test_hosting_people_makes_a_host_named_as_the_text_titles_them(extract):
    meeting = only(meetings_of(extract, "Today, President Lindqvist hosted Governor Anna Berg and Mayor Omar Nasser "
                                        "to discuss the flood plan.", "2021-04-19"))
    assert {p.name: p.role for p in meeting.participants}["Lindqvist"] == "host"
    assert meeting.hosts == ["President Lindqvist"]


def test_a_body_holding_its_inaugural_meeting_hosts_its_first_meeting(extract):
    meeting = only(meetings_of(extract, "This morning, the Regional Housing Council held its inaugural meeting.",
                               "2021-09-10"))
    assert (meeting.name, meeting.ordinal, meeting.hosts) == ("Regional Housing Council", 1, ["Regional Housing Council"])


def test_the_headline_gives_the_venue_the_text_leaves_out(extract):
    _, found = extract("Today, President Lindqvist met with six nurses to discuss their work.", "2021-05-14",
                       title="Readout of Oval Office Meeting with Six Nurses")
    assert only(found).location.venue == "Oval Office"


def test_a_meeting_told_only_by_its_length_is_one_apart_from_the_talks_to_come(extract):
    found = meetings_of(extract, "A communique issued at the end of a two-day ministerial meeting said the bloc hoped "
                                 "for more investment.\n\nThe ministers are due to start four days of talks tomorrow "
                                 "with Secretary of State Anna Berg.", "1987-06-16", dateline="VALLETTA, June 16")
    assert len(found) == 2
    talks = next(m for m in found if m.participants)
    assert (talks.start_date, talks.end_date) == (dt.date(1987, 6, 17), dt.date(1987, 6, 20))
    ministerial = next(m for m in found if not m.participants)
    assert ministerial.location.city == "Valletta"


def test_a_conference_hosted_by_someone_is_one_meeting_and_a_club_of_nations_no_place(extract):
    found = meetings_of(extract, "At a conference on developing enterprise hosted by Finance Minister Erik Brandt on "
                                 "Friday, Minister Ravi Mehta said he favoured floating rates.\n\nIndia has been invited "
                                 "to take part in the G7 meeting taking place in London on Friday and Saturday.",
                        "2005-02-04")
    conference = next(m for m in found if m.kind == "conference")
    assert conference.hosts == ["Erik Brandt"]
    assert not any(m.kind == "meeting" and "Erik Brandt" in people(m) for m in found)
    g7 = next(m for m in found if m.name == "G7 meeting")
    assert (g7.location.city, g7.location.region) == ("London", None)
    assert g7 is not conference and g7.kind == "meeting" and not g7.participants


def test_the_days_of_a_meeting_noun_and_who_its_delegation_includes(extract):
    found = meetings_of(extract, "Technical meetings are to be held today and tomorrow, with meetings at a more senior "
                                 "level scheduled for Thursday and Friday. The Canadian aides here for the technical "
                                 "talks include Paul Grant and Anne Roy. The two sides in the Thursday and Friday "
                                 "talks will be headed by Deputy Minister Luis Vega and Deputy Minister Ivo Marek.",
                        "1987-04-05", dateline="WASHINGTON, April 5")
    by_people = {frozenset(people(m)): m for m in found}
    technical = by_people[frozenset({"Paul Grant", "Anne Roy"})]
    senior = by_people[frozenset({"Luis Vega", "Ivo Marek"})]
    assert (technical.start_date, technical.end_date) == (dt.date(1987, 4, 5), dt.date(1987, 4, 6))
    assert (senior.start_date, senior.end_date) == (dt.date(1987, 4, 9), dt.date(1987, 4, 10))


@pytest.mark.parametrize("course", ["at the talks, scheduled to end on Wednesday",
                                    "during the talks, which are scheduled to end Wednesday"])
def test_talks_scheduled_to_end_on_a_weekday_end_on_the_one_to_come(extract, course):
    # published Monday 13 April 1987: the talks run to Wednesday the 15th, not the 8th
    meeting = only(meetings_of(extract, "Foreign Minister Anna Berg and Foreign Minister Ivo Marek met today in "
                                        "pursuit of an arms accord.\n\nOfficials have been optimistic about progress "
                                        f"{course}.", "1987-04-13", dateline="MOSCOW, April 13"))
    assert (meeting.start_date, meeting.end_date) == (dt.date(1987, 4, 13), dt.date(1987, 4, 15))

# --- more kinds of report -------------------------------------------------------------------------------------------


def summary(meeting: Meeting) -> tuple:
    return (meeting.kind, meeting.start_date and meeting.start_date.isoformat(),
            meeting.end_date and meeting.end_date.isoformat(), meeting.location.venue, meeting.location.city)


def test_a_list_under_participants_included_gives_each_line_its_role(extract):
    meeting = only(meetings_of(extract, "The Nordic Harbour Council met in Oslo on Monday.\nParticipants included:\n"
                                        "Minister of Transport Elena Varga (chair)\nDeputy Minister Tomas Lindqvist\n"
                                        "Director General Ana Ribeiro (co-chair)\n"
                                        "The council agreed to meet again in June.\n", "2024-05-07"))
    assert {p.name: p.role for p in meeting.participants} == {
        "Elena Varga": "chair", "Tomas Lindqvist": "participant", "Ana Ribeiro": "co-chair"}
    assert summary(meeting) == ("meeting", "2024-05-06", "2024-05-06", None, "Oslo")
    assert meeting.name == "Nordic Harbour Council"


def test_a_pronoun_subject_is_the_person_of_the_sentence_before(extract):
    first, second = meetings_of(extract, "Prime Minister Anna Lindqvist met President Tomas Varga in Oslo on Monday. "
                                         "She later met Foreign Minister Karl Olsen at the Grand Hotel.", "2024-05-07")
    assert people(first) == {"Anna Lindqvist", "Tomas Varga"} and summary(first)[1:] == (
        "2024-05-06", "2024-05-06", None, "Oslo")
    assert people(second) == {"Anna Lindqvist", "Karl Olsen"} and second.location.venue == "Grand Hotel"


def test_a_meeting_named_by_what_it_is_of_or_by_its_modifiers(extract):
    g20 = only(meetings_of(extract, "The Group of 20 summit meeting opened in Lisbon on Monday with leaders from twenty "
                                    "economies.", "2024-05-07"))
    assert (g20.kind, g20.name, g20.series, g20.location.city) == ("summit", "Group of 20 summit meeting", "Group of 20",
                                                                   "Lisbon")
    pair = only(meetings_of(extract, "The Franco-Spanish meeting on fisheries ended on Tuesday in Madrid.", "2024-05-07"))
    assert (pair.name, pair.series, summary(pair)) == (
        "Franco-Spanish meeting", "Franco-Spanish", ("meeting", "2024-05-07", "2024-05-07", None, "Madrid"))
    board = only(meetings_of(extract, "President Tomas Varga chaired the meeting of the Harbour Safety Board in the Blue "
                                      "Room of the Palace of Culture in Tallinn on Monday.", "2024-05-07"))
    assert (board.name, board.location.venue, board.location.city) == (
        "meeting of the Harbour Safety Board", "Blue Room", "Tallinn")
    assert {p.name: p.role for p in board.participants} == {"Tomas Varga": "chair"}
    second = only(meetings_of(extract, "The Second Meeting of the Baltic Ferry Council (BFC) was held in Riga on May 3, "
                                       "2024.", "2024-05-07"))
    assert (second.name, second.series, second.ordinal, second.start_date) == (
        "Second Meeting of the Baltic Ferry Council (BFC)", "Baltic Ferry Council", 2, dt.date(2024, 5, 3))


def test_those_among_the_ministers_attending_and_who_spoke_after_it_took_part(extract):
    geneva = only(meetings_of(extract, "Finance Minister Karl Olsen and Trade Minister Ana Ribeiro are among the "
                                       "ministers attending the conference in Geneva this week.", "2024-05-07"))
    assert people(geneva) == {"Karl Olsen", "Ana Ribeiro"}
    assert summary(geneva) == ("conference", "2024-05-06", "2024-05-12", None, "Geneva")
    after = only(meetings_of(extract, "After the meeting with President Tomas Varga, the envoy, Karl Olsen, told "
                                      "reporters the talks had gone well.", "2024-05-07"))
    assert people(after) == {"Tomas Varga", "Karl Olsen"}


def test_who_will_attend_and_who_is_to_speak_at_a_forum(extract):
    forum = only(meetings_of(extract, "The World Harbour Forum will take place in Rotterdam on June 3. Minister of "
                                      "Transport Elena Varga will attend, and Deputy Minister Tomas Lindqvist is to "
                                      "speak.", "2024-05-07"))
    assert (forum.name, summary(forum)) == ("World Harbour Forum", ("conference", "2024-06-03", "2024-06-03", None,
                                                                    "Rotterdam"))
    assert {p.name: p.role for p in forum.participants} == {"Elena Varga": "participant", "Tomas Lindqvist": "speaker"}


@pytest.mark.parametrize("text, kind", [
    ("Foreign Minister Karl Olsen held a video conference with Foreign Minister Ana Ribeiro on Tuesday.", "virtual"),
    ("Minister of Trade Ana Ribeiro spoke by telephone with Minister of Trade Karl Olsen on Friday.", "call"),
    ("Minister of Trade Ana Ribeiro and Minister of Trade Karl Olsen talked on Tuesday about fish feed.", "meeting"),
])
def test_how_two_people_met_gives_the_kind(extract, text, kind):
    meeting = only(meetings_of(extract, text, "2024-05-07"))
    assert meeting.kind == kind and people(meeting) == {"Karl Olsen", "Ana Ribeiro"}


@pytest.mark.xfail(strict=True, reason="defect: of two meeting nouns in a row the more specific kind wins, so a "
                                       "'conference call' is a conference, not a call")
def test_a_conference_call_is_a_call(extract):
    meeting = only(meetings_of(extract, "Minister of Trade Ana Ribeiro held a conference call with Minister of Trade "
                                        "Karl Olsen on Tuesday.", "2024-05-07"))
    assert meeting.kind == "call"


def test_who_is_hosted_for_talks_takes_part_in_them(extract):
    meeting = only(meetings_of(extract, "Minister of Trade Ana Ribeiro will host Minister of Trade Karl Olsen for "
                                        "talks in Lisbon on Thursday and Friday.", "2024-05-07"))
    assert {p.name: p.role for p in meeting.participants} == {"Ana Ribeiro": "host", "Karl Olsen": "participant"}
    assert (meeting.start_date, meeting.end_date, meeting.location.city) == (
        dt.date(2024, 5, 9), dt.date(2024, 5, 10), "Lisbon")


def test_attendance_a_length_and_a_start_give_the_meetings_days(extract):
    meeting = only(meetings_of(extract, "More than 300 delegates attended the three-day conference on river safety that "
                                        "opened in Vienna on Monday.", "2024-05-07"))
    assert (meeting.attendance, summary(meeting)) == (300, ("conference", "2024-05-06", "2024-05-08", None, "Vienna"))


@pytest.mark.parametrize("text", [
    "Minister of Trade Ana Ribeiro told a news conference on Tuesday that exports had risen.",
    "Minister of Trade Ana Ribeiro did not meet Minister of Trade Karl Olsen on Tuesday.",
    "Minister of Trade Ana Ribeiro could meet Minister of Trade Karl Olsen next month.",
])
def test_no_meeting_in_a_news_conference_a_negation_or_a_possibility(extract, text):
    assert meetings_of(extract, text, "2024-05-07") == []


def test_without_a_dependency_parser_everyone_the_sentence_names_takes_part(nlp):
    from pipeline.extract.meetings import MeetingFinder, MeetingPatterns
    from pipeline.extract.components import run_rules
    from pipeline.extract import statistical_only
    from pipeline.resources import RuleResources

    text = "Minister of Trade Ana Ribeiro met Karl Olsen's aide, Mia Berg, in Lisbon on Monday. Tomas Varga stayed home."
    with statistical_only(nlp):
        doc = nlp(text)
    doc._.published = dt.date(2024, 5, 7)
    run_rules(nlp, doc)
    drafts = MeetingFinder(doc, doc._.people, doc._.dates, MeetingPatterns(nlp, RuleResources.bundled()), [],
                           published=doc._.published).find()
    assert len(drafts) == 1
    names = {p.key: p.name for p in doc._.people}
    assert {names[key]: role for key, role in drafts[0].participants.items()} == {
        "Ana Ribeiro": "participant", "Mia Berg": "participant"}
    assert (drafts[0].date.start_date, drafts[0].location["city"]) == (dt.date(2024, 5, 6), "Lisbon")


def test_those_due_to_attend_and_the_co_chairs_and_keynote_speaker_of_a_forum(extract):
    due = only(meetings_of(extract, "The Harbour Safety Forum opened in Oslo on Monday. Also due to attend are Minister "
                                    "of Transport Elena Varga and Deputy Minister Tomas Lindqvist.", "2024-05-07"))
    assert {p.name: p.role for p in due.participants} == {"Elena Varga": "participant", "Tomas Lindqvist": "participant"}
    chaired = only(meetings_of(extract, "The Harbour Safety Forum was held in Oslo on Monday, co-chaired by Minister of "
                                        "Transport Elena Varga and Deputy Minister Tomas Lindqvist.\nDirector General Ana "
                                        "Ribeiro delivered the keynote address.\n", "2024-05-07"))
    assert {p.name: p.role for p in chaired.participants} == {
        "Elena Varga": "co-chair", "Tomas Lindqvist": "co-chair", "Ana Ribeiro": "speaker"}


@pytest.mark.xfail(strict=True, reason="defect: a speaking verb said of the next person of the sentence ('..., and Y "
                                       "presented a report') makes the first person a speaker")
def test_a_speaking_verb_is_said_of_its_own_subject_only(extract):
    meeting = only(meetings_of(extract, "The ministers' meeting in Oslo on Monday was chaired by Minister of Transport "
                                        "Elena Varga. Deputy Minister Tomas Lindqvist discussed the port plan, and Ana "
                                        "Ribeiro presented a report.", "2024-05-07"))
    assert {p.name: p.role for p in meeting.participants} == {
        "Elena Varga": "chair", "Tomas Lindqvist": "participant", "Ana Ribeiro": "speaker"}


@pytest.mark.xfail(strict=True, reason="defect: a dinner hosted 'for' a named guest is no meeting (only 'with' ties a "
                                       "guest to it), so the guest's later words are given to the story's first meeting")
def test_a_dinner_hosted_for_a_guest_is_a_meeting_of_its_own(extract):
    meetings = meetings_of(extract, "Minister of Trade Ana Ribeiro met Minister of Trade Karl Olsen in Lisbon on Monday.\n"
                                    "Separately, President Tomas Varga hosted a dinner in Porto on Tuesday for Minister of "
                                    "Transport Elena Varga.\nElena Varga discussed port fees with Varga's aides.\n",
                           "2024-05-07")
    assert [people(m) for m in meetings] == [{"Ana Ribeiro", "Karl Olsen"}, {"Tomas Varga", "Elena Varga"}]


# --- conversations and headlines -----------------------------------------------------------------------------------


def roles_of(meeting: Meeting) -> dict[str, str]:
    return {p.name: p.role for p in meeting.participants}


@pytest.mark.parametrize("verb", ["conveyed", "told"])
def test_what_one_of_two_tells_the_other_makes_no_speaker(extract, verb):
    said = "his support for the trade agenda" if verb == "conveyed" else "Minister Ivo Marek he would visit soon"
    meeting = only(meetings_of(extract, "President Anna Berg met today with Prime Minister Ivo Marek of Norland. "
                                        f"They discussed regional security. President Berg {verb} {said}.",
                               "2024-03-04"))
    assert roles_of(meeting) == {"Anna Berg": "participant", "Ivo Marek": "participant"}


def test_a_third_person_who_conveys_a_finding_to_the_meeting_speaks(extract):
    meeting = only(meetings_of(extract, "Minister Anna Berg, Mayor Ivo Marek and Governor Lena Olsen met on Monday. "
                                        "During the meeting, Governor Lena Olsen conveyed the results of the harbour "
                                        "survey.", "2024-03-05"))
    assert roles_of(meeting) == {"Anna Berg": "participant", "Ivo Marek": "participant", "Lena Olsen": "speaker"}


@pytest.mark.parametrize("title, kind", [
    ("Readout of Virtual Roundtable on Port Congestion", "virtual"),
    ("Readout of the Minister's Roundtable on Port Congestion", "meeting"),
])
def test_a_headline_tells_that_the_storys_one_meeting_was_held_by_video(extract, title, kind):
    _, meetings = extract("Today, Minister Anna Berg met with the leaders of the harbour to discuss congestion at "
                          "the ports.", "2024-03-06", title=title)
    assert only(meetings).kind == kind


def test_talks_held_at_a_party_conference_are_talks_and_the_conference_is_the_partys(extract):
    meetings = meetings_of(extract, "Deputy Prime Minister Ivo Marek will hold talks with the rail unions this weekend "
                                    "at Labour's spring conference in Leeds. They want the government to drop the plan.",
                           "2024-03-06")
    by_kind = {m.kind: m for m in meetings}
    assert set(by_kind) == {"meeting", "conference"}
    assert by_kind["meeting"].location.venue == "Labour's spring conference"
    assert by_kind["conference"].name == "Labour's spring conference"
    assert by_kind["conference"].hosts == ["Labour"]


@pytest.mark.parametrize("owner", ["Tuesday", "Anna Berg", "France"])
def test_a_days_a_persons_or_a_countrys_meeting_is_not_named_or_held_by_it(extract, owner):
    _, meetings = extract(f"Minister Anna Berg and Minister Ivo Marek met on Monday. {owner}'s meeting ended late.",
                          "2024-03-06")
    assert all(owner not in m.hosts and not (m.name or "").startswith(owner) for m in meetings)


def test_a_meeting_of_a_named_body_has_the_body_as_its_series(extract):
    _, meetings = extract("On Friday, a meeting of the Harbour Pilots and Ferry Captains took place in Porto. Today, "
                          "Secretary Anna Berg and Advisor Ivo Marek convened a meeting of the Interagency Task Force "
                          "on Harbour Pricing and Valuation Equity (HPVE).", "2024-03-06")
    assert sorted(str(m.series) for m in meetings) == [
        "Interagency Task Force on Harbour Pricing and Valuation Equity (HPVE)", "None"]


@pytest.mark.parametrize("title, host", [
    ("Readout of the Harbour Council’s Listening Session with Pilots", "Harbour Council"),
    ("Readout of President Berg’s Listening Session with Pilots", None),
    ("Readout of Monday’s Listening Session with Pilots", None),
])
def test_the_organization_whose_meeting_the_headline_says_it_was_holds_it(extract, title, host):
    _, meetings = extract("Today, Advisor Anna Berg hosted a listening session with harbour pilots on safety.",
                          "2024-03-06", title=title)
    meeting = only(meetings)
    assert sorted(meeting.hosts) == sorted(([host] if host else []) + ["Anna Berg"])


@pytest.mark.parametrize("text", [
    "Minister Anna Berg will attend the harbour summit in Porto on Friday, as will Minister Ivo Marek.",
    "The harbour summit opens in Porto on Friday. The new president, Anna Berg, will also be there - as will newly "
    "elected Norland leader Ivo Marek.",
])
def test_who_as_will_repeats_the_attending_verb_attends_too(extract, text):
    summit = only(meetings_of(extract, text, "2024-03-06"))
    assert people(summit) == {"Anna Berg", "Ivo Marek"}


def test_as_did_joins_a_third_person_to_a_meeting_but_as_said_or_before_did_does_not(extract):
    met = only(meetings_of(extract, "Anna Berg met Ivo Marek on Monday, as did Lena Olsen.", "2024-03-06"))
    assert people(met) == {"Anna Berg", "Ivo Marek", "Lena Olsen"}
    for other in ("as Lena Olsen said", "weeks before Lena Olsen did"):
        meeting = only(meetings_of(extract, f"Anna Berg met Ivo Marek on Monday, {other}.", "2024-03-06"))
        assert people(meeting) == {"Anna Berg", "Ivo Marek"}, other


# --- rules a sample of mutants showed untested (issue 11) ----------------------------------------------------------


def test_a_meeting_far_from_the_storys_days_does_not_take_the_datelines_place(extract):
    told = "Foreign Minister Clara Novak met with Finance Minister Jonas Eberhardt on {} to discuss the budget."
    old = only(meetings_of(extract, told.format("March 3, 2019"), "2024-05-10", "OSLO, May 10"))
    recent = only(meetings_of(extract, told.format("Wednesday"), "2024-05-10", "OSLO, May 10"))
    assert (old.start_date, old.location.city) == (dt.date(2019, 3, 3), None)
    assert (recent.start_date, recent.location.city) == (dt.date(2024, 5, 8), "Oslo")


def test_what_one_of_two_on_a_call_conveys_makes_no_speaker(extract):
    meeting = only(meetings_of(extract, "President Anna Berg held a call today with Prime Minister Ivo Marek of Norland. "
                                        "They discussed regional security. President Berg conveyed his support for "
                                        "the trade agenda.", "2024-03-04"))
    assert meeting.kind == "call"
    assert roles_of(meeting) == {"Anna Berg": "participant", "Ivo Marek": "participant"}


def test_a_written_out_day_is_preferred_to_a_relative_one(extract):
    meeting = only(meetings_of(extract, "The fifth Nordic Water Forum opened in Bergen today. The forum, on June 3, heard "
                                        "calls for cleaner rivers.", "2024-06-03"))
    assert (meeting.start_date, meeting.date_text) == (dt.date(2024, 6, 3), "June 3")


def test_a_second_place_named_after_the_city_is_its_region(extract):
    meeting = only(meetings_of(extract, "The Baltic Energy Forum was held in Springfield, Illinois on May 3, 2024.",
                               "2024-05-10"))
    assert (meeting.location.city, meeting.location.region) == ("Springfield", "Illinois")


def test_the_article_before_an_owning_organization_is_not_part_of_its_name(extract):
    meeting = only(meetings_of(extract, "The Harbour Workers Union's spring conference opened in Leeds today.",
                               "2024-03-06"))
    assert meeting.name == "Harbour Workers Union's spring conference"
    assert meeting.hosts == ["Harbour Workers Union"]


def test_a_common_noun_hosting_is_no_named_host(extract):
    meeting = only(meetings_of(extract, "On Monday the ministry hosted a roundtable on port safety in Oslo.",
                               "2024-03-06"))
    assert meeting.hosts == []
    assert meeting.location.city == "Oslo"


def test_whose_meeting_it_is_takes_part_in_it(extract):
    meeting = only(meetings_of(extract, "President Anna Berg's meeting with Prime Minister Ivo Marek took place in Oslo "
                                        "on Monday.", "2024-03-06"))
    assert roles_of(meeting) == {"Anna Berg": "participant", "Ivo Marek": "participant"}


def test_a_proper_name_the_entity_recognizer_missed_after_in_is_the_city(extract):
    meeting = only(meetings_of(extract, "Minister Anna Berg met Minister Ivo Marek on Monday in the mountain resort "
                                        "Zellhaven.", "2024-03-06"))
    assert meeting.location.city == "Zellhaven"


def test_a_plural_reference_tells_every_meeting_before_it_and_meetings_after_it_are_still_read(extract):
    two = ("Minister Anna Berg met Minister Ivo Marek in Oslo on Monday. Separately, Minister Anna Berg met Minister "
           "Lena Olsen in Bergen on Tuesday. ")
    shared = meetings_of(extract, two + "All their meetings were held at the Grand Hotel.", "2024-03-08")
    assert [(m.location.city, m.location.venue) for m in shared] == [("Oslo", "Grand Hotel"), ("Bergen", "Grand Hotel")]
    later = meetings_of(extract, two + "All the meetings were held in private. Minister Tor Dahl met Minister Eva Lund "
                                       "in Tromso on Wednesday.", "2024-03-08")
    assert [m.location.city for m in later] == ["Oslo", "Bergen", "Tromso"]
    assert people(later[2]) == {"Tor Dahl", "Eva Lund"}


def test_holding_a_meeting_with_a_number_of_unnamed_people_makes_a_host(extract):
    meeting = only(meetings_of(extract, "Minister Anna Berg held a meeting with 20 business leaders on Monday in Oslo.",
                               "2024-03-06"))
    assert roles_of(meeting) == {"Anna Berg": "host"}
    assert meeting.hosts == ["Anna Berg"]


def test_a_conference_told_again_at_the_same_venue_is_the_same_conference(extract):
    meeting = only(meetings_of(extract, "A conference on fisheries opened at the Harbour Palace on Monday. Minister Anna "
                                        "Berg attended a conference at the Harbour Palace.", "2024-03-06"))
    assert (meeting.kind, meeting.location.venue, meeting.start_date) == ("conference", "Harbour Palace",
                                                                           dt.date(2024, 3, 4))
    assert people(meeting) == {"Anna Berg"}


@pytest.mark.parametrize("said", ["spoke to reporters", "spoke briefly before the opening"])
def test_speaking_to_someone_or_before_the_meeting_is_not_speaking_at_it(extract, said):
    meeting = only(meetings_of(extract, f"Nordic leaders held a summit in Oslo on Monday. Minister Anna Berg {said}.",
                               "2024-03-06"))
    assert people(meeting) == set()


def test_who_presided_over_a_summit_chaired_it(extract):
    meeting = only(meetings_of(extract, "Minister Anna Berg presided over the summit in Oslo on Monday.", "2024-03-06"))
    assert roles_of(meeting) == {"Anna Berg": "chair"}


def test_a_city_naming_a_summit_is_where_it_meets(extract):
    meeting = only(meetings_of(extract, "The Geneva summit of Nordic leaders opened on Monday.", "2024-03-06"))
    assert (meeting.kind, meeting.location.city) == ("summit", "Geneva")


def test_a_meeting_said_to_be_off_is_no_meeting(extract):
    assert meetings_of(extract, "The summit of Baltic leaders planned for Friday is off, organisers said.",
                       "2024-03-06") == []


def test_a_hosting_bodys_name_stops_before_the_clause_about_it(extract):
    meeting = only(meetings_of(extract, "The Norland Harbour Authority, which runs the ports, hosted a roundtable on port "
                                        "safety on Monday in Oslo.", "2024-03-06"))
    assert meeting.hosts == ["Norland Harbour Authority"]


@pytest.mark.xfail(strict=True, reason="defect: trailing punctuation is cut from a hosting body's name even when it "
                                       "closes the body's abbreviation ('Harbour Authority of Norland (HAN')")
def test_a_hosting_bodys_abbreviation_keeps_its_closing_parenthesis(extract):
    meeting = only(meetings_of(extract, "On Monday the Harbour Authority of Norland (HAN) hosted a roundtable on port "
                                        "safety in Oslo.", "2024-03-06"))
    assert meeting.hosts == ["Harbour Authority of Norland (HAN)"]


def test_weekdays_fall_in_the_week_the_lede_sets_the_talks_in(extract):
    found = meetings_of(extract, "Negotiators from Norland and Sudland plan to travel to Geneva to hold talks next week "
                                 "on the border. Foreign Minister Anna Berg and Foreign Minister Carl Dunn would meet on "
                                 "Thursday and Friday, officials said.", "2021-03-10")
    met = next(m for m in found if people(m) == {"Anna Berg", "Carl Dunn"})
    # a Wednesday's story: Thursday and Friday of next week (18 and 19 March), not of this one
    assert (met.start_date, met.end_date) == (dt.date(2021, 3, 18), dt.date(2021, 3, 19))


def test_who_in_a_relative_clause_is_the_person_the_clause_describes(extract):
    meeting = only(meetings_of(extract, "Prime Minister Anna Berg, who met President Carl Dunn in Oslo on Monday, said "
                                        "the talks had gone well.", "2024-06-04"))
    assert people(meeting) == {"Anna Berg", "Carl Dunn"}
    assert (meeting.location.city, meeting.start_date) == ("Oslo", dt.date(2024, 6, 3))


@pytest.mark.parametrize("text", [
    "The meeting between Foreign Minister Anna Berg and Foreign Minister Carl Dunn, scheduled for Monday, took place "
    "in Paris.",
    "The summit, set for Monday, was attended by President Anna Berg and President Carl Dunn."])
def test_a_plan_told_as_past_keeps_its_day_in_the_past(extract, text):
    meeting = only(meetings_of(extract, text, "2024-03-13"))  # a Wednesday: Monday the 11th, not the 18th
    assert meeting.start_date == dt.date(2024, 3, 11)


def test_who_addressed_a_meeting_of_two_named_people_is_its_speaker(extract):
    meeting = only(meetings_of(extract, "Prime Minister Jean Dupont addressed the meeting of the farm council in Lyon "
                                        "on Monday. Foreign Minister Hans Weber also attended the meeting.", "2024-03-13"))
    assert {p.name: p.role for p in meeting.participants} == {"Jean Dupont": "speaker", "Hans Weber": "participant"}
