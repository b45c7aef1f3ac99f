"""RSS and Atom feeds: each poll fetches only entries not seen before, conditional requests, failures as rejects,
and a rule change re-reads what was fetched without a single request. All traffic goes to a local site."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_fetch import FOREST_COUNCIL, PORT_TALKS, ROBOTS, by_source, rows, run
from websites import Reply, Site, atom, page, rss

from pipeline.cli.main import main
from pipeline.errors import UserError
from pipeline.fetch.feeds import read_feed_list
from pipeline.resources import BUNDLED

RSS_TYPE = "application/rss+xml"
TRADE_TALKS = page(
    "Trade Ministers Meet in Lisbon",
    ["The trade ministers of Portugal and Brazil met in Lisbon on Monday to review a customs agreement.",
     "Listen to this story",
     "Officials said the talks would continue in the spring."],
    date="2024-03-04")
RAIL_SUMMIT = page(
    "Rail Summit Opens",
    ["The third Rail Summit opened in Vienna on Wednesday, hosted by the Ministry of Transport of Austria.",
     "More than 40 delegations are attending the two-day meeting."])


@pytest.fixture
def site():
    with Site() as running:
        running.routes.update({
            "/robots.txt": Reply(200, ROBOTS, "text/plain"),
            "/news/port.html": Reply(200, PORT_TALKS),
            "/news/forest.html": Reply(200, FOREST_COUNCIL),
            "/news/trade.html": Reply(200, TRADE_TALKS),
            "/news/rail.html": Reply(200, RAIL_SUMMIT),
        })
        yield running


def serve_rss(site: Site, items: list[tuple[str, str, str]], path: str = "/feed.xml") -> str:
    site.routes[path] = Reply(200, rss("Harbour Times", [(guid, site.url(link), title) for guid, link, title in items]),
                              RSS_TYPE)
    return site.url(path)


def new_requests(site: Site, before: int) -> list[str]:
    return site.requests[before:]


def feed_state(out: Path) -> dict:
    return json.loads((out / ".convene" / "current" / "feeds.json").read_text(encoding="utf-8"))


def test_second_poll_fetches_only_the_new_entries(site, tmp_path):
    out = tmp_path / "out"
    feed = serve_rss(site, [("port-1", "/news/port.html", "Port talks"), ("forest-1", "/news/forest.html", "Forest")])
    run([], out, feeds=[feed])
    assert site.requests == ["/robots.txt", "/feed.xml", "/news/port.html", "/news/forest.html"]
    assert set(by_source(out, "articles.jsonl")) == {site.url("/news/port.html"), site.url("/news/forest.html")}

    # the feed changes between polls: one entry dropped, one retitled, one new
    serve_rss(site, [("forest-1", "/news/forest.html", "Forest council (updated)"),
                     ("trade-1", "/news/trade.html", "Trade")])
    before = len(site.requests)
    run([], out, feeds=[feed])
    assert new_requests(site, before) == ["/feed.xml", "/news/trade.html"]
    assert set(by_source(out, "articles.jsonl")) == {site.url(p) for p in ("/news/port.html", "/news/forest.html",
                                                                           "/news/trade.html")}

    before = len(site.requests)
    summary = run([], out, feeds=[feed])
    assert new_requests(site, before) == ["/feed.xml"]
    assert not summary.written, "nothing new: the outputs stay as they are"


def test_an_unchanged_feed_answers_304_to_the_conditional_request(site, tmp_path):
    out = tmp_path / "out"
    body = rss("Harbour Times", [("port-1", site.url("/news/port.html"), "Port talks")])

    def conditional(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"", None)
        return Reply(200, body, RSS_TYPE, headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 09:00:00 GMT"})

    site.routes["/feed.xml"] = conditional
    run([], out, feeds=[site.url("/feed.xml")])
    assert feed_state(out)[site.url("/feed.xml")]["etag"] == '"v1"'
    articles = (out / "articles.jsonl").read_bytes()

    before = len(site.requests)
    run([], out, feeds=[site.url("/feed.xml")])
    assert new_requests(site, before) == ["/feed.xml"]
    assert site.headers[-1]["If-None-Match"] == '"v1"'
    assert site.headers[-1]["If-Modified-Since"] == "Tue, 05 Mar 2024 09:00:00 GMT"
    assert (out / "articles.jsonl").read_bytes() == articles


def test_atom_entries_fill_what_the_page_leaves_out(site, tmp_path):
    out = tmp_path / "out"
    site.routes["/atom.xml"] = Reply(200, atom("Forest Desk", [
        ("urn:news:forest", site.url("/news/forest.html"), "Forest Council Holds First Meeting",
         "2024-05-02T08:00:00Z")]), "application/atom+xml")
    run([], out, feeds=[site.url("/atom.xml")])
    [article] = rows(out, "articles.jsonl")
    assert article["source"] == site.url("/news/forest.html")
    assert (article["author"], article["published"], article["external_id"], article["publisher"]) == (
        "Desk Editor", "2024-05-02", "urn:news:forest", "Forest Desk")


def test_a_malformed_feed_is_a_reject_and_a_later_good_poll_clears_it(site, tmp_path):
    out = tmp_path / "out"
    site.routes["/feed.xml"] = Reply(200, b"<?xml version='1.0'?><rss><channel><title>Broken</ti", RSS_TYPE)
    site.routes["/page-not-feed.xml"] = Reply(200, PORT_TALKS)
    run([], out, feeds=[site.url("/feed.xml"), site.url("/page-not-feed.xml")])
    rejects = by_source(out, "rejects.jsonl")
    assert rejects[site.url("/feed.xml")]["reason"] == "feed: malformed feed"
    assert rejects[site.url("/page-not-feed.xml")]["reason"] == "feed: not an RSS or Atom feed"

    serve_rss(site, [("port-1", "/news/port.html", "Port talks")])
    run([], out, feeds=[site.url("/feed.xml")])
    assert set(by_source(out, "rejects.jsonl")) == {site.url("/page-not-feed.xml")}
    assert set(by_source(out, "articles.jsonl")) == {site.url("/news/port.html")}


def test_a_feed_that_is_partly_broken_gives_what_it_can_and_a_notice(site, tmp_path):
    good = f"<item><guid>rail</guid><link>{site.url('/news/rail.html')}</link><title>Rail</title></item>"
    broken = f"<rss version='2.0'><channel><title>T</title>{good}<item><title>cut"
    site.routes["/feed.xml"] = Reply(200, broken.encode(), RSS_TYPE)
    summary = run([], tmp_path / "out", feeds=[site.url("/feed.xml")])
    assert set(by_source(tmp_path / "out", "articles.jsonl")) == {site.url("/news/rail.html")}
    assert any("feed is not well-formed" in notice for notice in summary.notices)
    [reject] = rows(tmp_path / "out", "rejects.jsonl")
    assert reject["reason"] == "feed entry has no link to a page"
    assert reject["source"].startswith(site.url("/feed.xml") + "#entry=")


def test_an_entry_that_failed_for_now_is_tried_again_at_the_next_poll(site, tmp_path):
    out = tmp_path / "out"
    feed = serve_rss(site, [("rail-1", "/news/rail.html", "Rail"), ("gone-1", "/news/gone.html", "Gone")])
    site.routes["/news/rail.html"] = Reply(503, b"busy")
    run([], out, feeds=[feed], retries=0)
    rejects = by_source(out, "rejects.jsonl")
    assert rejects[site.url("/news/rail.html")]["reason"] == "HTTP 503 Service Unavailable"
    assert rejects[site.url("/news/gone.html")]["reason"] == "HTTP 404 Not Found"

    site.routes["/news/rail.html"] = Reply(200, RAIL_SUMMIT)
    before = len(site.requests)
    run([], out, feeds=[feed], retries=0)
    assert new_requests(site, before) == ["/feed.xml", "/news/rail.html"], "the 404 is not asked again"
    assert set(by_source(out, "articles.jsonl")) == {site.url("/news/rail.html")}
    assert set(by_source(out, "rejects.jsonl")) == {site.url("/news/gone.html")}


def test_an_entry_repeating_a_url_already_in_the_folder_is_skipped(site, tmp_path):
    out = tmp_path / "out"
    run([site.url("/news/port.html")], out)
    feed = serve_rss(site, [("port-1", "/news/port.html", "Port"), ("rail-1", "/news/rail.html", "Rail")])
    before = len(site.requests)
    run([], out, feeds=[feed])
    assert new_requests(site, before) == ["/feed.xml", "/news/rail.html"]
    assert len(rows(out, "articles.jsonl")) == 2


def test_two_feeds_listing_one_page_fetch_it_once(site, tmp_path):
    first = serve_rss(site, [("a", "/news/rail.html", "Rail")], "/one.xml")
    second = serve_rss(site, [("b", "/news/rail.html", "Rail summit")], "/two.xml")
    run([], tmp_path / "out", feeds=[first, second])
    assert site.count("/news/rail.html") == 1
    assert [row["source"] for row in rows(tmp_path / "out", "articles.jsonl")] == [site.url("/news/rail.html")]


def test_re_ingesting_after_a_rule_change_makes_no_request(site, tmp_path):
    out = tmp_path / "out"
    feed = serve_rss(site, [("trade-1", "/news/trade.html", "Trade")])
    run([site.url("/news/port.html")], out, feeds=[feed])
    assert "Listen to this story" in by_source(out, "articles.jsonl")[site.url("/news/trade.html")]["text"]
    requests = list(site.requests)

    rules = tmp_path / "rules"
    shutil.copytree(BUNDLED, rules, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    with (rules / "boilerplate.txt").open("a", encoding="utf-8") as handle:
        handle.write("listen to this story\n")
    summary = run([site.url("/news/port.html")], out, feeds=[feed], offline=True, resources=str(rules))

    assert site.requests == requests, "no request at all"
    assert summary.requests == 0 and summary.pages_from_raw == 2
    articles = by_source(out, "articles.jsonl")
    assert set(articles) == {site.url("/news/port.html"), site.url("/news/trade.html")}
    assert "Listen to this story" not in articles[site.url("/news/trade.html")]["text"]
    assert "customs agreement" in articles[site.url("/news/trade.html")]["text"]


def test_offline_names_a_url_never_fetched_as_a_reject(tmp_path):
    summary = run(["http://127.0.0.1:9/never.html"], tmp_path / "out", feeds=["http://127.0.0.1:9/feed.xml"],
                  offline=True)
    [reject] = rows(tmp_path / "out", "rejects.jsonl")
    assert reject["reason"] == "not fetched yet, and --offline makes no request"
    assert summary.notices == ["http://127.0.0.1:9/feed.xml: no entry fetched yet; --offline reads nothing from "
                               "this feed"]


def test_replace_forgets_the_feed_but_not_the_pages_in_raw(site, tmp_path):
    out = tmp_path / "out"
    feed = serve_rss(site, [("rail-1", "/news/rail.html", "Rail")])
    run([], out, feeds=[feed])
    before = len(site.requests)
    run([], out, feeds=[feed], incremental=False)
    assert new_requests(site, before) == ["/feed.xml"]
    assert [row["source"] for row in rows(out, "articles.jsonl")] == [site.url("/news/rail.html")]


def test_feed_list_file(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# news desks\nhttps://example.org/news.rss\n\n  https://EXAMPLE.org/world.atom  \n",
                       encoding="utf-8")
    assert read_feed_list(listing) == ["https://example.org/news.rss", "https://example.org/world.atom"]
    listing.write_text("https://example.org/news.rss\nexample.org/world.atom\n", encoding="utf-8")
    with pytest.raises(UserError, match="line 2: not an http or https URL"):
        read_feed_list(listing)


def test_cli_feed_from_a_list_file(site, tmp_path, capsys):
    feed = serve_rss(site, [("rail-1", "/news/rail.html", "Rail")])
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{feed}\n", encoding="utf-8")
    assert main(["ingest", "--feeds", str(listing), "--out", str(tmp_path / "out"), "--delay", "0", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == [f"--feed {feed}"]
    assert [row["source"] for row in rows(tmp_path / "out", "articles.jsonl")] == [site.url("/news/rail.html")]
