"""`convene watch`: each cycle one incremental ingest of what changed; a stop mid-cycle leaves the outputs whole."""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import SMALL_ARTICLES
from helpers import write_inputs
from test_fetch import ROBOTS, rows
from test_feeds import RAIL_SUMMIT
from websites import Reply, Site, rss

from pipeline.cli.main import main
from pipeline.errors import UserError
from pipeline.watch import parse_interval, watch
from pipeline.write.lock import FolderLock

TRADE = "Trade Ministers Meet\n\nThe trade ministers of Portugal and Brazil met in Lisbon on Monday.\n"


def sources(out: Path) -> set[str]:
    return {row["source"] for row in rows(out, "articles.jsonl")}


def run_cycles(folder: Path, out: Path, between: list, **options) -> list:
    """Run `len(between) + 1` cycles; `between[i]()` runs in the pause after cycle i+1. Returns the cycle results."""
    results, steps = [], iter(between)
    watch([folder], out, every=0, cycles=len(between) + 1, report=results.append, sleep=lambda _: next(steps)(),
          **options)
    return results


def test_a_file_dropped_in_is_in_articles_after_the_next_cycle(tmp_path):
    folder = write_inputs(tmp_path / "in", {"harbour.txt": SMALL_ARTICLES["harbour.txt"]})
    out = tmp_path / "out"
    dropped = {}

    def drop():
        (folder / "trade.txt").write_text(TRADE, encoding="utf-8")

    def look():
        dropped["after cycle 2"] = sources(out)

    results = run_cycles(folder, out, [drop, look])
    assert dropped["after cycle 2"] == {"harbour.txt", "trade.txt"}
    assert results[0].summary.articles == 1 and results[0].inputs == "1 folder whole"
    assert results[1].inputs == "1 new or changed file" and results[1].summary.parsed == 1
    assert results[2].summary is None and results[2].line().endswith("cycle 3: no changes")


def test_a_changed_file_replaces_its_article_and_a_deleted_one_keeps_it(tmp_path):
    folder = write_inputs(tmp_path / "in", {"harbour.txt": SMALL_ARTICLES["harbour.txt"], "trade.txt": TRADE})
    out = tmp_path / "out"

    def change():
        (folder / "trade.txt").write_text(TRADE.replace("Lisbon", "Porto"), encoding="utf-8")
        (folder / "harbour.txt").unlink()

    results = run_cycles(folder, out, [change])
    texts = {row["source"]: row["text"] for row in rows(out, "articles.jsonl")}
    assert set(texts) == {"harbour.txt", "trade.txt"}
    assert "Porto" in texts["trade.txt"] and "Lisbon" not in texts["trade.txt"]
    assert results[1].inputs == "1 new or changed file"


def test_a_new_hidden_file_is_reported_as_a_reject(tmp_path):
    folder = write_inputs(tmp_path / "in", {"trade.txt": TRADE})
    out = tmp_path / "out"
    run_cycles(folder, out, [lambda: (folder / ".draft.txt").write_text(TRADE, encoding="utf-8")])
    assert [row["source"] for row in rows(out, "rejects.jsonl")] == [".draft.txt"]


def test_a_new_review_decision_is_applied_at_the_next_cycle(tmp_path):
    folder = write_inputs(tmp_path / "in", {"trade.txt": TRADE})
    out = tmp_path / "out"

    def review():
        meeting = rows(out, "meetings.jsonl")[0]
        decision = {"record_id": meeting["id"], "record_type": "meeting", "field": None, "action": "accept",
                    "value": None, "reviewer": "ana", "at": "2024-03-05T10:00:00+00:00"}
        (out / "reviews.jsonl").write_text(json.dumps(decision) + "\n", encoding="utf-8")

    results = run_cycles(folder, out, [review])
    assert results[1].inputs == "reviews changed"
    assert [row["reviewed"] for row in rows(out, "meetings.jsonl")] == [True]


def test_a_feed_cycle_with_nothing_new_commits_nothing(tmp_path):
    out = tmp_path / "out"
    with Site() as site:
        site.routes["/robots.txt"] = Reply(200, ROBOTS, "text/plain")
        site.routes["/rail.html"] = Reply(200, RAIL_SUMMIT)
        site.routes["/feed.xml"] = Reply(200, rss("Desk", [("rail", site.url("/rail.html"), "Rail")]),
                                         "application/rss+xml")
        from pipeline.fetch.settings import FetchSettings
        from pipeline.ingest import IngestConfig

        results = []
        watch([], out, IngestConfig(fetch=FetchSettings(delay=0)), feeds=[site.url("/feed.xml")], every=0, cycles=2,
              report=results.append, sleep=lambda _: None)
    assert results[0].summary.articles == 1
    assert results[1].summary.nothing_new and "nothing new" in results[1].line()
    assert len(os.listdir(out / ".convene" / "generations")) == 1
    assert site.requests.count("/rail.html") == 1 and site.requests.count("/feed.xml") == 2


@pytest.mark.parametrize("text, seconds", [("90", 90), ("30s", 30), ("10m", 600), ("1.5h", 5400), ("0.2s", 0.2)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("argv, message", [
    (["IN", "--every", "0"], "--every: expected a time"),
    (["IN", "--every", "10x"], "--every: expected a time"),
    (["IN", "--cycles", "none"], "--cycles: expected a whole number"),
    (["MISSING"], "not a folder"),
    (["http://127.0.0.1:9/feed.xml"], "give a feed's URL with --feed"),
    ([], "nothing to watch"),
])
def test_cli_watch_mistakes_are_one_line(tmp_path, capsys, argv, message):
    folder = write_inputs(tmp_path / "in", {"trade.txt": TRADE})
    named = {"IN": str(folder), "MISSING": str(tmp_path / "missing")}
    code = main(["watch", "--out", str(tmp_path / "out"), *(named.get(arg, arg) for arg in argv)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and message in err, err
    assert not (tmp_path / "out").exists()


def test_bad_interval_is_a_user_error():
    with pytest.raises(UserError, match="expected a time such as 30s"):
        parse_interval("soon")


class Lines:
    """The lines a process writes to a stream, read by a thread so the test can wait for one with a timeout."""

    def __init__(self, stream):
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.queue.put(line) for line in stream], daemon=True).start()

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line with {text!r} within {timeout} s; seen: {self.seen}") from None
            self.seen.append(line)
            if text in line:
                return line


def test_watch_process_picks_up_a_file_and_sigterm_mid_cycle_leaves_the_previous_outputs(tmp_path):
    folder = write_inputs(tmp_path / "in", {"harbour.txt": SMALL_ARTICLES["harbour.txt"]})
    out = tmp_path / "out"
    arrived, release = threading.Event(), threading.Event()

    def slow_page(_request):
        arrived.set()
        release.wait(30)
        return Reply(200, RAIL_SUMMIT)

    with Site() as site:
        site.routes["/robots.txt"] = Reply(200, ROBOTS, "text/plain")
        site.routes["/feed.xml"] = Reply(200, rss("Desk", []), "application/rss+xml")
        site.routes["/slow.html"] = slow_page
        command = [sys.executable, "-m", "pipeline", "watch", "--out", str(out), str(folder),
                   "--feed", site.url("/feed.xml"), "--every", "0.2s", "--cycles", "1000", "--delay", "0",
                   "--timeout", "30"]
        process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            lines = Lines(process.stderr)
            lines.wait_for("cycle 1 (1 folder whole, 1 feed): 1 articles")
            (folder / "trade.txt").write_text(TRADE, encoding="utf-8")
            lines.wait_for("(1 new or changed file, 1 feed): 2 articles")
            assert sources(out) == {"harbour.txt", "trade.txt"}
            committed = {name: (out / name).read_bytes() for name in ("articles.jsonl", "meetings.jsonl",
                                                                    "people.jsonl", "rejects.jsonl", "manifest.json")}

            site.routes["/feed.xml"] = Reply(200, rss("Desk", [("rail", site.url("/slow.html"), "Rail")]),
                                             "application/rss+xml")
            assert arrived.wait(60), "the cycle never reached the slow page"
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=20) == 0
            lines.wait_for("stopped; the outputs are those of the last complete cycle", timeout=5)
        finally:
            release.set()
            if process.poll() is None:
                process.kill()
                process.wait()

    assert {name: (out / name).read_bytes() for name in committed} == committed
    assert json.loads(committed["manifest.json"])["counts"]["articles"] == 2
    assert len(os.listdir(out / ".convene" / "generations")) == 1, "no half-written generation left"
    with FolderLock(out / ".convene" / "lock", out, wait=False):
        pass
