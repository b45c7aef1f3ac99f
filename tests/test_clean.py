"""Cleaning (`pipeline.clean.clean_document`): the three bundled seeds and small invented cases."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.clean import clean_document

SOURCES = Path(__file__).resolve().parent.parent / "sources"
BOILERPLATE = ["文字サイズ", "WorldWide", "1. Home", "Back Issues", "photo", "Related Link", "Division in Charge"]


def clean_seed(prefix: str):
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return clean_document(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix, title, published", [
    ("000", "The 5th ASEAN-Japan Smart Cities Network High Level Meeting Focuses on Advancing Urban Resilience "
            "through DX", dt.date(2023, 11, 22)),
    ("001", "Parliamentary Vice-Minister Yoshida Attends the 5th ASEAN-Japan Smart Cities Network High Level Meeting",
     dt.date(2023, 10, 30)),
    ("002", None, None),
])
def test_seed_title_and_published_date(prefix, title, published):
    cleaned = clean_seed(prefix)
    assert (cleaned.title, cleaned.published) == (title, published)


def test_seed_newswire_dateline_and_agency():
    cleaned = clean_seed("002")
    assert (cleaned.dateline, cleaned.agency) == ("FUKUSHIMA (Japan)", "Bernama")
    assert cleaned.text.startswith("The 4th Asean-Japan Smart Cities Network High Level Meeting kickstarted")
    assert not cleaned.text.rstrip().endswith("Bernama")


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_seed_boilerplate_is_removed(prefix):
    text = clean_seed(prefix).text
    assert [b for b in BOILERPLATE if b in text] == []


def test_seed_title_and_date_lines_are_not_left_in_the_text():
    cleaned = clean_seed("001")
    assert cleaned.text.startswith("For two days from Thursday, October 26 to Friday, October 27, 2023")
    assert "October 30, 2023" not in cleaned.text


def test_hard_wrapped_paragraph_is_joined():
    raw = ("Officials from the two provinces agreed on Tuesday to build a new\nrailway line between their capitals, "
           "the\ntransport office said in a statement.\n\nThe line will open in 2027.")
    assert clean_document(raw).text == (
        "Officials from the two provinces agreed on Tuesday to build a new railway line between their capitals, the "
        "transport office said in a statement.\n\nThe line will open in 2027.")


def test_non_breaking_and_zero_width_spaces_are_normalised():
    cleaned = clean_document("The\u00a0minister\u200b said the plan was ready.\u200d It will start soon.")
    assert cleaned.text == "The minister said the plan was ready. It will start soon."


def test_newswire_dateline_with_date_and_agency():
    cleaned = clean_document("NEW DELHI, March 3 (Reuters) - India and Nepal agreed to expand power trade, officials "
                             "said on Sunday.")
    assert cleaned.text == "India and Nepal agreed to expand power trade, officials said on Sunday."
    assert cleaned.dateline.startswith("NEW DELHI")
    assert cleaned.dateline_date_text == "March 3"
    assert cleaned.agency == "Reuters"


def test_agency_sign_off_is_removed():
    cleaned = clean_document("Ministers from five countries met in Lima on Friday to discuss fishing quotas.\n\n"
                             "The next meeting is set for June. - AFP")
    assert cleaned.agency == "AFP"
    assert cleaned.text.endswith("The next meeting is set for June.")


def test_breadcrumb_trail_is_removed():
    cleaned = clean_document("Home > News > Energy\n\nThe energy minister opened a solar plant in the north on Monday, "
                             "officials said.")
    assert cleaned.text == "The energy minister opened a solar plant in the north on Monday, officials said."


def test_share_prompts_are_removed():
    cleaned = clean_document("The energy minister opened a solar plant on Monday, officials said.\n\nShare this article"
                             "\n\nShare on Facebook\n\nThe plant cost 40 million euros.")
    assert cleaned.text == ("The energy minister opened a solar plant on Monday, officials said.\n\n"
                            "The plant cost 40 million euros.")


def test_metadata_title_and_date_win_over_the_text():
    cleaned = clean_document("Cabinet Approves Water Plan\n\nMay 2, 2024\n\nThe cabinet approved a water plan, the "
                             "ministry said.", title="Cabinet Approves Water Plan", published="2024-05-03T22:10:00Z")
    assert cleaned.title == "Cabinet Approves Water Plan"
    assert cleaned.published == dt.date(2024, 5, 3)
    assert cleaned.text == "The cabinet approved a water plan, the ministry said."


@pytest.mark.parametrize("date_line, expected", [
    ("2024/03/05", dt.date(2024, 3, 5)),
    ("2024年3月5日", dt.date(2024, 3, 5)),
    ("March 5, 2024", dt.date(2024, 3, 5)),
])
def test_date_line_gives_the_published_date(date_line, expected):
    cleaned = clean_document(f"Port Authority Opens New Terminal\n\n{date_line}\n\nThe port authority opened a new "
                             "container terminal, the mayor said.")
    assert cleaned.published == expected
    assert date_line not in cleaned.text


def test_headline_detection_can_be_switched_off():
    raw = "Cabinet Approves Water Plan\n\nThe cabinet approved a water plan on Monday, the ministry said."
    assert clean_document(raw, detect_title=False).title is None


def test_dateline_day_wins_over_a_utc_timestamp():
    cleaned = clean_document("NEW DELHI, March 3 (Reuters) - Ministers met on Sunday evening to discuss rail links.",
                             published="2025-03-04T01:30:00Z")
    assert cleaned.published == dt.date(2025, 3, 3)


def test_dateline_day_far_from_the_metadata_date_is_ignored():
    cleaned = clean_document("NEW DELHI, March 3 (Reuters) - Ministers met to discuss rail links.",
                             published="2025-06-20")
    assert cleaned.published == dt.date(2025, 6, 20)


WIRE_STORY = (
    "OSLO, May 4 - Fisheries Minister Ingrid Moe met her Icelandic\n"
    "counterpart Gunnar Thorsson today to discuss cod quotas, officials\n"
    "said.\n"
    "    Moe told reporters the talks with Thorsson would resume on\n"
    "Friday in Reykjavik, where the two ministers plan to sign an\n"
    "agreement on the northern stock.\n"
    "    Officials said a deal was close.\n"
    " Reuter\n"
)


def test_wire_copy_with_indented_paragraphs_is_unwrapped():
    cleaned = clean_document(WIRE_STORY, detect_title=False)
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == ("Fisheries Minister Ingrid Moe met her Icelandic counterpart Gunnar Thorsson today to "
                             "discuss cod quotas, officials said.")
    assert paragraphs[1].startswith("Moe told reporters the talks with Thorsson would resume on Friday in Reykjavik,")
    assert paragraphs[2:] == ["Officials said a deal was close."]
    assert cleaned.dateline == "OSLO, May 4"
    assert cleaned.agency == "Reuters"


def test_agency_word_after_the_last_sentence_is_a_sign_off():
    cleaned = clean_document("Ministers met in Oslo today, officials said. Reuter", detect_title=False)
    assert (cleaned.text, cleaned.agency) == ("Ministers met in Oslo today, officials said.", "Reuters")
    kept = clean_document("Ministers met in Oslo today. Officials said so.", detect_title=False)
    assert kept.text == "Ministers met in Oslo today. Officials said so."


def test_a_line_of_markup_entities_is_dropped():
    assert clean_document(WIRE_STORY + "&#3;\n", detect_title=False).text.endswith("Officials said a deal was close.")


def test_one_paragraph_per_line_is_not_joined():
    text = ("The finance ministers of seven countries met in the capital on Friday to agree a plan on debt relief.\n"
            "Officials said the plan would be published after the talks, which ran late into the evening.\n"
            "A final statement is expected on Saturday morning.")
    assert clean_document(text, detect_title=False).text.split("\n\n") == text.split("\n")


def test_wide_hard_wrapped_lines_are_joined_when_they_end_mid_sentence():
    lines = ["The delegation, which arrived late on Tuesday after a long flight from the coast, went straight into",
             "a meeting with the governor and the heads of the regional water authority, who had asked for urgent",
             "help with the drought."]
    assert clean_document("\n".join(lines), detect_title=False).text == " ".join(lines)
