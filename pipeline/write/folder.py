"""The output folder of `convene ingest`: locked while a run works in it, read back validated, written as one unit.

One error rule for what is already there: a row that is not a valid record stops the run with the file, the
line and the reason, unless the run was asked to `repair` (drop such rows, each reported) or to start over.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from pipeline import safe_json
from pipeline.errors import UserError
from pipeline.models import Article, Manifest, Meeting, Person, Reject
from pipeline.write.generations import HOME, LINKED_FILES, Generations, is_disk_full
from pipeline.write.jsonl import iter_jsonl, render_jsonl
from pipeline.write.lock import FolderLock

STATE_FILE = "state.json"
FEEDS_FILE = "feeds.json"
CACHE_DIR = ".cache"
TIMESTAMPS = ("started", "finished")
Model = TypeVar("Model", bound=BaseModel)


@dataclass
class Outputs:
    """Everything one run commits."""

    articles: list[Article]
    meetings: list[Meeting]
    people: list[Person]
    rejects: list[Reject]
    manifest: Manifest
    root: str | None = None
    feeds: dict = field(default_factory=dict)

    def files(self) -> dict[str, bytes]:
        rejects = sorted(self.rejects, key=lambda r: (r.source, r.stage, r.reason))
        manifest = safe_json.dumps(self.manifest.model_dump(mode="json"), indent=2) + "\n"
        files = {
            "articles.jsonl": render_jsonl(self.articles),
            "meetings.jsonl": render_jsonl(self.meetings),
            "people.jsonl": render_jsonl(self.people),
            "rejects.jsonl": render_jsonl(rejects, sort_key="source"),
            "manifest.json": manifest.encode("utf-8"),
            STATE_FILE: (safe_json.dumps({"root": self.root}) + "\n").encode("utf-8"),
        }
        if self.feeds:
            files[FEEDS_FILE] = (safe_json.dumps(self.feeds, indent=1) + "\n").encode("utf-8")
        return files


@dataclass
class PreviousOutputs:
    """The records of the committed outputs, and the input root their sources are relative to."""

    articles: list[Article] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    root: str | None = None
    feeds: dict = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


class OutputFolder:
    """`with OutputFolder.open(out, wait=True) as folder:` the folder, created if needed and locked."""

    def __init__(self, path: Path):
        self.path = path
        self.cache = path / CACHE_DIR
        self.generations = Generations(path)
        self._lock: FolderLock | None = None

    @classmethod
    def open(cls, path: str | Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> "OutputFolder":
        folder = cls(Path(path))
        try:
            (folder.path / HOME).mkdir(parents=True, exist_ok=True)
            if not os.access(folder.path, os.W_OK):
                raise PermissionError(13, "Permission denied")
        except OSError as exc:
            raise UserError(f"cannot write to output folder {folder.path}: {exc.strerror or exc}") from None
        folder._lock = FolderLock(folder.path / HOME / "lock", folder.path, wait=wait, on_wait=on_wait)
        return folder

    def __enter__(self) -> "OutputFolder":
        if self._lock:
            self._lock.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._lock:
            self._lock.__exit__(*exc_info)

    def read_previous(self, *, repair: bool = False) -> PreviousOutputs:
        """The committed records, validated; a bad row is a UserError naming file and line (dropped with `repair`)."""
        dropped: list[str] = []
        previous = PreviousOutputs(
            articles=self._records("articles.jsonl", Article, repair, dropped),
            meetings=self._records("meetings.jsonl", Meeting, repair, dropped),
            people=self._records("people.jsonl", Person, repair, dropped),
            rejects=self._records("rejects.jsonl", Reject, repair, dropped),
            root=self._state().get("root"),
            feeds=self.feed_states(),
        )
        previous.dropped = dropped
        return previous

    def commit(self, outputs: Outputs) -> bool:
        """Write `outputs` as the new committed set; False (nothing written) when it equals the committed one.

        A write error (a full disk, ...) is a one-line UserError and leaves the previous set as it was.
        """
        files = outputs.files()
        if self._same_as_committed(files):
            self.generations.remove_leftovers()
            return False
        try:
            self.generations.commit(files)
        except OSError as exc:
            what = "disk full" if is_disk_full(exc) else exc.strerror or str(exc)
            raise UserError(f"cannot write the outputs to {self.path}: {what}; "
                            "the previous outputs are unchanged") from None
        return True

    def _records(self, name: str, model: type[Model], repair: bool, dropped: list[str]) -> list[Model]:
        path = self.path / name
        if not path.exists():
            return []
        records = []
        try:
            for line in iter_jsonl(path):
                problem = line.problem
                if problem is None:
                    try:
                        records.append(model.model_validate(line.value))
                        continue
                    except ValidationError as exc:
                        problem = _validation_problem(exc)
                message = f"{path} line {line.number}: {problem}"
                if not repair:
                    raise UserError(f"{message}; fix the line, or run again with --repair to drop bad rows "
                                    "or --replace to start over")
                dropped.append(message)
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
        return records

    def feed_states(self) -> dict:
        """What the committed run remembers of each feed it polled (see `pipeline.fetch.feeds`)."""
        return self._state(FEEDS_FILE)

    def _state(self, name: str = STATE_FILE) -> dict:
        current = self.generations.current()
        path = current / name if current else None
        if path is None or not path.exists():
            return {}
        try:
            state = safe_json.loads(path.read_bytes())
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def _same_as_committed(self, files: dict[str, bytes]) -> bool:
        current = self.generations.current()
        if current is None or any(not (self.path / name).is_symlink() for name in files if name in LINKED_FILES):
            return False
        try:
            if set(os.listdir(current)) != set(files):
                return False
        except OSError:
            return False
        for name, data in files.items():
            try:
                old = (current / name).read_bytes()
            except OSError:
                return False
            if name == "manifest.json":
                old, data = _without_timestamps(old), _without_timestamps(data)
            if old != data:
                return False
        return True


def _without_timestamps(manifest: bytes) -> dict | bytes:
    try:
        data = safe_json.loads(manifest)
    except ValueError:
        return manifest
    return {k: v for k, v in data.items() if k not in TIMESTAMPS} if isinstance(data, dict) else manifest


def _validation_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ())) or "record"
    return f"not a valid record ({where}: {error.get('msg', 'invalid')})"
