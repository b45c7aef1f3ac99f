"""Clustering person mentions from many articles into real-world people.

The same shape as meetings: blocking keys decide which pairs are compared, each pair gets a score from the two
names and roles (None when they can never be one person), and pairs are joined best-first by a union-find that
refuses a cluster with two mentions from one article or two given names that cannot be one person's.

Full names are clustered first. A name that identifies no one on its own -- a lone surname ("Sullivan"), a given
name reduced to an initial ("J. Smith") -- then joins the one cluster it fits; lone surnames that fit no full
name join each other, and those that fit several join each other only on a post one person holds at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Hashable, Iterable, Iterator, Mapping, Sequence

from rapidfuzz import fuzz

from pipeline.merge.names import NameRules, ParsedName, name_rules
from pipeline.merge.text import text_key
from pipeline.merge.unionfind import ConstrainedUnionFind
from pipeline.models import Person
from pipeline.resources import RuleResources

if TYPE_CHECKING:
    from pipeline.merge.pairs import PairScorer

DUPLICATE_FOLD_SCORE = 100.0
COMPATIBLE_NAME_SCORE = 3.0
VARIANT_NAME_SCORE = 2.0
ROLES_MATCH_BONUS = 0.5
# words that make a post a different one ("Vice President" is not "President")
RANK_WORDS = frozenset({"vice", "deputy", "assistant", "under", "associate"})
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=262144)
def spelling_key(word: str) -> str:
    """A surname with doubled letters written once: "Barroso" and "Barosso", "Mitterrand" and "Mitterand"."""
    return _DOUBLED.sub(r"\1", word)


@dataclass(slots=True)
class PersonFeatures:
    """The normalized facts of one person mention that matching looks at."""

    parsed: ParsedName
    surname_key: str
    articles: frozenset[str]
    titles: frozenset[str]
    countries: frozenset[str]

    weak: bool  # a name that identifies no one on its own: a lone surname or an initial for a given name


@dataclass(slots=True)
class PersonFacts:
    """What every union must keep true of a cluster: its articles, countries, titles, given names by surname."""

    articles: set[str]
    countries: set[str]
    titles: set[str]
    givens: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)


def person_features(person: Person, parsed: ParsedName, rules: RuleResources) -> PersonFeatures:
    return PersonFeatures(
        parsed=parsed,
        surname_key=spelling_key(parsed.surname),
        articles=frozenset(source.article_id for source in person.sources),
        titles=frozenset(text_key(role.title) for role in person.roles if role.title),
        countries=frozenset(rules.country_key(role.country) for role in person.roles if role.country),
        weak=parsed.is_lone or parsed.given_is_initial,
    )


def _given_words(parsed: ParsedName) -> tuple[str, ...]:
    """The given names of a full name, the first in its full form ("joe r. biden" -> ("joseph",))."""
    words = [t for t in parsed.tokens if t != parsed.surname and len(t) > 1]
    return (parsed.given_canonical, *words[1:]) if words and words[0] == parsed.given else tuple(words)


def _facts(f: PersonFeatures) -> PersonFacts:
    words = _given_words(f.parsed)
    givens = {f.surname_key: {words}} if len(f.parsed.given) > 1 and words else {}
    return PersonFacts(set(f.articles), set(f.countries), set(f.titles), givens)


def _combine(big: PersonFacts, small: PersonFacts) -> PersonFacts:
    big.articles |= small.articles
    big.countries |= small.countries
    big.titles |= small.titles
    for surname, givens in small.givens.items():
        big.givens.setdefault(surname, set()).update(givens)
    return big


def given_spellings_match(names: NameRules, first: str, second: str) -> bool:
    """Given names that can be one person's: compatible ("Joe" ~ "Joseph", "J." ~ "John") or one vowel apart
    inside a name of five letters or more, as transliterations differ ("Yasser" ~ "Yassir"; "Maria" and "Mario"
    differ in their last letter and stay apart)."""
    if names.given_names_compatible(first, second):
        return True
    if len(first) != len(second) or len(first) < 5:
        return False
    differing = [i for i, (x, y) in enumerate(zip(first, second)) if x != y]
    return len(differing) == 1 and 0 < differing[0] < len(first) - 1 \
        and first[differing[0]] in _VOWELS and second[differing[0]] in _VOWELS


def givens_agree(names: NameRules, x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Two names' given names can be one person's: the first ones match, or one name's are all in the other's
    ("Manuel" in "Jose Manuel"); a name without given names disagrees with none."""
    if not x or not y:
        return True
    return given_spellings_match(names, x[0], y[0]) or set(x) <= set(y) or set(y) <= set(x)


def _allowed(a: PersonFacts, b: PersonFacts, names: NameRules) -> bool:
    if not a.articles.isdisjoint(b.articles):
        return False
    small, big = sorted((a.givens, b.givens), key=len)
    return all(givens_agree(names, x, y) for surname, givens in small.items() for x in givens for y in big.get(surname, ()))


@lru_cache(maxsize=262144)
def _title_similarity(x: str, y: str) -> float:
    """Similarity of two post titles; 0 when one is the other with a rank word ("vice president" / "president")."""
    wx, wy = set(x.split()), set(y.split())
    if wx != wy and (wx ^ wy) <= RANK_WORDS:
        return 0.0
    return fuzz.token_set_ratio(x, y)


def _best_title_similarity(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    return max((_title_similarity(x, y) for x in a for y in b), default=0.0)


def roles_conflict(a: PersonFacts | PersonFeatures, b: PersonFacts | PersonFeatures, rules: RuleResources) -> bool:
    """Known countries that never agree, or titles that have nothing in common."""
    if a.countries and b.countries and a.countries.isdisjoint(b.countries):
        return True
    return bool(a.titles and b.titles) and \
        _best_title_similarity(a.titles, b.titles) < rules.threshold("person_titles_conflict_below")


def roles_match(a: PersonFacts | PersonFeatures, b: PersonFacts | PersonFeatures, rules: RuleResources) -> bool:
    return bool(a.titles and b.titles) and \
        _best_title_similarity(a.titles, b.titles) >= rules.threshold("person_titles_match_from")


# --- pairs of full names ----------------------------------------------------------------------------------------------


def blocking_keys(f: PersonFeatures) -> Iterator[Hashable]:
    """Two different full names are compared when they share a surname up to doubled letters; a name with an
    initial for its given name ("J. Smith") is left to the weak-name step."""
    if not f.parsed.is_lone and not f.parsed.given_is_initial:
        yield ("surname", f.surname_key)


def score_pair(a: PersonFeatures, b: PersonFeatures, facts_a: PersonFacts, facts_b: PersonFacts,
               names: NameRules, rules: RuleResources) -> float | None:
    """How strongly two full names (with what their clusters know) look like one person; None when they can never
    be one: other articles only, the same surname up to doubled letters, compatible given names, roles not in
    conflict."""
    if not facts_a.articles.isdisjoint(facts_b.articles) or a.surname_key != b.surname_key:
        return None
    if roles_conflict(facts_a, facts_b, rules):
        return None
    bonus = ROLES_MATCH_BONUS if roles_match(facts_a, facts_b, rules) else 0.0
    first, second = a.parsed, b.parsed
    if names.given_names_compatible(first.given, second.given):
        initials = first.middle_initials and second.middle_initials
        if initials and not (first.middle_initials & second.middle_initials):
            return None
        return COMPATIBLE_NAME_SCORE + bonus
    if given_spellings_match(names, first.given, second.given):
        return VARIANT_NAME_SCORE + bonus
    shorter, longer = sorted((first, second), key=lambda p: len(p.tokens))
    if bonus and first.surname != second.surname and set(shorter.tokens[:-1]) <= set(longer.tokens):
        return VARIANT_NAME_SCORE + bonus  # "Manuel Barosso" for "Jose Manuel Barroso", holding the same post
    return None


def person_blocks(entries: Iterable[tuple[int, PersonFeatures]]) -> dict[Hashable, list[int]]:
    """The blocks of (index, features) entries: each blocking key with the indices that have it."""
    blocks: dict[Hashable, list[int]] = {}
    for index, f in entries:
        for key in blocking_keys(f):
            blocks.setdefault(key, []).append(index)
    return blocks


def _block_pairs(blocks: Mapping[Hashable, list[int]]) -> Iterator[tuple[int, int]]:
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for position, a in enumerate(members):
            for b in members[position + 1:]:
                pair = (min(a, b), max(a, b))
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def scored_pairs(blocks: Mapping[Hashable, list[int]], entries: Mapping[int, tuple[PersonFeatures, PersonFacts]],
                 rules: RuleResources) -> list[tuple[float, int, int]]:
    """(score, i, j) for every pair sharing a block, each pair once; `entries` gives each index's features and
    the facts of its cluster.

    Blocks can be scored apart (on different workers) and their pairs joined: a pair's score depends on the
    two entries only."""
    names = name_rules(rules)
    scored = []
    for a, b in _block_pairs(blocks):
        (fa, facts_a), (fb, facts_b) = entries[a], entries[b]
        score = score_pair(fa, fb, facts_a, facts_b, names, rules)
        if score is not None:
            scored.append((score, a, b))
    return scored


class PeopleClustering:
    """Constrained clustering of person mentions (see the module docstring)."""

    def __init__(self, people: Sequence[Person], originals: Mapping[str, str], rules: RuleResources,
                 pairs: PairScorer | None = None) -> None:
        self.people = people
        self.pairs = pairs
        self.originals = originals
        self.rules = rules
        self.names = names = name_rules(rules)
        parsed = [names.parse(p.name, names.family_name_first(p.name, p.aliases)) for p in people]
        self.features = [person_features(p, n, rules) for p, n in zip(people, parsed)]
        self.sets = ConstrainedUnionFind([_facts(f) for f in self.features], lambda a, b: _allowed(a, b, names), _combine)

    def run(self) -> list[list[int]]:
        for _, a, b in self._duplicate_fold_pairs():
            self.sets.union(a, b)
        representatives = self._merge_same_names()
        sets = self.sets
        candidates = [(index, self.features[index], sets.facts_of(index)) for index in representatives]
        if self.pairs is None:
            blocks = person_blocks((index, f) for index, f, _ in candidates)
            scored = scored_pairs(blocks, {index: (f, facts) for index, f, facts in candidates}, self.rules)
        else:
            scored = self.pairs.people_pairs(candidates, self.rules)
        scored.sort(key=lambda item: (-item[0], item[1], item[2]))
        for _, a, b in scored:
            sets.union(a, b)
        self._attach_weak_names()
        return sets.clusters()

    def _merge_same_names(self) -> list[int]:
        """Full names with the same words and initials in any order are one person, even after a change of post;
        returns one representative per name."""
        representatives: dict[tuple, int] = {}
        for index, f in enumerate(self.features):
            if f.parsed.is_lone:
                continue
            initials = tuple(sorted(t for t in f.parsed.tokens if len(t) == 1))
            first = representatives.setdefault((f.parsed.key, initials), index)
            if first != index:
                self.sets.union(first, index)
        return sorted(representatives.values())

    def _compatible(self, a: int, b: int) -> bool:
        return not roles_conflict(self.sets.facts_of(a), self.sets.facts_of(b), self.rules)

    def _duplicate_fold_pairs(self) -> list[tuple[float, int, int]]:
        """People of an article that duplicates another join the original's person with a compatible name."""
        by_article: dict[str, list[int]] = {}
        for index, person in enumerate(self.people):
            for source in person.sources:
                by_article.setdefault(source.article_id, []).append(index)
        pairs = []
        for article_id in sorted(by_article):
            original = self.originals.get(article_id, article_id)
            if original == article_id or original not in by_article:
                continue
            for index in by_article[article_id]:
                mine = self.features[index].parsed
                exact = [o for o in by_article[original] if self.features[o].parsed.key == mine.key]
                similar = exact or [
                    o for o in by_article[original]
                    if mine.surname in (self.features[o].parsed.surname, self.features[o].parsed.tokens[0])
                    and self.names.given_names_compatible(mine.given, self.features[o].parsed.given)
                ]
                if len(similar) == 1 or exact:
                    pairs.append((DUPLICATE_FOLD_SCORE, min(similar[0], index), max(similar[0], index)))
        return pairs

    # --- names that identify no one on their own ---------------------------------------------------------------
    def _attach_weak_names(self) -> None:
        full_by_surname: dict[str, list[int]] = {}
        for index, f in enumerate(self.features):
            if not f.weak:
                full_by_surname.setdefault(f.surname_key, []).append(index)
        unmatched: dict[str, list[int]] = {}
        ambiguous: dict[str, list[int]] = {}
        done: set[int] = set()
        # full-name clusters by surname; a weak name joining one never changes its root (the larger side stays)
        clusters_by_surname: dict[str, dict[int, list[int]]] = {}
        for index, f in enumerate(self.features):
            root = self.sets.find(index)
            if not f.weak or root in done or self.sets.facts_of(index).givens:
                continue  # a full name, or a weak name already with one (a duplicate article's)
            done.add(root)
            block = full_by_surname.get(f.surname_key, [])
            if f.surname_key not in clusters_by_surname:
                grouped: dict[int, list[int]] = {}
                for member in block:
                    grouped.setdefault(self.sets.find(member), []).append(member)
                clusters_by_surname[f.surname_key] = grouped
            candidates = self._candidates(index, clusters_by_surname[f.surname_key])
            if len(candidates) > 1:
                mine = self.sets.facts_of(index)
                candidates = [r for r in candidates if roles_match(mine, self.sets.facts_of(r), self.rules)]
                if len(candidates) != 1 and f.parsed.is_lone:
                    ambiguous.setdefault(f.surname_key, []).append(index)
                    continue
            if len(candidates) == 1:
                self.sets.union(candidates[0], index)
            elif not block and f.parsed.is_lone:
                unmatched.setdefault(f.surname_key, []).append(index)
        for surname in sorted(unmatched):
            members = unmatched[surname]
            for index in members[1:]:
                if self._compatible(members[0], index):
                    self.sets.union(members[0], index)
        self._join_single_holders(ambiguous)

    def _candidates(self, index: int, members_by_root: dict[int, list[int]]) -> list[int]:
        """The clusters of full names a weak name fits: another article, roles not in conflict, and for an
        initial ("J. R. Smith") a member whose given name and middle initials agree with it."""
        root = self.sets.find(index)
        mine = self.sets.facts_of(index)
        parsed = self.features[index].parsed
        candidates = []
        for other, members in sorted(members_by_root.items()):
            theirs = self.sets.facts_of(other)
            if other == root or not theirs.articles.isdisjoint(mine.articles) or roles_conflict(mine, theirs, self.rules):
                continue
            if parsed.is_lone or any(self._initials_agree(parsed, self.features[m].parsed) for m in members):
                candidates.append(other)
        return candidates

    def _initials_agree(self, weak: ParsedName, full: ParsedName) -> bool:
        if not self.names.given_names_compatible(weak.given, full.given):
            return False
        return not (weak.middle_initials and full.middle_initials) or bool(weak.middle_initials & full.middle_initials)

    def _join_single_holders(self, ambiguous: dict[str, list[int]]) -> None:
        """Lone surnames that fit several people join each other only on a post one person holds at a time
        ("President Okoro"), never on a title many hold ("Minister Lee")."""
        single_holder = self.rules.single_holder_titles
        for surname in sorted(ambiguous):
            groups: list[int] = []
            for index in ambiguous[surname]:
                mine = self.sets.facts_of(index)
                if not mine.titles & single_holder:
                    continue
                home = next((g for g in groups if self._compatible(g, index) and roles_match(self.sets.facts_of(g), mine, self.rules)), None)
                if home is None:
                    groups.append(index)
                else:
                    self.sets.union(home, index)


def cluster_people(people: Sequence[Person], originals: Mapping[str, str], rules: RuleResources | None = None,
                   pairs: PairScorer | None = None) -> list[list[int]]:
    """Clusters of indices into `people`, each one real-world person. `pairs` scores the candidate pairs of full
    names (default: here, over all blocks at once)."""
    return PeopleClustering(people, originals, rules or RuleResources.bundled(), pairs).run()
