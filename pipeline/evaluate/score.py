"""Scoring an output folder against gold files, with the same definitions and numbers as `score.py`.

Everything is scored per (record, article) pair; optional gold items are neither rewarded nor
penalised; an article marked `duplicate` stands for its original. The score is the mean of eight
figures: F1 of meetings, people, roles, participants and dedup pairs, the accuracy of meeting
dates and places, and the share of stated attributes that are right (meeting kind, name, series,
ordinal, hosts, attendance and participant roles; organization and country of people's roles).
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.evaluate.figures import Counts, Detail, Evaluation, Ratio
from pipeline.evaluate.gold import GoldSet, load_gold
from pipeline.evaluate.matching import (accepted, close_name, host_match, names_match, normalize, organization_match,
                                        place_key, stated, title_match)
from pipeline.evaluate.outputs import OutputFolder, read_output


def evaluate(output_dir: Path, gold_paths: Sequence[Path], gold_base: Path | None = None) -> Evaluation:
    """Score the output folder against the gold files; `gold_base` is prefixed to gold source paths."""
    gold = load_gold(gold_paths, gold_base)
    output = read_output(Path(output_dir))
    return _Scorer(gold, output).run()


def _label(record: dict[str, Any], *fields: str) -> str:
    for name in fields:
        if record.get(name):
            return str(record[name])
    return "?"


class _Scorer:
    """One evaluation run: the metrics are computed in order, each adding its details."""

    def __init__(self, gold: GoldSet, output: OutputFolder) -> None:
        self.gold = gold
        self.output = output
        self.gold_sources = gold.sources
        self.details: list[Detail] = []
        self._gold_names = {id(p): gold.names(p) for p in gold.people}
        self._meeting_cites = [output.cited_sources(m, self.gold_sources) for m in output.meetings]
        self._person_cites = [output.cited_sources(p, self.gold_sources) for p in output.people]
        self._output_names = [[p.get("name")] + list(p.get("aliases") or []) for p in output.people]
        self._person_matches: dict[str, set[str]] = {}
        self._meeting_matches: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        self._attributes_right = self._attributes_checked = 0

    def run(self) -> Evaluation:
        articles_read, published, titles = self._score_articles()
        people = self._score_people()
        roles = self._score_roles()
        meetings = self._score_meetings()
        dates, places, participants = self._score_matched_meetings()
        dedup = self._score_dedup()
        attributes = Ratio(self._attributes_right, self._attributes_checked)
        return Evaluation(articles_read, published, titles, people, roles, meetings, dates, places,
                          participants, attributes, dedup, self.details)

    def _check_attribute(self, right: bool, record: str, article: str | None, message: str,
                         evidence: Sequence[str] = ()) -> None:
        self._attributes_checked += 1
        self._attributes_right += right
        if not right:
            self._note("wrong-attribute", record, article, message, evidence)

    def _note(self, kind: str, record: str, article: str | None, message: str,
              evidence: Sequence[str] = ()) -> None:
        self.details.append(Detail(kind, record, article, message, tuple(evidence)))

    # ---- articles

    def _score_articles(self) -> tuple[Ratio, Ratio, Ratio]:
        by_source = {a["source"]: a for a in self.output.articles}
        read = published = titled = titles_total = 0
        for gold_article in self.gold.articles:
            found = by_source.get(gold_article["source"])
            if found is None:
                self._note("missed", "article", gold_article["source"], "article not in the output")
            else:
                read += 1
                published += found.get("published") in accepted(gold_article.get("published"))
            if gold_article.get("title"):
                titles_total += 1
                titled += normalize((found or {}).get("title")) == normalize(gold_article["title"])
        total = len(self.gold.articles)
        return Ratio(read, total), Ratio(published, total), Ratio(titled, titles_total)

    # ---- people

    def _person_names_match(self, gold_person: dict[str, Any], output_index: int) -> bool:
        return names_match(self._gold_names[id(gold_person)], self._output_names[output_index])

    def _score_people(self) -> Counts:
        tp = fn = fp = 0
        for gold_person in self.gold.people:
            if gold_person.get("optional"):
                continue
            for article in gold_person.get("sources", []):
                hits = [self.output.people[i]["id"] for i, cited in enumerate(self._person_cites)
                        if article in cited and self._person_names_match(gold_person, i)]
                if hits:
                    tp += 1
                    self._person_matches.setdefault(gold_person["key"], set()).update(hits)
                else:
                    fn += 1
                    self._note("missed", "person", article, f"person {self._gold_names[id(gold_person)][0]!r}")
        for i, person in enumerate(self.output.people):
            for article in sorted(self._person_cites[i]):
                if not any(article in g.get("sources", []) and self._person_names_match(g, i)
                           for g in self.gold.people):
                    fp += 1
                    self._note("extra", "person", article, f"person {person.get('name')!r}",
                               self.output.evidence_in(person, article))
        return Counts(tp, fp, fn)

    # ---- roles: the titles of matched people, once per gold person

    def _score_roles(self) -> Counts:
        tp = fp = fn = 0
        for gold_person in self.gold.people:
            if gold_person.get("optional"):
                continue
            matched_ids = self._person_matches.get(gold_person["key"], set())
            title_groups = [[t for t in accepted(role.get("title")) if t] for role in gold_person.get("roles") or []]
            title_groups = [group for group in title_groups if group]
            gold_titles = [title for group in title_groups for title in group]
            carriers = [p for p in self.output.people if p["id"] in matched_ids]
            output_roles = [r for p in carriers for r in p.get("roles") or [] if r.get("title")]
            output_titles = [r.get("title") for r in output_roles]
            name = self._gold_names[id(gold_person)][0] if self._gold_names[id(gold_person)] else gold_person["key"]
            self._score_role_attributes(gold_person, output_roles, carriers)
            for group in title_groups:
                if any(title_match(g, t) for g in group for t in output_titles):
                    tp += 1
                else:
                    fn += 1
                    got = sorted(set(output_titles))
                    self._note("missed", "title", None, f"title {group[0]!r} for {name!r}; got {got}")
            for title in sorted(set(output_titles)):
                if not any(title_match(g, title) for g in gold_titles):
                    fp += 1
                    self._note("extra", "title", None, f"title {title!r} for {name!r}",
                               _evidence_mentioning(carriers, title))
        return Counts(tp, fp, fn)

    def _score_role_attributes(self, gold_person: dict[str, Any], output_roles: list[dict[str, Any]],
                               carriers: list[dict[str, Any]]) -> None:
        """The organization and country of each gold role whose title an output role of the person matches."""
        for gold_role in gold_person.get("roles") or []:
            titles = [t for t in accepted(gold_role.get("title")) if t]
            hits = [r for r in output_roles if any(title_match(t, r["title"]) for t in titles)]
            for field_name, agrees in (("organization", organization_match),
                                       ("country", lambda g, o: normalize(g) == normalize(o))):
                wanted = accepted(gold_role.get(field_name))
                if not hits or gold_role.get(field_name) is None or None in wanted:
                    continue
                right = any(r.get(field_name) and any(agrees(w, r[field_name]) for w in wanted if w) for r in hits)
                got = [r.get(field_name) for r in hits]
                self._check_attribute(right, "role", None,
                                      f"role {field_name}: got {got!r} for {titles[0]!r} of {gold_person['name']!r}",
                                      _evidence_mentioning(carriers, titles[0]))

    # ---- meetings

    def _participant_names(self, gold_meeting: dict[str, Any], with_optional: bool = False) -> list[list[str]]:
        return [self.gold.names(self.gold.person_by_key[p["person"]])
                for p in gold_meeting.get("participants", [])
                if p["person"] in self.gold.person_by_key and (with_optional or not p.get("optional"))]

    @staticmethod
    def _required_sources(gold_meeting: dict[str, Any]) -> list[str]:
        background = gold_meeting.get("background_sources") or []
        return [a for a in gold_meeting.get("sources", []) if a not in background]

    def _affinity(self, gold_meeting: dict[str, Any], meeting: dict[str, Any]) -> int:
        """How well an output meeting fits a gold one: a point each for date, a participant and the name.

        0 when the dates differ by more than a day. A gold meeting that nothing identifies (no date,
        participant or name) gets at least 1 from any meeting in its article."""
        gold_dates = [d for d in accepted(gold_meeting.get("start_date")) if d]
        start = meeting.get("start_date")
        if gold_dates and start and start not in gold_dates and not _within_a_day(start, gold_dates):
            return 0
        points = int(bool(gold_dates) and start in gold_dates)
        gold_participants = self._participant_names(gold_meeting)
        output_participants = [[p.get("name")] for p in meeting.get("participants") or [] if p.get("name")]
        points += any(names_match(g, o) for g in gold_participants for o in output_participants)
        gold_names = [n for n in accepted(gold_meeting.get("name")) + accepted(gold_meeting.get("series")) if n]
        output_names = [n for n in (meeting.get("name"), meeting.get("series")) if n]
        points += any(title_match(g, o) for g in gold_names for o in output_names)
        identified = ((gold_dates and None not in accepted(gold_meeting.get("start_date")))
                      or gold_participants
                      or (gold_names and None not in accepted(gold_meeting.get("name"))))
        return points if identified else max(points, 1)

    def _closeness(self, gold_meeting: dict[str, Any], meeting: dict[str, Any]) -> int:
        """Breaks ties between equally fitting pairs, so that matching never depends on the order of the file:
        shared participants (optional ones too), the same kind and the same place; a gold meeting that nothing
        identifies may stand for any meeting of its article, so it picks last."""
        output_participants = [[p.get("name")] for p in meeting.get("participants") or [] if p.get("name")]
        shared = sum(any(names_match(g, o) for o in output_participants)
                     for g in self._participant_names(gold_meeting, with_optional=True))
        same_kind = meeting.get("kind") in accepted(gold_meeting.get("kind"))
        gold_location, location = gold_meeting.get("location") or {}, meeting.get("location") or {}
        gold_places = {normalize(f) for k in ("venue", "city") for f in accepted(gold_location.get(k)) if f}
        output_places = {normalize(location.get(k) or "") for k in ("venue", "city", "region")} - {""}
        gold_names = [n for n in accepted(gold_meeting.get("name")) + accepted(gold_meeting.get("series")) if n]
        gold_dates = [d for d in accepted(gold_meeting.get("start_date")) if d]
        identified = (bool(gold_dates and None not in accepted(gold_meeting.get("start_date")))
                      or bool(self._participant_names(gold_meeting))
                      or bool(gold_names and None not in accepted(gold_meeting.get("name"))))
        return 100 * identified + shared + same_kind + bool(gold_places & output_places)

    def _score_meetings(self) -> Counts:
        tp = fp = fn = 0
        for article in sorted(self.gold_sources):
            gold_here = [g for g in self.gold.meetings if article in g.get("sources", [])]
            output_here = [m for m, cited in zip(self.output.meetings, self._meeting_cites) if article in cited]
            assigned = _assign(gold_here, output_here, self._affinity, self._closeness)
            for i, gold_meeting in enumerate(gold_here):
                if gold_meeting.get("optional") or article not in self._required_sources(gold_meeting):
                    continue
                if i in assigned:
                    tp += 1
                    found = output_here[assigned[i]]
                    self._meeting_matches.setdefault(gold_meeting["key"], []).append((article, found))
                else:
                    fn += 1
                    label = _label(gold_meeting, "name", "date_text", "key")
                    self._note("missed", "meeting", article, f"meeting {label!r}")
            used = set(assigned.values())
            for j, meeting in enumerate(output_here):
                if j not in used:
                    fp += 1
                    self._note("extra", "meeting", article,
                               f"meeting {_label(meeting, 'name', 'date_text')!r} ({meeting.get('start_date')})",
                               self.output.evidence_in(meeting, article))
        return Counts(tp, fp, fn)

    # ---- dates, places and participants of matched meetings

    def _score_matched_meetings(self) -> tuple[Ratio, Ratio, Counts]:
        dates_ok = dates_n = places_ok = places_n = 0
        tp = fp = fn = 0
        for gold_meeting in self.gold.meetings:
            if gold_meeting.get("optional"):
                continue
            label = _label(gold_meeting, "name", "key")
            gold_participants = self._participant_names(gold_meeting)
            matches = self._meeting_matches.get(gold_meeting["key"], [])
            if not matches:
                fn += len(gold_participants)
            first_article = {}
            for article, meeting in matches:
                first_article.setdefault(id(meeting), (article, meeting))
            for article, meeting in first_article.values():
                dates_n += 1
                if _dates_right(gold_meeting, meeting):
                    dates_ok += 1
                else:
                    self._note("wrong-date", "meeting", article,
                               f"date {meeting.get('start_date')}..{meeting.get('end_date')} for {label!r}, "
                               f"gold {gold_meeting.get('start_date')}..{gold_meeting.get('end_date')}",
                               self.output.evidence_in(meeting, article))
                gold_location = gold_meeting.get("location") or {}
                gold_places = _gold_places(gold_location)
                if gold_places:
                    places_n += 1
                    location = meeting.get("location") or {}
                    output_places = {place_key(location.get(k) or "") for k in ("venue", "city", "region")} - {""}
                    if gold_places & output_places:
                        places_ok += 1
                    else:
                        self._note("wrong-place", "meeting", article,
                                   f"place {location} for {label!r}, gold {gold_location}",
                                   self.output.evidence_in(meeting, article))
                for field_name, right, got in self._meeting_attributes(gold_meeting, meeting):
                    self._check_attribute(right, "meeting", article, f"{field_name}: got {got!r} for {label!r}",
                                          self.output.evidence_in(meeting, article))
                output_participants = [[p.get("name")] for p in meeting.get("participants") or [] if p.get("name")]
                for names in gold_participants:
                    if any(names_match(names, o) for o in output_participants):
                        tp += 1
                    else:
                        fn += 1
                        self._note("missed", "participant", article, f"participant {names[0]!r} of {label!r}")
                everyone = self._participant_names(gold_meeting, with_optional=True)
                for names in output_participants:
                    if not any(names_match(g, names) for g in everyone):
                        fp += 1
                        self._note("extra", "participant", article,
                                   f"participant {names[0]!r} of {label!r}",
                                   self.output.evidence_in(meeting, article))
        return Ratio(dates_ok, dates_n), Ratio(places_ok, places_n), Counts(tp, fp, fn)

    def _meeting_attributes(self, gold_meeting: dict[str, Any], meeting: dict[str, Any]) -> list[tuple[str, bool, Any]]:
        """(field, right, what the output has) for each attribute the gold states."""
        checks: list[tuple[str, bool, Any]] = []
        if stated(gold_meeting.get("kind")):
            checks.append(("kind", meeting.get("kind") in stated(gold_meeting.get("kind")), meeting.get("kind")))
        for name in ("name", "series"):
            if stated(gold_meeting.get(name)):
                right = any(close_name(g, meeting.get(name)) for g in stated(gold_meeting.get(name)))
                checks.append((name, right, meeting.get(name)))
        for name in ("ordinal", "attendance"):
            if stated(gold_meeting.get(name)):
                checks.append((name, meeting.get(name) in stated(gold_meeting.get(name)), meeting.get(name)))
        alternatives = _host_alternatives(gold_meeting.get("hosts"))
        if alternatives:
            hosts = [h for h in meeting.get("hosts") or [] if h]
            right = any(all(any(host_match(g, h) for g in names for h in hosts) for names in alternative)
                        and all(any(host_match(g, h) for names in alternative for g in names) for h in hosts)
                        for alternative in alternatives)
            checks.append(("hosts", right, hosts))
        participants = [p for p in meeting.get("participants") or [] if p.get("name")]
        for gold_participant in gold_meeting.get("participants", []):
            if (gold_participant.get("optional") or not stated(gold_participant.get("role"))
                    or gold_participant["person"] not in self.gold.person_by_key):
                continue
            names = self.gold.names(self.gold.person_by_key[gold_participant["person"]])
            hits = [p for p in participants if names_match(names, [p["name"]])]
            if hits:
                right = any(p.get("role") in stated(gold_participant.get("role")) for p in hits)
                checks.append((f"role of {names[0]}", right, [p.get("role") for p in hits]))
        return checks

    # ---- cross-source deduplication, pairwise over articles

    def _score_dedup(self) -> Counts:
        gold_pairs: set[tuple[str, str, str, str]] = set()
        for gold_meeting in self.gold.meetings:
            if not gold_meeting.get("optional"):
                required = self._required_sources(gold_meeting)
                gold_pairs |= {("m", gold_meeting["key"], a, b) for a, b in _pairs(required)}
        for gold_person in self.gold.people:
            if not gold_person.get("optional"):
                gold_pairs |= {("p", gold_person["key"], a, b) for a, b in _pairs(gold_person.get("sources", []))}

        covered: set[tuple[str, str, str, str]] = set()
        wrong = 0
        for gold_meeting in self.gold.meetings:
            required = set(self._required_sources(gold_meeting))
            for meeting, cited in zip(self.output.meetings, self._meeting_cites):
                if self._affinity(gold_meeting, meeting) >= 1:
                    covered |= {("m", gold_meeting["key"], a, b) for a, b in _pairs(required & cited)}
        for meeting, cited in zip(self.output.meetings, self._meeting_cites):
            for a, b in _pairs(cited):
                if not any(a in g.get("sources", []) and b in g.get("sources", []) for g in self.gold.meetings):
                    wrong += 1
                    self._note_wrong_merge("meeting", _label(meeting, "name", "start_date"), meeting, a, b)
        for gold_person in self.gold.people:
            sources = set(gold_person.get("sources", []))
            for i, cited in enumerate(self._person_cites):
                if self._person_names_match(gold_person, i):
                    covered |= {("p", gold_person["key"], a, b) for a, b in _pairs(sources & cited)}
        for i, (person, cited) in enumerate(zip(self.output.people, self._person_cites)):
            for a, b in _pairs(cited):
                if not any(a in g.get("sources", []) and b in g.get("sources", []) and self._person_names_match(g, i)
                           for g in self.gold.people):
                    wrong += 1
                    self._note_wrong_merge("person", _label(person, "name"), person, a, b)

        found = len(covered & gold_pairs)
        for kind, key, a, b in sorted(gold_pairs - covered):
            record = "meeting" if kind == "m" else "person"
            self._note("not-merged", record, a, f"{record} {key.split(':', 1)[1]!r} not merged with its record in {b}")
        return Counts(found, wrong, len(gold_pairs) - found)

    def _note_wrong_merge(self, record: str, label: str, found: dict[str, Any], a: str, b: str) -> None:
        evidence = self.output.evidence_in(found, a) + self.output.evidence_in(found, b)
        self._note("wrongly-merged", record, a, f"{record} {label!r} wrongly merged with {b}", evidence)


def _evidence_mentioning(records: list[dict[str, Any]], words: str) -> list[str]:
    """Evidence texts of the records that contain `words` (normalised)."""
    wanted = normalize(words)
    texts = [span.get("text") or "" for record in records for ref in record.get("sources") or []
             for span in ref.get("evidence") or []]
    return [text for text in texts if wanted and wanted in normalize(text)]


def _pairs(sources) -> list[tuple[str, str]]:
    return list(itertools.combinations(sorted(set(sources)), 2))


def _within_a_day(date: str, gold_dates: list[str]) -> bool:
    try:
        day = dt.date.fromisoformat(date)
        return min(abs((day - dt.date.fromisoformat(d)).days) for d in gold_dates) <= 1
    except (ValueError, TypeError):
        return False


def _assign(gold_meetings: list[dict], meetings: list[dict], affinity, closeness) -> dict[int, int]:
    """Greedy one-to-one assignment of pairs with affinity >= 1: best affinity first, then closeness, then gold
    order and output id, so that the result does not depend on the order of meetings.jsonl."""
    scored = [(affinity(g, m), closeness(g, m), i, m.get("id") or "", j)
              for i, g in enumerate(gold_meetings) for j, m in enumerate(meetings)]
    assigned: dict[int, int] = {}
    used: set[int] = set()
    for points, _, i, _, j in sorted(scored, key=lambda t: (-t[0], -t[1], t[2], t[3])):
        if points >= 1 and i not in assigned and j not in used:
            assigned[i] = j
            used.add(j)
    return assigned


def _host_alternatives(value: Any) -> list[list[list[str]]]:
    """The accepted host lists, each host a list of accepted names; [] when the gold leaves hosts open."""
    if value is None:
        return []
    alternatives = []
    for alternative in (accepted(value) if isinstance(value, dict) else [value]):
        alternative = alternative if isinstance(alternative, list) else [alternative]
        if not alternative or None in alternative:
            return []
        alternatives.append([[h for h in accepted(host) if h] for host in alternative])
    return alternatives


def _dates_right(gold_meeting: dict[str, Any], meeting: dict[str, Any]) -> bool:
    """Start date accepted; when the gold states an end date (even null), the end date too.

    A gold end date of null also accepts an end equal to the start (a one-day meeting)."""
    start, end = meeting.get("start_date"), meeting.get("end_date")
    right = start in accepted(gold_meeting.get("start_date"))
    if "end_date" in gold_meeting:
        gold_ends = accepted(gold_meeting.get("end_date"))
        right = right and (end in gold_ends or (gold_ends == [None] and end == start))
    return right


def _gold_places(location: dict[str, Any]) -> set[str]:
    """Accepted venues and cities of a gold location, or none when the place is not required."""
    places = {place_key(f) for k in ("venue", "city") for f in accepted(location.get(k)) if f}
    required = any(None not in accepted(location.get(k)) and any(accepted(location.get(k))) for k in ("venue", "city"))
    return places if required else set()
