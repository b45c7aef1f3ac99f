"""The records of an output folder before review, kept so the review app replays the log as `ingest` does.

`ingest` writes records with the decisions of `reviews.jsonl` already applied (merged-away records gone,
corrections in place). Replaying the log over those would apply decisions twice and could not undo any, so
`apply_reviews` keeps the records it was given in `OUTPUT/.cache/review/`; without a log they equal the
output files and nothing is kept.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.models import Meeting, Person
from pipeline.write import atomic_write_bytes, read_jsonl, render_jsonl

BASE_DIR = Path(".cache") / "review"
BASE_FILES = ("meetings.jsonl", "people.jsonl")


def remember_unreviewed(out_dir: Path, meetings: list[Meeting], people: list[Person], has_log: bool) -> None:
    """Keep `meetings` and `people` (before review) when a log exists; drop stale copies when none does."""
    folder = Path(out_dir) / BASE_DIR
    if not has_log:
        for name in BASE_FILES:
            (folder / name).unlink(missing_ok=True)
        return
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(folder / "meetings.jsonl", render_jsonl(meetings))
    atomic_write_bytes(folder / "people.jsonl", render_jsonl(people))


def unreviewed_paths(out_dir: Path) -> tuple[Path, Path] | None:
    """The kept meetings and people files of `out_dir`, or None when there are none."""
    folder = Path(out_dir) / BASE_DIR
    paths = tuple(folder / name for name in BASE_FILES)
    return paths if all(path.exists() for path in paths) else None


def load_unreviewed(out_dir: Path) -> tuple[list[Meeting], list[Person]] | None:
    """The records as extracted before review, or None when `out_dir` keeps none."""
    paths = unreviewed_paths(out_dir)
    if paths is None:
        return None
    meetings = [Meeting.model_validate(row) for row in read_jsonl(paths[0])]
    people = [Person.model_validate(row) for row in read_jsonl(paths[1])]
    return meetings, people
