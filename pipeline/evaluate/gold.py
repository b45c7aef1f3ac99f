"""Reading gold files (see the gold README) into one set of expected articles, meetings and people."""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import UserError
from pipeline.evaluate.matching import accepted, name_tokens, names_a_post


@dataclass
class GoldSet:
    """Gold records of one or more files; keys are prefixed with the file's position ("0:sakaki")."""

    articles: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    people: list[dict[str, Any]]
    person_by_key: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def sources(self) -> set[str]:
        return {article["source"] for article in self.articles}

    def names(self, person: dict[str, Any]) -> list[str]:
        """Every way the gold names a person: accepted names, then aliases that are not bare posts."""
        found = [name for name in accepted(person.get("name")) if name]
        for alias in person.get("aliases") or []:
            found.extend(form for form in accepted(alias) if form and not names_a_post(form))
        return found


def read_gold_file(path: Path) -> dict[str, Any]:
    """One gold file as a dict; a missing file or invalid JSON is a UserError."""
    if not path.is_file():
        raise UserError(f"gold file not found: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"gold file {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise UserError(f"gold file {path} must hold one JSON object with 'articles', 'meetings' and 'people'")
    return data


def load_gold(paths: Sequence[Path], base: Path | None = None) -> GoldSet:
    """Read gold files; `base`, when given, is prefixed to every gold source path before matching."""
    articles: list[dict[str, Any]] = []
    meetings: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    for index, path in enumerate(paths):
        data = read_gold_file(Path(path))
        if base is not None:
            data = _rebased(data, base, path)
        try:
            articles += [dict(article, source=article["source"]) for article in data.get("articles", [])]
            for meeting in data.get("meetings", []):
                participants = [dict(p, person=f"{index}:{p['person']}") for p in meeting.get("participants", [])]
                meetings.append(dict(meeting, key=f"{index}:{meeting['key']}", participants=participants))
            people += [dict(person, key=f"{index}:{person['key']}") for person in data.get("people", [])]
        except (KeyError, TypeError, AttributeError) as exc:
            raise UserError(f"gold file {path} does not follow the gold format ({type(exc).__name__}: {exc})") from None
    merged, person_by_key = _merge_people(people)
    return GoldSet(articles=articles, meetings=meetings, people=merged, person_by_key=person_by_key)


def _merge_people(people: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """One real person annotated in several gold files (same name words) becomes one gold person."""
    by_name: dict[str, dict[str, Any]] = {}
    merged: list[dict[str, Any]] = []
    person_by_key: dict[str, dict[str, Any]] = {}
    for person in people:
        name_key = " ".join(name_tokens((accepted(person.get("name")) or [None])[0]))
        first = by_name.get(name_key)
        if first is None:
            by_name[name_key] = person
            merged.append(person)
            person_by_key[person["key"]] = person
            continue
        first["sources"] = sorted(set(first.get("sources", [])) | set(person.get("sources", [])))
        first["aliases"] = list(first.get("aliases") or []) + list(person.get("aliases") or [])
        first["roles"] = list(first.get("roles") or []) + list(person.get("roles") or [])
        first["optional"] = first.get("optional") and person.get("optional")
        person_by_key[person["key"]] = first
    return merged, person_by_key


def _rebased(data: dict[str, Any], base: Path, path: Path) -> dict[str, Any]:
    def under_base(source: str) -> str:
        return str(PurePosixPath(base.as_posix()) / source)

    try:
        return _with_sources_mapped(data, under_base)
    except (KeyError, TypeError, AttributeError) as exc:
        raise UserError(f"gold file {path} does not follow the gold format ({type(exc).__name__}: {exc})") from None


def _with_sources_mapped(data: dict[str, Any], under_base) -> dict[str, Any]:
    data = dict(data)
    data["articles"] = [dict(a, source=under_base(a["source"])) for a in data.get("articles", [])]
    data["meetings"] = [
        dict(m, sources=[under_base(s) for s in m.get("sources", [])],
             background_sources=[under_base(s) for s in m.get("background_sources") or []])
        for m in data.get("meetings", [])
    ]
    data["people"] = [dict(p, sources=[under_base(s) for s in p.get("sources", [])]) for p in data.get("people", [])]
    return data
