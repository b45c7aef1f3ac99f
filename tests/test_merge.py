"""Cross-article merging of meetings and people, organization keys, near-duplicate articles, stable ids."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from pipeline.merge import ArticleInfo, PreviousIds, find_near_duplicates, merge
from pipeline.merge.orgs import normalize_org
from pipeline.models import Location, Meeting, Participant, Person, Role, SourceRef

SERIES = "ASEAN-Japan Smart Cities Network High Level Meeting"
MINISTRY = "Ministry of Land, Infrastructure, Transport and Tourism"


def meeting(mid: str, article: str, **fields) -> Meeting:
    return Meeting(id=mid, sources=[SourceRef(article_id=article, mention_id=mid)], **fields)


def person(pid: str, article: str, name: str, roles: list[tuple[str | None, str | None]] = (), **fields) -> Person:
    return Person(
        id=pid,
        name=name,
        roles=[Role(title=t, organization=o, article_ids=[article]) for t, o in roles],
        sources=[SourceRef(article_id=article, mention_id=pid)],
        **fields,
    )


def infos(*ids: str, **duplicates: str) -> dict[str, ArticleInfo]:
    return {i: ArticleInfo(id=i, duplicate_of=duplicates.get(i), status="duplicate" if i in duplicates else "ok") for i in ids}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def article_sets(meetings: list[Meeting]) -> list[list[str]]:
    return sorted(sorted(s.article_id for s in m.sources) for m in meetings)


# --- meetings -------------------------------------------------------------------------------------------------------

def seed_like_records():
    meetings = [
        meeting("a1-m1", "a1", name=f"5th {SERIES}", series=SERIES, ordinal=5, start_date=d("2023-10-26"),
                end_date=d("2023-10-27"), date_text="October 26 and 27",
                location=Location(city="Tsukuba City", region="Ibaraki Prefecture"),
                hosts=[f"{MINISTRY} of Japan"], attendance=250,
                participants=[Participant(person_id="a1-p1", name="Shinichi Sakaki", role="co-chair")]),
        meeting("a2-m1", "a2", name=f"5th {SERIES}", series=SERIES, ordinal=5, start_date=d("2023-10-26"),
                end_date=d("2023-10-27"), date_text="Thursday, October 26 to Friday, October 27, 2023",
                location=Location(region="Ibaraki Prefecture"), hosts=[f"the {MINISTRY}"],
                participants=[Participant(person_id="a2-p1", name="Yoshida Nobuhiro", role="speaker")]),
        meeting("a3-m1", "a3", name="4th Asean-Japan Smart Cities Network High Level Meeting",
                series="Asean-Japan Smart Cities Network High Level Meeting", ordinal=4, date_text="Sunday",
                location=Location(city="Aizuwakamatsu"), hosts=[MINISTRY]),
    ]
    people = [
        person("a1-p1", "a1", "Shinichi Sakaki", meeting_ids=["a1-m1"]),
        person("a2-p1", "a2", "Yoshida Nobuhiro", aliases=["Yoshida"], meeting_ids=["a2-m1"]),
    ]
    return meetings, people


def test_two_reports_of_one_edition_merge_and_another_edition_stays_apart():
    meetings, people = seed_like_records()
    merged, _ = merge(meetings, people, infos("a1", "a2", "a3"))
    assert article_sets(merged) == [["a1", "a2"], ["a3"]]
    fifth = next(m for m in merged if m.ordinal == 5)
    assert (fifth.start_date, fifth.end_date) == (d("2023-10-26"), d("2023-10-27"))
    assert fifth.location.city == "Tsukuba City" and fifth.attendance == 250
    assert fifth.hosts == [f"{MINISTRY} of Japan"]
    assert fifth.conflicts == []
    assert [p.name for p in fifth.participants] == ["Shinichi Sakaki", "Yoshida Nobuhiro"]


def test_participant_and_meeting_references_point_at_merged_ids():
    meetings, people = seed_like_records()
    people.append(person("a3-p1", "a3", "Nobuhiro Yoshida", meeting_ids=["a3-m1"]))
    merged_meetings, merged_people = merge(meetings, people, infos("a1", "a2", "a3"))
    fifth = next(m for m in merged_meetings if m.ordinal == 5)
    assert fifth.id == "a1-m1"
    yoshida = next(p for p in merged_people if "Nobuhiro" in p.name)
    assert yoshida.id == "a2-p1"
    assert yoshida.meeting_ids == ["a1-m1", "a3-m1"]
    assert {p.person_id: p.name for p in fifth.participants} == {"a1-p1": "Shinichi Sakaki", "a2-p1": yoshida.name}
    known_people = {p.id for p in merged_people}
    assert all(p.person_id in known_people for m in merged_meetings for p in m.participants)


def leaders_meeting(mid: str, article: str, date: str, names=("Anna Keller", "Ravi Mehta"), **fields) -> Meeting:
    return meeting(mid, article, kind=fields.pop("kind", "virtual"), start_date=d(date),
                   participants=[Participant(name=n) for n in names], **fields)


def test_same_leaders_a_year_apart_are_two_meetings():
    merged, _ = merge([leaders_meeting("x1", "x", "2021-11-15"), leaders_meeting("y1", "y", "2022-11-15")], [],
                      infos("x", "y"))
    assert article_sets(merged) == [["x"], ["y"]]


def test_same_leaders_reported_a_day_apart_merge_with_a_date_conflict():
    merged, _ = merge([leaders_meeting("x1", "x", "2021-11-15"), leaders_meeting("y1", "y", "2021-11-16")], [],
                      infos("x", "y"))
    assert article_sets(merged) == [["x", "y"]]
    (conflict,) = merged[0].conflicts
    assert conflict.field == "start_date"
    assert [(v.value, v.article_ids) for v in conflict.values] == [("2021-11-15", ["x"]), ("2021-11-16", ["y"])]


def test_two_bilaterals_of_one_leader_on_one_day_stay_apart():
    merged, _ = merge(
        [leaders_meeting("x1", "x", "2021-06-12", ("Anna Keller", "Ravi Mehta"), location=Location(city="Lisbon")),
         leaders_meeting("y1", "y", "2021-06-12", ("Anna Keller", "Tomas Novak"), location=Location(city="Lisbon"))],
        [], infos("x", "y"))
    assert len(merged) == 2


def test_undated_unnamed_meetings_without_shared_people_stay_apart():
    merged, _ = merge([meeting("x1", "x", location=Location(city="Lisbon"), participants=[Participant(name="Anna Keller")]),
                       meeting("y1", "y", location=Location(city="Lisbon"), participants=[Participant(name="Tomas Novak")])],
                      [], infos("x", "y"))
    assert len(merged) == 2


def test_meetings_of_one_article_never_merge():
    twins = [leaders_meeting("x1", "x", "2021-11-15"), leaders_meeting("x2", "x", "2021-11-15")]
    merged, _ = merge(twins, [], infos("x"))
    assert len(merged) == 2


def test_a_cluster_never_spans_more_than_one_day():
    mentions = [leaders_meeting(f"{a}1", a, date, series="Regional Water Forum")
                for a, date in (("x", "2021-10-01"), ("y", "2021-10-02"), ("z", "2021-10-03"))]
    merged, _ = merge(mentions, [], infos("x", "y", "z"))
    for record in merged:
        dates = [m.start_date for m in mentions if m.id in {s.mention_id for s in record.sources}]
        assert (max(dates) - min(dates)).days <= 1
    assert len(merged) == 2


def test_an_unnamed_report_does_not_bridge_two_differently_named_meetings():
    brussels = Location(city="Brussels")
    summit_named = meeting("s1", "x", kind="summit", name="meeting of EU heads of government",
                           start_date=d("1987-06-29"), end_date=d("1987-06-30"), location=brussels)
    summit_unnamed = meeting("s2", "y", kind="summit", start_date=d("1987-06-29"), end_date=d("1987-06-30"),
                             location=brussels)
    ministers = meeting("m1", "z", name="meeting of farm ministers", start_date=d("1987-06-30"), location=brussels)
    merged, _ = merge([summit_named, summit_unnamed, ministers], [], infos("x", "y", "z"))
    assert article_sets(merged) == [["x", "y"], ["z"]]


def test_two_reports_of_a_conference_naming_different_attendees_merge():
    davos = Location(city="Davos")
    first = meeting("c1", "x", kind="conference", name="Global Trade Forum", location=davos,
                    participants=[Participant(name=n, role="participant") for n in ("Anna Keller", "Ravi Mehta", "Lea Moreau")])
    second = meeting("c2", "y", kind="conference", name="Global Trade Forum", location=davos,
                     participants=[Participant(name=n, role="participant") for n in ("Lea Moreau", "Omar Nasser")])
    merged, _ = merge([first, second], [], infos("x", "y"))
    assert article_sets(merged) == [["x", "y"]]


def test_reports_naming_one_meeting_differently_merge_by_their_distinctive_words():
    london = Location(city="London")
    described = meeting("g1", "x", name="meeting of G20 finance ministers", location=london)
    short = meeting("g2", "y", name="G20 meeting", series="G20", location=london,
                    participants=[Participant(name="Ravi Mehta", role="participant")])
    other = meeting("o1", "z", name="OPEC meeting", series="OPEC", location=london)
    merged, _ = merge([described, short, other], [], infos("x", "y", "z"))
    assert article_sets(merged) == [["x", "y"], ["z"]]


def test_conflicting_fields_are_kept_with_their_articles():
    common = dict(series="Harbour Cities Forum", ordinal=3, start_date=d("2022-05-04"))
    merged, _ = merge(
        [meeting("x1", "x", location=Location(city="Porto"), attendance=120, **common),
         meeting("y1", "y", location=Location(city="Braga"), attendance=150, end_date=d("2022-05-05"), **common)],
        [], infos("x", "y"))
    (record,) = merged
    assert record.end_date == d("2022-05-05")
    assert record.attendance == 150
    conflicts = {c.field: [(v.value, v.article_ids) for v in c.values] for c in record.conflicts}
    assert conflicts == {
        "attendance": [(120, ["x"]), (150, ["y"])],
        "location.city": [("Braga", ["y"]), ("Porto", ["x"])],
    }


def test_strongest_participant_role_is_kept():
    common = dict(series="Harbour Cities Forum", ordinal=3)
    merged, _ = merge(
        [meeting("x1", "x", participants=[Participant(person_id="x-p", name="Anna Keller", role="speaker")], **common),
         meeting("y1", "y", participants=[Participant(person_id="y-p", name="Anna Keller", role="chair")], **common)],
        [person("x-p", "x", "Anna Keller"), person("y-p", "y", "Anna Keller")], infos("x", "y"))
    assert [(p.person_id, p.role) for p in merged[0].participants] == [("x-p", "chair")]


def test_duplicate_article_meeting_folds_into_the_original():
    merged, _ = merge(
        [meeting("o1", "o", kind="call", participants=[Participant(name="Anna Keller")]),
         meeting("c1", "c", kind="call", participants=[Participant(name="Anna Keller")])],
        [], infos("o", "c", c="o"))
    assert article_sets(merged) == [["c", "o"]]


def test_stable_ids_with_previous_output():
    first = [leaders_meeting("m-b", "b", "2021-11-15"), leaders_meeting("m-c", "c", "2021-11-15")]
    old_meetings, _ = merge(first, [], infos("b", "c"))
    assert [m.id for m in old_meetings] == ["m-b"]
    later = first + [leaders_meeting("m-a", "a", "2021-11-15")]
    without_previous, _ = merge(later, [], infos("a", "b", "c"))
    assert [m.id for m in without_previous] == ["m-a"]
    with_previous, _ = merge(later, [], infos("a", "b", "c"), PreviousIds.from_records(old_meetings, []))
    assert [m.id for m in with_previous] == ["m-b"]


def test_output_does_not_depend_on_input_order():
    meetings, people = seed_like_records()
    expected = merge(meetings, people, infos("a1", "a2", "a3"))
    random.Random(7).shuffle(meetings)
    people.reverse()
    assert merge(meetings, people, infos("a1", "a2", "a3")) == expected


# --- people ---------------------------------------------------------------------------------------------------------

def people_groups(people: list[Person]) -> list[list[str]]:
    merged = merge([], people, infos(*{s.article_id for p in people for s in p.sources}))[1]
    return sorted(sorted(s.mention_id for s in p.sources) for p in merged)


def test_name_order_and_initials_variants_merge():
    assert people_groups([person("p1", "a", "Yoshida Nobuhiro", aliases=["Yoshida"]),
                          person("p2", "b", "Nobuhiro Yoshida")]) == [["p1", "p2"]]
    merged = merge([], [person("p1", "a", "Joseph R. Biden, Jr.", [("President", None)]),
                        person("p2", "b", "Joe Biden", [("President", None)])], infos("a", "b"))[1]
    (biden,) = merged
    assert biden.name == "Joseph R. Biden, Jr." and biden.aliases == ["Joe Biden"]


def test_people_sharing_a_surname_stay_apart():
    assert people_groups([person("p1", "a", "Kamala Harris"), person("p2", "b", "Lisa Harris")]) == [["p1"], ["p2"]]
    assert people_groups([person("p1", "a", "Jake Sullivan"), person("p2", "b", "Dan Sullivan")]) == [["p1"], ["p2"]]


def test_initial_matching_two_people_stays_apart():
    groups = people_groups([person("p1", "a", "John Smith"), person("p2", "b", "Jane Smith"),
                            person("p3", "c", "J. Smith")])
    assert groups == [["p1"], ["p2"], ["p3"]]


def test_lone_surname_joins_the_only_full_name_with_a_compatible_role():
    jake = person("p1", "a", "Jake Sullivan", [("National Security Advisor", None)])
    dan = person("p2", "b", "Dan Sullivan", [("Senator", None)])
    lone_advisor = person("p3", "c", "Sullivan", [("National Security Advisor", None)])
    lone_unknown = person("p4", "d", "Sullivan")
    assert people_groups([jake, dan, lone_advisor, lone_unknown]) == [["p1", "p3"], ["p2"], ["p4"]]
    assert people_groups([jake, lone_unknown]) == [["p1", "p4"]]


def test_ambiguous_lone_surnames_with_one_title_join_each_other_only():
    jill = person("p1", "a", "Jill Okoro")
    hunter = person("p2", "b", "Hunter Okoro")
    president_c = person("p3", "c", "Okoro", [("President", None)])
    president_d = person("p4", "d", "Okoro", [("President", None)])
    senator_e = person("p5", "e", "Okoro", [("Senator", None)])
    senator_f = person("p6", "f", "Okoro", [("Senator", None)])
    untitled_g = person("p7", "g", "Okoro")
    assert people_groups([jill, hunter, president_c, president_d, senator_e, senator_f, untitled_g]) == [
        ["p1"], ["p2"], ["p3", "p4"], ["p5"], ["p6"], ["p7"]]


def test_lone_surname_with_a_conflicting_role_stays_apart():
    jake = person("p1", "a", "Jake Sullivan", [("National Security Advisor", None)])
    assert people_groups([jake, person("p2", "b", "Sullivan", [("Senator", None)])]) == [["p1"], ["p2"]]


def test_roles_are_deduplicated_by_normalized_title_and_organization():
    merged = merge([], [person("p1", "a", "Maria Lopez", [("Minister", "the Ministry of Health of Chile")]),
                        person("p2", "b", "Maria Lopez", [("minister", "Ministry of Health")])], infos("a", "b"))[1]
    (lopez,) = merged
    assert [(r.title, r.organization, r.article_ids) for r in lopez.roles] == [
        ("Minister", "the Ministry of Health of Chile", ["a", "b"])]


# --- organizations --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("first, second", [
    ("Asean", "ASEAN"),
    (f"{MINISTRY} of Japan", f"the {MINISTRY}"),
    ("Japan's Ministry of Foreign Affairs", "Ministry of Foreign Affairs"),
    ("Ministry of Home Affairs of the Republic of Indonesia", "ministry of home affairs"),
    ("National Economic Council (NEC)", "the National  Economic Council"),
])
def test_org_names_that_normalize_together(first, second):
    assert normalize_org(first) == normalize_org(second)


@pytest.mark.parametrize("first, second", [
    ("Bank of Japan", "Bank"),
    ("Office of the Secretary of Defense", "Office of the Secretary"),
    ("McDonald's Corporation", "Corporation"),
])
def test_org_names_that_stay_different(first, second):
    assert normalize_org(first) != normalize_org(second)


# --- near-duplicate articles ----------------------------------------------------------------------------------------

STORY = (
    "The city council of Northvale approved a new budget on Tuesday after a long debate about road repairs, "
    "school funding and the future of the public library. Mayor Elena Brooks said the plan would protect "
    "essential services while keeping taxes flat for another year. Council member Victor Hale argued that the "
    "road program was still too small and warned that delays would raise costs later. The budget includes money "
    "for two new buses, a renovated community pool and longer opening hours at the library on weekends. "
    "Residents who spoke at the meeting asked the council to publish spending reports every quarter, and the "
    "finance director agreed to post the first report in the spring. The vote was six to three."
)


def test_resent_wire_story_is_a_near_duplicate_and_a_templated_different_story_is_not():
    resent = STORY.replace("on Tuesday", "on Tuesday evening").replace("six to three", "six votes to three")
    different = (STORY.replace("Northvale", "Eastport").replace("Elena Brooks", "Omar Said")
                 .replace("Victor Hale", "Grace Lin").replace("Tuesday", "Thursday").replace("two new buses", "a fire truck")
                 .replace("community pool", "town hall").replace("spring", "autumn").replace("six to three", "five to four")
                 .replace("road repairs", "bridge safety").replace("weekends", "holidays"))
    found = find_near_duplicates([("b-resent", resent), ("a-story", STORY), ("c-other", different)])
    assert found == {"b-resent": "a-story"}


def test_exact_duplicates_point_at_the_smallest_id():
    assert find_near_duplicates(iter([("z", STORY), ("m", STORY), ("q", "An unrelated short note.")])) == {"z": "m"}


def test_family_name_first_without_alias_still_matches_the_reversed_form():
    groups = people_groups([person("p1", "a", "Yoshida Nobuhiro", aliases=["Yoshida"]),
                            person("p2", "b", "Nobuhiro Yoshida"), person("p3", "c", "Yoshida Nobuhiro")])
    assert groups == [["p1", "p2", "p3"]]


def test_lone_surname_in_a_duplicate_article_folds_into_the_original_person():
    people = [person("p1", "o", "Jake Sullivan"), person("p2", "z", "Dan Sullivan"), person("p3", "c", "Sullivan")]
    groups = merge([], people, infos("o", "z", "c", c="o"))[1]
    assert sorted(sorted(s.mention_id for s in p.sources) for p in groups) == [["p1", "p3"], ["p2"]]
    assert people_groups(people) == [["p1"], ["p2"], ["p3"]]


def test_three_reports_of_one_virtual_meeting_merge_despite_differing_kind_and_date():
    mentions = [leaders_meeting("s1", "s", "2021-11-15", ("Anna Keller", "Ravi Mehta")),
                leaders_meeting("r1", "r", "2021-11-15", ("Keller", "Mehta"), kind="meeting"),
                leaders_meeting("t1", "t", "2021-11-16", ("Anna Keller", "Ravi Mehta"))]
    merged, _ = merge(mentions, [], infos("s", "r", "t"))
    assert article_sets(merged) == [["r", "s", "t"]]
    assert merged[0].kind == "virtual" and merged[0].start_date == d("2021-11-15")


# --- people across newsrooms --------------------------------------------------------------------------------------------


def test_transliterated_given_names_one_vowel_apart_merge():
    assert people_groups([person("p1", "a", "Yasser Haddad"), person("p2", "b", "Yassir Haddad")]) == [["p1", "p2"]]


@pytest.mark.parametrize("first, second", [("Maria Lopez", "Mario Lopez"), ("Elena Berg", "Alena Berg"),
                                           ("Anna Lind", "Anne Lind")])
def test_given_names_differing_at_the_end_or_start_or_short_stay_apart(first, second):
    assert people_groups([person("p1", "a", first), person("p2", "b", second)]) == [["p1"], ["p2"]]


def test_surname_spelled_with_a_single_letter_and_a_middle_name_as_given_merge_on_the_same_post():
    same_post = [person("p1", "a", "Jose Manuel Barreto", [("President", "Andean Commission")]),
                 person("p2", "b", "Manuel Bareto", [("President", "Andean Commission")])]
    assert people_groups(same_post) == [["p1", "p2"]]
    no_post = [person("p1", "a", "Jose Manuel Barreto"), person("p2", "b", "Manuel Bareto")]
    assert people_groups(no_post) == [["p1"], ["p2"]]


def test_vice_president_and_president_of_the_same_name_but_another_initial_stay_apart():
    people = [person("p1", "a", "George Hale", [("Vice President", None)]),
              person("p2", "b", "George W. Hale", [("President", None)]),
              person("p3", "c", "Hale", [("President", None)])]
    assert people_groups(people) == [["p1"], ["p2", "p3"]]


def test_the_same_full_name_merges_across_a_change_of_post():
    people = [person("p1", "a", "Jacques Morel", [("Prime Minister", None)]),
              person("p2", "b", "Jacques Morel", [("President", None)])]
    assert people_groups(people) == [["p1", "p2"]]


def test_one_post_written_in_two_cases_is_one_role_with_the_country_one_article_gives():
    people = [person("p1", "a", "Ravi Menon", [("finance minister", None)]),
              person("p2", "b", "Ravi Menon", [("Finance Minister", None)])]
    people[1].roles[0].country = "India"
    (menon,) = merge([], people, infos("a", "b"))[1]
    assert [(r.title.lower(), r.country, r.article_ids) for r in menon.roles] == [("finance minister", "India", ["a", "b"])]
