"""People extraction rules, one small invented article per rule family."""
from __future__ import annotations

import pytest
from conftest import person_named


def only_role(person):
    assert len(person.roles) == 1, person.roles
    role = person.roles[0]
    return role.title, role.organization, role.country


# --- titles before the name -----------------------------------------------------------------------------------------


def test_title_with_portfolio_before_the_name(extract):
    people, _ = extract("Minister of Foreign Affairs Ana Ribeiro arrived in Lisbon on Monday for talks on fisheries.")
    (person,) = people
    assert person.name == "Ana Ribeiro"
    assert only_role(person)[0] == "Minister of Foreign Affairs"


def test_organization_name_before_the_title(extract):
    people, _ = extract("At the forum, Nordic Council Secretary General Karl Brennan called for closer cooperation.")
    person = person_named(people, "Karl Brennan")
    assert only_role(person)[:2] == ("Secretary General", "Nordic Council")



def test_acronym_organization_before_the_title(extract):
    people, _ = extract("NATO Secretary General Karl Brennan said the alliance would increase its training missions.")
    person = person_named(people, "Karl Brennan")
    assert only_role(person)[:2] == ("Secretary General", "NATO")



def test_nationality_adjective_gives_the_country(extract):
    people, _ = extract("Brazilian Foreign Minister Paulo Azevedo told reporters that the agreement would be signed soon.")
    person = person_named(people, "Paulo Azevedo")
    assert only_role(person) == ("Foreign Minister", None, "Brazil")


def test_nationality_adjective_is_not_part_of_the_name(extract):
    people, _ = extract("Brazilian Foreign Minister Paulo Azevedo told reporters that the agreement would be signed soon.")
    assert [p.name for p in people] == ["Paulo Azevedo"]
    assert only_role(people[0])[0] == "Foreign Minister"


# --- titles after the name ------------------------------------------------------------------------------------------


def test_apposition_title_is_split_into_title_organization_and_country(extract):
    people, _ = extract(
        "The workshop was opened by Budi Santoso, Director General of Regional Administration, Ministry of Home "
        "Affairs of Indonesia, who urged cities to share data.")
    person = person_named(people, "Budi Santoso")
    assert only_role(person) == ("Director General of Regional Administration", "Ministry of Home Affairs", "Indonesia")


def test_prime_minister_of_country(extract):
    people, _ = extract("Prime Minister Arif Rahman of Malaysia welcomed the investors at a dinner in the capital.")
    person = person_named(people, "Arif Rahman")
    assert only_role(person) == ("Prime Minister", None, "Malaysia")


# --- honorifics, post-nominals, name order ----------------------------------------------------------------------------


@pytest.mark.parametrize("honorific, name", [
    ("Mr.", "Peter Clarke"),
    ("Dr.", "Maria Lopez"),
    ("Datuk", "Amran Yusof"),
    ("Tan Sri", "Halim Osman"),
    ("Sir", "Edward Hale"),
])
def test_honorific_is_kept_apart_from_the_name(extract, honorific, name):
    people, _ = extract(f"The trade delegation was led by {honorific} {name}, who met investors in the capital.")
    person = person_named(people, name)
    assert person.honorifics == [honorific]


@pytest.mark.parametrize("text, name, post_nominal", [
    ("The report was presented by Rina Kusuma, M.Si, at the provincial planning office.", "Rina Kusuma", "M.Si"),
    ("The study was led by Dr. Johan Berg, PhD, of the national water institute.", "Johan Berg", "PhD"),
])
def test_post_nominals_are_kept_apart_from_the_name(extract, text, name, post_nominal):
    people, _ = extract(text)
    person = person_named(people, name)
    assert person.post_nominals == [post_nominal]


def test_family_name_first_keeps_the_written_order_and_short_forms_resolve(extract):
    people, _ = extract(
        "Mr. Tanaka Hiroshi, Vice-Minister of Agriculture, opened the forum in Osaka. Mr. Tanaka said rice exports "
        "would rise next year. Tanaka also thanked the organizers.")
    (person,) = people
    assert person.name == "Tanaka Hiroshi"
    assert person.honorifics == ["Mr."]
    assert {"Mr. Tanaka", "Tanaka"} <= set(person.aliases)
    assert only_role(person)[0] == "Vice-Minister of Agriculture"
    assert len(person.sources[0].evidence) == 3


def test_title_plus_surname_later_is_the_same_person(extract):
    people, _ = extract(
        "Minister of Energy Sofia Lindgren visited the new wind farm on Friday. Later, Minister Lindgren said the "
        "project would power forty thousand homes.")
    assert [p.name for p in people] == ["Sofia Lindgren"]


# --- false people -----------------------------------------------------------------------------------------------------


def test_dateline_agency_and_acronyms_are_not_people(extract):
    people, _ = extract(
        "OSLO (Reuters) - The central bank raised rates on Thursday, the NTB news agency and AFP reported, citing the "
        "IMF and the OECD. Governor Lars Moe said inflation was too high.")
    assert [p.name for p in people] == ["Lars Moe"]


def test_headline_verb_is_not_swallowed_into_the_name(extract):
    people, _ = extract("Deputy Minister Kovacs Attends Danube Transport Forum\n\n"
                        "Deputy Minister Kovacs attended the forum in Budapest on Monday.")
    assert "Kovacs Attends" not in [p.name for p in people]


# --- list lines -------------------------------------------------------------------------------------------------------


def test_list_line_name_title_organization(extract):
    people, _ = extract("Participants\nHelena Strand, Director, Nordic Energy Agency\nJonas Weber, Deputy Director, Baltic Grid Office\n")
    assert only_role(person_named(people, "Helena Strand"))[:2] == ("Director", "Nordic Energy Agency")
    assert only_role(person_named(people, "Jonas Weber"))[:2] == ("Deputy Director", "Baltic Grid Office")


def test_list_line_with_adviser_title(extract):
    people, _ = extract("Participants\nJonas Weber, Adviser, Baltic Grid Office\n")
    assert only_role(person_named(people, "Jonas Weber"))[:2] == ("Adviser", "Baltic Grid Office")


def test_list_line_organization_colon_name(extract):
    people, _ = extract("Speakers\nEnergy Office: Mikko Laine\nWater Authority: Liisa Koskinen\n")
    assert only_role(person_named(people, "Mikko Laine"))[1] == "Energy Office"
    assert only_role(person_named(people, "Liisa Koskinen"))[1] == "Water Authority"



def test_list_line_title_comma_name(extract):
    people, _ = extract("Speakers\nChief Economist, Sofia Berg\nHead of Research, Anders Holm\n")
    assert sorted(p.name for p in people) == ["Anders Holm", "Sofia Berg"]
    assert only_role(person_named(people, "Sofia Berg"))[0] == "Chief Economist"
