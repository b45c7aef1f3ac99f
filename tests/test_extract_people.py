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


# --- news style: titles before the name ---------------------------------------------------------------------------------


def roles_of(person):
    return sorted((r.title, r.organization, r.country) for r in person.roles)


@pytest.mark.parametrize("text, name, title, organization, country", [
    ("Body language expert Jane Dorsey said the candidates looked tense.", "Jane Dorsey",
     "Body language expert", None, None),
    ("The plan was drafted by senior adviser Tomas Reyes last month.", "Tomas Reyes", "senior adviser", None, None),
    ("Norwegian Finance Minister Kari Lunde said the fund would not sell.", "Kari Lunde", "Finance Minister", None, "Norway"),
    ("Belgian finance minister Pieter Wauters chaired the session.", "Pieter Wauters", "Belgian finance minister", None, "Belgium"),
    ("Former Chilean president Ana Robles said she would not run again.", "Ana Robles",
     "Former Chilean president", None, "Chile"),
    ("On Monday, Greenfield senior policy adviser Mark Dunmore welcomed the plan.", "Mark Dunmore",
     "Greenfield senior policy adviser", "Greenfield", None),
    ("Harbor Reserve chairman Paul Okafor spoke in London on Friday.", "Paul Okafor",
     "Harbor Reserve chairman", "Harbor Reserve", None),
    ("The meeting was chaired by Nordic Council president Ida Holm on Monday.", "Ida Holm",
     "Nordic Council president", "Nordic Council", None),
    ("Canada's Trade Minister Louise Tremblay arrived on Sunday.", "Louise Tremblay", "Trade Minister", None, "Canada"),
    ("EC Fisheries Commissioner Lars Hedlund said quotas would be cut.", "Lars Hedlund",
     "Fisheries Commissioner", "EC", None),
    ("Deputy U.S. Trade Representative Alan Petrie will lead the talks.", "Alan Petrie",
     "Deputy Trade Representative", None, "United States"),
])
def test_title_before_the_name_in_news_style(extract, text, name, title, organization, country):
    people, _ = extract(text)
    assert only_role(person_named(people, name)) == (title, organization, country)


def test_apposed_title_before_the_name(extract):
    people, _ = extract("The spokesman, Gary Fenwick, said talks would resume. Their chairman, Dutch Pieter "
                        "van Loon, told reporters the vote was close.")
    assert only_role(person_named(people, "Gary Fenwick"))[0] == "spokesman"
    assert only_role(person_named(people, "Pieter van Loon")) == ("chairman", None, "Netherlands")


def test_the_title_as_name(extract):
    people, _ = extract("Officials identified the pilot as Juan Soto and said he was very experienced.")
    assert only_role(person_named(people, "Juan Soto"))[0] == "pilot"


def test_a_title_written_before_another_name_is_not_ours(extract):
    people, _ = extract("Today, Vice President Harris, Secretary Moreno and Director Quill met port leaders.")
    assert only_role(person_named(people, "Harris"))[0] == "Vice President"
    assert only_role(person_named(people, "Moreno"))[0] == "Secretary"


# --- news style: titles after the name ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name, title, organization, country", [
    ("\"Prices will rise,\" said Rosa Ilardi, analyst with Marlow Kendrick.", "Rosa Ilardi",
     "analyst", "Marlow Kendrick", None),
    ("\"Demand is firm,\" said John Hale, a vice president at Corbin Futures.", "John Hale",
     "vice president", "Corbin Futures", None),
    ("\"It is calm,\" said Robert Sim, head of currency strategy at Bank of Avalon in New York.", "Robert Sim",
     "head of currency strategy", "Bank of Avalon", None),
    ("Tomas Berg, vice president and general counsel of Halden Chemical Corp, said no offer was made.", "Tomas Berg",
     "vice president and general counsel", "Halden Chemical Corp", None),
    ("Ravi Menon, India's finance minister, argued for reform.", "Ravi Menon", "finance minister", None, "India"),
    ("Mr Prescott, the deputy prime minister, met the unions.", "Prescott", "deputy prime minister", None, None),
    ("Dr. Helen Park, the Falcons' head physician, said he would recover.", "Helen Park",
     "head physician", "Falcons", None),
    ("Pedro Ruiz, speaker of the lower house of the Chilean Parliament, opposed the bill.", "Pedro Ruiz",
     "speaker of the lower house", "lower house of the Chilean Parliament", "Chile"),
    ("Maria Lenz, Administrator of the Coastal Protection Agency, toured the dunes.", "Maria Lenz",
     "Administrator of the Coastal Protection Agency", "Coastal Protection Agency", None),
])
def test_title_after_the_name_in_news_style(extract, text, name, title, organization, country):
    people, _ = extract(text)
    assert only_role(person_named(people, name)) == (title, organization, country)


def test_two_posts_of_one_mention(extract):
    people, _ = extract("OPEC conference president Samuel Adeyemi, who is also Nigeria's oil minister, said the "
                        "meeting would be brief. Hana Kral is the head of the Czech National Gas Company.")
    assert roles_of(person_named(people, "Samuel Adeyemi")) == [
        ("OPEC conference president", "OPEC", None), ("oil minister", None, "Nigeria")]
    assert only_role(person_named(people, "Hana Kral"))[:2] == ("head", "Czech National Gas Company")
    assert only_role(person_named(people, "Hana Kral"))[2] == "Czech Republic"


def test_first_title_stays_with_later_short_mentions(extract):
    people, _ = extract("Kenyan Trade Minister Amina Odhiambo opened the fair. Odhiambo said exports grew. "
                        "Ms Odhiambo then left for Kampala.")
    (person,) = people
    assert roles_of(person) == [("Trade Minister", None, "Kenya")]
    assert {"Odhiambo", "Ms Odhiambo"} <= set(person.aliases)


# --- countries through the article ------------------------------------------------------------------------------------------


def test_minister_gets_the_country_of_the_ministry_named_elsewhere(extract):
    people, _ = extract(
        "The Ministry of Ports and Shipping of Chile hosted the forum. Minister of Ports and Shipping Rosa Vidal "
        "opened it, and the Ministry said 300 delegates attended.")
    assert only_role(person_named(people, "Rosa Vidal")) == ("Minister of Ports and Shipping", None, "Chile")


def test_acronym_of_a_national_body_gives_its_country(extract):
    people, _ = extract(
        "Officials of the Japanese Ministry of Ocean Resources (MOR) will attend. The delegation is led by MOR vice "
        "minister Kenji Arata.")
    assert only_role(person_named(people, "Kenji Arata"))[2] == "Japan"


def test_his_prime_minister_shares_the_leaders_country(extract):
    people, _ = extract("The talks were attended by French President Luc Moreau, his Prime Minister Claire Dubois, "
                        "and by Chancellor Otto Brandt of Austria.")
    assert only_role(person_named(people, "Claire Dubois")) == ("Prime Minister", None, "France")
    assert only_role(person_named(people, "Otto Brandt")) == ("Chancellor", None, "Austria")


def test_article_country_goes_to_its_ministers(extract):
    people, _ = extract(
        "Iraq has replaced two ministers. The decree named Adil Karim as Minister of Housing. Iraqi officials said "
        "President Samir Haddad signed it.")
    assert only_role(person_named(people, "Adil Karim")) == ("Minister of Housing", None, "Iraq")
    assert only_role(person_named(people, "Samir Haddad")) == ("President", None, "Iraq")


def test_leader_in_a_readout_of_a_call_with_another_countrys_leader_gets_no_country(extract):
    people, _ = extract(
        "President Walker spoke today with Prime Minister Arif Rahman of Malaysia. The President and Prime Minister "
        "discussed Malaysia's role in the region and trade between Malaysia and the United States, and welcomed "
        "Malaysia's recovery.")
    assert only_role(person_named(people, "Walker")) == ("President", None, None)
    assert only_role(person_named(people, "Arif Rahman")) == ("Prime Minister", None, "Malaysia")


# --- not people -------------------------------------------------------------------------------------------------------------


def test_photo_credits_are_not_people(extract):
    people, _ = extract(
        "Rescue teams reached the site on Sunday. (Photo: Lena Marsh/Northwind Agency)\n\n"
        "The tail of the plane was visible (Ministry of Safety/Harbor Press). Picture by Owen Tate.\n\n"
        "Governor Ruth Abano said the search would continue.")
    assert [p.name for p in people] == ["Ruth Abano"]


@pytest.mark.parametrize("text, absent", [
    ("The company sold its wine business to Keller Inc earlier this week.", "Keller Inc"),
    ("The decision was published in the Official Journal on Friday.", "Journal"),
    ("The Nature Wings charter flight crashed after take-off, said Marta Solis, a spokeswoman.", "Nature Wings"),
    ("The Brazilian city of Vila Serena will host the forum. Many issues discussed in Vila Serena are old.",
     "Vila Serena"),
    ("The unions could embarrass the government in the run-up to the General Election.", "Election"),
    ("The phone improves photos with Quick Frame Capture (QFC) and zoom.", "Quick Frame Capture"),
    ("\"Prices will rise,\" said Rosa Ilardi, analyst with Marlow Kendrick.", "Marlow Kendrick"),
])
def test_names_that_are_not_people(extract, text, absent):
    people, _ = extract(text)
    assert absent not in [p.name for p in people]


def test_a_month_can_end_a_name_and_no_first_name_is_left_over(extract):
    people, _ = extract("British Prime Minister Anna May called on both sides to talk. The talks begin in May 2025.")
    assert [p.name for p in people] == ["Anna May"]


def test_hyphenated_given_name_in_lower_case_stays_whole(extract):
    people, _ = extract("Lee Soo-min, professor at the Institute for Coastal Studies in Busan, said the test failed.")
    person = person_named(people, "Lee Soo-min")
    assert only_role(person)[:2] == ("professor", "Institute for Coastal Studies")


def test_children_listed_after_their_parents_carry_the_family_name(extract):
    people, _ = extract("Police identified them as Bruce and Irene Calder and their sons Adam and Luke, all of Dover.")
    names = {p.name for p in people}
    assert {"Irene Calder", "Adam Calder", "Luke Calder"} <= names


# --- organizations named with the title ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, name, title, organization, country", [
    ("Ana Ferraz, Assistant Director-General of the World Health Organization of the United Nations (WHO), spoke.",
     "Ana Ferraz", "Assistant Director-General of the World Health Organization",
     "World Health Organization of the United Nations", None),
    ("Mr. Li Wen, Deputy Director General of the Department of Trade Rules of the Customs Administration of China, "
     "spoke.", "Li Wen", "Deputy Director General of the Department of Trade Rules", "Customs Administration of China",
     "China"),
    ("Min Ji-ho, Deputy Minister for Air Quality, Ministry of Environment of the Republic of Korea, spoke first.",
     "Min Ji-ho", "Deputy Minister for Air Quality", "Ministry of Environment", "South Korea"),
    ("Carla Neri, Country Director of the World Bank for Peru, also spoke.", "Carla Neri",
     "Country Director of the World Bank for Peru", "World Bank", None),
])
def test_organization_named_inside_or_after_the_title(extract, text, name, title, organization, country):
    people, _ = extract(text)
    assert only_role(person_named(people, name)) == (title, organization, country)


@pytest.mark.parametrize("line, name, title, organization", [
    ("Lena Park, President, Asia Operations, Harbor Freight Lines", "Lena Park", "President, Asia Operations",
     "Harbor Freight Lines"),
    ("Dr. Omar Reyes, President and CEO, Delta Logistics", "Omar Reyes", "President and CEO", "Delta Logistics"),
    ("Deputy Mayor and Chair of the Council of Urban Advisors, Maya Lund", "Maya Lund",
     "Deputy Mayor and Chair of the Council of Urban Advisors", "Council of Urban Advisors"),
])
def test_list_lines_of_participants(extract, line, name, title, organization):
    people, _ = extract(f"Participants\n{line}\nOther guests\n")
    assert only_role(person_named(people, name))[:2] == (title, organization)
    assert [p.name for p in people] == [name]


def test_minister_of_the_first_portfolio_of_a_ministry_placed_in_a_country(extract):
    people, _ = extract("The conference was organized by the Ministry of Water, Energy and Mines of Peru. Minister of "
                        "Water Nora Quispe opened it.")
    assert only_role(person_named(people, "Nora Quispe"))[2] == "Peru"


def test_places_on_a_route_are_not_people(extract):
    people, _ = extract("Foreign Minister Efua Mensah said direct flights between Vila Nova and Kumasi would start.")
    assert [p.name for p in people] == ["Efua Mensah"]


def test_a_long_title_before_the_next_name_in_a_list_is_that_persons(extract):
    people, _ = extract("Today, Housing Advisor Nora Quill, Senior Advisor and Director of the Office of Tenant Affairs "
                        "Paul Brandt, and Director of the Water Council Ida Sorensen met tenant groups.")
    assert only_role(person_named(people, "Nora Quill"))[0] == "Housing Advisor"
    assert only_role(person_named(people, "Paul Brandt"))[:2] == (
        "Senior Advisor and Director of the Office of Tenant Affairs", "Office of Tenant Affairs")
    assert only_role(person_named(people, "Ida Sorensen"))[:2] == ("Director of the Water Council", "Water Council")


# --- words around a title that are not part of it -----------------------------------------------------------------------


@pytest.mark.parametrize("text, name, role", [
    ("He said he was thanking Senator Ruth Alder for her help.", "Ruth Alder", ("Senator", None, None)),
    ("Q Senator Paul Brenner told reporters he would vote no.", "Paul Brenner", ("Senator", None, None)),
    ("Ohio Governor Mark Tillman signed the order.", "Mark Tillman", ("Governor", "Ohio", None)),
    ("The plan was praised by former Governor Lena Hart.", "Lena Hart", ("former Governor", None, None)),
])
def test_only_modifiers_join_an_official_title(extract, text, name, role):
    people, _ = extract(text)
    assert only_role(person_named(people, name)) == role


def test_a_persons_possessive_is_no_organization(extract):
    people, _ = extract("Ray was Beau Carter's friend. General Ray Osborne was Beau's commander in the war. "
                        "Dr. Nina Holt, the Falcons' team doctor, agreed.")
    assert only_role(person_named(people, "Ray Osborne"))[:2] == ("General", None)


def test_residence_between_name_and_description_is_skipped(extract):
    people, _ = extract("Nominations Sent to the Senate\n\nMara Quill, of New Jersey, a Career Member of the Senior "
                        "Foreign Service, to be Ambassador to Chile.\n")
    assert [p.name for p in people] == ["Mara Quill"]
    title, organization, _ = only_role(person_named(people, "Mara Quill"))
    assert title.endswith("Member of the Senior Foreign Service") and organization != "New Jersey"


@pytest.mark.parametrize("text, absent", [
    ("Workers at General Motors voted to strike.", "Motors"),
    ("The American Rescue Plan expanded the Child Tax Credit for families.", "Tax"),
    ("The American Rescue Plan expanded the Child Tax Credit for families.", "Rescue Plan"),
    ("Drake began her career on Capitol Hill as Legislative Director for a senator.", "Capitol Hill"),
])
def test_names_of_things_after_a_title_or_kin_word_are_not_people(extract, text, absent):
    people, _ = extract(text)
    assert absent not in [p.name for p in people]


def test_a_given_name_addressed_in_a_transcript_gets_no_apposed_title(extract):
    people, _ = extract("MS. LARKIN: Good afternoon. I will turn it over to Jen Larkin.\n\n"
                        "Q Thank you. Jen, the President of Angola said he would visit. Will he meet the President?\n")
    (person,) = people
    assert all(role.country != "Angola" for role in person.roles)
