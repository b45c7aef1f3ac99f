"""What the meeting reader ties to each meeting word of one sentence (issue 11): a table of invented sentences, each
with every fact of its mentions written out by hand from the sentence, so that a parse rule read the wrong way
changes a fact the table names. Facts left at their defaults (no date, no place, not dropped ...) are not listed."""
from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 5, 8)  # a Wednesday


@pytest.fixture(scope="module")
def read(nlp):
    """`read(text)` -> (the facts of each mention the reader finds, the meeting drafts built from them, the
    (start, end, text) of each draft's date)."""
    from spacy.tokens import Doc

    from conftest import _PARSES
    from pipeline.extract import statistical_only
    from pipeline.extract.components import run_rules
    from pipeline.extract.meetings import MeetingFinder

    meetings = nlp.get_pipe("convene_meetings")

    def run(text: str, dateline: str | None = None) -> tuple[list[dict], list[dict], list[tuple[int, int, str]]]:
        if text not in _PARSES:
            with statistical_only(nlp):
                _PARSES[text] = nlp(text).to_bytes()
        doc = Doc(nlp.vocab).from_bytes(_PARSES[text])
        doc._.published = PUBLISHED
        run_rules(nlp, doc)  # readies the meeting patterns
        names = {p.key: p.name for p in doc._.people}

        def finder() -> MeetingFinder:
            return MeetingFinder(doc, doc._.people, doc._.dates, meetings.patterns, meetings.parse_steps,
                                 published=PUBLISHED, dateline=dateline)

        facts = [_facts(m, text, names) for m in finder().reader.find()]
        found = finder().find()
        drafts = [{"kind": d.kind, "name": d.name, "participants": {names[k]: r for k, r in d.participants.items()},
                   "days": (d.date.start_date, d.date.end_date) if d.date else None,
                   "date_kind": d.date.kind if d.date else None,
                   "location": {k: v for k, v in d.location.items() if v}, "hosts": d.hosts}
                  for d in found]
        evidence = [(d.date.start, d.date.end, d.date.text) for d in found if d.date]
        return facts, drafts, evidence

    return run


def _facts(mention, text: str, names: dict[int, str]) -> dict:
    facts = {"trigger": text[mention.start:mention.end], "kind": mention.kind, "verbal": mention.verbal,
             "tense": mention.tense, "name": mention.name, "series": mention.series, "ordinal": mention.ordinal,
             "participants": {names[k]: role for k, role in mention.participants.items()},
             "dates": [d.text for d in mention.dates], "ends": [d.text for d in mention.end_dates],
             "places": sorted({(p.field, p.text) for p in mention.places}), "hosts": mention.hosts,
             "dropped": mention.dropped, "anaphoric": mention.anaphoric, "partner_people": mention.partner_people,
             "named_subjects": mention.named_subjects, "body_subject": mention.body_subject,
             "unnamed_partners": mention.unnamed_partners, "at_event": mention.at_event,
             "setting_of": text[mention.setting_of:].split()[0] if mention.setting_of is not None else None,
             "aside": mention.aside, "indefinite": mention.indefinite, "duration_days": mention.duration_days,
             "present": mention.present, "proper_name": mention.proper_name, "phrase": mention.phrase,
             "in_lede": mention.in_lede, "plural_reference": mention.plural_reference,
             "setting_is_venue": mention.setting_is_venue,
             "names_meeting_of": text[mention.names_meeting_of:].split()[0] if mention.names_meeting_of is not None
             else None,
             "read_forward": [d.text for d in mention.dates + mention.end_dates if d.start in mention.future_dates]}
    return {key: value for key, value in facts.items() if value not in (None, False, [], {}, 0)}


READING_FACTS = ("proper_name", "phrase", "in_lede", "plural_reference", "setting_is_venue", "names_meeting_of",
                 "read_forward")


def M(trigger: str, kind: str = "meeting", tense: str = "past", **facts) -> dict:
    """A mention's facts as the table writes them (places as (field, text) pairs)."""
    facts = {"trigger": trigger, "kind": kind, "tense": tense, **facts}
    if "places" in facts:
        facts["places"] = sorted(facts["places"])
    return facts


ONE_ANOTHER = {"partner_people": True, "named_subjects": 1}  # "X met Y": one named subject and a named partner
BERGER_HOLZ = {"Lisa Berger": "participant", "Peter Holz": "participant"}

MENTIONS = {
    "Minister of Trade Ana Ribeiro met Foreign Minister Karl Olsen in Lisbon on Monday.": [
        M("met", verbal=True, participants={"Ana Ribeiro": "participant", "Karl Olsen": "participant"},
          dates=["Monday"], places=[("city", "Lisbon")], **ONE_ANOTHER)],
    "The summit was attended by Prime Minister Anna Lindqvist and President Tomas Varga.": [
        M("summit", "summit", participants={"Anna Lindqvist": "participant", "Tomas Varga": "participant"},
          anaphoric=True, at_event=True)],
    "Governor Peter Holz chaired the meeting of the Regional Water Board in Graz on Tuesday.": [
        M("meeting", name="meeting of the Regional Water Board", series="Regional Water Board",
          participants={"Peter Holz": "chair"}, dates=["Tuesday"], places=[("city", "Graz")], anaphoric=True,
          named_subjects=1, at_event=True)],
    "Senator Mia Berg spoke at the conference in Vienna on Wednesday.": [
        M("conference", "conference", dates=["Wednesday"], places=[("city", "Vienna")], anaphoric=True, at_event=True,
          setting_of="spoke")],
    "The 12th Annual Harbour Safety Forum opened in Oslo on Monday.": [
        M("Forum", "conference", name="12th Annual Harbour Safety Forum", series="Annual Harbour Safety Forum",
          ordinal=12, dates=["Monday"], places=[("city", "Oslo")], at_event=True)],
    "The three-day conference ends on Thursday, its organizers said.": [
        M("conference", "conference", "future", ends=["Thursday"], anaphoric=True, at_event=True, duration_days=3,
          present=True)],
    "The talks were postponed to Friday, officials said.": [
        M("talks", dates=["Friday"], anaphoric=True, at_event=True)],
    "Prime Minister Anna Lindqvist did not attend the summit in Riga on Monday.": [
        M("summit", "summit", participants={"Anna Lindqvist": "participant"}, dates=["Monday"],
          places=[("city", "Riga")], dropped="negated", anaphoric=True, named_subjects=1)],
    "Minister Jana Novak held talks with Mayor Lisa Berger on the sidelines of the Northern Growth Summit in "
    "Tallinn.": [
        M("talks", participants={"Jana Novak": "participant", "Lisa Berger": "participant"}, at_event=True,
          **ONE_ANOTHER),
        M("Summit", "summit", name="Northern Growth Summit", series="Northern Growth Summit",
          places=[("city", "Tallinn")], at_event=True, setting_of="talks")],
    "A delegation led by Deputy Minister Tomas Lindqvist met trade officials in Warsaw on Thursday.": [
        M("met", verbal=True, participants={"Tomas Lindqvist": "participant"}, dates=["Thursday"],
          places=[("city", "Warsaw")], named_subjects=1, unnamed_partners=True)],
    "Labour's spring conference opened in Brighton on Sunday.": [
        M("conference", "conference", name="Labour's spring conference", dates=["Sunday"],
          places=[("city", "Brighton")], hosts=["Labour"], anaphoric=True, at_event=True)],
    "The Budget Committee met on Thursday to review the draft.": [
        M("met", verbal=True, name="Budget Committee", series="Budget Committee", dates=["Thursday"])],
    "President Tomas Varga presided over the meeting in the capital on Tuesday.": [
        M("meeting", participants={"Tomas Varga": "chair"}, dates=["Tuesday"], anaphoric=True, named_subjects=1)],
    "Chancellor Erik Brandt is to meet President Lea Moreau on Thursday.": [
        M("meet", tense="future", verbal=True, participants={"Erik Brandt": "participant", "Lea Moreau": "participant"},
          dates=["Thursday"], **ONE_ANOTHER)],
    "President Lea Moreau telephoned Chancellor Erik Brandt on Monday.": [
        M("telephoned", "call", verbal=True, participants={"Lea Moreau": "participant", "Erik Brandt": "participant"},
          dates=["Monday"], **ONE_ANOTHER)],
    "Norway hosted the summit in Bergen on Monday.": [
        M("summit", "summit", dates=["Monday"], places=[("country", "Norway"), ("city", "Bergen")], anaphoric=True,
          at_event=True)],
    "The city of Bergen will host the conference next month.": [
        M("conference", "conference", "future", dates=["next month"], places=[("city", "Bergen")], anaphoric=True)],
    "Minister Jana Novak held a meeting with more than 100 business leaders on Monday.": [
        M("meeting", participants={"Jana Novak": "host"}, dates=["Monday"], named_subjects=1, unnamed_partners=True,
          at_event=True, indefinite=True)],
    "The Joint Committee on Fisheries Cooperation met in Reykjavik on Tuesday.": [
        M("met", verbal=True, name="Joint Committee on Fisheries Cooperation",
          series="Joint Committee on Fisheries Cooperation", dates=["Tuesday"], places=[("city", "Reykjavik")])],
    "Minister Jana Novak joined a video conference with Mayor Lisa Berger on Monday.": [
        M("conference", "virtual", participants={"Jana Novak": "participant", "Lisa Berger": "participant"},
          dates=["Monday"], indefinite=True, **ONE_ANOTHER)],
    "Minister Jana Novak could meet Mayor Lisa Berger next week.": [
        M("meet", tense="future", verbal=True, participants={"Jana Novak": "participant", "Lisa Berger": "participant"},
          dates=["next week"], dropped="hypothetical", **ONE_ANOTHER)],
    "Karl Olsen, an adviser of the Investment Council, said exports rose.": [],
    "Mayor Lisa Berger met Governor Peter Holz at the city hall on Monday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], places=[("venue", "city hall")], **ONE_ANOTHER)],
    "Mayor Lisa Berger said on Monday that she met Governor Peter Holz. He said the meeting went well.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          **ONE_ANOTHER),
        M("meeting", anaphoric=True)],
    "The talks, scheduled to end on Wednesday, began in Geneva on Monday.": [
        M("talks", dates=["Monday"], ends=["Wednesday"], places=[("city", "Geneva")], anaphoric=True, at_event=True)],
    "The summit, which ends on Friday, opened in Riga on Wednesday.": [
        M("summit", "summit", dates=["Wednesday"], ends=["Friday"], places=[("city", "Riga")], anaphoric=True)],
    "Monday's talks between Mayor Lisa Berger and Governor Peter Holz ended without a deal.": [
        M("talks", participants={"Lisa Berger": "participant", "Peter Holz": "participant"}, dates=["Monday"],
          anaphoric=True, partner_people=True, at_event=True)],
    "The summit was co-chaired by President Lea Moreau and Chancellor Erik Brandt.": [
        M("summit", "summit", participants={"Lea Moreau": "co-chair", "Erik Brandt": "co-chair"}, anaphoric=True,
          at_event=True)],
    "The meeting was joined by Governor Peter Holz on Monday.": [
        M("meeting", participants={"Peter Holz": "participant"}, dates=["Monday"], anaphoric=True)],
    "Minister Jana Novak told the conference in Vienna on Monday that trade had grown.": [
        M("conference", "conference", participants={"Jana Novak": "speaker"}, dates=["Monday"],
          places=[("city", "Vienna")], anaphoric=True, named_subjects=1)],
    "The two-day meeting of energy ministers opened in Baku on Monday.": [
        M("meeting", dates=["Monday"], places=[("city", "Baku")], anaphoric=True, at_event=True, duration_days=2)],
    "The ministers met at the Palace of Nations in Geneva on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("venue", "Palace of Nations"), ("city", "Geneva")])],
    "The leaders met at Blair House on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("venue", "Blair House")])],
    "The ministers met at the Grand Hotel in Bergen on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("venue", "Grand Hotel"), ("city", "Bergen")])],
    "Mayor Lisa Berger met Governor Peter Holz here on Monday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], places=[("here", "here")], **ONE_ANOTHER)],
    "The ministers met on a boat on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("venue", "boat")])],
    "Mayor Lisa Berger met Governor Peter Holz in Gateshead on Monday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], places=[("city", "Gateshead")], **ONE_ANOTHER)],
    "Mayor Lisa Berger arrived in Oslo on Monday. She met Governor Peter Holz on Tuesday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Tuesday"], **ONE_ANOTHER)],
    "Officials said that on Thursday and Friday Mayor Lisa Berger would meet Governor Peter Holz.": [
        M("meet", tense="future", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Thursday", "Friday"], partner_people=True, named_subjects=2)],
    "At their meeting in London, finance ministers backed the plan.": [
        M("meeting", places=[("city", "London")], at_event=True)],
    "Leaders gathered for the Group of 20 summit meeting in Osaka on Friday.": [
        M("meeting", "summit", name="Group of 20 summit meeting", series="Group of 20", dates=["Friday"],
          places=[("city", "Osaka")])],
    "Mayor Lisa Berger will travel to Oslo next week for talks with Governor Peter Holz.": [
        M("talks", tense="future", participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["next week"], at_event=True, **ONE_ANOTHER)],
    "Mayor Lisa Berger met Governor Peter Holz, who was accompanied by Minister Jana Novak, on Monday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], **ONE_ANOTHER)],
    "The ministers will meet from May 20 to May 22 in Vienna.": [
        M("meet", tense="future", verbal=True, dates=["May 20 to May 22"], places=[("city", "Vienna")],
          unnamed_partners=True)],
    "The conference was called off on Monday.": [
        M("conference", "conference", dates=["Monday"], dropped="hypothetical", anaphoric=True)],
    "The energy summit opened in Riga on Monday. Prime Minister Anna Lindqvist attended the summit. The meeting "
    "ended on Wednesday.": [
        M("summit", "summit", dates=["Monday"], places=[("city", "Riga")], anaphoric=True, at_event=True),
        M("summit", "summit", participants={"Anna Lindqvist": "participant"}, anaphoric=True, named_subjects=1,
          at_event=True),
        M("meeting", ends=["Wednesday"], anaphoric=True, at_event=True)],
    "Minister Jana Novak will attend a two-day conference in Vienna starting on Monday.": [
        M("conference", "conference", "future", participants={"Jana Novak": "participant"}, dates=["Monday"],
          places=[("city", "Vienna")], named_subjects=1, indefinite=True, duration_days=2)],
    "The leaders held a summit meeting in Riga on Monday.": [
        M("meeting", "summit", dates=["Monday"], places=[("city", "Riga")], body_subject=True, at_event=True,
          indefinite=True)],
    "Mayor Lisa Berger spoke with Governor Peter Holz by telephone on Monday.": [
        M("spoke", "call", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], **ONE_ANOTHER)],
    "The World Health Assembly opened in Geneva on Monday.": [
        M("Assembly", "conference", name="World Health Assembly", series="World Health Assembly", dates=["Monday"],
          places=[("city", "Geneva")], at_event=True)],
    "Mayor Lisa Berger met Governor Peter Holz in Oslo on Monday. The two discussed fishing rights. Later, she met "
    "Minister Jana Novak.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], places=[("city", "Oslo")], **ONE_ANOTHER),
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Jana Novak": "participant"},
          **ONE_ANOTHER)],
    "The ministers met in Kherson Oblast on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("region", "Kherson Oblast")])],
    "The summit was co-chaired by Norway and Sweden.": [
        M("summit", "summit", hosts=["Norway", "Sweden"], anaphoric=True, at_event=True)],
    "The leaders held summit talks in Riga on Monday.": [
        M("talks", "summit", dates=["Monday"], places=[("city", "Riga")], body_subject=True, at_event=True)],
    "Mayor Lisa Berger will chair the meeting today.": [
        M("meeting", tense="future", participants={"Lisa Berger": "chair"}, dates=["today"], anaphoric=True,
          named_subjects=1)],
    "Mayor Lisa Berger met Governor Peter Holz at the presidential palace on Monday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], places=[("venue", "presidential palace")], **ONE_ANOTHER)],
    "The conference, hosted by the Harbour Authority, opened in Oslo on Monday.": [
        M("conference", "conference", dates=["Monday"], places=[("city", "Oslo")], hosts=["Harbour Authority"],
          anaphoric=True)],
    "Mayor Lisa Berger met her counterpart, Mayor Jonas Dahl, in Oslo on Monday.": [
        M("met", verbal=True, participants={"Lisa Berger": "participant", "Jonas Dahl": "participant"},
          dates=["Monday"], places=[("city", "Oslo")], **ONE_ANOTHER)],
    "Governor Peter Holz addressed the conference on Monday.": [
        M("conference", "conference", participants={"Peter Holz": "speaker"}, dates=["Monday"], anaphoric=True,
          named_subjects=1)],
    "Governor Peter Holz opened the conference on Monday.": [
        M("conference", "conference", participants={"Peter Holz": "speaker"}, dates=["Monday"], anaphoric=True,
          named_subjects=1, at_event=True)],
    "The Harbour Authority's annual meeting took place in Oslo on Monday.": [
        M("meeting", name="Harbour Authority's annual meeting", dates=["Monday"], places=[("city", "Oslo")],
          hosts=["Harbour Authority"], anaphoric=True, at_event=True)],
    "President Lea Moreau's meeting with Chancellor Erik Brandt lasted two hours.": [
        M("meeting", participants={"Lea Moreau": "participant", "Erik Brandt": "participant"}, anaphoric=True,
          partner_people=True, at_event=True)],
    "Mayor Lisa Berger met Governor Peter Holz by phone on Monday.": [
        M("met", "call", verbal=True, participants={"Lisa Berger": "participant", "Peter Holz": "participant"},
          dates=["Monday"], **ONE_ANOTHER)],
    "The leaders held a virtual summit on Monday.": [  # a summit held online is still a summit
        M("summit", "summit", dates=["Monday"], body_subject=True, at_event=True, indefinite=True)],
    "The 3rd Nordic Energy Dialogue opened in Bergen on Monday. The 3rd meeting drew 40 ministers.": [
        M("Dialogue", name="3rd Nordic Energy Dialogue", series="Nordic Energy Dialogue", ordinal=3, dates=["Monday"],
          places=[("city", "Bergen")], at_event=True),
        M("meeting", name="3rd Nordic Energy Dialogue", series="Nordic Energy Dialogue", ordinal=3)],
    "Mayor Lisa Berger will attend the summit": [  # no full stop: the meeting noun is the text's last word
        M("summit", "summit", "future", participants={"Lisa Berger": "participant"}, anaphoric=True,
          named_subjects=1)],
    "The Conference Board said on Monday that confidence fell.": [],
    "Officials said the talks, which were announced on Monday, were held under the trade pact.": [
        M("talks", anaphoric=True, at_event=True)],  # the day of the announcement is not the talks' day
    "The union talked on Monday.": [],  # talking is a meeting only between people the text names
    "On the margins of the Harbour Summit, Mayor Lisa Berger met Governor Peter Holz.": [
        M("Summit", "summit", name="Harbour Summit", series="Harbour Summit", setting_of="met"),
        M("met", verbal=True, participants=BERGER_HOLZ, **ONE_ANOTHER)],
    "Mayor Lisa Berger, whose arrival was delayed by the talks, met Governor Peter Holz on Monday.": [
        M("talks", anaphoric=True, at_event=True, aside=True),
        M("met", verbal=True, participants=BERGER_HOLZ, dates=["Monday"], **ONE_ANOTHER)],
    "Mayor Lisa Berger hoped to meet Governor Peter Holz on Monday.": [
        M("meet", verbal=True, participants=BERGER_HOLZ, dates=["Monday"], dropped="hypothetical", **ONE_ANOTHER)],
    "Mayor Lisa Berger tried to hold talks with Governor Peter Holz on Monday.": [
        M("talks", participants=BERGER_HOLZ, dates=["Monday"], dropped="hypothetical", at_event=True,
          **ONE_ANOTHER)],
    "Governor Peter Holz met Mayor Lisa Berger in the Swiss mountain resort Lenzhorn on Monday.": [
        M("met", verbal=True, participants={"Peter Holz": "participant", "Lisa Berger": "participant"},
          dates=["Monday"], places=[("city", "Lenzhorn")], **ONE_ANOTHER)],
    "Governor Peter Holz met Mayor Lisa Berger at Brandt Hall in Bergen on Monday.": [
        M("met", verbal=True, participants={"Peter Holz": "participant", "Lisa Berger": "participant"},
          dates=["Monday"], places=[("venue", "Brandt Hall"), ("city", "Bergen")], **ONE_ANOTHER)],
    "Governor Peter Holz arrived in Bergen on Sunday. He met Mayor Lisa Berger on Monday.": [
        M("met", verbal=True, participants={"Peter Holz": "participant", "Lisa Berger": "participant"},
          dates=["Monday"], **ONE_ANOTHER)],
    "The summit was opened by Mayor Lisa Berger and chaired by Governor Peter Holz.": [
        M("summit", "summit", participants={"Lisa Berger": "speaker", "Peter Holz": "chair"}, anaphoric=True,
          at_event=True)],
    "The delegation to the talks included Governor Peter Holz and Mayor Lisa Berger.": [
        M("talks", participants={"Peter Holz": "participant", "Lisa Berger": "participant"}, anaphoric=True)],
    "The ministers met the deadline on Monday.": [M("met", verbal=True, dropped="not a meeting")],
    "The ministers meet in Oslo on Thursday.": [
        M("meet", tense="future", verbal=True, dates=["Thursday"], places=[("city", "Oslo")], present=True)],
    "The meeting was also attended by envoys, among them Governor Peter Holz.": [
        M("meeting", participants={"Peter Holz": "participant"}, anaphoric=True, at_event=True)],
    "The summit, attended by Governor Peter Holz, ended on Monday.": [
        M("summit", "summit", ends=["Monday"], anaphoric=True, at_event=True)],
    "The ministers held a virtual meeting on Monday.": [
        M("meeting", "virtual", dates=["Monday"], body_subject=True, at_event=True, indefinite=True)],
    "The leaders met aboard a ship on Monday.": [M("met", verbal=True, dates=["Monday"], places=[("venue", "ship")])],
    "At their meeting in London, G7 finance ministers backed the plan.": [
        M("meeting", name="meeting of G7 finance ministers", places=[("city", "London")], at_event=True)],
    "Karl Olsen, an adviser of the forum, said exports rose.": [  # a body he works for, not a meeting
        M("forum", "conference", participants={"Karl Olsen": "participant"}, dropped="organization",
          anaphoric=True)],
    "Leaders met at the NATO summit in Brussels on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("city", "Brussels")]),
        M("summit", "summit", name="NATO summit", series="NATO", dates=["Monday"], places=[("city", "Brussels")],
          at_event=True, setting_of="met")],
    "The ministers met in northern Norway on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("country", "Norway")])],
    "The ministers met in the Norwegian capital, Oslo, on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("city", "Oslo")])],
    "The ministers met at the UN headquarters in New York on Monday.": [
        M("met", verbal=True, dates=["Monday"], places=[("city", "New York"), ("venue", "UN headquarters")])],
    "The G20 summit in Osaka ended on Saturday.": [
        M("summit", "summit", name="G20 summit", series="G20", ends=["Saturday"], places=[("city", "Osaka")],
          at_event=True)],
    "The Fifth Nordic Fisheries Ministers Meeting opened in Bergen on Monday.": [
        M("Meeting", name="Fifth Nordic Fisheries Ministers Meeting", series="Nordic Fisheries Ministers Meeting",
          ordinal=5, dates=["Monday"], places=[("city", "Bergen")], at_event=True)],
    "The inaugural meeting of the Harbour Council took place in Oslo on Monday.": [
        M("meeting", name="inaugural meeting of the Harbour Council", series="Harbour Council", ordinal=1,
          dates=["Monday"], places=[("city", "Oslo")], at_event=True)],
    "The 2nd Meeting of the Joint Committee on Port Security was held in Oslo on Monday.": [
        M("Meeting", name="2nd Meeting of the Joint Committee on Port Security",
          series="Joint Committee on Port Security", ordinal=2, dates=["Monday"], places=[("city", "Oslo")],
          at_event=True)],
    "The Nordic Summits opened in Oslo on Monday.": [
        M("Summits", "summit", name="Nordic Summits", series="Nordic", dates=["Monday"], places=[("city", "Oslo")],
          at_event=True)],
    "Delegates attended the 4th Annual Arctic Energy Conference on Monday and the 4th conference ended on "
    "Tuesday.": [
        M("Conference", "conference", name="4th Annual Arctic Energy Conference",
          series="Annual Arctic Energy Conference", ordinal=4, dates=["Monday"], body_subject=True, at_event=True),
        M("conference", "conference", name="4th Annual Arctic Energy Conference",
          series="Annual Arctic Energy Conference", ordinal=4, ends=["Tuesday"], at_event=True)],
    "Mayor Lisa Berger is expected to meet Governor Peter Holz on Friday.": [
        M("meet", tense="future", verbal=True, participants=BERGER_HOLZ, dates=["Friday"], **ONE_ANOTHER)],
    "Mayor Lisa Berger was expected to meet Governor Peter Holz on Friday.": [
        M("meet", verbal=True, participants=BERGER_HOLZ, dates=["Friday"], **ONE_ANOTHER)],
    "Mayor Lisa Berger plans to hold talks with Governor Peter Holz on Friday.": [
        M("talks", tense="future", participants=BERGER_HOLZ, dates=["Friday"], at_event=True, **ONE_ANOTHER)],
    "Mayor Lisa Berger refused to meet Governor Peter Holz on Monday.": [
        M("meet", verbal=True, participants=BERGER_HOLZ, dates=["Monday"], dropped="hypothetical", **ONE_ANOTHER)],
    "Mayor Lisa Berger cancelled her meeting with Governor Peter Holz.": [
        M("meeting", participants=BERGER_HOLZ, dropped="hypothetical", **ONE_ANOTHER)],
    "Mayor Lisa Berger has met Governor Peter Holz twice.": [
        M("met", verbal=True, participants=BERGER_HOLZ, **ONE_ANOTHER)],
    "Mayor Lisa Berger was meeting Governor Peter Holz on Monday when the news broke.": [
        M("meeting", verbal=True, participants=BERGER_HOLZ, dates=["Monday"], **ONE_ANOTHER)],
    "Speaking after the meeting on Monday, Governor Peter Holz said fees would fall.": [  # told as past
        M("meeting", participants={"Peter Holz": "participant"}, dates=["Monday"], anaphoric=True, at_event=True)],
    "Governor Peter Holz will speak to reporters after the meeting on Friday.": [
        M("meeting", "meeting", "future", participants={"Peter Holz": "participant"}, dates=["Friday"],
          anaphoric=True, at_event=True)],
    "Following the talks, Governor Peter Holz flew to Oslo.": [
        M("talks", participants={"Peter Holz": "participant"}, anaphoric=True, at_event=True)],
    "President Lea Moreau will host Chancellor Erik Brandt at the Elysee Palace on Friday.": [
        M("host", tense="future", verbal=True, participants={"Lea Moreau": "host", "Erik Brandt": "participant"},
          dates=["Friday"], places=[("venue", "Elysee Palace")], **ONE_ANOTHER)],
    "President Lea Moreau will phone Chancellor Erik Brandt on Friday.": [
        M("phone", "call", "future", verbal=True,
          participants={"Lea Moreau": "participant", "Erik Brandt": "participant"}, dates=["Friday"], **ONE_ANOTHER)],
    "The conference, hosted by Governor Peter Holz, opened in Oslo on Monday.": [
        M("conference", "conference", participants={"Peter Holz": "host"}, dates=["Monday"],
          places=[("city", "Oslo")], anaphoric=True, at_event=True)],
    "Mayor Lisa Berger and Governor Peter Holz said on Tuesday that fees would fall. Berger told reporters after "
    "the talks that the deal was fair.": [  # saying something together is no meeting: the talks stay untold
        M("talks", participants={"Lisa Berger": "participant"}, anaphoric=True, at_event=True)],
    "Mayor Lisa Berger held talks with Governor Peter Holz and Minister Jana Novak on Monday.": [
        M("talks", participants={**BERGER_HOLZ, "Jana Novak": "participant"}, dates=["Monday"], at_event=True,
          **ONE_ANOTHER)],
    "No meeting was held on Monday.": [M("meeting", dates=["Monday"], dropped="negated", at_event=True)],
    "The meeting has been moved to Friday.": [M("meeting", dates=["Friday"], anaphoric=True, at_event=True)],
    "Mayor Lisa Berger received a call from President Lea Moreau on Monday.": [
        M("call", "call", participants={"Lisa Berger": "participant", "Lea Moreau": "participant"},
          dates=["Monday"], indefinite=True, **ONE_ANOTHER)],
    "The talks had been planned for Monday.": [M("talks", dates=["Monday"], anaphoric=True, at_event=True)],
    "The talks were to start on Monday.": [M("talks", dates=["Monday"], anaphoric=True)],
    "The 3rd Nordic Energy Dialogue will take place in Bergen from June 3 to June 5.": [
        M("Dialogue", tense="future", name="3rd Nordic Energy Dialogue", series="Nordic Energy Dialogue", ordinal=3,
          dates=["June 3 to June 5"], places=[("city", "Bergen")], at_event=True)],
}


@pytest.mark.parametrize("text", MENTIONS)
def test_the_facts_of_each_mention(read, text):
    facts, _, _ = read(text)
    assert [{key: value for key, value in f.items() if key not in READING_FACTS} for f in facts] == MENTIONS[text]


READINGS_LEFT_OUT = {  # a known defect, not a reading to keep
    "Leaders gathered for the Group of 20 summit meeting in Osaka on Friday.":
        "the parser hangs 'Group of' apart from the noun, so its phrase as written is cut to '20 summit meeting'",
}
# How each mention's noun is phrased, whether it is the meeting's own name, told in the lede, a plural reference
# to the meetings before, a venue for another meeting, the noun of another trigger's meeting, and which of its
# days are read forward (planned, put off, or told in the present).
READINGS = {
    "The conference, hosted by Governor Peter Holz, opened in Oslo on Monday.": [{"phrase": "conference"}],
    "Mayor Lisa Berger and Governor Peter Holz said on Tuesday that fees would fall. Berger told reporters after "
    "the talks that the deal was fair.": [{"phrase": "talks"}],
    "Mayor Lisa Berger held talks with Governor Peter Holz and Minister Jana Novak on Monday.": [{"phrase": "talks"}],
    "Speaking after the meeting on Monday, Governor Peter Holz said fees would fall.": [{"phrase": "meeting"}],
    "Governor Peter Holz will speak to reporters after the meeting on Friday.": [{"phrase": "meeting"}],
    "Following the talks, Governor Peter Holz flew to Oslo.": [{"phrase": "talks"}],
    "Mayor Lisa Berger plans to hold talks with Governor Peter Holz on Friday.": [{"phrase": "talks"}],
    "Mayor Lisa Berger cancelled her meeting with Governor Peter Holz.": [{"phrase": "her meeting"}],
    "The Fifth Nordic Fisheries Ministers Meeting opened in Bergen on Monday.": [
        {"proper_name": True, "phrase": "Fifth Nordic Fisheries Ministers Meeting", "in_lede": True}],
    "The inaugural meeting of the Harbour Council took place in Oslo on Monday.": [
        {"proper_name": True, "phrase": "inaugural meeting", "in_lede": True}],
    "The 2nd Meeting of the Joint Committee on Port Security was held in Oslo on Monday.": [
        {"proper_name": True, "phrase": "2nd Meeting", "in_lede": True}],
    "The Nordic Summits opened in Oslo on Monday.": [
        {"proper_name": True, "phrase": "Nordic Summits", "in_lede": True}],
    "Delegates attended the 4th Annual Arctic Energy Conference on Monday and the 4th conference ended on "
    "Tuesday.": [
        {"proper_name": True, "phrase": "4th Annual Arctic Energy Conference", "in_lede": True},
        {"proper_name": True, "phrase": "4th conference", "in_lede": True}],
    "Leaders met at the NATO summit in Brussels on Monday.": [
        {}, {"proper_name": True, "phrase": "NATO summit", "in_lede": True, "setting_is_venue": True}],
    "The G20 summit in Osaka ended on Saturday.": [{"proper_name": True, "phrase": "G20 summit", "in_lede": True}],
    "The ministers held a virtual meeting on Monday.": [{"phrase": "virtual meeting"}],
    "At their meeting in London, G7 finance ministers backed the plan.": [{"phrase": "their meeting"}],
    "Karl Olsen, an adviser of the forum, said exports rose.": [{"phrase": "forum"}],
    "The summit was opened by Mayor Lisa Berger and chaired by Governor Peter Holz.": [{"phrase": "summit"}],
    "The delegation to the talks included Governor Peter Holz and Mayor Lisa Berger.": [{"phrase": "talks"}],
    "The meeting was also attended by envoys, among them Governor Peter Holz.": [{"phrase": "meeting"}],
    "The summit, attended by Governor Peter Holz, ended on Monday.": [{"phrase": "summit"}],
    "The summit was attended by Prime Minister Anna Lindqvist and President Tomas Varga.": [
        {"phrase": "summit"}],
    "Governor Peter Holz chaired the meeting of the Regional Water Board in Graz on Tuesday.": [
        {"phrase": "meeting"}],
    "Senator Mia Berg spoke at the conference in Vienna on Wednesday.": [
        {"phrase": "conference", "setting_is_venue": True}],
    "The 12th Annual Harbour Safety Forum opened in Oslo on Monday.": [
        {"proper_name": True, "phrase": "12th Annual Harbour Safety Forum", "in_lede": True}],
    "The three-day conference ends on Thursday, its organizers said.": [
        {"phrase": "three-day conference", "read_forward": ["Thursday"]}],
    "The talks were postponed to Friday, officials said.": [
        {"phrase": "talks", "read_forward": ["Friday"]}],
    "Prime Minister Anna Lindqvist did not attend the summit in Riga on Monday.": [
        {"phrase": "summit"}],
    "Minister Jana Novak held talks with Mayor Lisa Berger on the sidelines of the Northern Growth Summit in "
    "Tallinn.": [
        {"phrase": "talks"}, {"proper_name": True, "phrase": "Northern Growth Summit", "in_lede": True}],
    "Labour's spring conference opened in Brighton on Sunday.": [
        {"phrase": "Labour's spring conference"}],
    "The Budget Committee met on Thursday to review the draft.": [
        {"proper_name": True}],
    "President Tomas Varga presided over the meeting in the capital on Tuesday.": [
        {"phrase": "meeting"}],
    "Norway hosted the summit in Bergen on Monday.": [
        {"phrase": "summit", "names_meeting_of": "hosted"}],
    "The city of Bergen will host the conference next month.": [
        {"phrase": "conference", "names_meeting_of": "host"}],
    "Minister Jana Novak held a meeting with more than 100 business leaders on Monday.": [
        {"phrase": "meeting"}],
    "The Joint Committee on Fisheries Cooperation met in Reykjavik on Tuesday.": [
        {"proper_name": True}],
    "Minister Jana Novak joined a video conference with Mayor Lisa Berger on Monday.": [
        {"phrase": "video conference"}],
    "Mayor Lisa Berger said on Monday that she met Governor Peter Holz. He said the meeting went well.": [
        {}, {"phrase": "meeting"}],
    "The talks, scheduled to end on Wednesday, began in Geneva on Monday.": [
        {"phrase": "talks", "read_forward": ["Wednesday"]}],
    "The summit, which ends on Friday, opened in Riga on Wednesday.": [
        {"phrase": "summit", "read_forward": ["Friday"]}],
    "Monday's talks between Mayor Lisa Berger and Governor Peter Holz ended without a deal.": [
        {"phrase": "Monday's talks"}],
    "The summit was co-chaired by President Lea Moreau and Chancellor Erik Brandt.": [
        {"phrase": "summit"}],
    "The meeting was joined by Governor Peter Holz on Monday.": [
        {"phrase": "meeting"}],
    "Minister Jana Novak told the conference in Vienna on Monday that trade had grown.": [
        {"phrase": "conference"}],
    "The two-day meeting of energy ministers opened in Baku on Monday.": [
        {"phrase": "two-day meeting"}],
    "At their meeting in London, finance ministers backed the plan.": [
        {"phrase": "their meeting"}],
    "Mayor Lisa Berger will travel to Oslo next week for talks with Governor Peter Holz.": [
        {"phrase": "talks"}],
    "The conference was called off on Monday.": [
        {"phrase": "conference"}],
    "The energy summit opened in Riga on Monday. Prime Minister Anna Lindqvist attended the summit. The meeting "
    "ended on Wednesday.": [
        {"phrase": "energy summit"}, {"phrase": "summit"}, {"phrase": "meeting"}],
    "Minister Jana Novak will attend a two-day conference in Vienna starting on Monday.": [
        {"phrase": "two-day conference"}],
    "The leaders held a summit meeting in Riga on Monday.": [
        {"phrase": "summit meeting"}],
    "The World Health Assembly opened in Geneva on Monday.": [
        {"proper_name": True, "phrase": "World Health Assembly", "in_lede": True}],
    "The summit was co-chaired by Norway and Sweden.": [
        {"phrase": "summit"}],
    "The leaders held summit talks in Riga on Monday.": [
        {"phrase": "summit talks"}],
    "Mayor Lisa Berger will chair the meeting today.": [
        {"phrase": "meeting"}],
    "The conference, hosted by the Harbour Authority, opened in Oslo on Monday.": [
        {"phrase": "conference"}],
    "Governor Peter Holz addressed the conference on Monday.": [
        {"phrase": "conference"}],
    "Governor Peter Holz opened the conference on Monday.": [
        {"phrase": "conference"}],
    "The Harbour Authority's annual meeting took place in Oslo on Monday.": [
        {"phrase": "The Harbour Authority's annual meeting"}],
    "President Lea Moreau's meeting with Chancellor Erik Brandt lasted two hours.": [
        {"phrase": "President Lea Moreau's meeting"}],
    "The leaders held a virtual summit on Monday.": [
        {"phrase": "virtual summit"}],
    "The 3rd Nordic Energy Dialogue opened in Bergen on Monday. The 3rd meeting drew 40 ministers.": [
        {"proper_name": True, "phrase": "3rd Nordic Energy Dialogue", "in_lede": True},
        {"proper_name": True, "phrase": "3rd meeting"}],
    "Mayor Lisa Berger will attend the summit": [
        {"phrase": "summit"}],
    "Officials said the talks, which were announced on Monday, were held under the trade pact.": [
        {"phrase": "talks"}],
    "On the margins of the Harbour Summit, Mayor Lisa Berger met Governor Peter Holz.": [
        {"proper_name": True, "phrase": "Harbour Summit", "in_lede": True}, {}],
    "Mayor Lisa Berger, whose arrival was delayed by the talks, met Governor Peter Holz on Monday.": [
        {"phrase": "talks"}, {}],
    "Mayor Lisa Berger tried to hold talks with Governor Peter Holz on Monday.": [
        {"phrase": "talks"}],
    "No meeting was held on Monday.": [
        {"phrase": "meeting"}],
    "The meeting has been moved to Friday.": [
        {"phrase": "meeting", "read_forward": ["Friday"]}],
    "Mayor Lisa Berger received a call from President Lea Moreau on Monday.": [
        {"phrase": "call"}],
    "The talks had been planned for Monday.": [
        {"phrase": "talks"}],
    "The talks were to start on Monday.": [
        {"phrase": "talks"}],
    "The 3rd Nordic Energy Dialogue will take place in Bergen from June 3 to June 5.": [
        {"proper_name": True, "phrase": "3rd Nordic Energy Dialogue", "in_lede": True}],
}


@pytest.mark.parametrize("text", [t for t in MENTIONS if t not in READINGS_LEFT_OUT])
def test_how_each_mention_is_phrased_and_read(read, text):
    facts, _, _ = read(text)
    readings = [{key: value for key, value in f.items() if key in READING_FACTS} for f in facts]
    assert readings == READINGS.get(text, [{} for _ in facts])



def W(month: int, day: int, last: int | None = None) -> tuple[dt.date, dt.date]:
    return dt.date(2024, month, day), dt.date(2024, month, last or day)


DRAFTS = {
    "Senator Mia Berg spoke at the conference in Vienna on Wednesday.": [
        dict(kind="conference", participants={"Mia Berg": "speaker"}, days=W(5, 8), location={"city": "Vienna"})],
    "The three-day conference ends on Thursday, its organizers said.": [
        dict(kind="conference", days=W(5, 7, 9))],
    "The talks were postponed to Friday, officials said.": [dict(days=W(5, 10))],
    "Prime Minister Anna Lindqvist did not attend the summit in Riga on Monday.": [],
    "Minister Jana Novak held talks with Mayor Lisa Berger on the sidelines of the Northern Growth Summit in "
    "Tallinn.": [
        dict(participants={"Jana Novak": "participant", "Lisa Berger": "participant"}, location={"city": "Tallinn"}),
        dict(kind="summit", name="Northern Growth Summit",
             participants={"Jana Novak": "participant", "Lisa Berger": "participant"}, location={"city": "Tallinn"})],
    "A delegation led by Deputy Minister Tomas Lindqvist met trade officials in Warsaw on Thursday.": [
        dict(participants={"Tomas Lindqvist": "participant"}, days=W(5, 2), location={"city": "Warsaw"})],
    "Labour's spring conference opened in Brighton on Sunday.": [
        dict(kind="conference", name="Labour's spring conference", days=W(5, 5), location={"city": "Brighton"},
             hosts=["Labour"])],
    "Chancellor Erik Brandt is to meet President Lea Moreau on Thursday.": [
        dict(participants={"Erik Brandt": "participant", "Lea Moreau": "participant"}, days=W(5, 9))],
    "Norway hosted the summit in Bergen on Monday.": [
        dict(kind="summit", days=W(5, 6), location={"city": "Bergen", "country": "Norway"})],
    "Minister Jana Novak held a meeting with more than 100 business leaders on Monday.": [
        dict(participants={"Jana Novak": "host"}, days=W(5, 6), hosts=["Jana Novak"])],
    "The Harbour Board held its 15th meeting in Oslo on Monday.": [
        dict(name="Harbour Board", days=W(5, 6), location={"city": "Oslo"}, hosts=["Harbour Board"])],
    "Minister Jana Novak could meet Mayor Lisa Berger next week.": [],
    "The talks, scheduled to end on Wednesday, began in Geneva on Monday.": [
        dict(days=W(5, 6, 8), location={"city": "Geneva"})],
    "The summit, which ends on Friday, opened in Riga on Wednesday.": [
        dict(kind="summit", days=W(5, 8, 10), location={"city": "Riga"})],
    "The two-day meeting of energy ministers opened in Baku on Monday.": [
        dict(days=W(5, 6, 7), location={"city": "Baku"})],
    "The ministers met at the Palace of Nations in Geneva on Monday.": [
        dict(days=W(5, 6), location={"venue": "Palace of Nations", "city": "Geneva"})],
    "The ministers met on a boat on Monday.": [dict(days=W(5, 6), location={"venue": "boat"})],
    "Officials said that on Thursday and Friday Mayor Lisa Berger would meet Governor Peter Holz.": [
        dict(participants={"Lisa Berger": "participant", "Peter Holz": "participant"}, days=W(5, 9, 10))],
    "Leaders gathered for the Group of 20 summit meeting in Osaka on Friday.": [
        dict(kind="summit", name="Group of 20 summit meeting", days=W(5, 3), location={"city": "Osaka"})],
    "Mayor Lisa Berger will travel to Oslo next week for talks with Governor Peter Holz.": [
        dict(participants={"Lisa Berger": "participant", "Peter Holz": "participant"}, days=W(5, 13, 19),
             date_kind="relative")],
    "Mayor Lisa Berger met Governor Peter Holz, who was accompanied by Minister Jana Novak, on Monday.": [
        dict(participants={"Lisa Berger": "participant", "Peter Holz": "participant", "Jana Novak": "participant"},
             days=W(5, 6))],
    "The ministers will meet from May 20 to May 22 in Vienna.": [dict(days=W(5, 20, 22), location={"city": "Vienna"})],
    "The conference was called off on Monday.": [],
    "No meeting was held on Monday.": [],
    "Mayor Lisa Berger will meet Governor Peter Holz in Oslo on Friday for the Harbour Forum.": [
        dict(kind="conference", name="Harbour Forum", participants=BERGER_HOLZ, days=W(5, 10),
             location={"city": "Oslo"})],
    "On the margins of the Harbour Summit, Mayor Lisa Berger met Governor Peter Holz.": [
        dict(kind="summit", name="Harbour Summit", participants=BERGER_HOLZ), dict(participants=BERGER_HOLZ)],
    "Mayor Lisa Berger met Governor Peter Holz in Oslo on Monday. Separately, Minister Jana Novak met Director Ana "
    "Ribeiro in Bergen on Monday.": [
        dict(participants=BERGER_HOLZ, days=W(5, 6), location={"city": "Oslo"}),
        dict(participants={"Jana Novak": "participant", "Ana Ribeiro": "participant"}, days=W(5, 6),
             location={"city": "Bergen"})],
    "Mayor Lisa Berger met Governor Peter Holz in Oslo on Monday. The meeting focused on fisheries. At the meeting, "
    "Holz proposed new quotas.": [dict(participants=BERGER_HOLZ, days=W(5, 6), location={"city": "Oslo"})],
    "Mayor Lisa Berger held talks with Governor Peter Holz at Labour's spring conference in Brighton on Sunday.": [
        dict(participants=BERGER_HOLZ, days=W(5, 5),
             location={"venue": "Labour's spring conference", "city": "Brighton"}),
        dict(kind="conference", name="Labour's spring conference", participants=BERGER_HOLZ, days=W(5, 5),
             location={"city": "Brighton"}, hosts=["Labour"])],
    "The harbour talks began on Thursday and ended on Saturday.": [dict(days=W(5, 2, 4))],
    "A meeting of Nordic ministers, who arrived on Sunday, opened in Oslo on Monday.": [
        dict(name="meeting of Nordic ministers", days=W(5, 6), location={"city": "Oslo"})],
    "The summit opened on Monday and closed on Wednesday in Riga.": [
        dict(kind="summit", days=W(5, 6, 8), location={"city": "Riga"})],
    "Leaders met at the NATO summit in Brussels on Monday.": [
        dict(days=W(5, 6), location={"venue": "NATO summit", "city": "Brussels"}),
        dict(kind="summit", name="NATO summit", days=W(5, 6), location={"city": "Brussels"})],
    "The G20 summit in Osaka ended on Saturday.": [
        dict(kind="summit", name="G20 summit", days=W(5, 4), location={"city": "Osaka"})],
    "Mayor Lisa Berger is expected to meet Governor Peter Holz on Friday.": [
        dict(participants=BERGER_HOLZ, days=W(5, 10))],
    "Mayor Lisa Berger was expected to meet Governor Peter Holz on Friday.": [
        dict(participants=BERGER_HOLZ, days=W(5, 3))],  # a plan told as past: the Friday before
    "The talks are scheduled to begin on Friday.": [dict(days=W(5, 10))],
    "The talks were postponed to Wednesday.": [dict(days=W(5, 15))],  # put off to the day it is told: a week on
    "The ministers met on Monday, May 6, in Oslo.": [
        dict(days=W(5, 6), date_kind="partial", location={"city": "Oslo"})],
    "Leaders will meet in Oslo next week. The talks will begin on Monday and end on Tuesday.": [
        dict(days=W(5, 13, 14), location={"city": "Oslo"})],
    "The summit opened on May 6. Leaders met again at the summit on Tuesday.": [
        dict(kind="summit", days=W(5, 6), date_kind="partial"), dict(days=W(5, 7))],  # a day without its year
    "Mayor Lisa Berger met Governor Peter Holz in Oslo on Monday. Minister Jana Novak held talks with Director Ana "
    "Ribeiro in Bergen on Tuesday. The talks in Oslo focused on fish.": [  # "the talks in Oslo": the Oslo meeting only
        dict(participants=BERGER_HOLZ, days=W(5, 6), location={"city": "Oslo"}),
        dict(participants={"Jana Novak": "participant", "Ana Ribeiro": "participant"}, days=W(5, 7),
             location={"city": "Bergen"})],
    "Mayor Lisa Berger met Governor Peter Holz on Monday. Minister Jana Novak met Director Ana Ribeiro on Tuesday. "
    "Holz said the meeting with Berger was useful.": [  # the meeting Berger was at, not the last one told
        dict(participants=BERGER_HOLZ, days=W(5, 6)),
        dict(participants={"Jana Novak": "participant", "Ana Ribeiro": "participant"}, days=W(5, 7))],
    "Mayor Lisa Berger met Governor Peter Holz on Monday. Minister Jana Novak met Director Ana Ribeiro on Tuesday. "
    "The meetings were held in Oslo.": [  # "the meetings": every meeting told before
        dict(participants=BERGER_HOLZ, days=W(5, 6), location={"city": "Oslo"}),
        dict(participants={"Jana Novak": "participant", "Ana Ribeiro": "participant"}, days=W(5, 7),
             location={"city": "Oslo"})],
    "Mayor Lisa Berger met Governor Peter Holz on Monday. Minister Jana Novak met Director Ana Ribeiro on Tuesday. "
    "Both meetings were held in Oslo.": [
        dict(participants=BERGER_HOLZ, days=W(5, 6), location={"city": "Oslo"}),
        dict(participants={"Jana Novak": "participant", "Ana Ribeiro": "participant"}, days=W(5, 7),
             location={"city": "Oslo"})],
    "Speaking after the meeting on Monday, Governor Peter Holz said fees would fall.": [
        dict(participants={"Peter Holz": "participant"}, days=W(5, 6))],
    "Governor Peter Holz will dine with Mayor Lisa Berger on Friday.": [
        dict(participants={"Peter Holz": "participant", "Lisa Berger": "participant"}, days=W(5, 10))],
    "Governor Peter Holz will negotiate with Mayor Lisa Berger in Oslo on Friday.": [
        dict(participants={"Peter Holz": "participant", "Lisa Berger": "participant"}, days=W(5, 10),
             location={"city": "Oslo"})],
    "Mayor Lisa Berger met Governor Peter Holz on Monday before the conference.": [
        dict(participants=BERGER_HOLZ, days=W(5, 6))],
    "The conference opened in Riga on Monday. The meeting ended on Wednesday.": [
        dict(kind="conference", days=W(5, 6, 8), location={"city": "Riga"})],
    "The meeting has been moved to Friday.": [dict(days=W(5, 10))],
    "The talks had been planned for Monday.": [dict(days=W(5, 6))],
    "Mayor Lisa Berger will chair the meeting today.": [
        dict(participants={"Lisa Berger": "chair"}, days=W(5, 8), date_kind="relative")],
    "The energy summit opened in Riga on Monday. Prime Minister Anna Lindqvist attended the summit. The meeting "
    "ended on Wednesday.": [
        dict(kind="summit", participants={"Anna Lindqvist": "participant"}, days=W(5, 6, 8),
             location={"city": "Riga"})],
    "Mayor Lisa Berger met Governor Peter Holz in Oslo on Monday. On Tuesday she met Minister Jana Novak in Bergen. "
    "The meeting in Bergen lasted an hour.": [
        dict(participants={"Lisa Berger": "participant", "Peter Holz": "participant"}, days=W(5, 6),
             location={"city": "Oslo"}),
        dict(participants={"Lisa Berger": "participant", "Jana Novak": "participant"}, days=W(5, 7),
             location={"city": "Bergen"})],
    "Minister Jana Novak will attend a two-day conference in Vienna starting on Monday.": [
        dict(kind="conference", participants={"Jana Novak": "participant"}, days=W(5, 13, 14),
             location={"city": "Vienna"})],
    "Mayor Lisa Berger met Governor Peter Holz in Oslo on Monday. The two discussed fishing rights. Later, she met "
    "Minister Jana Novak.": [
        dict(participants={"Lisa Berger": "participant", "Peter Holz": "participant"}, days=W(5, 6),
             location={"city": "Oslo"}),
        dict(participants={"Lisa Berger": "participant", "Jana Novak": "participant"})],
    "The 3rd Nordic Energy Dialogue will take place in Bergen from June 3 to June 5.": [
        dict(name="3rd Nordic Energy Dialogue", days=W(6, 3, 5), location={"city": "Bergen"})],
    "Mayor Lisa Berger and Governor Peter Holz agreed on Tuesday in Oslo to share the costs. Berger told reporters "
    "after the talks that the deal was fair.": [
        dict(participants={"Lisa Berger": "participant", "Peter Holz": "participant"}, days=W(5, 7),
             location={"city": "Oslo"})],
}


@pytest.mark.parametrize("text", DRAFTS)
def test_the_meetings_drafted_from_a_sentence(read, text):
    _, drafts, evidence = read(text)
    defaults = {"kind": "meeting", "name": None, "participants": {}, "days": None, "location": {}, "hosts": []}
    expected = [{**defaults, **draft} for draft in DRAFTS[text]]
    for draft in expected:  # a weekday's meeting, a meeting of several days, or one dated by "today", "next week"
        days = draft["days"]
        draft.setdefault("date_kind", None if days is None else "range" if days[0] != days[1] else "weekday")
    assert drafts == expected
    assert all(text[start:end] == written for start, end, written in evidence)


SUMMIT = "The harbour summit opened in Oslo on Monday. "
HOLZ = {"Peter Holz": "participant"}
ATTENDANCE = {
    "Governor Peter Holz and Mayor Lisa Berger were there.": {**HOLZ, "Lisa Berger": "participant"},
    "Minister Jana Novak was present.": {"Jana Novak": "participant"},
    "Minister Jana Novak will also be there.": {"Jana Novak": "participant"},
    "Governor Peter Holz discussed port fees.": HOLZ,
    "Governor Peter Holz discusses port fees.": HOLZ,
    "Delegates, including Governor Peter Holz, attended.": HOLZ,
    "Among those attending were Governor Peter Holz and Mayor Lisa Berger.": {**HOLZ, "Lisa Berger": "participant"},
    "Norland sent Governor Peter Holz.": HOLZ,
    "The session was co-chaired by Governor Peter Holz and Mayor Lisa Berger.": {"Peter Holz": "co-chair",
                                                                                "Lisa Berger": "co-chair"},
    "It was presided over by Governor Peter Holz.": {"Peter Holz": "chair"},
    "Minister Jana Novak delivered the keynote address.": {"Jana Novak": "speaker"},
    "Governor Peter Holz gave a speech on port fees.": {"Peter Holz": "speaker"},
    "Governor Peter Holz, who spoke at the summit, said fees would fall.": {"Peter Holz": "speaker"},
    "Governor Peter Holz made a statement on port fees.": {"Peter Holz": "speaker"},
    "Minister Jana Novak recorded a video message.": {"Jana Novak": "speaker"},
    "Mayor Lisa Berger presented the harbour plan.": {"Lisa Berger": "speaker"},
    "Director Ana Ribeiro gave the opening remarks.": {"Ana Ribeiro": "speaker"},
    "Minister Jana Novak briefed the delegates.": {"Jana Novak": "participant"},
    "The summit was hosted by Governor Peter Holz and Mayor Lisa Berger.": {"Peter Holz": "host",
                                                                        "Lisa Berger": "host"},
    "The summit was hosted by Governor Peter Holz, Mayor Lisa Berger said.": {"Peter Holz": "host"},
    "Governor Peter Holz did not attend.": {},
    "\"We discussed port fees,\" Governor Peter Holz said.": {},
    "Governor Peter Holz will speak to reporters on Tuesday.": {},
    "Speaking in Bergen, Governor Peter Holz said fees would fall.": {},
}


@pytest.mark.parametrize("sentence", ATTENDANCE)
def test_who_the_sentence_after_a_meeting_says_was_at_it(read, sentence):
    _, drafts, _ = read(SUMMIT + sentence)
    assert [(d["kind"], d["days"], d["location"], d["participants"]) for d in drafts] == [
        ("summit", W(5, 6), {"city": "Oslo"}, ATTENDANCE[sentence])]


def test_a_participant_list_gives_each_line_its_role_in_parentheses(read):
    text = ("The Harbour Council held its first meeting in Oslo on Monday.\n\nParticipants included:\n\n"
            "Governor Peter Holz (Cochair)\nMayor Lisa Berger (Moderator)\nMinister Jana Novak\n"
            "Director Ana Ribeiro (Speaker)\n\nThe council will meet again in June.\n")
    _, drafts, _ = read(text)
    assert [(d["name"], d["participants"], d["hosts"]) for d in drafts] == [
        ("Harbour Council", {"Peter Holz": "co-chair", "Lisa Berger": "host", "Jana Novak": "participant",
                             "Ana Ribeiro": "participant"}, ["Harbour Council", "Lisa Berger"])]


def test_talks_at_a_summit_are_held_during_it_and_a_bare_summit_is_no_venue(read):
    _, drafts, _ = read("The harbour summit opened in Oslo on Monday. On Tuesday, Mayor Lisa Berger held talks with "
                        "Governor Peter Holz at the summit. The summit closes on Thursday.")
    summit, talks = drafts
    assert (summit["kind"], summit["days"], summit["location"], summit["participants"]) == (
        "summit", W(5, 6, 9), {"city": "Oslo"}, BERGER_HOLZ)
    assert (talks["kind"], talks["days"], talks["participants"]) == ("meeting", W(5, 7), BERGER_HOLZ)
    assert "venue" not in talks["location"]


@pytest.mark.parametrize("text, city", [
    ("Mayor Lisa Berger met Governor Peter Holz here on Monday.", "Oslo"),
    ("Mayor Lisa Berger met Governor Peter Holz on Monday.", "Oslo"),  # a meeting of the story's days
    ("Mayor Lisa Berger will meet Governor Peter Holz in June.", None),  # not of the story's days
    ("Mayor Lisa Berger met Governor Peter Holz in Bergen on Monday.", "Bergen"),
])
def test_the_datelines_place_is_where_a_meeting_of_the_storys_days_met(read, text, city):
    _, drafts, _ = read(text, dateline="OSLO, May 8")
    assert [d["location"].get("city") for d in drafts] == [city]


def test_a_dinner_hosted_by_someone_is_a_meeting_of_its_own_and_who_said_so_is_not_at_it(read):
    _, drafts, _ = read(SUMMIT + "A dinner was hosted by Governor Peter Holz on Monday, Mayor Lisa Berger said.")
    assert [(d["kind"], d["participants"], d["hosts"]) for d in drafts] == [
        ("summit", {}, []), ("meeting", {"Peter Holz": "host"}, ["Peter Holz"])]


def test_a_sentence_speaks_of_the_last_meeting_of_its_paragraph_else_of_the_storys_main_meeting(read):
    _, drafts, _ = read(SUMMIT + "Governor Peter Holz discussed port fees.\n\nOn Tuesday, Mayor Lisa Berger met "
                                 "Minister Jana Novak in Bergen. Director Ana Ribeiro discussed fishing quotas.\n\n"
                                 "Director Karl Olsen thanked the hosts.")
    assert [(d["kind"], d["location"], d["participants"]) for d in drafts] == [
        ("summit", {"city": "Oslo"}, {"Peter Holz": "participant", "Karl Olsen": "participant"}),
        ("meeting", {"city": "Bergen"}, {"Lisa Berger": "participant", "Jana Novak": "participant",
                                         "Ana Ribeiro": "participant"})]


def test_a_role_a_participant_list_gives_outranks_taking_part(read):
    _, drafts, _ = read("Governor Peter Holz attended the Harbour Council meeting in Oslo on Monday.\n\n"
                        "Participants:\n\nGovernor Peter Holz (Chair)\nMayor Lisa Berger\n")
    assert [(d["name"], d["participants"]) for d in drafts] == [
        ("Harbour Council meeting", {"Peter Holz": "chair", "Lisa Berger": "participant"})]
