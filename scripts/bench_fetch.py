"""Benchmark of ingesting from the web: a local site on 127.0.0.1 serves N made-up news pages and an RSS feed
listing them; prints wall time, HTTP requests and pages per second for the first poll, a second poll with one
new entry, and an --offline re-read (what a rule change costs).

The pages are generated with a fixed seed (made-up names and places). No request leaves the machine. The
spaCy model is loaded before the clock starts.

    .venv/bin/python scripts/bench_fetch.py [--pages 200] [--delay 0]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from websites import Reply, Site, page, rss  # noqa: E402

from pipeline.extract import load_pipeline  # noqa: E402
from pipeline.fetch import FetchSettings  # noqa: E402
from pipeline.ingest import IngestConfig, ingest  # noqa: E402

SEED = 20240305
SYLLABLES = "ka ri to mo na se lu vi da pe ro zu fa ne gi ha bo ya li me so ta".split()
TITLES = ["Minister of Transport", "Minister of Trade", "Deputy Foreign Minister", "Director General", "Governor"]
BODIES = ["Council", "Forum", "Commission", "Assembly"]


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_page(rng: random.Random, number: int) -> bytes:
    host, guest = f"{_word(rng)} {_word(rng, 3)}", f"{_word(rng)} {_word(rng, 3)}"
    city, body = _word(rng, 3), f"{_word(rng, 3)} {rng.choice(BODIES)}"
    day = 1 + number % 28
    paragraphs = [
        f"{rng.choice(TITLES)} {host} met with {rng.choice(TITLES)} {guest} in {city} on March {day}, 2024 to "
        f"discuss the work of the {body}.",
        f"The {number % 9 + 2}th meeting of the {body} will be held in {city} in the autumn, {host} said.",
        " ".join(f"Delegates reviewed item {i} of the agenda." for i in range(rng.randint(5, 40))),
    ]
    return page(f"{body} talks in {city} ({number})", paragraphs, date=f"2024-03-{day:02d}")


def timed(label: str, run) -> None:
    began = time.perf_counter()
    summary = run()
    seconds = time.perf_counter() - began
    fetch = summary.stage_seconds.get("read+clean", 0.0)
    pages = summary.pages_fetched + summary.pages_from_raw
    print(f"{label:<28} {seconds:7.2f} s wall, read+fetch+clean {fetch:6.2f} s, {summary.requests:4d} requests, "
          f"{summary.pages_fetched:4d} fetched, {summary.pages_from_raw:4d} from raw/"
          + (f", {pages / fetch:6.1f} pages/s through read+clean" if pages >= 10 and fetch else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between two requests to the host")
    args = parser.parse_args()
    rng = random.Random(SEED)
    load_pipeline()
    with Site() as site, tempfile.TemporaryDirectory() as scratch:
        site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow:\n", "text/plain")
        items = []
        for number in range(args.pages + 1):
            site.routes[f"/news/{number}.html"] = Reply(200, make_page(rng, number))
            items.append((f"n{number}", site.url(f"/news/{number}.html"), f"Story {number}"))
        feed = site.url("/feed.xml")
        site.routes["/feed.xml"] = Reply(200, rss("Bench", items[:args.pages]), "application/rss+xml")
        out = Path(scratch) / "out"
        config = IngestConfig(fetch=FetchSettings(delay=args.delay))
        print(f"{args.pages} pages of {sum(len(site.routes[f'/news/{n}.html'].body) for n in range(args.pages)):,} "
              f"bytes on 127.0.0.1, --delay {args.delay:g}")
        timed("first poll", lambda: ingest([], out, config, feeds=[feed]))
        site.routes["/feed.xml"] = Reply(200, rss("Bench", items), "application/rss+xml")
        timed("second poll, 1 new entry", lambda: ingest([], out, config, feeds=[feed]))
        timed("third poll, nothing new", lambda: ingest([], out, config, feeds=[feed]))
        offline = IngestConfig(fetch=FetchSettings(delay=args.delay, offline=True))
        timed("--offline re-read", lambda: ingest([], out, offline, feeds=[feed]))


if __name__ == "__main__":
    main()
