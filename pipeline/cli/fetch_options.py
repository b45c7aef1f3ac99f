"""The web options `convene ingest` and `convene watch` share: which feeds, and how to fetch."""
from __future__ import annotations

import argparse

from pipeline.errors import UserError
from pipeline.fetch.feeds import read_feed_list
from pipeline.fetch.settings import FetchSettings
from pipeline.fetch.urls import checked_url

DEFAULTS = FetchSettings()


def add_feed_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--feed", action="append", default=[], metavar="URL",
                        help="an RSS or Atom feed whose new entries are fetched and ingested (repeatable)")
    parser.add_argument("--feeds", metavar="FILE",
                        help="a text file listing feed URLs, one a line (blank lines and # comments skipped)")


def add_fetch_arguments(parser: argparse.ArgumentParser, *, urls: bool = True) -> None:
    """The fetch options; `urls`: also --offline and --refetch, which only apply to URLs named as inputs."""
    group = parser.add_argument_group("fetching from the web (URLs and feeds)")
    group.add_argument("--timeout", default=DEFAULTS.timeout, metavar="SECONDS",
                       help=f"give up on a connection, or a wait for the next data, after this long (default: "
                            f"{DEFAULTS.timeout:g}); a whole response must arrive within 6 times as long")
    group.add_argument("--retries", default=DEFAULTS.retries, metavar="N",
                       help=f"tries again after a timeout, a dropped connection or HTTP 408/429/5xx, waiting "
                            f"longer each time (default: {DEFAULTS.retries})")
    group.add_argument("--delay", default=DEFAULTS.delay, metavar="SECONDS",
                       help=f"time between two requests to one host (default: {DEFAULTS.delay:g}; a longer "
                            "robots.txt Crawl-delay wins)")
    group.add_argument("--user-agent", default=DEFAULTS.user_agent, metavar="TEXT",
                       help=f"User-Agent header; its first word is the name robots.txt rules are matched "
                            f"against (default: {DEFAULTS.user_agent!r})")
    if not urls:
        return
    group.add_argument("--offline", action="store_true",
                       help="make no request: URLs, and every entry already fetched for each --feed, are read "
                            "from OUT/raw/ (to apply a changed rule to what was fetched)")
    group.add_argument("--refetch", action="store_true",
                       help="fetch the URLs named again even when OUT/raw/ holds them (feed entries already "
                            "fetched are never fetched again)")


def feed_urls(args) -> list[str]:
    """--feed URLs and those of the --feeds file, normalized, in order, without repeats."""
    feeds = [checked_url(url, "--feed") for url in args.feed]
    if args.feeds:
        feeds += read_feed_list(args.feeds)
    return list(dict.fromkeys(feeds))


def fetch_settings(args) -> FetchSettings:
    return FetchSettings(timeout=_seconds("--timeout", args.timeout, minimum=0.001),
                         retries=whole_number("--retries", args.retries), delay=_seconds("--delay", args.delay),
                         user_agent=_agent(args.user_agent), offline=getattr(args, "offline", False),
                         refetch=getattr(args, "refetch", False))


def _seconds(option: str, value: str | float, minimum: float = 0.0) -> float:
    try:
        number = float(value)
    except ValueError:
        raise UserError(f"{option}: expected a number of seconds, got {value!r}") from None
    if not number >= minimum or number == float("inf"):
        raise UserError(f"{option}: expected {'more than 0' if minimum else 'at least 0'} seconds, got {value}")
    return number


def whole_number(option: str, value: str | int, minimum: int = 0) -> int:
    """`value` of `option` as a whole number of at least `minimum`; a UserError (one line, exit 2) otherwise.

    Checked when the command runs rather than by argparse so that a bad value gives one line on stderr, not
    the usage text."""
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"{option}: expected a whole number, got {value!r}") from None
    if number < minimum:
        raise UserError(f"{option}: expected a number of at least {minimum}, got {value}")
    return number


def _agent(value: str) -> str:
    if not value.strip() or not value.isascii() or not value.isprintable():
        raise UserError("--user-agent: expected printable ASCII text")
    return value.strip()
