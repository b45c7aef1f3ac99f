"""`convene watch`: keep an output folder current with folders and feeds, one incremental ingest per cycle."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from pipeline.cli.fetch_options import add_feed_arguments, add_fetch_arguments, feed_urls, fetch_settings
from pipeline.cli.ingest_command import positive_int
from pipeline.errors import UserError
from pipeline.fetch.urls import is_url

HELP = """\
Keep OUT current: every --every (default 10m) run one normal incremental `convene ingest` of what is new —
files added to or changed in the FOLDERs (found by polling sizes and modification times), and the new
entries of each --feed — and print one line saying what it read and what OUT now holds.

The first cycle ingests the folders whole; later ones read only the new or changed files, and a cycle that
finds nothing new commits nothing. Each cycle locks OUT and commits all files as one unit, like ingest:
readers of OUT see the previous complete outputs until a cycle's new ones are in place. A file deleted from
a folder keeps its articles (as with ingest); a change to OUT/reviews.jsonl is applied at the next cycle.

Ctrl-C or SIGTERM stops at once: a cycle under way is abandoned, leaving the outputs of the last complete
cycle (the pages it fetched stay in OUT/raw/ and its parses in OUT/.cache/, so the next start is quick);
the exit code is 0. A problem in the first cycle (a bad option, an unreadable OUT) stops watch with exit
code 2; one in a later cycle is reported on its line and the cycle tried again at the next.

examples:
  convene watch --out outputs incoming/                       # every 10 minutes
  convene watch --out outputs --feed https://example.org/news.rss --every 15m
  convene watch --out outputs incoming/ --feeds feeds.txt --every 30s --cycles 10
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser("watch", help="keep an output folder current with folders and feeds",
                                   description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", metavar="FOLDER", help="folders whose new or changed files are ingested")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder to keep current")
    add_feed_arguments(parser)
    parser.add_argument("--every", default="10m", metavar="TIME",
                        help="time from the start of one cycle to the start of the next: 90, 30s, 10m, 1h "
                             "(default: 10m; a cycle that takes longer is followed at once by the next)")
    parser.add_argument("--cycles", metavar="N", help="stop after N cycles (default: run until stopped)")
    parser.add_argument("--model", metavar="NAME_OR_PATH", help="spaCy pipeline to use (see convene ingest)")
    parser.add_argument("--resources", metavar="DIR", help="rule resource folder (see convene ingest)")
    parser.add_argument("--batch-size", metavar="N", help="texts per nlp.pipe batch (see convene ingest)")
    parser.add_argument("--processes", metavar="N", help="worker processes for the spaCy pass (see convene ingest)")
    parser.add_argument("--max-bytes", metavar="N", help="files and pages larger than this are rejected "
                                                         "(see convene ingest)")
    parser.add_argument("--quiet", action="store_true", help="print only the lines of cycles that failed")
    add_fetch_arguments(parser, urls=False)
    parser.set_defaults(run=run)


def run(args) -> int:
    from pipeline.ingest import IngestConfig
    from pipeline.watch import parse_interval, watch

    feeds = feed_urls(args)
    if not args.folders and not feeds:
        raise UserError("nothing to watch: give a FOLDER or --feed URL")
    for folder in args.folders:
        if is_url(folder):
            raise UserError(f"{folder}: watch follows folders and feeds; give a feed's URL with --feed")
        if not Path(folder).is_dir():
            raise UserError(f"not a folder: {folder}")
    if args.resources and not Path(args.resources).is_dir():
        raise UserError(f"--resources: no such folder: {args.resources}")
    every = parse_interval(args.every)
    cycles = positive_int("--cycles", args.cycles) if args.cycles is not None else None
    settings = {name: positive_int(f"--{name.replace('_', '-')}", getattr(args, name))
                for name in ("batch_size", "processes", "max_bytes") if getattr(args, name) is not None}
    config = IngestConfig(model=args.model, resources=args.resources, fetch=fetch_settings(args), **settings)

    def report(result) -> None:
        if result.error or not args.quiet:
            print(f"convene watch: {result.line()}", file=sys.stderr, flush=True)

    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        watch(args.folders, args.out, config, feeds=feeds, every=every, cycles=cycles, report=report)
    except KeyboardInterrupt:
        print("convene watch: stopped; the outputs are those of the last complete cycle", file=sys.stderr)
    except OSError as exc:
        raise UserError(f"cannot write to {args.out}: {exc.strerror or exc} ({exc.filename}); "
                        "the previous outputs are unchanged") from None
    return 0
