"""Reviewer decisions: the `reviews.jsonl` log, its checks, and applying it to extracted records.

A decision is one JSON line `{record_id, record_type, field, action, value, reviewer, at}`. The log is only
appended to. `apply_reviews` replays it in order over freshly extracted records (later decisions win) and
reports, one line each, the decisions it could not apply.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.models import Meeting, Person

REVIEWS_FILE = "reviews.jsonl"
RecordType = Literal["meeting", "person"]
Action = Literal["accept", "reject", "correct", "merge", "split"]
UNCORRECTABLE_FIELDS = {"id", "reviewed"}

_append_lock = threading.Lock()


class Decision(BaseModel):
    """One reviewer decision about a record, or about one field of it."""

    model_config = ConfigDict(extra="forbid")

    record_id: str = Field(min_length=1)
    record_type: RecordType
    field: str | None = None
    action: Action
    value: Any = None
    reviewer: str = Field(min_length=1)
    at: str = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> "Decision":
        if self.action == "correct" and not self.field:
            raise ValueError("a correction names the field it corrects")
        if self.action in ("merge", "split"):
            if self.field:
                raise ValueError(f"{self.action} applies to a whole record, not to a field")
            if not isinstance(self.value, str) or not self.value:
                what = "the id of the record to merge in" if self.action == "merge" else "the article id to split off"
                raise ValueError(f"{self.action} needs value = {what}")
        return self


@dataclass
class ReviewResult:
    """Records after the reviewer's decisions, and one line per decision that could not be applied."""

    meetings: list[Meeting]
    people: list[Person]
    unapplied: list[str] = dataclass_field(default_factory=list)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 timestamp (seconds)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def read_decisions(out_dir: Path) -> tuple[list[tuple[int, Decision]], list[tuple[int, str]]]:
    """Decisions of `OUTPUT/reviews.jsonl` in file order, and the lines that are not decisions, with line numbers."""
    path = Path(out_dir) / REVIEWS_FILE
    if not path.exists():
        return [], []
    decisions: list[tuple[int, Decision]] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            decisions.append((number, Decision.model_validate(json.loads(line))))
        except json.JSONDecodeError:
            problems.append((number, f"{REVIEWS_FILE} line {number}: not valid JSON"))
        except ValidationError as exc:
            problems.append((number, f"{REVIEWS_FILE} line {number}: not a valid decision: {_first_error(exc)}"))
    return decisions, problems


def append_decision(out_dir: Path, decision: Decision) -> None:
    """Append one decision as a JSON line to `OUTPUT/reviews.jsonl` and flush it to disk."""
    line = json.dumps(decision.model_dump(mode="json"), ensure_ascii=False) + "\n"
    with _append_lock, open(Path(out_dir) / REVIEWS_FILE, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


def check_decision(out_dir: Path, meetings: list[Meeting], people: list[Person], decision: Decision) -> str | None:
    """Why `decision` could not apply after the decisions already logged, or None when it applies."""
    ledger = _Ledger(meetings, people)
    for _, earlier in read_decisions(out_dir)[0]:
        try:
            ledger.apply(earlier)
        except ValueError:
            continue
    try:
        ledger.apply(decision)
    except ValueError as exc:
        return str(exc)
    return None


def apply_reviews(out_dir: Path, meetings: list[Meeting], people: list[Person]) -> ReviewResult:
    """Apply `OUTPUT/reviews.jsonl` (if any) to freshly extracted records, in order; later decisions win.

    Rejected records are removed along with links to them; corrections replace field values (validated by the
    record model); merges and splits are redone; accepted records get `reviewed=True`. Decisions that cannot
    apply (unknown record id, invalid value, ...) are listed in `unapplied`, one line each. Inputs are not changed.
    """
    decisions, problems = read_decisions(out_dir)
    numbered = list(problems)
    ledger = _Ledger(meetings, people)
    for number, decision in decisions:
        try:
            ledger.apply(decision)
        except ValueError as exc:
            numbered.append((number, f"{REVIEWS_FILE} line {number}: {decision.action} {decision.record_type} "
                                     f"{decision.record_id}: {exc}"))
    final_meetings, final_people = ledger.result()
    return ReviewResult(final_meetings, final_people, [line for _, line in sorted(numbered)])


def corrected(record: BaseModel, field: str, value: Any) -> BaseModel:
    """A copy of `record` with `field` (dotted for nested objects, e.g. `location.city`) set to `value`, validated."""
    if not field or field.split(".")[0] in UNCORRECTABLE_FIELDS:
        raise ValueError(f"field {field!r} cannot be corrected")
    data = record.model_dump()
    *parents, leaf = field.split(".")
    target = data
    for part in parents:
        if not isinstance(target.get(part), dict):
            raise ValueError(f"no field {field!r} in a {type(record).__name__.lower()}")
        target = target[part]
    if leaf not in target:
        raise ValueError(f"no field {field!r} in a {type(record).__name__.lower()}")
    target[leaf] = value
    try:
        return type(record).model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"invalid value for {field}: {_first_error(exc)}") from None


def field_default(record: BaseModel, field: str) -> Any:
    """The value `field` of `record` takes when its extracted value is rejected (null or empty)."""
    *parents, leaf = field.split(".")
    owner: Any = record
    for part in parents:
        owner = getattr(owner, part, None)
        if not isinstance(owner, BaseModel):
            raise ValueError(f"no field {field!r} in a {type(record).__name__.lower()}")
    info = type(owner).model_fields.get(leaf)
    if info is None:
        raise ValueError(f"no field {field!r} in a {type(record).__name__.lower()}")
    return info.get_default(call_default_factory=True)


class _Ledger:
    """Records being reviewed, changed decision by decision; a decision that cannot apply raises ValueError."""

    def __init__(self, meetings: list[Meeting], people: list[Person]) -> None:
        self.records: dict[str, dict[str, BaseModel]] = {
            "meeting": {meeting.id: meeting.model_copy(deep=True) for meeting in meetings},
            "person": {person.id: person.model_copy(deep=True) for person in people},
        }
        self.verdicts: dict[tuple[str, str], str] = {}

    def apply(self, decision: Decision) -> None:
        records = self.records[decision.record_type]
        record = records.get(decision.record_id)
        if record is None:
            raise ValueError(f"no {decision.record_type} with this id in the current output")
        key = (decision.record_type, decision.record_id)
        if decision.action in ("accept", "reject") and not decision.field:
            self.verdicts[key] = decision.action
        elif decision.action == "accept":
            field_default(record, decision.field)
        elif decision.action == "reject":
            records[record.id] = corrected(record, decision.field, field_default(record, decision.field))
        elif decision.action == "correct":
            records[record.id] = corrected(record, decision.field, decision.value)
        elif decision.action == "merge":
            self._merge(decision.record_type, record, decision.value)
        else:
            self._split(decision.record_type, record, decision.value)

    def result(self) -> tuple[list[Meeting], list[Person]]:
        rejected = {key for key, verdict in self.verdicts.items() if verdict == "reject"}
        accepted = {key for key, verdict in self.verdicts.items() if verdict == "accept"}
        meetings = [
            meeting.model_copy(update={
                "participants": [p for p in meeting.participants if ("person", p.person_id) not in rejected],
                "reviewed": meeting.reviewed or ("meeting", meeting.id) in accepted,
            })
            for meeting in self.records["meeting"].values()
            if ("meeting", meeting.id) not in rejected
        ]
        people = [
            person.model_copy(update={
                "meeting_ids": [m for m in person.meeting_ids if ("meeting", m) not in rejected],
                "reviewed": person.reviewed or ("person", person.id) in accepted,
            })
            for person in self.records["person"].values()
            if ("person", person.id) not in rejected
        ]
        return sorted(meetings, key=lambda m: m.id), sorted(people, key=lambda p: p.id)

    def _merge(self, record_type: str, kept: BaseModel, other_id: str) -> None:
        records = self.records[record_type]
        other = records.get(other_id)
        if other is None:
            raise ValueError(f"no {record_type} {other_id} to merge in")
        if other_id == kept.id:
            raise ValueError("a record cannot be merged with itself")
        try:
            merged = type(kept).model_validate(_merged_data(kept.model_dump(), other.model_dump()))
        except ValidationError as exc:
            raise ValueError(f"merged record is invalid: {_first_error(exc)}") from None
        records[kept.id] = merged
        del records[other_id]
        self.verdicts.pop((record_type, other_id), None)
        if record_type == "person":
            for meeting in self.records["meeting"].values():
                relinked = [
                    p.model_copy(update={"person_id": kept.id}) if p.person_id == other_id else p
                    for p in meeting.participants
                ]
                meeting.participants = _unique(relinked, key=_participant_key)
        else:
            for person in self.records["person"].values():
                person.meeting_ids = _unique([kept.id if m == other_id else m for m in person.meeting_ids])

    def _split(self, record_type: str, record: BaseModel, article_id: str) -> None:
        articles = [source.article_id for source in record.sources]
        if article_id not in articles:
            raise ValueError(f"article {article_id} is not a source of this record")
        if len(set(articles)) < 2:
            raise ValueError("a record with a single source article cannot be split")
        new_id = f"{record.id}-split-{article_id}"
        records = self.records[record_type]
        if new_id in records:
            raise ValueError(f"article {article_id} was already split off as {new_id}")
        kept_data, split_data = _split_data(record.model_dump(), article_id, new_id)
        model = type(record)
        try:
            model.model_validate(kept_data)
            model.model_validate(split_data)
        except ValidationError as exc:
            raise ValueError(f"split record is invalid: {_first_error(exc)}") from None
        if record_type == "meeting":
            self._split_participants(kept_data, split_data, article_id)
        else:
            self._split_meetings(kept_data, split_data, article_id)
        records[record.id] = model.model_validate(kept_data)
        records[new_id] = model.model_validate(split_data)

    def _split_participants(self, kept: dict, split: dict, article_id: str) -> None:
        """Participants known from the split-off article follow it; the others stay."""
        people = self.records["person"]
        remaining = {source["article_id"] for source in kept["sources"]}

        def articles_of(person_id: str | None) -> set[str] | None:
            person = people.get(person_id) if person_id else None
            return {source.article_id for source in person.sources} if person else None

        split["participants"] = [p for p in kept["participants"] if article_id in (articles_of(p["person_id"]) or ())]
        kept["participants"] = [
            p for p in kept["participants"]
            if articles_of(p["person_id"]) is None or articles_of(p["person_id"]) & remaining
        ]
        kept_ids = {p["person_id"] for p in kept["participants"]}
        for participant in split["participants"]:
            person = people[participant["person_id"]]
            links = [m for m in person.meeting_ids if m != kept["id"] or participant["person_id"] in kept_ids]
            person.meeting_ids = _unique(links + [split["id"]])

    def _split_meetings(self, kept: dict, split: dict, article_id: str) -> None:
        """Meetings reported by the split-off article follow it; the others stay."""
        meetings = self.records["meeting"]
        remaining = {source["article_id"] for source in kept["sources"]}

        def articles_of(meeting_id: str) -> set[str] | None:
            meeting = meetings.get(meeting_id)
            return {source.article_id for source in meeting.sources} if meeting else None

        split["meeting_ids"] = [m for m in kept["meeting_ids"] if article_id in (articles_of(m) or ())]
        kept["meeting_ids"] = [
            m for m in kept["meeting_ids"] if articles_of(m) is None or articles_of(m) & remaining
        ]
        for meeting_id in split["meeting_ids"]:
            meeting = meetings[meeting_id]
            participants = []
            for participant in meeting.participants:
                if participant.person_id == kept["id"]:
                    if meeting_id in kept["meeting_ids"]:
                        participants.append(participant)
                    participants.append(participant.model_copy(update={"person_id": split["id"]}))
                else:
                    participants.append(participant)
            meeting.participants = _unique(participants, key=_participant_key)


def _merged_data(kept: dict, other: dict) -> dict:
    """`kept` completed by `other`: empty values filled, lists united, sources joined per article."""
    merged = dict(kept)
    for key, value in other.items():
        current = merged.get(key)
        if key in ("id", "reviewed"):
            continue
        if key == "sources":
            merged[key] = _merged_sources(current, value)
        elif key == "participants":
            merged[key] = _unique(current + value, key=_participant_key)
        elif isinstance(current, list):
            merged[key] = _unique(current + value)
        elif isinstance(current, dict):
            merged[key] = {k: current.get(k) if current.get(k) is not None else v for k, v in value.items()}
        elif current is None:
            merged[key] = value
    if "aliases" in merged and other.get("name") and other["name"] != merged.get("name"):
        merged["aliases"] = _unique(merged["aliases"] + [other["name"]])
    return merged


def _merged_sources(first: list[dict], second: list[dict]) -> list[dict]:
    by_article: dict[str, dict] = {}
    for source in first + second:
        entry = by_article.setdefault(source["article_id"], {**source, "evidence": []})
        entry["evidence"] = _unique(entry["evidence"] + source["evidence"])
    return list(by_article.values())


def _split_data(data: dict, article_id: str, new_id: str) -> tuple[dict, dict]:
    """The record without `article_id`, and a new record `new_id` holding only what that article reported."""
    kept = dict(data, sources=[s for s in data["sources"] if s["article_id"] != article_id])
    split = dict(data, id=new_id, reviewed=False, sources=[s for s in data["sources"] if s["article_id"] == article_id])
    if "conflicts" in data:
        kept["conflicts"] = _conflicts_without(data["conflicts"], article_id)
        split["conflicts"] = []
        for conflict in data["conflicts"]:
            own = [v["value"] for v in conflict["values"] if article_id in v["article_ids"]]
            if own and conflict["field"] in split:
                split[conflict["field"]] = own[0]
    if "roles" in data:
        kept["roles"] = [
            dict(role, article_ids=[a for a in role["article_ids"] if a != article_id])
            for role in data["roles"]
            if role["article_ids"] != [article_id]
        ]
        split["roles"] = [dict(role, article_ids=[article_id]) for role in data["roles"] if article_id in role["article_ids"]]
    return kept, split


def _conflicts_without(conflicts: list[dict], article_id: str) -> list[dict]:
    remaining = []
    for conflict in conflicts:
        values = [
            dict(v, article_ids=[a for a in v["article_ids"] if a != article_id])
            for v in conflict["values"]
        ]
        values = [v for v in values if v["article_ids"]]
        if len(values) > 1:
            remaining.append(dict(conflict, values=values))
    return remaining


def _participant_key(participant: Any) -> Any:
    person_id = participant["person_id"] if isinstance(participant, dict) else participant.person_id
    name = participant["name"] if isinstance(participant, dict) else participant.name
    return ("id", person_id) if person_id else ("name", name)


def _unique(items: list, key: Any = None) -> list:
    """Items in order without repeats (by `key`, or by JSON value)."""
    seen: set = set()
    unique = []
    for item in items:
        marker = key(item) if key else json.dumps(item, sort_keys=True, default=str)
        if marker not in seen:
            seen.add(marker)
            unique.append(item)
    return unique


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error['msg']}" if where else error["msg"]
