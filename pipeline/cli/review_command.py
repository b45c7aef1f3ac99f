"""`convene review`: review an output folder in the browser, or export it as one read-only HTML file."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from pipeline.review.export import export_report
from pipeline.review.server import ReviewServer, is_loopback

DESCRIPTION = """\
Start a local web app to review the meetings and people of an output folder: a sortable, filterable
list beside the open record, its fields with the evidence for each highlighted in the source
articles, and decisions: accept, reject, correct a field (forms), merge two records (search by name),
split a source article off a record, undo. Keys: j/k next/previous, a accept, r reject (both open the
next unreviewed record), u undo, / search, ? all keys.

Decisions are appended to OUTPUT/reviews.jsonl (never rewritten) and shown at once: the app replays
the log over the records as extracted, as the next `convene ingest` into OUTPUT will. A decision that
cannot apply (a correction leaving a record without sources, naming a person that does not exist,
ending before it starts, ...) is refused. The app listens on 127.0.0.1 (or ::1) unless told otherwise,
needs its per-session token for every write and writes nothing but reviews.jsonl. Stop it with Ctrl-C.

With --export FILE, write one self-contained read-only HTML report instead of serving.

examples:
  convene review outputs                                 # http://127.0.0.1:8765/
  convene review outputs --reviewer ana --port 0         # any free port
  convene review outputs --host ::1                      # IPv6 loopback
  convene review outputs --host 0.0.0.0 --allow-remote   # others may read, not write
  convene review outputs --export report.html"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review extracted records in the browser; decisions go to OUTPUT/reviews.jsonl",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", nargs="?", default="outputs", type=Path, metavar="OUTPUT",
                        help="output folder of `convene ingest` (default: outputs)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1; ::1 for IPv6; others need --allow-remote)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on; 0 picks a free one (default: 8765)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow listening on a non-loopback address: anyone who reaches it can read the records "
                             "(by IP address), nobody can record decisions")
    parser.add_argument("--allow-remote-write", action="store_true",
                        help="with --allow-remote: anyone who reaches the app can also record decisions")
    parser.add_argument("--reviewer", default=None,
                        help="name recorded with each decision (default: your user name)")
    parser.add_argument("--export", type=Path, default=None, metavar="FILE",
                        help="write a self-contained read-only HTML report to FILE and exit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.export is not None:
        written = export_report(args.output, args.export)
        print(f"wrote {written}")
        return 0
    server = ReviewServer(args.output, reviewer=args.reviewer or _user_name(), host=args.host, port=args.port,
                          allow_remote=args.allow_remote, allow_remote_write=args.allow_remote_write)
    if not is_loopback(args.host):
        access = "read and write decisions" if args.allow_remote_write else "read (not write)"
        print(f"warning: listening on {args.host}, reachable from other machines; anyone who reaches it can "
              f"{access}", file=sys.stderr)
    print(f"convene review: serving {args.output} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.socket.close()
    print("convene review: stopped")
    return 0


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"
