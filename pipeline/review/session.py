"""One review session over an output folder: the records with the log replayed, lists, record views, decisions.

Everything here is plain Python (no HTTP): the web app and the static export render what it returns.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup
from pydantic import BaseModel, ValidationError

from pipeline.errors import UserError
from pipeline.models import Article, Meeting, Person
from pipeline.review.base_records import load_unreviewed, unreviewed_paths
from pipeline.review.decisions import (REVIEWS_FILE, Decision, Logged, ReviewState, append_decision, now_iso,
                                       replay)
from pipeline.review.evidence import Span, excerpt_windows, highlight, record_spans
from pipeline.review.labels import date_range, meeting_label, person_label, person_subtitle, role_line
from pipeline.write import read_jsonl

KINDS = ("meeting", "person")
PLURAL = {"meeting": "meetings", "person": "people"}
SORTS = {
    "meeting": ("date", "label", "kind", "place", "participants", "sources", "status"),
    "person": ("name", "title", "meetings", "sources", "status"),
}
DEFAULT_SORT = {"meeting": ("date", "desc"), "person": ("name", "asc")}
STATUSES = ("unreviewed", "reviewed", "accepted", "rejected")


class Refused(ValueError):
    """A decision that is not recorded, with the reason shown to the reviewer (HTTP 400)."""


@dataclass
class ListQuery:
    """Filters and order of a list, as they appear in the URL."""

    kind: str
    q: str = ""
    type: str = ""
    date_from: str = ""
    date_to: str = ""
    source: str = ""
    status: str = ""
    conflicts: bool = False
    sort: str = ""
    dir: str = ""

    PARAMS = {"q": "q", "type": "type", "from": "date_from", "to": "date_to", "source": "source",
              "status": "status", "conflicts": "conflicts", "sort": "sort", "dir": "dir"}

    @classmethod
    def from_params(cls, kind: str, params: Any) -> "ListQuery":
        values = {attr: (params.get(name) or "").strip() for name, attr in cls.PARAMS.items()}
        query = cls(kind=kind, **{**values, "conflicts": values["conflicts"] in ("1", "on", "true")})
        if query.sort not in SORTS[kind]:
            query.sort = DEFAULT_SORT[kind][0]
        if query.dir not in ("asc", "desc"):
            query.dir = DEFAULT_SORT[kind][1] if query.sort == DEFAULT_SORT[kind][0] else "asc"
        if query.status not in STATUSES:
            query.status = ""
        return query

    def params(self, **changes: Any) -> dict[str, str]:
        """The URL parameters that differ from the defaults, after `changes`."""
        query = dataclasses.replace(self, **changes)
        out = {}
        for name, attr in self.PARAMS.items():
            value = getattr(query, attr)
            if attr == "conflicts":
                value = "1" if value else ""
            if attr == "sort" and value == DEFAULT_SORT[self.kind][0]:
                value = ""
            if attr == "dir" and value == (DEFAULT_SORT[self.kind][1] if query.sort == DEFAULT_SORT[self.kind][0]
                                           else "asc"):
                value = ""
            if value:
                out[name] = value
        return out

    def string(self, **changes: Any) -> str:
        """`?a=b&...` (or empty) for the URL of this list after `changes`."""
        encoded = urlencode(self.params(**changes))
        return f"?{encoded}" if encoded else ""

    def sort_link(self, column: str) -> str:
        """The query string that sorts by `column` (the other way round when it is the current sort)."""
        if column == self.sort:
            return self.string(dir="asc" if self.dir == "desc" else "desc")
        return self.string(sort=column, dir="desc" if column == "date" else "asc")


@dataclass
class Row:
    """One record in a list."""

    kind: str
    id: str
    label: str
    subtitle: str
    status: str
    reviewer: str
    conflicts: int
    sources: int
    date: str = ""
    record_kind: str = ""
    place: str = ""
    participants: int = 0
    meetings: int = 0
    search: str = ""
    source_paths: tuple[str, ...] = ()
    sort_date: str = ""


@dataclass
class FieldRow:
    """One field of a record page: value, how to edit it, conflicts, and which evidence supports it."""

    name: str
    label: str
    value: Any
    display: list[Any]
    editor: str
    evidence_fields: str
    evidence_count: int = 0
    corrected: Logged | None = None
    conflicts: list[dict] = dataclass_field(default_factory=list)
    options: tuple[str, ...] = ()


@dataclass
class SourceView:
    article_id: str
    article: Article | None
    spans: list[Span]
    excerpt: list[tuple[Markup, bool]]
    splittable: bool


@dataclass
class RecordView:
    kind: str
    record: Meeting | Person
    label: str
    subtitle: str
    status: str
    reviewer: str
    fields: list[FieldRow]
    sources: list[SourceView]
    history: list[tuple[Logged, str]]
    split_from: tuple[str, str, str] | None
    splits: list[tuple[str, str]]
    merged: list[str]
    position: int
    shown: int
    previous: str | None
    next: str | None

    @property
    def span_count(self) -> int:
        return sum(len(source.spans) for source in self.sources)


class ReviewSession:
    """The records of one output folder under review by one reviewer; reloads when the folder changes."""

    def __init__(self, out_dir: Path, reviewer: str, writable: bool = True) -> None:
        self.path = Path(out_dir)
        if not self.path.is_dir():
            raise UserError(f"{self.path} is not a folder")
        if not (self.path / "meetings.jsonl").exists() and not (self.path / "people.jsonl").exists():
            raise UserError(f"{self.path} holds no meetings.jsonl or people.jsonl: run `convene ingest` into it first")
        self.reviewer = reviewer
        self.writable = writable
        self._folder_key: tuple | None = None
        self._state_key: tuple | None = None
        self._state: ReviewState | None = None
        self._rows: dict[str, list[Row]] = {}
        self._row_index: dict[str, dict[str, Row]] = {}
        self.state()

    # ---- loading ----

    def _stat(self, names: list[Path]) -> tuple:
        return tuple((path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None for path in names)

    def _load_folder(self) -> None:
        watched = [self.path / name for name in ("articles.jsonl", "meetings.jsonl", "people.jsonl")]
        watched += list(unreviewed_paths(self.path) or ())
        key = self._stat(watched)
        if key == self._folder_key:
            return
        self.articles = {a.id: a for a in _read(self.path / "articles.jsonl", Article)}
        unreviewed = _checked_load(lambda: load_unreviewed(self.path), self.path)
        if unreviewed is not None:
            self.meetings, self.people = unreviewed
            self.from_unreviewed = True
        else:
            self.meetings = _read(self.path / "meetings.jsonl", Meeting)
            self.people = _read(self.path / "people.jsonl", Person)
            self.from_unreviewed = False
        self._folder_key = key
        self._state_key = None

    def state(self) -> ReviewState:
        """The records with the log replayed (recomputed only when the folder or the log changed)."""
        self._load_folder()
        key = (self._folder_key, self._stat([self.path / REVIEWS_FILE]))
        if key != self._state_key or self._state is None:
            self._state = replay(self.path, self.meetings, self.people)
            self._state_key = key
            self._rows = {}
        return self._state

    # ---- lists ----

    def all_rows(self, kind: str) -> list[Row]:
        state = self.state()
        if kind not in self._rows:
            self._rows[kind] = [self._row(kind, record, state) for record in state.records[kind].values()]
            self._row_index[kind] = {row.id: row for row in self._rows[kind]}
        return self._rows[kind]

    def row(self, kind: str, record_id: str) -> Row | None:
        self.all_rows(kind)
        return self._row_index[kind].get(record_id)

    def rows(self, query: ListQuery) -> list[Row]:
        """The rows of a list, filtered and sorted as `query` says."""
        words = query.q.casefold().split()
        chosen = []
        for row in self.all_rows(query.kind):
            if words and not all(word in row.search for word in words):
                continue
            if query.source and query.source not in row.source_paths:
                continue
            if query.status == "unreviewed" and row.status:
                continue
            if query.status == "reviewed" and not row.status:
                continue
            if query.status in ("accepted", "rejected") and row.status != query.status:
                continue
            if query.conflicts and not row.conflicts:
                continue
            if query.kind == "meeting":
                if query.type and row.record_kind != query.type:
                    continue
                if query.date_from and not (row.sort_date and row.sort_date[-10:] >= query.date_from):
                    continue
                if query.date_to and not (row.sort_date and row.sort_date[:10] <= query.date_to):
                    continue
            chosen.append(row)
        return _sorted(chosen, query)

    def progress(self, kind: str) -> tuple[int, int]:
        """(reviewed, total) records of `kind`."""
        rows = self.all_rows(kind)
        return sum(1 for row in rows if row.status), len(rows)

    def sources(self, kind: str) -> list[str]:
        return sorted({path for row in self.all_rows(kind) for path in row.source_paths})

    def record_kinds(self) -> list[str]:
        return sorted({row.record_kind for row in self.all_rows("meeting")})

    def search(self, kind: str, text: str, exclude: str = "", limit: int = 12) -> list[Row]:
        """Records whose label, name or aliases hold every word of `text` (for merge boxes and pickers)."""
        words = text.casefold().split()
        if not words:
            return []
        found = [row for row in self.all_rows(kind) if row.id != exclude and all(w in row.search for w in words)]
        return sorted(found, key=lambda row: (row.status == "rejected", row.label.casefold()))[:limit]

    def _row(self, kind: str, record: Meeting | Person, state: ReviewState) -> Row:
        people = state.records["person"]
        verdict = state.verdicts.get((kind, record.id))
        status = ({"accept": "accepted", "reject": "rejected"}[verdict.decision.action] if verdict
                  else "reviewed" if record.reviewed else "")
        reviewer = verdict.decision.reviewer if verdict else ""
        paths = tuple(sorted({self.articles[s.article_id].source for s in record.sources if s.article_id in self.articles}))
        if kind == "meeting":
            label = meeting_label(record, people)
            place = ", ".join(p for p in (record.location.venue, record.location.city, record.location.country) if p)
            names = [p.name for p in record.participants]
            search = " ".join([label, record.id, record.date_text or "", place, record.location.region or "",
                               *record.hosts, *names, record.kind])
            return Row(kind, record.id, label, record.kind, status, reviewer, len(record.conflicts),
                       len(record.sources), date=date_range(record), record_kind=record.kind, place=place,
                       participants=len(record.participants), search=search.casefold(), source_paths=paths,
                       sort_date=_date_key(record))
        roles = " ".join(role_line(role) for role in record.roles)
        search = " ".join([record.name, record.id, *record.aliases, roles])
        return Row(kind, record.id, person_label(record), person_subtitle(record), status, reviewer, 0,
                   len(record.sources), meetings=len(record.meeting_ids), search=search.casefold(),
                   source_paths=paths)

    # ---- one record ----

    def record_view(self, kind: str, record_id: str, query: ListQuery,
                    rows: list[Row] | None = None) -> RecordView | None:
        """Everything a record page shows; `rows` (the list as `query` gives it) when already at hand."""
        state = self.state()
        record = state.records[kind].get(record_id)
        if record is None:
            return None
        people = state.records["person"]
        rows = self.rows(query) if rows is None else rows
        ids = [row.id for row in rows]
        index = ids.index(record_id) if record_id in ids else -1
        row = self.row(kind, record_id)
        sources = []
        distinct = {s.article_id for s in record.sources}
        for source in _unique_articles(record):
            article = self.articles.get(source)
            spans = record_spans(kind, record, source, people)
            if article is not None:
                windows = excerpt_windows(article.text, spans)
                excerpt = []
                for number, (start, end) in enumerate(windows):
                    gap = number == 0 and start > 0 or number > 0 and windows[number - 1][1] < start - 2
                    excerpt.append((highlight(article.text, spans, start, end), gap))
            else:
                excerpt = []
            sources.append(SourceView(source, article, spans, excerpt, len(distinct) > 1))
        counts: dict[str, int] = {}
        for source in sources:
            for span in source.spans:
                counts[span.field] = counts.get(span.field, 0) + 1
        fields = _field_rows(kind, record, state, counts)
        split_from = state.split_from.get((kind, record_id))
        parent = None
        if split_from:
            parent = (split_from[0], self._label(kind, split_from[0]), split_from[1])
        splits = [(new_id, article) for (k, new_id), (old, article) in state.split_from.items()
                  if k == kind and old == record_id and new_id in state.records[kind]]
        merged = [other for (k, other), kept in state.merged_into.items() if k == kind and kept == record_id]
        return RecordView(
            kind=kind, record=record, label=row.label, subtitle=row.subtitle, status=row.status,
            reviewer=row.reviewer, fields=fields, sources=sources, history=state.history(kind, record_id),
            split_from=parent, splits=splits, merged=merged, position=index + 1, shown=len(rows),
            previous=ids[index - 1] if index > 0 else None,
            next=ids[index + 1] if 0 <= index < len(ids) - 1 else None,
        )

    def _label(self, kind: str, record_id: str) -> str:
        row = self.row(kind, record_id)
        return row.label if row else record_id

    def label_of(self, kind: str, record_id: str) -> str:
        return self._label(kind, record_id)

    def article_html(self, kind: str, record_id: str, article_id: str) -> Markup | None:
        """The whole article with the record's spans drawn (the folded "full article" of a source)."""
        state = self.state()
        record = state.records[kind].get(record_id)
        article = self.articles.get(article_id)
        if record is None or article is None:
            return None
        return highlight(article.text, record_spans(kind, record, article_id, state.records["person"]))

    def next_unreviewed(self, kind: str, after: str, query: ListQuery) -> str | None:
        """The first record without a verdict after `after` in the list (wrapping round), or None."""
        rows = self.rows(query)
        ids = [row.id for row in rows]
        start = ids.index(after) + 1 if after in ids else 0
        for row in rows[start:] + rows[:start]:
            if not row.status and row.id != after:
                return row.id
        return None

    # ---- decisions ----

    def decide(self, fields: dict[str, Any]) -> Decision:
        """Check a decision (`record_type`, `record_id`, `action`, `field`, `value`) and append it to the log."""
        if not self.writable:
            raise Refused("this review app is read-only")
        try:
            decision = Decision.model_validate({
                **{key: fields.get(key) for key in ("record_id", "record_type", "field", "action", "value")},
                "reviewer": self.reviewer, "at": now_iso(),
            })
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(map(str, error["loc"]))
            raise Refused(f"{where + ': ' if where else ''}{error['msg'].removeprefix('Value error, ')}") from None
        if decision.action == "undo":
            raise Refused("use undo to cancel a decision")
        problem = self.state().check(decision)
        if problem:
            raise Refused(problem)
        append_decision(self.path, decision)
        return decision

    def undo(self) -> Logged:
        """Cancel this reviewer's latest decision that is not undone yet (a new `undo` line); returns it."""
        if not self.writable:
            raise Refused("this review app is read-only")
        target = self.state().last_undoable(self.reviewer)
        if target is None:
            raise Refused("nothing of yours to undo")
        append_decision(self.path, Decision(
            record_id=target.decision.record_id, record_type=target.decision.record_type, action="undo",
            value=target.line, reviewer=self.reviewer, at=now_iso()))
        return target


def _field_rows(kind: str, record: BaseModel, state: ReviewState, counts: dict[str, int]) -> list[FieldRow]:
    conflicts = {c.field: [v.model_dump(mode="json") for v in c.values] for c in getattr(record, "conflicts", [])}
    people = state.records["person"]
    meetings = state.records["meeting"]
    rows: list[FieldRow] = []

    def add(name: str, label: str, value: Any, display: list[Any], editor: str, evidence: str,
            options: tuple[str, ...] = ()) -> None:
        evidence_count = sum(counts.get(f, 0) for f in evidence.split())
        rows.append(FieldRow(name, label, value, display, editor, evidence, evidence_count,
                             state.corrections.get((kind, record.id, name)), conflicts.get(name, []), options))

    def text(value: Any) -> list[Any]:
        return [] if value in (None, "", []) else [str(value)]

    if kind == "meeting":
        add("kind", "kind", record.kind, [record.kind], "select", "mention",
            ("meeting", "virtual", "call", "summit", "conference"))
        add("name", "name", record.name, text(record.name), "text", "name")
        add("series", "series", record.series, text(record.series), "text", "name")
        add("ordinal", "number in series", record.ordinal, text(record.ordinal), "number", "name")
        add("start_date", "start date", _iso(record.start_date), text(_iso(record.start_date)), "date", "date")
        add("end_date", "end date", _iso(record.end_date), text(_iso(record.end_date)), "date", "date")
        add("date_text", "date as written", record.date_text, text(record.date_text), "text", "date")
        for part in ("venue", "city", "region", "country"):
            value = getattr(record.location, part)
            add(f"location.{part}", part, value, text(value), "text", part)
        add("hosts", "hosts", record.hosts, list(record.hosts), "lines", "host")
        add("attendance", "attendance", record.attendance, text(record.attendance), "number", "attendance")
        participants = [
            {"person_id": p.person_id, "name": p.name, "role": p.role,
             "linked": p.person_id in people, "label": people[p.person_id].name if p.person_id in people else p.name}
            for p in record.participants
        ]
        add("participants", "participants", participants, participants, "participants", "participant")
    else:
        add("name", "name", record.name, [record.name], "text", "name")
        add("honorifics", "honorifics", record.honorifics, list(record.honorifics), "lines", "name")
        add("post_nominals", "post-nominals", record.post_nominals, list(record.post_nominals), "lines", "name")
        add("aliases", "aliases", record.aliases, list(record.aliases), "lines", "name")
        roles = [role.model_dump(mode="json") for role in record.roles]
        add("roles", "roles", roles, [role_line(r) or "—" for r in record.roles], "roles",
            "title organization country")
        linked = [{"id": m, "label": meeting_label(meetings[m], people) if m in meetings else m, "exists": m in meetings}
                  for m in record.meeting_ids]
        add("meeting_ids", "meetings", record.meeting_ids, linked, "none", "")
    return rows


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _date_key(meeting: Meeting) -> str:
    if not meeting.start_date:
        return ""
    end = meeting.end_date or meeting.start_date
    return f"{meeting.start_date.isoformat()}/{end.isoformat()}"


def _sorted(rows: list[Row], query: ListQuery) -> list[Row]:
    reverse = query.dir == "desc"
    keys = {
        "date": lambda r: r.sort_date[:10], "label": lambda r: r.label.casefold(), "name": lambda r: r.label.casefold(),
        "kind": lambda r: r.record_kind, "place": lambda r: r.place.casefold(), "participants": lambda r: r.participants,
        "sources": lambda r: r.sources, "status": lambda r: r.status, "title": lambda r: r.subtitle.casefold(),
        "meetings": lambda r: r.meetings,
    }
    key = keys[query.sort]
    by_label = sorted(rows, key=lambda r: (r.label.casefold(), r.id))
    present = [r for r in by_label if key(r) not in ("", None)]
    missing = [r for r in by_label if key(r) in ("", None)]
    return sorted(present, key=key, reverse=reverse) + missing


def _unique_articles(record: Meeting | Person) -> list[str]:
    seen: list[str] = []
    for source in record.sources:
        if source.article_id not in seen:
            seen.append(source.article_id)
    return seen


def _read(path: Path, model: type[BaseModel]) -> list:
    def load() -> list:
        return sorted((model.model_validate(row) for row in read_jsonl(path)), key=lambda record: record.id)
    return _checked_load(load, path)


def _checked_load(load: Any, path: Path) -> Any:
    try:
        return load()
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(map(str, error["loc"]))
        raise UserError(f"{path}: not a valid record ({where}: {error['msg']})") from None
