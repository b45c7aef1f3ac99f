"""`watch`: keep an output folder current. Each cycle is one normal incremental ingest (locked, committed as
one unit) of what changed since the last cycle: the new or changed files of the watched folders (found by
polling their sizes and modification times) and the new entries of the feeds.

The first cycle ingests the folders whole (and so applies a changed rule or new reviews to everything); a
later one passes only the changed files, and when neither a file nor a feed gave anything new it stops after
reading, committing nothing. A file deleted from a watched folder leaves its articles in place, as with
`ingest`. A change to OUT/reviews.jsonl makes the next cycle apply the decisions.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import UserError
from pipeline.ingest import IngestConfig, IngestSummary, ingest
from pipeline.models import Reject
from pipeline.read.paths import check_paths_exist, iter_input_files

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?\s*$",
                       re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600}
REVIEWS = "reviews.jsonl"


def parse_interval(text: str) -> float:
    """'90', '30s', '10m', '1.5h' -> seconds; a UserError for anything else or for zero."""
    match = _INTERVAL.match(text)
    if not match or float(match.group(1)) <= 0:
        raise UserError(f"--every: expected a time such as 30s, 10m or 1h, got {text!r}")
    return float(match.group(1)) * _UNITS[(match.group(2) or "s")[0].lower()]


@dataclass
class CycleResult:
    number: int
    inputs: str
    summary: IngestSummary | None = None
    error: str | None = None

    def line(self) -> str:
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        if self.error:
            return f"{stamp} cycle {self.number} ({self.inputs}) failed: {self.error}; trying again next cycle"
        if self.summary is None:
            return f"{stamp} cycle {self.number}: no changes"
        notices = "".join(f"; {notice}" for notice in self.summary.notices)
        return f"{stamp} cycle {self.number} ({self.inputs}): {self.summary.line()}{notices}"


class FolderPoll:
    """What the watched folders hold, by path: size, modification time and inode of each file, and the entries
    that are rejects rather than files (hidden ones, output folders), so a new one is noticed too."""

    def __init__(self, folders: Sequence[Path], out_dir: Path):
        self.folders, self.out_dir = list(folders), out_dir

    def snapshot(self) -> dict[str, tuple]:
        state: dict[str, tuple] = {}
        for item in iter_input_files(self.folders, Path("/"), skip=[self.out_dir]):
            if isinstance(item, Reject):
                state[item.source] = ("reject", item.reason)
                continue
            try:
                info = os.stat(item.path)
            except OSError as exc:
                state[str(item.path)] = ("unreadable", exc.errno)
                continue
            state[str(item.path)] = (info.st_size, info.st_mtime_ns, info.st_ino)
        try:
            info = os.stat(self.out_dir / REVIEWS)
            state[REVIEWS] = ("reviews", info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            pass
        return state


def watch(folders: Sequence[str | Path], out_dir: str | Path, config: IngestConfig | None = None, *,
          feeds: Sequence[str] = (), every: float = 600.0, cycles: int | None = None,
          report: Callable[[CycleResult], None] = lambda result: None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Run cycles every `every` seconds (counted from the start of one to the start of the next), `cycles`
    times or until interrupted (KeyboardInterrupt, which SIGTERM can be mapped to, abandons the cycle under
    way: the outputs stay those of the last complete one). Returns the number of cycles completed.

    A user error in the first cycle is raised; in a later one it is reported and the cycle tried again."""
    config = config or IngestConfig()
    out = Path(out_dir)
    poll = FolderPoll(check_paths_exist(folders), out)
    last: dict[str, tuple] | None = None
    number = 0
    while cycles is None or number < cycles:
        number += 1
        began = time.monotonic()
        current = poll.snapshot()
        paths, only_if_new, inputs = _what_changed(poll.folders, last, current, feeds)
        result = CycleResult(number, inputs)
        if paths or feeds or not only_if_new:
            try:
                result.summary = ingest(paths, out, config, feeds=list(feeds), quiet=True, only_if_new=only_if_new)
                last = current
            except (UserError, OSError) as exc:
                if last is None:
                    raise
                result.error = str(exc) if isinstance(exc, UserError) else f"cannot write to {out}: {exc}"
        report(result)
        if cycles is None or number < cycles:
            sleep(max(0.0, began + every - time.monotonic()))
    return number


def _what_changed(folders: list[Path], last: dict[str, tuple] | None, current: dict[str, tuple],
                  feeds: Sequence[str]) -> tuple[list[Path], bool, str]:
    """(paths to ingest, whether to stop when nothing is new, a few words saying what the cycle reads)."""
    polled = f", {len(feeds)} feed{'s' if len(feeds) != 1 else ''}" if feeds else ""
    if last is None:
        return list(folders), False, f"{len(folders)} folder{'s' if len(folders) != 1 else ''} whole{polled}"
    if last.get(REVIEWS) != current.get(REVIEWS):
        return list(folders), False, f"reviews changed{polled}"
    rejects = {k for k, v in current.items() if v[0] == "reject"}
    if rejects != {k for k, v in last.items() if v[0] == "reject"}:
        return list(folders), True, f"folders re-read{polled}"
    changed = [Path(path) for path, stat in current.items() if path != REVIEWS and last.get(path) != stat]
    return changed, True, f"{len(changed)} new or changed file{'s' if len(changed) != 1 else ''}{polled}"
