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


def test_attendance_is_read_with_its_evidence(extract):
    text = "The 3rd Baltic Energy Ministers Meeting was held in Riga on May 14, 2024. It was attended by 300 delegates."
    meeting = one_meeting(extract, text, "2024-05-15")
    assert meeting.attendance == 300
    assert "300 delegates" in [e.text for e in meeting.sources[0].evidence]


# --- the patterns the rules match with, built from the resources ---------------------------------------------------------


@pytest.fixture(scope="module")
def patterns(nlp):
    """Meeting patterns built afresh from the bundled resources (the pipeline's own are built once per process)."""
    from pipeline.extract.meetings import MeetingPatterns
    from pipeline.resources import RuleResources

    return MeetingPatterns(nlp, RuleResources.bundled())


def test_named_meeting_patterns_give_edition_series_and_head(patterns):
    before = patterns.named_before.search("Delegates came to the 12th Nordic Harbour Cities Summit in Oslo.")
    assert (before.group("ord"), before.group("series").strip(), before.group("head")) == (
        "12th", "Nordic Harbour Cities", "Summit")
    spelled = patterns.named_before.search("The Third Lake Region Joint Committee sat")
    assert (spelled.group("ord"), spelled.group("head")) == ("Third", "Joint Committee")
    after = patterns.named_after.search("at the Second Meeting of the Baltic Ferry Council (BFC) in Riga")
    assert (after.group("ord"), after.group("head"), after.group("series"), after.group("abbr")) == (
        "Second", "Meeting", "Baltic Ferry Council", "BFC")
    assert patterns.named_before.search("the fifth of May meeting") is None
    assert [patterns.ordinal(word) for word in ("Third", "third", "12th", "101st")] == [3, 3, 12, 101]


def test_body_venue_and_ordinal_only_patterns(patterns):
    body = patterns.body_met.search("On Monday the Coastal Fisheries Council met in Tromso.")
    assert body.group("body") == "Coastal Fisheries Council"
    text = "The Coastal Fisheries Council held its 2nd plenary session"
    held = patterns.body_met.search(text)
    assert held.group(0).endswith("held its")
    assert patterns.own_meeting.match(text, held.end()).group("ord") == "2nd"
    assert patterns.ordinal_only.search("ahead of the fifth annual summit").group("ord") == "fifth"
    venue = patterns.venue_phrase.search("They met in the Grand Palace of the Republic on Friday.")
    assert venue.group("venue") == "Grand Palace of the Republic"
    headline = patterns.headline_venue.search("Readout of Oval Office Meeting with Farm Leaders")
    assert headline.group("venue") == "Oval Office"


def test_trigger_matchers_are_built_from_the_resource_patterns(patterns, nlp):
    doc = nlp.make_doc("The summit ended after the talks")
    assert sorted(nlp.vocab.strings[m] for m, _, _ in patterns.nouns(doc)) == ["summit", "talks"]
    labels = {key.split("#")[0] for key in patterns.needs_person}
    assert labels == {"meeting", "call"} and all(key.split("#")[1].isdigit() for key in patterns.needs_person)
    assert len(patterns.verbs) == len(patterns.rules.meeting_triggers)


# --- grouping mentions into meetings, helper by helper ------------------------------------------------------------------

def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def date(start: str | None, end: str | None = None, kind: str = "absolute", at: int = 0, future=None):
    from pipeline.dates import DateMention

    first = day(start) if start else None
    last = day(end) if end else first
    by_tense = ((first, last), (day(future), day(future))) if future else None
    return DateMention(at, at + 5, "date", first, last, kind, by_tense)


def mention(sentence: int = 0, kind: str = "meeting", start: int | None = None, **fields):
    from pipeline.extract.meetings.mentions import Mention

    position = start if start is not None else sentence * 100
    return Mention(kind=kind, start=position, end=position + 7, sentence=sentence, verbal=fields.pop("verbal", True),
                   **fields)


def test_the_days_a_mention_gives():
    from pipeline.extract.meetings.grouping import mention_days

    assert mention_days(mention()) is None
    assert mention_days(mention(dates=[date("2024-05-01")])) == (day("2024-05-01"), day("2024-05-01"))
    assert mention_days(mention(dates=[date(None), date("2024-05-02", "2024-05-03")])) == (
        day("2024-05-02"), day("2024-05-03"))
    assert mention_days(mention(dates=[date("2024-05-01")], duration_days=3)) == (day("2024-05-01"), day("2024-05-03"))
    assert mention_days(mention(dates=[date("2024-05-01")], end_dates=[date("2024-05-04")])) == (
        day("2024-05-01"), day("2024-05-04"))
    assert mention_days(mention(dates=[date("2024-05-05")], end_dates=[date("2024-05-04")])) == (
        day("2024-05-05"), day("2024-05-05"))
    assert mention_days(mention(end_dates=[date("2024-05-04")], duration_days=2)) == (day("2024-05-03"), day("2024-05-04"))
    assert mention_days(mention(end_dates=[date("2024-05-04")])) == (dt.date.min, day("2024-05-04"))
    assert mention_days(mention(end_dates=[date(None), date("2024-05-06")])) == (dt.date.min, day("2024-05-06"))
    # a date read forward ("postponed to Friday") and a date read in the mention's tense
    forward = date("2024-05-01", future="2024-05-08", at=40)
    assert mention_days(mention(dates=[forward], future_dates={40})) == (day("2024-05-08"), day("2024-05-08"))
    assert mention_days(mention(dates=[forward], tense="future")) == (day("2024-05-08"), day("2024-05-08"))
    assert mention_days(mention(dates=[forward])) == (day("2024-05-01"), day("2024-05-01"))


def test_a_group_keeps_what_its_mentions_say_up_to_date():
    from pipeline.extract.meetings.grouping import MentionGroup

    first = mention(0, participants={1: "participant"}, series="Harbour Forum", proper_name=True,
                    dates=[date("2024-05-02")], places=[], tense="past")
    group = MentionGroup([first])
    assert (group.days(), group.participants, group.series, group.ordinal, group.kind, group.last_sentence,
            group.tenses, group.settings, group.places) == (
        (day("2024-05-02"), day("2024-05-02")), {1}, "Harbour Forum", None, "meeting", 0, {"past"}, set(), set())
    from pipeline.extract.meetings.mentions import Place

    group.add(mention(3, kind="summit", participants={2: "host"}, ordinal=4, dates=[date("2024-05-01")],
                      end_dates=[date("2024-05-03")], places=[Place("city", "Porto", 0, 5)], setting_of=7,
                      tense="future", verbal=False))
    group.add(mention(2, series="Other Forum", proper_name=True, end_dates=[date("2024-05-06")]))
    assert group.days() == (day("2024-05-01"), day("2024-05-06"))
    assert group.participants == {1, 2} and group.places == {"Porto"} and group.settings == {7}
    assert (group.series, group.ordinal, group.kind, group.last_sentence) == ("Harbour Forum", 4, "summit", 3)
    assert group.tenses == {"past", "future"}
    fresh = MentionGroup(list(group.mentions))
    assert (fresh.days(), fresh.participants, fresh.series, fresh.ordinal, fresh.kind, fresh.last_sentence,
            fresh.tenses, fresh.settings, fresh.places) == (group.days(), group.participants, group.series, group.ordinal,
                                                             group.kind, group.last_sentence, group.tenses,
                                                             group.settings, group.places)
    undated = MentionGroup([mention(0)])
    assert undated.days() is None
    undated.add(mention(1, dates=[date("2024-05-01")]))
    assert undated.days() == (day("2024-05-01"), day("2024-05-01"))
    only_end = MentionGroup([mention(0, end_dates=[date("2024-05-04")])])
    assert only_end.days() == (dt.date.min, day("2024-05-04"))
    only_end.add(mention(1, dates=[date("2024-05-02")]))
    assert only_end.days() == (day("2024-05-02"), day("2024-05-04"))
    assert MentionGroup([mention(0, end_dates=[date("2024-05-04")]), mention(1, dates=[date("2024-05-02")])]).days() == (
        day("2024-05-02"), day("2024-05-04"))
    assert group.holds(300) and not group.holds(301)
    present = MentionGroup([mention(0, present=True, dates=[date("2024-05-01")]), mention(1, verbal=False, tense="future")])
    assert present.tenses == set()


def test_mentions_agree_on_days_series_and_kind():
    from pipeline.extract.meetings.grouping import MentionGroup, _dates_agree, _kinds_agree, _similar_series

    assert _dates_agree(None, (day("2024-05-01"), day("2024-05-01")))
    assert _dates_agree((day("2024-05-01"), day("2024-05-01")), None)
    assert _dates_agree((day("2024-05-01"), day("2024-05-01")), (day("2024-05-02"), day("2024-05-03")))
    assert _dates_agree((day("2024-05-03"), day("2024-05-04")), (day("2024-05-01"), day("2024-05-02")))
    assert not _dates_agree((day("2024-05-01"), day("2024-05-01")), (day("2024-05-03"), day("2024-05-03")))
    assert not _dates_agree((day("2024-05-04"), day("2024-05-05")), (day("2024-05-01"), day("2024-05-02")))
    assert _similar_series("Harbour Forum", "Nordic Harbour Forum") and _similar_series("Nordic Harbour Forum", "harbour forum")
    assert _similar_series("Nordic Harbour Cities Forum", "Baltic Harbour Cities Forum") is False
    assert not _similar_series("Harbour Cities Forum Meeting", "Harbour Cities Forum Session")
    assert _similar_series("Nordic Harbour Cities Water Energy Transport Forum",
                           "Baltic Harbour Cities Water Energy Transport Forum")
    assert not _similar_series("Harbour Cities Forum", "River Basin Summit")
    summit, call = MentionGroup([mention(kind="summit")]), MentionGroup([mention(kind="call")])
    assert _kinds_agree(mention(kind="meeting"), summit) and _kinds_agree(mention(kind="call"), MentionGroup([mention()]))
    assert _kinds_agree(mention(kind="conference"), summit) and _kinds_agree(mention(kind="virtual"), summit)
    assert not _kinds_agree(mention(kind="call"), summit) and not _kinds_agree(mention(kind="summit"), call)
    assert _kinds_agree(mention(kind="call"), call)


def test_grouping_by_shared_people_series_days_and_places():
    from pipeline.extract.meetings.grouping import MentionGrouping
    from pipeline.extract.meetings.mentions import Place

    def grouped(mentions, sentences=None):
        texts = sentences or ["Sentence."] * (max(m.sentence for m in mentions) + 1)
        return [[m.start for m in g.mentions] for g in MentionGrouping(mentions, texts).groups()]

    pair = {1: "participant", 2: "participant"}
    assert grouped([mention(0, participants=pair), mention(1, participants=dict(pair))]) == [[0, 100]]
    assert grouped([mention(0, participants=pair), mention(1, participants={1: "participant", 3: "participant"})]) == [
        [0], [100]]
    assert grouped([mention(0, participants=pair), mention(1, participants=dict(pair))],
                   ["They met.", "He also met them separately."]) == [[0], [100]]
    assert grouped([mention(0, participants=pair), mention(1, participants=dict(pair), dates=[date("2024-05-01")]),
                    mention(2, participants=dict(pair), dates=[date("2024-05-09")])]) == [[0, 100], [200]]
    assert grouped([mention(0, participants=pair, tense="past"),
                    mention(1, participants=dict(pair), tense="future")]) == [[0], [100]]
    assert grouped([mention(0, participants={1: "participant"}), mention(1, participants={1: "participant"})]) == [[0, 100]]
    assert grouped([mention(0, participants={1: "participant"}),
                    mention(1, participants={1: "participant"}, indefinite=True)]) == [[0], [100]]
    assert grouped([mention(0, participants=pair), mention(1, participants=dict(pair), partner_keys={3})]) == [[0], [100]]
    series = dict(series="Harbour Forum", proper_name=True)
    assert grouped([mention(0, ordinal=3, **series), mention(90, ordinal=3, **series)]) == [[0, 9000]]
    assert grouped([mention(0, ordinal=3, **series), mention(1, ordinal=4, **series)]) == [[0], [100]]
    porto = [Place("city", "Porto", 0, 5)]
    assert grouped([mention(0, kind="summit", places=porto), mention(1, kind="summit", places=list(porto))]) == [[0, 100]]
    assert grouped([mention(0, places=porto), mention(1, places=list(porto))]) == [[0], [100]]
    dated = [date("2024-05-01")]
    assert grouped([mention(0, dates=dated), mention(1, dates=list(dated))]) == [[0, 100]]
    assert grouped([mention(0, dates=dated), mention(1, kind="call", dates=list(dated))]) == [[0], [100]]
    assert grouped([mention(0, dates=dated), mention(1, dates=list(dated))], ["Met.", "They met separately."]) == [
        [0], [100]]


def test_references_join_the_meeting_before_them_or_the_one_told_most():
    from pipeline.extract.meetings.grouping import MentionGrouping

    def groups(mentions):
        found = MentionGrouping(mentions, ["S."] * 200).groups()
        return [([m.start for m in g.mentions], [m.start for m in g.bare], [m.start for m in g.shared]) for g in found]

    a, b = {1: "participant", 2: "participant"}, {3: "participant", 4: "participant"}
    the_meeting = dict(verbal=False, anaphoric=True, participants={5: "participant"})
    assert groups([mention(0, participants=a), mention(1, participants=b), mention(2, **the_meeting)]) == [
        ([0], [], []), ([100, 200], [], [])]
    assert groups([mention(0, participants=a), mention(1, participants=dict(a)), mention(5, participants=b),
                   mention(9, **the_meeting)]) == [([0, 100, 900], [], []), ([500], [], [])]
    summit = mention(0, kind="summit", participants=a)
    assert groups([summit, mention(1, participants=b), mention(2, kind="summit", **the_meeting)]) == [
        ([0, 200], [], []), ([100], [], [])]
    bare = dict(verbal=False)
    assert groups([mention(0, participants=a), mention(1, **bare)]) == [([0], [100], [])]
    assert groups([mention(0, participants=a), mention(2, **bare)]) == [([0], [], [])]
    assert groups([mention(0, participants=a), mention(1, kind="call", **bare)]) == [([0], [], [])]
    assert groups([mention(0, participants=a), mention(5, anaphoric=True, **bare)]) == [([0], [500], [])]
    assert groups([mention(0, participants=a), mention(1, participants=b),
                   mention(2, verbal=False, plural_reference=True)]) == [([0], [], [200]), ([100], [], [200])]
    assert groups([mention(0, participants=a), mention(1, verbal=False, plural_reference=True)]) == [([0], [100], [])]
    far = [mention(0, participants=a), mention(100, participants=b), mention(170, participants=dict(a))]
    assert groups(far) == [([0], [], []), ([10000], [], []), ([17000], [], [])]
    assert groups(far[:2] + [mention(170, series="Harbour Forum", proper_name=True, participants=dict(a))]) == [
        ([0], [], []), ([10000], [], []), ([17000], [], [])]
    named = [mention(0, participants=a, series="Harbour Forum", proper_name=True), mention(100, participants=b),
             mention(170, participants=dict(a), series="Harbour Forum", proper_name=True)]
    assert groups(named) == [([0, 17000], [], []), ([10000], [], [])]


def test_a_dateline_names_one_place():
    from pipeline.extract.meetings import _dateline_place

    assert [_dateline_place(d) for d in (None, "", "WASHINGTON, March 11", "Porto (Reuters) -", "Tokyo",
                                         "BRUSSELS/LONDON, May 2", ", May 2", "NEW YORK (AP)")] == [
        None, None, "Washington", "Porto", "Tokyo", None, None, "New York"]


def test_a_host_named_by_surname_takes_the_title_the_text_gives():
    from types import SimpleNamespace

    from pipeline.extract.meetings import _host_name

    def host(name, *titles):
        return SimpleNamespace(name=name, mentions=[SimpleNamespace(title=t) for t in titles])

    assert _host_name(host("Anna Keller", "President")) == "Anna Keller"
    assert _host_name(host("Keller", None, "the minister", "President", "Envoy")) == "President Keller"
    assert _host_name(host("Keller", "the minister")) == "Keller"
    assert _host_name(host("Keller")) == "Keller"


# --- dependency-parse helpers -------------------------------------------------------------------------------------------


def test_sentences_parsed_on_demand_and_the_helpers_over_their_parse(nlp):
    from pipeline.extract import statistical_only
    from pipeline.extract.meetings.syntax import (SentenceParses, agents, negated, noun_phrase, path_up,
                                                  prepositional_objects, subjects, with_conjuncts)

    text = ("Anna Keller and Karl Olsen met with Minister Elena Berg in Oslo. "
            "The forum was not attended by Ravi Mehta. It was opened by Ana Ribeiro and by Mia Berg.")
    with statistical_only(nlp):
        doc = nlp(text)
    steps = nlp.get_pipe("convene_meetings").parse_steps
    first, second, third = list(doc.sents)
    parses = SentenceParses(doc, [second], steps)
    assert parses.token(first.start) is None and parses.token(second.start).text == "The"
    assert SentenceParses(doc, [first], []).token(first.start) is None
    parses.add(doc, [first, second, third], steps)
    met = parses.token(next(t.i for t in first if t.text == "met"))
    assert parses.doc_index(met) == next(t.i for t in first if t.text == "met")

    def texts(tokens):
        return sorted(t.text for t in tokens)

    assert texts(subjects(met)) == ["Keller", "Olsen"]
    (berg,) = prepositional_objects(met, frozenset({"with"}))
    assert berg.text == "Berg" and prepositional_objects(met, frozenset({"at"})) == []
    assert texts(noun_phrase(berg)) == ["Berg", "Elena", "Minister"]
    assert texts(with_conjuncts([next(t for t in subjects(met) if t.text == "Keller")])) == ["Keller", "Olsen"]
    assert [t.text for t in path_up(parses.token(first.start), met)] == ["Anna", "Keller"]
    assert path_up(met, berg) is None
    attended = parses.token(next(t.i for t in second if t.text == "attended"))
    assert negated(attended) and texts(agents(attended)) == ["Mehta"]
    opened = parses.token(next(t.i for t in third if t.text == "opened"))
    assert not negated(opened) and texts(agents(opened)) == ["Berg", "Ribeiro"]


def test_words_inside_quotation_marks_are_what_someone_says(nlp):
    from pipeline.extract.meetings.context import _quoted_tokens

    doc = nlp.make_doc('Keller said "we met" and “they left” but "Olsen stayed')
    assert sorted(doc[i].text for i in _quoted_tokens(doc[:])) == ["Olsen", "left", "met", "stayed", "they", "we"]
    plain = nlp.make_doc("Keller met Olsen.")
    assert _quoted_tokens(plain[:]) == set()


# --- which words are meeting nouns -------------------------------------------------------------------------------------


def tagged(*pairs: str):
    """A Doc of word/TAG pairs, as the tagger would have tagged them."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words, tags = zip(*(pair.rsplit("/", 1) for pair in pairs))
    return Doc(Vocab(), words=list(words), tags=list(tags))


@pytest.mark.parametrize("pairs, index, noun", [
    (("held/VBD", "two/CD", "talks/VBZ"), 2, True),  # a noun the tagger took for a verb, after a number
    (("the/DT", "talks/VBZ"), 1, True),
    (("she/PRP", "talks/VBZ"), 1, False),  # a verb after its subject
    (("hosted/VBD", "a/DT", "roundtable/JJ", "on/IN"), 2, True),  # an adjective heading its phrase
    (("a/DT", "virtual/JJ", "bilateral/JJ", "meeting/NN"), 1, False),  # an adjective before another one
    (("a/DT", "summit/JJ", "meeting/NN"), 1, False),  # an adjective before its noun
])
def test_a_word_is_used_as_a_noun_by_its_tag_and_its_neighbours(pairs, index, noun):
    from pipeline.extract.meetings.mentions import _used_as_noun

    assert _used_as_noun(tagged(*pairs), index) is noun


def test_an_ordinal_edition_joins_the_same_series_named_without_its_ordinal(extract):
    meeting = one_meeting(extract, "The Nordic Water Forum opened in Bergen on Monday with a call for cleaner rivers. "
                                   "Ministers from six countries attend the fifth Nordic Water Forum, which ends on "
                                   "Wednesday.", "2024-06-04")
    assert (meeting.series, meeting.ordinal) == ("Nordic Water Forum", 5)
    assert (meeting.location.city, meeting.start_date) == ("Bergen", dt.date(2024, 6, 3))
