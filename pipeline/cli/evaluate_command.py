"""`convene evaluate`: score an output folder against gold files."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.errors import UserError
from pipeline.evaluate.report import format_details, format_table, to_json
from pipeline.evaluate.score import evaluate

DESCRIPTION = """\
Score an output folder (articles.jsonl, meetings.jsonl, people.jsonl) against one or more
gold files. The figures are the same as ../shared/tools/score.py, by the same definitions:

  people         P/R/F1 per (person, article): a gold person named in an article is found when
                 an output person citing that article has a matching name (same words without
                 honorifics, or one full name contained in the other; aliases count, bare posts
                 such as "The President" do not).
  roles          P/R/F1 of the titles of matched people, once per gold person: a gold role is
                 found when any title of the matched output people fits (one inside the other,
                 or word overlap >= 0.6); an output title fitting no gold title is an extra.
  meetings       P/R/F1 per (meeting, article): in each article gold and output meetings are
                 paired greedily by affinity (a point each for the start date, a shared
                 participant and the name or series; dates more than a day apart never pair).
  participants   P/R/F1 of the participants of each matched output meeting; the participants
                 of a missed meeting all count as missed.
  meeting dates  share of matched meetings whose start date (and end date, when the gold
                 states one) is right.
  meeting places share of matched meetings, whose gold venue or city is required, that give
                 that venue or city (a trailing "City" ignored; the output region counts too).
  attributes     share of the attributes the gold states that are right, over matched meetings:
                 kind, name and series (word overlap >= 0.8), ordinal, attendance, hosts (every
                 gold host found by name or word overlap >= 0.6, and no extra host) and the role
                 of each matched participant (chair, co-chair, host, speaker, participant); and
                 for each gold role whose title a matched person's role fits, its organization
                 (word overlap >= 0.6) and country (same name).
  dedup pairs    pairwise P/R/F1 of cross-source merging: every two articles of one gold meeting
                 or person should share one output record; two articles merged in an output
                 record that no gold record joins are wrong.
  articles       read, published date and title (not part of the score).

In each article gold and output meetings are paired best affinity first; equal pairs are
ranked by shared participants, kind and place, so the pairing never depends on the order of
meetings.jsonl (a gold meeting that nothing identifies picks last).

The score is the mean of eight figures: the F1 of meetings, people, roles, participants and
dedup pairs, and the accuracy of dates, places and attributes (0 when nothing was there to check).
Optional gold items are neither rewarded nor penalised; an article marked duplicate stands for
its original. Gold source paths are matched exactly against the output `source` values (paths
relative to the folder given to ingest); use --gold-base when the gold paths are relative to a
subfolder of it. No definition differs from score.py.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score an output folder against gold files",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", type=Path, metavar="OUTPUT", help="output folder written by `convene ingest`")
    parser.add_argument("--gold", type=Path, action="append", required=True, metavar="GOLD.json",
                        help="gold file (see the gold format); repeat for several")
    parser.add_argument("--gold-base", type=Path, metavar="PREFIX",
                        help="prefix every gold source path with PREFIX (relative to the ingested folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--detail", action="store_true",
                        help="list every miss, extra and error grouped by article, with the evidence text")
    parser.add_argument("--min-score", type=float, metavar="X",
                        help="exit 1 when the score is below X (for CI)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.min_score is not None and not 0.0 <= args.min_score <= 1.0:
        raise UserError(f"--min-score must be between 0 and 1, not {args.min_score}")
    evaluation = evaluate(args.output, args.gold, args.gold_base)
    if args.json:
        print(json.dumps(to_json(evaluation, with_details=args.detail), ensure_ascii=False, indent=2))
    else:
        print(format_table(evaluation))
        if args.detail:
            print()
            print(format_details(evaluation))
    if args.min_score is not None and evaluation.score < args.min_score:
        print(f"score {evaluation.score:.3f} is below --min-score {args.min_score}", file=sys.stderr)
        return 1
    return 0
