"""The fast stand-in for the model's attribute ruler sets the same parts of speech, or steps aside."""
from __future__ import annotations

import spacy
from spacy.attrs import POS, TAG

from pipeline.nlp.attributes import FACTORY, RULER, fast_attribute_rules, use_fast_attributes
from pipeline.nlp.model import DEFAULT_MODEL

TEXT = ("I ain't gonna say that it isn't so. Whether they met, we'd have known: the ministers 've met twice,\n\n"
        "  and that's that.\tThe talks, which began on Monday, will end today; do they?  Let's see, y'all.")


def unparsed(model: str, fast: bool):
    nlp = spacy.load(model, exclude=["lemmatizer"])
    nlp.disable_pipe("parser")
    if fast:
        use_fast_attributes(nlp)
    return nlp


def test_the_parts_of_speech_are_the_rulers_own():
    ruler, fast = unparsed(DEFAULT_MODEL, False), unparsed(DEFAULT_MODEL, True)
    assert FACTORY in fast.pipe_names and RULER not in fast.pipe_names and RULER in ruler.pipe_names
    expected, got = ruler(TEXT), fast(TEXT)
    assert [(t.text, t.tag_, t.pos_) for t in got] == [(t.text, t.tag_, t.pos_) for t in expected]
    assert (got.to_array([TAG, POS]) == expected.to_array([TAG, POS])).all()
    assert {t.pos_ for t in got} >= {"AUX", "PART", "SCONJ", "SPACE", "PRON", "VERB", "NOUN", "PUNCT"}


def test_the_loaded_pipeline_uses_it_and_an_empty_text_passes(nlp):
    assert FACTORY in nlp.pipe_names and RULER in nlp.disabled
    assert len(nlp.get_pipe(FACTORY)(nlp.make_doc(""))) == 0


def test_later_patterns_win_and_parse_dependent_ones_wait_for_the_parse():
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["talks"]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "talks", "DEP": "nsubj"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}}, {"LOWER": "x"}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"LOWER": {"REGEX": "^t"}, "DEP": {"NOT_IN": ["det"]}}]], "attrs": {"TAG": "NNS"}},
    ]
    rules = fast_attribute_rules(patterns)
    assert [(rule.pos, rule.tag) for rule in rules] == [("NOUN", None), ("VERB", None), (None, "NNS")]
    assert [name for name, _ in rules[2].tests] == ["LOWER"]
    tests = dict(rules[1].tests)
    assert tests["LOWER"]("talks") and not tests["LOWER"]("meets") and tests["TAG"]("NN")


def test_a_pattern_it_cannot_run_keeps_the_models_ruler():
    assert fast_attribute_rules([{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}}]) is None
    assert fast_attribute_rules([{"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}}]) is None
    assert fast_attribute_rules([{"patterns": [[{"LOWER": "a", "OP": "?"}]], "attrs": {"POS": "X"}}]) is None
    assert fast_attribute_rules([{"patterns": [[{"LOWER": "a", "OP": "?"}]], "attrs": {"LEMMA": "a"}}]) == []
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LENGTH": 3}]], "attrs": {"POS": "X"}}])
    use_fast_attributes(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
