"""Reviewer decisions: the `reviews.jsonl` log, its checks, and replaying it over extracted records.

A decision is one JSON line `{record_id, record_type, field, action, value, reviewer, at}`. The log is only
appended to; an `undo` line cancels an earlier line (its number is the undo's `value`). `replay` applies the
log in order over records (later decisions win) and keeps what the review app shows: verdicts, corrections,
merges, splits and, one line each, the decisions that could not apply. `apply_reviews` is what `ingest` calls.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import threading
from collections import Counter
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path
from typing import Any, Literal

import jsonlines
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.models import Meeting, Person
from pipeline.review.base_records import remember_unreviewed

REVIEWS_FILE = "reviews.jsonl"
RecordType = Literal["meeting", "person"]
Action = Literal["accept", "reject", "correct", "merge", "split", "undo"]
UNCORRECTABLE_FIELDS = {"id", "reviewed"}
LINE_BREAKS_OUTSIDE_JSONL = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}
ACTION_NOUNS = {"reject": "reject", "accept": "accept", "correct": "correction", "merge": "merge",
                "split": "split", "undo": "undo"}

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
        if self.action in ("merge", "split", "undo") and self.field:
            raise ValueError(f"{self.action} applies to a whole record, not to a field")
        if self.action in ("merge", "split") and (not isinstance(self.value, str) or not self.value):
            what = "the id of the record to merge in" if self.action == "merge" else "the article id to split off"
            raise ValueError(f"{self.action} needs value = {what}")
        if self.action == "undo" and (isinstance(self.value, bool) or not isinstance(self.value, int)
                                      or self.value < 1):
            raise ValueError("undo needs value = the line number of the decision it cancels")
        return self


@dataclass(frozen=True)
class Logged:
    """A decision and its line number in `reviews.jsonl`."""

    line: int
    decision: Decision


@dataclass
class ReviewSummary:
    """How many logged decisions applied, by action, and how many no longer apply."""

    applied: Counter = dataclass_field(default_factory=Counter)
    not_applied: int = 0

    @property
    def logged(self) -> int:
        return sum(self.applied.values()) + self.not_applied

    def line(self) -> str:
        """E.g. `applied 14 review decisions: 3 rejects, 9 accepts, 1 merge, 1 correction; 0 no longer apply`."""
        total = sum(self.applied.values())
        parts = [
            f"{count} {ACTION_NOUNS[action]}{'' if count == 1 else 's'}"
            for action, count in sorted(self.applied.items(), key=lambda item: (-item[1], item[0]))
        ]
        listed = f": {', '.join(parts)}" if parts else ""
        noun = "decision" if total == 1 else "decisions"
        return f"applied {total} review {noun}{listed}; {self.not_applied} no longer apply"


@dataclass
class ReviewResult:
    """Records after the reviewer's decisions, one line per decision that could not be applied, and a summary."""

    meetings: list[Meeting]
    people: list[Person]
    unapplied: list[str] = dataclass_field(default_factory=list)
    summary: ReviewSummary = dataclass_field(default_factory=ReviewSummary)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 timestamp (seconds)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def read_decisions(out_dir: Path) -> tuple[list[Logged], list[tuple[int, str]]]:
    """Decisions of `OUTPUT/reviews.jsonl` in file order, and the lines that are not decisions, with line numbers.

    Lines are split on `\\n` only (jsonlines), so U+2028, U+2029 and U+0085 inside values are kept.
    """
    path = Path(out_dir) / REVIEWS_FILE
    if not path.exists():
        return [], []
    decisions: list[Logged] = []
    problems: list[tuple[int, str]] = []
    with open(path, "rb") as handle:
        reader = jsonlines.Reader(handle)
        number = 0
        while True:
            number += 1
            try:
                data = reader.read(type=dict)
            except EOFError:
                break
            except jsonlines.InvalidLineError as exc:
                if exc.line.strip():
                    problems.append((exc.lineno, f"{REVIEWS_FILE} line {exc.lineno}: not valid JSON"))
                continue
            try:
                decisions.append(Logged(number, Decision.model_validate(data)))
            except ValidationError as exc:
                problems.append((number, f"{REVIEWS_FILE} line {number}: not a valid decision: {_first_error(exc)}"))
    return decisions, problems


def append_decision(out_dir: Path, decision: Decision) -> None:
    """Append one decision as a JSON line to `OUTPUT/reviews.jsonl` and flush it to disk.

    One write per line under a lock (threads) and `flock` (other processes); a file whose last line was cut
    short gets a newline first, so the new decision is never glued to it.
    """
    text = json.dumps(decision.model_dump(mode="json"), ensure_ascii=False)
    for char, escape in LINE_BREAKS_OUTSIDE_JSONL.items():
        text = text.replace(char, escape)
    path = Path(out_dir) / REVIEWS_FILE
    with _append_lock, open(path, "ab+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            size = handle.seek(0, os.SEEK_END)
            prefix = b""
            if size:
                handle.seek(size - 1)
                prefix = b"" if handle.read(1) == b"\n" else b"\n"
            handle.write(prefix + text.encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def apply_reviews(out_dir: Path, meetings: list[Meeting], people: list[Person]) -> ReviewResult:
    """Apply `OUTPUT/reviews.jsonl` (if any) to freshly extracted records, in order; later decisions win.

    Rejected records are removed along with links to them; corrections replace field values (validated by the
    record model and refused when they would leave a record without sources, link an unknown record or end
    before they start); merges and splits are redone; accepted records get `reviewed=True`; undone decisions
    are skipped. Decisions that cannot apply are listed in `unapplied`, one line each, and counted in `summary`.
    The records before review are kept in `OUTPUT/.cache/review/` so `convene review` replays the same log over
    the same records. Inputs are not changed.
    """
    remember_unreviewed(out_dir, meetings, people, has_log=(Path(out_dir) / REVIEWS_FILE).exists())
    state = replay(out_dir, meetings, people)
    final_meetings, final_people = state.result()
    return ReviewResult(final_meetings, final_people, state.unapplied_lines(), state.summary())


def replay(out_dir: Path, meetings: list[Meeting], people: list[Person]) -> "ReviewState":
    """The review state after replaying `OUTPUT/reviews.jsonl` over `meetings` and `people`."""
    decisions, problems = read_decisions(out_dir)
    state = ReviewState(meetings, people)
    state.problems = list(problems)
    state.cancelled, undo_outcomes = _undone_lines(decisions)
    for logged in decisions:
        if logged.decision.action == "undo" or logged.line in state.cancelled:
            state.logged.append(logged)
            state.outcomes[logged.line] = undo_outcomes.get(logged.line)
        else:
            state.apply_logged(logged)
    return state


def corrected(record: BaseModel, field: str, value: Any) -> BaseModel:
    """A copy of `record` with `field` (dotted for nested objects, e.g. `location.city`) set to `value`, validated."""
    if not field or field.split(".")[0] in UNCORRECTABLE_FIELDS:
        raise ValueError(f"field {field!r} cannot be corrected")
    data = record.model_dump(mode="json")
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


class ReviewState:
    """Records being reviewed, changed decision by decision, and what each decision did.

    Records are never changed in place: a decision replaces the models it changes, so a state can be copied
    cheaply (`copy`) to try one more decision on it.
    """

    def __init__(self, meetings: list[Meeting], people: list[Person]) -> None:
        self.records: dict[str, dict[str, BaseModel]] = {
            "meeting": {meeting.id: meeting for meeting in meetings},
            "person": {person.id: person for person in people},
        }
        self.verdicts: dict[tuple[str, str], Logged] = {}
        self.corrections: dict[tuple[str, str, str], Logged] = {}
        self.merged_into: dict[tuple[str, str], str] = {}
        self.split_from: dict[tuple[str, str], tuple[str, str]] = {}
        self.outcomes: dict[int, str | None] = {}
        self.logged: list[Logged] = []
        self.cancelled: set[int] = set()
        self.problems: list[tuple[int, str]] = []

    def copy(self) -> "ReviewState":
        twin = ReviewState([], [])
        twin.records = {kind: dict(records) for kind, records in self.records.items()}
        for name in ("verdicts", "corrections", "merged_into", "split_from", "outcomes"):
            setattr(twin, name, dict(getattr(self, name)))
        twin.logged, twin.cancelled, twin.problems = list(self.logged), set(self.cancelled), list(self.problems)
        return twin

    def apply_logged(self, logged: Logged) -> None:
        """Apply one logged decision; why it could not apply is kept in `outcomes` (None when it applied)."""
        self.logged.append(logged)
        try:
            self.apply(logged.decision, logged)
        except ValueError as exc:
            self.outcomes[logged.line] = str(exc)
        else:
            self.outcomes[logged.line] = None

    def check(self, decision: Decision) -> str | None:
        """Why `decision` could not apply to this state, or None when it applies."""
        try:
            self.copy().apply(decision, Logged(0, decision))
        except ValueError as exc:
            return str(exc)
        return None

    def apply(self, decision: Decision, logged: Logged) -> None:
        kind = decision.record_type
        records = self.records[kind]
        record = records.get(decision.record_id)
        if record is None:
            survivor = self.merged_into.get((kind, decision.record_id))
            where = f" (merged into {survivor})" if survivor else ""
            raise ValueError(f"no {kind} with this id in the current output{where}")
        key = (kind, decision.record_id)
        action, field = decision.action, decision.field
        if action == "undo":
            raise ValueError("an undo is not applied to a record")
        if action in ("accept", "reject") and not field:
            self.verdicts[key] = logged
        elif action == "accept":
            field_default(record, field)
        elif action == "reject":
            records[record.id] = self._checked(corrected(record, field, field_default(record, field)), field)
            self.corrections[(kind, record.id, field)] = logged
        elif action == "correct":
            records[record.id] = self._checked(corrected(record, field, decision.value), field)
            self.corrections[(kind, record.id, field)] = logged
        elif action == "merge":
            self._merge(kind, record, decision.value)
        else:
            self._split(kind, record, decision.value)

    def resolve(self, kind: str, record_id: str) -> str | None:
        """The id under which `record_id` lives now (following merges), or None when there is none."""
        seen = set()
        while record_id not in self.records[kind] and record_id not in seen:
            seen.add(record_id)
            survivor = self.merged_into.get((kind, record_id))
            if survivor is None:
                return None
            record_id = survivor
        return record_id if record_id in self.records[kind] else None

    def verdict(self, kind: str, record_id: str) -> str | None:
        """`accept` or `reject` when the record has a verdict in the log, else None."""
        logged = self.verdicts.get((kind, record_id))
        return logged.decision.action if logged else None

    def last_undoable(self, reviewer: str) -> Logged | None:
        """The latest decision of `reviewer` that is not an undo and not undone yet."""
        for logged in reversed(self.logged):
            decision = logged.decision
            if decision.reviewer == reviewer and decision.action != "undo" and logged.line not in self.cancelled:
                return logged
        return None

    def history(self, kind: str, record_id: str) -> list[tuple[Logged, str]]:
        """Decisions about a record (or about records merged into it), each with `applied`, `undone` or why not."""
        ids = {record_id} | {other for (k, other), kept in self.merged_into.items() if k == kind and kept == record_id}
        entries = []
        for logged in self.logged:
            if logged.decision.record_type != kind or logged.decision.record_id not in ids:
                continue
            if logged.line in self.cancelled:
                status = "undone"
            else:
                status = self.outcomes.get(logged.line) or "applied"
            entries.append((logged, status))
        return entries

    def result(self) -> tuple[list[Meeting], list[Person]]:
        """Records after review: rejected records and links to them removed, accepted ones `reviewed`."""
        rejected = {key for key, logged in self.verdicts.items() if logged.decision.action == "reject"}
        accepted = {key for key, logged in self.verdicts.items() if logged.decision.action == "accept"}
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

    def unapplied_lines(self) -> list[str]:
        """One line per log line that is not a decision or did not apply, in line order."""
        numbered = list(self.problems)
        for logged in self.logged:
            reason = self.outcomes.get(logged.line)
            if reason:
                d = logged.decision
                numbered.append((logged.line, f"{REVIEWS_FILE} line {logged.line}: {d.action} {d.record_type} "
                                              f"{d.record_id}: {reason}"))
        return [line for _, line in sorted(numbered)]

    def summary(self) -> ReviewSummary:
        applied = Counter(
            logged.decision.action for logged in self.logged
            if self.outcomes.get(logged.line) is None and logged.line not in self.cancelled
        )
        failed = sum(1 for logged in self.logged if self.outcomes.get(logged.line))
        return ReviewSummary(applied=applied, not_applied=failed + len(self.problems))

    # ---- checks and record-level decisions ----

    def _checked(self, record: BaseModel, field: str) -> BaseModel:
        """`record` after a change of `field`, if it keeps a source and the field links only records that exist."""
        if field == "sources" and not record.sources:
            raise ValueError("a record keeps at least one source: split or reject it instead")
        if field == "participants":
            for participant in record.participants:
                if participant.person_id and participant.person_id not in self.records["person"]:
                    raise ValueError(f"participant {participant.name!r}: no person with id {participant.person_id}")
        if field == "meeting_ids":
            for meeting_id in record.meeting_ids:
                if meeting_id not in self.records["meeting"]:
                    raise ValueError(f"no meeting with id {meeting_id}")
        return record

    def _merge(self, kind: str, kept: BaseModel, other_id: str) -> None:
        records = self.records[kind]
        other = records.get(other_id)
        if other is None:
            raise ValueError(f"no {kind} {other_id} to merge in")
        if other_id == kept.id:
            raise ValueError("a record cannot be merged with itself")
        try:
            merged = type(kept).model_validate(
                _merged_data(kept.model_dump(mode="json"), other.model_dump(mode="json")))
        except ValidationError as exc:
            raise ValueError(f"merged record is invalid: {_first_error(exc)}") from None
        records[kept.id] = merged
        del records[other_id]
        self.merged_into[(kind, other_id)] = kept.id
        self.verdicts.pop((kind, other_id), None)
        if kind == "person":
            meetings = self.records["meeting"]
            for meeting_id, meeting in list(meetings.items()):
                if any(p.person_id == other_id for p in meeting.participants):
                    relinked = [p.model_copy(update={"person_id": kept.id}) if p.person_id == other_id else p
                                for p in meeting.participants]
                    meetings[meeting_id] = meeting.model_copy(
                        update={"participants": _unique(relinked, key=_participant_key)})
        else:
            people = self.records["person"]
            for person_id, person in list(people.items()):
                if other_id in person.meeting_ids:
                    people[person_id] = person.model_copy(update={
                        "meeting_ids": _unique([kept.id if m == other_id else m for m in person.meeting_ids])})

    def _split(self, kind: str, record: BaseModel, article_id: str) -> None:
        articles = [source.article_id for source in record.sources]
        if article_id not in articles:
            raise ValueError(f"article {article_id} is not a source of this record")
        if len(set(articles)) < 2:
            raise ValueError("a record with a single source article cannot be split")
        new_id = f"{record.id}-split-{article_id}"
        records = self.records[kind]
        if new_id in records:
            raise ValueError(f"article {article_id} was already split off as {new_id}")
        kept_data, split_data = _split_data(record.model_dump(mode="json"), article_id, new_id)
        model = type(record)
        try:
            model.model_validate(kept_data)
            model.model_validate(split_data)
        except ValidationError as exc:
            raise ValueError(f"split record is invalid: {_first_error(exc)}") from None
        if kind == "meeting":
            self._split_participants(kept_data, split_data, article_id)
        else:
            self._split_meetings(kept_data, split_data, article_id)
        records[record.id] = model.model_validate(kept_data)
        records[new_id] = model.model_validate(split_data)
        self.split_from[(kind, new_id)] = (record.id, article_id)

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
            people[person.id] = person.model_copy(update={"meeting_ids": _unique(links + [split["id"]])})

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
            meetings[meeting_id] = meeting.model_copy(
                update={"participants": _unique(participants, key=_participant_key)})


def _undone_lines(decisions: list[Logged]) -> tuple[set[int], dict[int, str | None]]:
    """Lines cancelled by undo lines, and for each undo line why it cancels nothing (None when it does)."""
    by_line = {logged.line: logged for logged in decisions}
    cancelled: set[int] = set()
    outcomes: dict[int, str | None] = {}
    for logged in decisions:
        if logged.decision.action != "undo":
            continue
        target = by_line.get(logged.decision.value)
        if target is None or target.line >= logged.line:
            outcomes[logged.line] = f"line {logged.decision.value} is not an earlier decision"
        elif target.decision.action == "undo":
            outcomes[logged.line] = "an undo cannot be undone"
        elif target.line in cancelled:
            outcomes[logged.line] = f"line {target.line} was already undone"
        else:
            cancelled.add(target.line)
            outcomes[logged.line] = None
    return cancelled, outcomes


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
    """The record without `article_id` (its disputed fields taken from the remaining sources), and a new record
    `new_id` holding what that article reported."""
    kept = dict(data, sources=[s for s in data["sources"] if s["article_id"] != article_id])
    split = dict(data, id=new_id, reviewed=False, sources=[s for s in data["sources"] if s["article_id"] == article_id])
    if "conflicts" in data:
        kept["conflicts"] = _conflicts_without(data["conflicts"], article_id)
        split["conflicts"] = []
        for conflict in data["conflicts"]:
            own = [v["value"] for v in conflict["values"] if article_id in v["article_ids"]]
            if own:
                _set_path(split, conflict["field"], own[0])
            remaining = [v for v in conflict["values"] if set(v["article_ids"]) - {article_id}]
            if remaining and _get_path(kept, conflict["field"]) not in [v["value"] for v in remaining]:
                best = max(remaining, key=lambda v: len(set(v["article_ids"]) - {article_id}))
                _set_path(kept, conflict["field"], best["value"])
                if conflict["field"] == "start_date":
                    _drop_date_text_of(kept, split)
    if "roles" in data:
        kept["roles"] = [
            dict(role, article_ids=[a for a in role["article_ids"] if a != article_id])
            for role in data["roles"]
            if role["article_ids"] != [article_id]
        ]
        split["roles"] = [dict(role, article_ids=[article_id]) for role in data["roles"] if article_id in role["article_ids"]]
    return kept, split


def _drop_date_text_of(kept: dict, split: dict) -> None:
    """After the kept record's date changed: its date text goes if only the split-off article wrote it."""
    text = kept.get("date_text")
    if not text:
        return
    remaining = {e["text"] for s in kept["sources"] for e in s["evidence"]}
    written = {e["text"] for s in split["sources"] for e in s["evidence"]}
    if any(text in e for e in written) and not any(text in e for e in remaining):
        kept["date_text"] = None


def _get_path(data: dict, field: str) -> Any:
    for part in field.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _set_path(data: dict, field: str, value: Any) -> None:
    *parents, leaf = field.split(".")
    for part in parents:
        data[part] = dict(data.get(part) or {})
        data = data[part]
    data[leaf] = value


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
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
