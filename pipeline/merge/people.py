"""Clustering person mentions from many articles into real-world people."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from pipeline.merge.names import NameRules, ParsedName, name_rules
from pipeline.merge.text import text_key
from pipeline.merge.unionfind import ConstrainedUnionFind
from pipeline.models import Person
from pipeline.resources import RuleResources


@dataclass(slots=True)
class PersonFacts:
    """What a cluster of person mentions is known to be: its articles, countries, titles, given names by surname."""

    articles: set[str]
    countries: set[str]
    titles: set[str]
    givens: dict[str, set[str]] = field(default_factory=dict)


def person_facts(person: Person, parsed: ParsedName, rules: RuleResources) -> PersonFacts:
    titles = {text_key(role.title) for role in person.roles if role.title}
    countries = {rules.country_key(role.country) for role in person.roles if role.country}
    givens = {parsed.surname: {parsed.given_canonical}} if len(parsed.given) > 1 else {}
    return PersonFacts({source.article_id for source in person.sources}, countries, titles, givens)


def _allowed(a: PersonFacts, b: PersonFacts, names: NameRules) -> bool:
    if not a.articles.isdisjoint(b.articles):
        return False
    small, big = sorted((a.givens, b.givens), key=len)
    return all(
        names.given_names_compatible(x, y)
        for surname, givens in small.items()
        for x in givens
        for y in big.get(surname, ())
    )


def _combine(big: PersonFacts, small: PersonFacts) -> PersonFacts:
    big.articles |= small.articles
    big.countries |= small.countries
    big.titles |= small.titles
    for surname, givens in small.givens.items():
        big.givens.setdefault(surname, set()).update(givens)
    return big


def _best_title_similarity(a: set[str], b: set[str]) -> float:
    return max((fuzz.token_set_ratio(x, y) for x in a for y in b), default=0.0)


def roles_conflict(a: PersonFacts, b: PersonFacts, rules: RuleResources) -> bool:
    """Known countries that never agree, or titles that have nothing in common."""
    if a.countries and b.countries and a.countries.isdisjoint(b.countries):
        return True
    return bool(a.titles and b.titles) and \
        _best_title_similarity(a.titles, b.titles) < rules.threshold("person_titles_conflict_below")


def roles_match(a: PersonFacts, b: PersonFacts, rules: RuleResources) -> bool:
    return bool(a.titles and b.titles) and \
        _best_title_similarity(a.titles, b.titles) >= rules.threshold("person_titles_match_from")


class PeopleClustering:
    """Union-find over person mentions, blocked on normalized surname."""

    def __init__(self, people: Sequence[Person], originals: Mapping[str, str], rules: RuleResources) -> None:
        self.people = people
        self.originals = originals
        self.rules = rules
        self.names = names = name_rules(rules)
        self.parsed = [names.parse(p.name, names.family_name_first(p.name, p.aliases)) for p in people]
        self.sets = ConstrainedUnionFind([person_facts(p, n, rules) for p, n in zip(people, self.parsed)],
                                         lambda a, b: _allowed(a, b, names), _combine)

    def run(self) -> list[list[int]]:
        self._fold_duplicate_articles()
        representatives = self._merge_exact_names()
        self._merge_name_variants(representatives)
        self._merge_lone_surnames(representatives)
        return self.sets.clusters()

    def _compatible(self, a: int, b: int) -> bool:
        sets = self.sets
        return not roles_conflict(sets.facts_of(a), sets.facts_of(b), self.rules)

    def _fold_duplicate_articles(self) -> None:
        """People of an article that duplicates another join the original's person with a compatible name."""
        by_article: dict[str, list[int]] = {}
        for index, person in enumerate(self.people):
            for source in person.sources:
                by_article.setdefault(source.article_id, []).append(index)
        for article_id in sorted(by_article):
            original = self.originals.get(article_id, article_id)
            if original == article_id or original not in by_article:
                continue
            for index in by_article[article_id]:
                mine = self.parsed[index]
                exact = [o for o in by_article[original] if self.parsed[o].key == mine.key]
                similar = exact or [
                    o for o in by_article[original]
                    if mine.surname in (self.parsed[o].surname, self.parsed[o].tokens[0])
                    and self.names.given_names_compatible(mine.given, self.parsed[o].given)
                ]
                if len(similar) == 1 or exact:
                    self.sets.union(similar[0], index)

    def _merge_exact_names(self) -> dict[tuple[str, ...], int]:
        """Full names with the same words in any order become one; returns one representative per name key."""
        representatives: dict[tuple[str, ...], int] = {}
        for index, parsed in enumerate(self.parsed):
            if parsed.is_lone:
                continue
            first = representatives.setdefault(parsed.key, index)
            if first != index:
                self.sets.union(first, index)
        return representatives

    def _merge_name_variants(self, representatives: dict[tuple[str, ...], int]) -> None:
        """Same surname and compatible given names ("Joe" ~ "Joseph R."), roles not in conflict."""
        blocks: dict[tuple[str, str], list[int]] = {}
        for index in representatives.values():
            parsed = self.parsed[index]
            if parsed.given:
                blocks.setdefault((parsed.surname, parsed.given_canonical[0]), []).append(index)
        for block_key in sorted(blocks):
            members = sorted(blocks[block_key])
            full = [i for i in members if not self.parsed[i].given_is_initial]
            initials = [i for i in members if self.parsed[i].given_is_initial]
            for position, a in enumerate(full):
                for b in full[position + 1:]:
                    if self._names_agree(a, b) and self._compatible(a, b):
                        self.sets.union(a, b)
            for a in initials:
                roots = {self.sets.find(b) for b in full if self._names_agree(a, b)}
                if len(roots) == 1:
                    (root,) = roots
                    if self._compatible(a, root):
                        self.sets.union(root, a)

    def _names_agree(self, a: int, b: int) -> bool:
        first, second = self.parsed[a], self.parsed[b]
        if not self.names.given_names_compatible(first.given, second.given):
            return False
        initials_a, initials_b = first.middle_initials, second.middle_initials
        return not (initials_a and initials_b) or bool(initials_a & initials_b)

    def _merge_lone_surnames(self, representatives: dict[tuple[str, ...], int]) -> None:
        """A lone surname joins the one full-name person with that surname and a compatible role; lone surnames
        that could be several people join each other only when they share a post one person holds at a time
        ("President Okoro"), never on a title many hold ("Minister Lee")."""
        by_surname: dict[str, list[int]] = {}
        for index in sorted(representatives.values()):
            by_surname.setdefault(self.parsed[index].surname, []).append(index)
        candidate_roots = {
            surname: sorted({self.sets.find(i) for i in indices}) for surname, indices in by_surname.items()
        }
        unmatched: dict[str, list[int]] = {}
        ambiguous: dict[str, list[int]] = {}
        for index, parsed in enumerate(self.parsed):
            if not parsed.is_lone:
                continue
            surname = parsed.surname
            if surname not in candidate_roots:
                unmatched.setdefault(surname, []).append(index)
                continue
            mine = self.sets.facts_of(index)
            candidates = []
            for root in candidate_roots[surname]:
                theirs = self.sets.facts_of(root)
                if theirs.articles.isdisjoint(mine.articles) and not roles_conflict(mine, theirs, self.rules):
                    candidates.append(root)
            if len(candidates) > 1:
                candidates = [r for r in candidates if roles_match(mine, self.sets.facts_of(r), self.rules)]
                if len(candidates) != 1:
                    ambiguous.setdefault(surname, []).append(index)
                    continue
            if len(candidates) == 1:
                self.sets.union(candidates[0], index)
        for surname in sorted(unmatched):
            members = unmatched[surname]
            for index in members[1:]:
                if self._compatible(members[0], index):
                    self.sets.union(members[0], index)
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


def cluster_people(people: Sequence[Person], originals: Mapping[str, str],
                   rules: RuleResources | None = None) -> list[list[int]]:
    """Clusters of indices into `people`, each one real-world person."""
    return PeopleClustering(people, originals, rules or RuleResources.bundled()).run()
