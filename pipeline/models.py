"""Pydantic records written to the output folder (see the output contract in README.md)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CONTRACT_VERSION = "1.0"

MeetingKind = Literal["meeting", "virtual", "call", "summit", "conference"]
ParticipantRole = Literal["chair", "co-chair", "host", "speaker", "participant"]
ArticleStatus = Literal["ok", "duplicate", "empty"]


class Record(BaseModel):
    """Base of every record: unknown fields are refused, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Evidence(Record):
    """A span of an article's cleaned text that supports a field (`field`: which one, when the extractor knows)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    field: str | None = Field(default=None, exclude_if=lambda value: value is None)

    @model_validator(mode="after")
    def _ordered(self) -> "Evidence":
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} before start {self.start}")
        return self


class SourceRef(Record):
    """One reporting article and the spans it gives for a record."""

    article_id: str
    mention_id: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Location(Record):
    venue: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None


class Participant(Record):
    person_id: str | None = None
    name: str
    role: ParticipantRole = "participant"


class ConflictValue(Record):
    value: Any
    article_ids: list[str]


class Conflict(Record):
    field: str
    values: list[ConflictValue]


class Role(Record):
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    article_ids: list[str] = Field(default_factory=list)


class Meeting(Record):
    id: str
    kind: MeetingKind = "meeting"
    name: str | None = None
    series: str | None = None
    ordinal: int | None = Field(default=None, ge=1)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    date_text: str | None = None
    location: Location = Field(default_factory=Location)
    hosts: list[str] = Field(default_factory=list)
    attendance: int | None = Field(default=None, ge=1)
    participants: list[Participant] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    reviewed: bool = False

    @model_validator(mode="after")
    def _dates_ordered(self) -> "Meeting":
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(f"end_date {self.end_date} before start_date {self.start_date}")
        return self


class Person(Record):
    id: str
    name: str = Field(min_length=1)
    honorifics: list[str] = Field(default_factory=list)
    post_nominals: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    meeting_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    reviewed: bool = False


class Article(Record):
    id: str
    source: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str = "en"
    text: str
    status: ArticleStatus = "ok"
    duplicate_of: str | None = None
    dateline: str | None = None
    agency: str | None = None
    publisher: str | None = None
    author: str | None = Field(default=None, exclude_if=lambda value: value is None)
    external_id: str | None = None
    encoding: str | None = None
    encoding_errors: int = Field(default=0, ge=0)


class Reject(Record):
    source: str
    stage: Literal["read", "clean", "parse", "extract", "validate", "review"]
    reason: str
    detail: str | None = None


class ModelInfo(Record):
    name: str
    version: str


class Counts(Record):
    articles: int = 0
    duplicates: int = 0
    rejects: int = 0
    meetings: int = 0
    people: int = 0


class Manifest(Record):
    contract_version: str = CONTRACT_VERSION
    pipeline_version: str
    model: ModelInfo
    config_hash: str
    inputs: list[str]
    counts: Counts
    started: str
    finished: str


RECORD_TYPES: dict[str, type[BaseModel]] = {
    "article": Article,
    "meeting": Meeting,
    "person": Person,
    "role": Role,
    "evidence": Evidence,
    "reject": Reject,
    "manifest": Manifest,
}
