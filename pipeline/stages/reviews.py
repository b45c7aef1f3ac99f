"""Reviews stage: the reviewers' decisions in OUT/reviews.jsonl applied to freshly merged records."""
from __future__ import annotations

from pathlib import Path

from pipeline.models import Meeting, Person
from pipeline.review.decisions import apply_reviews


def apply_review_decisions(out_dir: Path, meetings: list[Meeting],
                           people: list[Person]) -> tuple[list[Meeting], list[Person], list[str]]:
    """Reviewed meetings and people, and one line per decision that could not be applied."""
    result = apply_reviews(out_dir, meetings, people)
    return result.meetings, result.people, list(result.unapplied)
