"""The figures an evaluation gives: counts for precision, recall and F1, ratios, details, the score."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the scorer's P/R/F1 conventions."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Ratio:
    """`correct` out of `total`; an empty ratio counts as 0.0, as in `score.py`."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Detail:
    """One finding for `--detail`.

    kind: missed, extra, wrong-date, wrong-place, wrong-attribute, not-merged or wrongly-merged; record:
    article, person, title, role, meeting or participant; article: its source (None for titles and roles,
    which are scored across articles); evidence: the output record's evidence texts in that article."""

    kind: str
    record: str
    article: str | None
    message: str
    evidence: tuple[str, ...] = ()


@dataclass
class Evaluation:
    articles_read: Ratio
    published: Ratio
    titles: Ratio
    people: Counts
    roles: Counts
    meetings: Counts
    dates: Ratio
    places: Ratio
    participants: Counts
    attributes: Ratio
    dedup: Counts
    details: list[Detail] = field(default_factory=list)

    @property
    def parts(self) -> dict[str, float]:
        """The eight figures the score averages, in the order `score.py` sums them."""
        return {
            "meetings": self.meetings.f1,
            "people": self.people.f1,
            "roles": self.roles.f1,
            "dates": self.dates.value,
            "places": self.places.value,
            "participants": self.participants.f1,
            "attributes": self.attributes.value,
            "dedup": self.dedup.f1,
        }

    @property
    def score(self) -> float:
        parts = self.parts
        return sum(parts.values()) / len(parts)
