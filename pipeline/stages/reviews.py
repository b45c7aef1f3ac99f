"""Reviews stage: the reviewers' decisions in OUT/reviews.jsonl applied to freshly merged records."""
from __future__ import annotations

from pathlib import Path

from pipeline.models import Meeting, Person
from pipeline.review.decisions import apply_reviews


def apply_review_decisions(out_dir: Path, meetings: list[Meeting],
                           people: list[Person]) -> tuple[list[Meeting], list[Person], list[str], str | None]:
    """Reviewed meetings and people, one line per decision that could not be applied, and a line saying how
    many were applied (None when the folder has no review log)."""
    result = apply_reviews(out_dir, meetings, people)
    applied = result.summary.line() if result.summary.logged else None
    return result.meetings, result.people, list(result.unapplied), applied
