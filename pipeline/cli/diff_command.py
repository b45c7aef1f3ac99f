"""`convene diff`: compare two output folders record by record."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.evaluate.diff import diff_folders, diff_to_json, format_diff

DESCRIPTION = """\
Compare two output folders (articles.jsonl, meetings.jsonl, people.jsonl, rejects.jsonl and
manifest.json) record by record. Records are paired by id; a record whose id changed is paired
by content: articles and rejects by their source path, meetings and people by the same set of
cited articles (by source path) and a similar name (word overlap >= 0.5). Prints the records
added, removed and changed (each changed field as path: old → new, long values shortened),
grouped by article, then one summary line. The manifest's timestamps (started, finished) and
input paths are ignored.

Exit status: 0, or 1 with --fail-on-change when anything differs (to guard a reviewed output in CI).
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="compare two output folders record by record",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", type=Path, metavar="OLD", help="the reference output folder")
    parser.add_argument("new", type=Path, metavar="NEW", help="the output folder to compare with it")
    parser.add_argument("--fail-on-change", action="store_true", help="exit 1 when any record differs")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    diff = diff_folders(args.old, args.new)
    if args.json:
        print(json.dumps(diff_to_json(diff), ensure_ascii=False, indent=2))
    else:
        print(format_diff(diff))
    return 1 if args.fail_on_change and diff.changed else 0
