"""`convene_token_attributes`: the parts of speech the model's attribute ruler gives, without its Matcher.

The rules read `Token.pos_`, which spaCy's English pipelines set with an `attribute_ruler`: some 180 patterns
run through a `Matcher` over every token, a sixth of the whole statistical pass. Before the dependency parse
(which the rules run later, on meeting sentences only) a pattern that can match at all is about one token and
reads only that token's own attributes, so its outcome is a function of them. This component reads the ruler's
own patterns, evaluates them once per distinct key of those attributes (later patterns win, as in the ruler),
remembers the outcome, and writes POS and TAG with one array write per Doc. Lemmas and morphology, which no
rule reads and the parse cache does not keep, are not set.

`fast_attribute_rules(patterns)` is None when a pattern is beyond this (an operator or attribute it does not
know, a multi-token pattern that sets POS or TAG and can match unparsed): the model's ruler is then kept.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.attrs import IS_SPACE, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

RULER = "attribute_ruler"
FACTORY = "convene_token_attributes"
SET_HERE = ("POS", "TAG")
TOKEN_ATTRIBUTES = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "IS_SPACE": IS_SPACE}
UNPARSED = {"DEP": ""}  # what the parse-dependent attributes read before the parse
MAX_REMEMBERED = 200_000

Test = Callable[[object], bool]


@dataclass(frozen=True)
class Rule:
    """One single-token pattern: its tests by attribute name, and the POS and TAG it sets (None: not set)."""

    tests: tuple[tuple[str, Test], ...]
    pos: str | None
    tag: str | None


def fast_attribute_rules(patterns: Sequence[dict]) -> list[Rule] | None:
    """The ruler's patterns that set POS or TAG and can match an unparsed token, in order; None if any is beyond
    this component."""
    rules: list[Rule] = []
    for entry in patterns:
        attrs = entry.get("attrs", {})
        if not any(name in attrs for name in SET_HERE):
            continue
        for pattern in entry["patterns"]:
            compiled = [_compile_token(token) for token in pattern]
            if any(token is None for token in compiled):
                return None
            if any(not _may_match_unparsed(tests) for tests in compiled):
                continue
            if len(compiled) != 1:
                return None
            local = tuple((name, test) for name, test in compiled[0] if name not in UNPARSED)
            rules.append(Rule(local, attrs.get("POS"), attrs.get("TAG")))
    return rules


def _compile_token(token: dict) -> list[tuple[str, Test]] | None:
    tests = []
    for name, value in token.items():
        if name not in TOKEN_ATTRIBUTES and name not in UNPARSED:
            return None
        test = _compile_value(value)
        if test is None:
            return None
        tests.append((name, test))
    return tests


def _compile_value(value) -> Test | None:
    if isinstance(value, (str, bool)):
        return lambda seen, expected=value: seen == expected
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (operator, argument), = value.items()
    if operator == "IN":
        return lambda seen, allowed=frozenset(argument): seen in allowed
    if operator == "NOT_IN":
        return lambda seen, refused=frozenset(argument): seen not in refused
    if operator == "REGEX":
        return lambda seen, pattern=re.compile(argument): isinstance(seen, str) and bool(pattern.search(seen))
    return None


def _may_match_unparsed(tests: list[tuple[str, Test]]) -> bool:
    return all(test(UNPARSED[name]) for name, test in tests if name in UNPARSED)


class TokenAttributes:
    """Sets POS (and TAG) as the model's attribute ruler would before the parse."""

    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name
        self._rules: list[Rule] | None = None
        self._attributes: list[str] = []
        self._remembered: dict[tuple, tuple[int | None, int | None]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rules = self._ready()
        strings = doc.vocab.strings
        keys = doc.to_array([TOKEN_ATTRIBUTES[name] for name in self._attributes]).tolist()
        values = doc.to_array([TAG, POS])
        changed = False
        for i, key in enumerate(keys):
            key = tuple(key)
            outcome = self._remembered.get(key)
            if outcome is None:
                outcome = self._outcome(key, rules, strings)
            tag, pos = outcome
            if tag is not None and values[i, 0] != tag:
                values[i, 0], changed = tag, True
            if pos is not None and values[i, 1] != pos:
                values[i, 1], changed = pos, True
        if changed:
            doc.from_array([TAG, POS], values)
        return doc

    def _ready(self) -> list[Rule]:
        if self._rules is None:
            rules = fast_attribute_rules(self.nlp.get_pipe(RULER).patterns)
            if rules is None:
                raise ValueError(f"{FACTORY}: the model's {RULER} has patterns this component cannot run")
            self._rules = rules
            self._attributes = sorted({"TEXT" if name == "ORTH" else name for rule in rules for name, _ in rule.tests}
                                      | {"TAG"})
        return self._rules

    def _outcome(self, key: tuple, rules: list[Rule], strings) -> tuple[int | None, int | None]:
        seen = {name: (bool(value) if name == "IS_SPACE" else strings[value])
                for name, value in zip(self._attributes, key)}
        seen["ORTH"] = seen.get("TEXT")
        tag = pos = None
        for rule in rules:
            if all(test(seen[name]) for name, test in rule.tests):
                tag = rule.tag if rule.tag is not None else tag
                pos = rule.pos if rule.pos is not None else pos
        outcome = (strings.add(tag) if tag is not None else None, POS_IDS[pos] if pos is not None else None)
        if len(self._remembered) >= MAX_REMEMBERED:
            self._remembered.clear()
        self._remembered[key] = outcome
        return outcome


@Language.factory(FACTORY)
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    return TokenAttributes(nlp, name)


def use_fast_attributes(nlp: Language) -> None:
    """Put `convene_token_attributes` in place of the model's attribute ruler, when it can run its patterns."""
    if RULER not in nlp.pipe_names or fast_attribute_rules(nlp.get_pipe(RULER).patterns) is None:
        return
    nlp.add_pipe(FACTORY, after=RULER)
    nlp.disable_pipe(RULER)


__all__ = ["TokenAttributes", "fast_attribute_rules", "use_fast_attributes"]
