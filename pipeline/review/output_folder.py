"""Reading an output folder of `convene ingest` for review, and the JSON bundle the review pages render."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from pipeline.errors import UserError
from pipeline.models import Article, Meeting, Person
from pipeline.review.decisions import read_decisions

ARTICLE_FIELDS = ("id", "source", "url", "title", "published", "status", "text")
Model = TypeVar("Model", bound=BaseModel)


@dataclass
class OutputFolder:
    """The records of one output folder, as validated models."""

    path: Path
    articles: list[Article]
    meetings: list[Meeting]
    people: list[Person]


def load_output(out_dir: Path) -> OutputFolder:
    """Read articles, meetings and people of `out_dir`; a missing folder or a broken line is a UserError."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise UserError(f"{out_dir} is not a folder")
    if not (out_dir / "meetings.jsonl").exists() and not (out_dir / "people.jsonl").exists():
        raise UserError(f"{out_dir} holds no meetings.jsonl or people.jsonl: run `convene ingest` into it first")
    return OutputFolder(
        path=out_dir,
        articles=_read_records(out_dir / "articles.jsonl", Article),
        meetings=_read_records(out_dir / "meetings.jsonl", Meeting),
        people=_read_records(out_dir / "people.jsonl", Person),
    )


def review_bundle(folder: OutputFolder) -> dict:
    """Everything the review pages show: records, the articles they cite, and the decisions logged so far."""
    return {
        "folder": folder.path.name,
        "meetings": [meeting.model_dump(mode="json") for meeting in folder.meetings],
        "people": [person.model_dump(mode="json") for person in folder.people],
        "articles": {
            article.id: article.model_dump(mode="json", include=set(ARTICLE_FIELDS)) for article in folder.articles
        },
        "reviews": logged_reviews(folder.path),
    }


def logged_reviews(out_dir: Path) -> list[dict]:
    """The valid decisions of `OUTPUT/reviews.jsonl`, in file order, as JSON objects."""
    return [decision.model_dump(mode="json") for _, decision in read_decisions(out_dir)[0]]


def _read_records(path: Path, model: type[Model]) -> list[Model]:
    if not path.exists():
        return []
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            reason = "not valid JSON" if isinstance(exc, json.JSONDecodeError) else "not a valid record"
            raise UserError(f"{path} line {number}: {reason}") from None
    return sorted(records, key=lambda record: record.id)
