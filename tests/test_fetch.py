"""Web pages as inputs: fetched from a local site on 127.0.0.1, kept in OUT/raw/, every failure a reject with a reason.

The site (tests/websites.py) is started and stopped by each test; no request leaves the machine.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
import socket
import threading
from pathlib import Path

import pytest
from websites import Reply, Site, page

from pipeline.cli.main import main
from pipeline.fetch.client import Fetcher, FetchProblem
from pipeline.fetch.ratelimit import HostRateLimiter
from pipeline.fetch.robots import Robots, RobotsFile, RobotsRefusal
from pipeline.fetch.settings import FetchSettings
from pipeline.fetch.urls import normalize_url, url_key
from pipeline.ingest import IngestConfig, ingest

FAST = FetchSettings(timeout=3.0, retries=1, backoff=0, delay=0)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PORT_TALKS = page(
    "Port Ministers Agree on Shared Container Standards",
    ["Minister of Transport Elena Varga met with Deputy Minister of Maritime Affairs Tomas Lindqvist in Gdansk "
     "on Tuesday to discuss common standards for container ports.",
     "Varga said the two ministries would publish a joint plan before the summer."],
    date="2024-03-05T10:00:00Z", author="Jane Roe", site_name="Harbour Times")
FOREST_COUNCIL = page(
    "Forest Council Holds First Meeting",
    ["The inaugural meeting of the Northern Forest Council was held in Tromso on May 2, chaired by Dr. Ingrid "
     "Halvorsen, Director of Forestry.",
     "Delegates from six regions agreed to meet again in the autumn."])
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40


@pytest.fixture
def site():
    with Site() as running:
        running.routes["/robots.txt"] = Reply(200, ROBOTS, "text/plain")
        yield running


def run(paths, out: Path, *, feeds=(), **settings):
    fetch = dataclasses.replace(FAST, **{k: v for k, v in settings.items() if k in FetchSettings.__annotations__})
    config = IngestConfig(fetch=fetch, **{k: v for k, v in settings.items() if k not in FetchSettings.__annotations__})
    return ingest(paths, out, config, feeds=list(feeds))


def rows(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


def by_source(out: Path, name: str) -> dict[str, dict]:
    return {row["source"]: row for row in rows(out, name)}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- a page becomes an article ----------------------------------------------------------------------------------------


def test_page_becomes_an_article_with_its_metadata_and_is_kept_in_raw(site, tmp_path):
    site.routes["/news/port-talks.html"] = Reply(200, PORT_TALKS)
    url = site.url("/news/port-talks.html")
    run([url], tmp_path / "out")

    [article] = rows(tmp_path / "out", "articles.jsonl")
    assert (article["source"], article["url"]) == (url, url)
    assert article["title"] == "Port Ministers Agree on Shared Container Standards"
    assert (article["published"], article["author"], article["publisher"]) == (
        "2024-03-05", "Jane Roe", "Harbour Times")
    assert article["text"].startswith("Minister of Transport Elena Varga met with")
    assert "Copyright" not in article["text"] and "Home" not in article["text"]
    assert (tmp_path / "out" / "raw" / f"{url_key(url)}.html").read_bytes() == PORT_TALKS
    assert site.requests == ["/robots.txt", "/news/port-talks.html"]
    assert all(headers["User-Agent"].startswith("convene/") for headers in site.headers)
    people = {person["name"] for person in rows(tmp_path / "out", "people.jsonl")}
    assert {"Elena Varga", "Tomas Lindqvist"} <= people


def test_naming_a_fetched_url_again_reads_it_from_raw_without_a_request(site, tmp_path):
    site.routes["/news/port-talks.html"] = Reply(200, PORT_TALKS)
    url = site.url("/news/port-talks.html")
    run([url], tmp_path / "out")
    first = (tmp_path / "out" / "articles.jsonl").read_bytes()
    requests = list(site.requests)

    summary = run([url], tmp_path / "out")
    assert site.requests == requests
    assert (summary.pages_fetched, summary.pages_from_raw, summary.requests) == (0, 1, 0)
    assert (tmp_path / "out" / "articles.jsonl").read_bytes() == first

    run([url], tmp_path / "out", refetch=True)
    assert site.requests == requests + ["/news/port-talks.html"], "robots.txt is kept in OUT/.cache/robots/"


def test_urls_and_files_mix_and_file_sources_stay_relative(site, tmp_path):
    site.routes["/forest.html"] = Reply(200, FOREST_COUNCIL)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Trade Ministers Meet\n\nThe trade ministers of four countries met in Lisbon "
                                     "on Monday.\n", encoding="utf-8")
    run([site.url("/forest.html"), folder], tmp_path / "out")
    assert set(by_source(tmp_path / "out", "articles.jsonl")) == {site.url("/forest.html"), "note.txt"}


# --- every failure is a reject with its reason ---------------------------------------------------------------------------


def hostile_routes(site: Site) -> dict[str, str | None]:
    """Serve the hostile cases; returns path -> the start of its reject reason (None: it must become an article)."""
    flaky_calls = []

    def slow(_request):
        site.stopping.wait(10)
        return Reply(200, FOREST_COUNCIL)

    def flaky(_request):
        flaky_calls.append(1)
        return Reply(500, b"<html><body>busy</body></html>") if len(flaky_calls) == 1 else Reply(200, PORT_TALKS)

    def endless(size: int):
        chunk = b"<p>" + b"a" * (64 * 1024 - 7) + b"</p>\n"
        return (chunk for _ in range(size // len(chunk) + 1))

    site.routes.update({
        "/slow.html": slow,
        "/flaky.html": flaky,
        "/loop-a.html": Reply(302, b"", headers={"Location": "/loop-b.html"}),
        "/loop-b.html": Reply(302, b"", headers={"Location": "/loop-a.html"}),
        "/moved.html": Reply(301, b"", headers={"Location": "/forest.html"}),
        "/forest.html": Reply(200, FOREST_COUNCIL),
        "/huge.html": Reply(200, endless(50_000_000), length=50_000_000),
        "/huge-unannounced.html": Reply(200, endless(50_000_000)),
        "/gzip-bomb.html": Reply(200, gzip.compress(b" " * 20_000_000), headers={"Content-Encoding": "gzip"}),
        "/photo.html": Reply(200, PNG),
        "/report.pdf": Reply(200, b"%PDF-1.7 " + bytes(range(256)) * 20, "application/pdf"),
        "/empty.html": Reply(200, b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
                                  b"</body></html>"),
        "/down.html": Reply(503, b"<html><body>maintenance</body></html>"),
        "/private/memo.html": Reply(200, PORT_TALKS),
    })
    return {
        "/slow.html": "timed out",
        "/flaky.html": None,
        "/missing.html": "HTTP 404 Not Found",
        "/loop-a.html": "redirect loop",
        "/moved.html": None,
        "/huge.html": "page too large: 50000000 bytes > limit 5000000",
        "/huge-unannounced.html": "page too large: over limit 5000000 bytes",
        "/gzip-bomb.html": "page too large: over limit 5000000 bytes",
        "/photo.html": "binary file",
        "/report.pdf": "not an HTML page: content type application/pdf",
        "/empty.html": "no main text found in HTML",
        "/down.html": "HTTP 503 Service Unavailable after 2 tries",
        "/private/memo.html": "disallowed by robots.txt",
    }


def test_every_hostile_answer_ends_in_an_article_or_a_reject_with_its_reason(site, tmp_path):
    expected = hostile_routes(site)
    refused = f"http://127.0.0.1:{closed_port()}/news.html"
    urls = [site.url(path) for path in expected] + [refused]
    summary = run(urls, tmp_path / "out", timeout=1.0)

    articles, rejects = by_source(tmp_path / "out", "articles.jsonl"), by_source(tmp_path / "out", "rejects.jsonl")
    assert sorted([*articles, *rejects]) == sorted(urls), "every URL must be an article or a reject, once"
    for path, reason in expected.items():
        url = site.url(path)
        if reason is None:
            assert url in articles, f"{path}: {rejects.get(url)}"
        else:
            assert url in rejects and rejects[url]["reason"].startswith(reason), (path, rejects.get(url))
            assert rejects[url]["stage"] == "read"
    assert rejects[refused]["reason"].startswith("connection refused")
    assert site.count("/flaky.html") == 2, "a 500 is tried again"
    assert site.count("/private/memo.html") == 0, "a page robots.txt disallows is never requested"
    assert site.count("/loop-a.html") == 1 and site.count("/loop-b.html") == 1
    assert articles[site.url("/moved.html")]["url"] == site.url("/moved.html")
    assert summary.pages_fetched == 4, "flaky, moved, photo and empty were fetched; reading two of them failed"


def test_a_slow_response_is_cut_at_the_timeout(site, tmp_path):
    """The request gives up after --timeout (tries times), not when the server finally answers."""
    import time

    release = threading.Event()
    site.routes["/slow.html"] = lambda _request: (release.wait(5), Reply(200, FOREST_COUNCIL))[1]
    began = time.monotonic()
    run([site.url("/slow.html")], tmp_path / "out", timeout=0.3, retries=0)
    waited = time.monotonic() - began
    release.set()
    [reject] = rows(tmp_path / "out", "rejects.jsonl")
    assert reject["reason"] == "timed out: no data for 0.3 s"
    assert waited < 4


def test_host_not_found_is_a_reject(tmp_path, monkeypatch):
    """DNS is answered by a stand-in, so no lookup leaves the machine."""
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host == "news.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    run(["http://news.invalid/today.html"], tmp_path / "out", retries=0)
    [reject] = rows(tmp_path / "out", "rejects.jsonl")
    assert reject["source"] == "http://news.invalid/today.html"
    assert reject["reason"].startswith("host not found")


# --- the client's parts ---------------------------------------------------------------------------------------------------


def test_retries_wait_longer_each_time(site, monkeypatch):
    import urllib3.util.retry

    waits = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", waits.append)
    site.routes["/down.html"] = Reply(503, b"busy")
    fetcher = Fetcher(dataclasses.replace(FAST, retries=3, backoff=0.25), max_bytes=1000)
    with pytest.raises(FetchProblem) as problem:
        fetcher.get(site.url("/down.html"))
    assert problem.value.reason == "HTTP 503 Service Unavailable after 4 tries" and problem.value.transient
    assert waits == [0.25, 0.5, 1.0]
    assert site.count("/down.html") == 4


def test_retry_after_is_obeyed_up_to_a_limit(site, monkeypatch):
    import urllib3.util.retry

    waits = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", waits.append)
    site.routes["/busy.html"] = Reply(429, b"slow down", headers={"Retry-After": "100000"})
    fetcher = Fetcher(dataclasses.replace(FAST, retries=1), max_bytes=1000)
    with pytest.raises(FetchProblem, match="HTTP 429"):
        fetcher.get(site.url("/busy.html"))
    assert waits == [60]


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    site.routes["/a.html"] = Reply(200, FOREST_COUNCIL)
    fetcher = Fetcher(dataclasses.replace(FAST, delay=5.0), max_bytes=100_000)
    now, slept = [100.0], []
    fetcher.limiter.clock = lambda: now[0]
    fetcher.limiter.sleep = lambda seconds: (slept.append(seconds), now.__setitem__(0, now[0] + seconds))
    fetcher.get(site.url("/a.html"))
    fetcher.get(site.url("/a.html"))
    assert site.requests == ["/robots.txt", "/a.html", "/a.html"]
    assert slept == [5.0, 5.0], "robots.txt, then each page, five seconds apart"


def test_rate_limiter_keeps_hosts_apart_and_takes_the_longer_delay():
    now, slept = [0.0], []
    limiter = HostRateLimiter(1.0, clock=lambda: now[0],
                              sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    limiter.wait("http://a")
    limiter.wait("http://b")
    assert slept == []
    now[0] = 0.25
    limiter.wait("http://a")
    assert slept == [0.75]
    limiter.wait("http://b", host_delay=3.0)
    assert slept == [0.75, 2.0]


def test_robots_rules_crawl_delay_and_cache(tmp_path):
    answers = []

    def download(url):
        answers.append(url)
        return RobotsFile(200, "User-agent: convene\nDisallow: /drafts/\nCrawl-delay: 2\n\n"
                               "User-agent: *\nDisallow: /\n")

    robots = Robots("convene/1.0 (test)", download, tmp_path)
    robots.check("http://news.test/world/today.html")
    with pytest.raises(RobotsRefusal, match="disallowed by robots.txt"):
        robots.check("http://news.test/drafts/memo.html")
    assert robots.crawl_delay("http://news.test/") == 2.0
    with pytest.raises(RobotsRefusal):
        Robots("otherbot/1.0", download, tmp_path).check("http://news.test/world/today.html")
    assert answers == ["http://news.test/robots.txt"], "the second instance read the kept copy"


def test_robots_unavailable_blocks_the_host_for_this_run_only(tmp_path):
    def failing(url):
        return RobotsFile(503)

    with pytest.raises(RobotsRefusal, match=r"robots.txt unavailable \(HTTP 503\)") as refusal:
        Robots("convene/1.0", failing, tmp_path).check("http://news.test/a.html")
    assert refusal.value.transient
    Robots("convene/1.0", lambda url: RobotsFile(404), tmp_path).check("http://news.test/a.html")


def test_normalized_urls_have_one_spelling():
    assert normalize_url("HTTP://News.Example.ORG:80/a b.html?q=1#top") == "http://news.example.org/a%20b.html?q=1"
    assert normalize_url("/x.html", base="https://example.org:8443/feed.xml") == "https://example.org:8443/x.html"
    with pytest.raises(ValueError, match="not an http or https URL"):
        normalize_url("ftp://example.org/file")
    with pytest.raises(ValueError, match="no host"):
        normalize_url("http:///path")


# --- command line ------------------------------------------------------------------------------------------------------


def test_cli_ingests_a_url(site, tmp_path, capsys):
    site.routes["/forest.html"] = Reply(200, FOREST_COUNCIL)
    code = main(["ingest", site.url("/forest.html"), "--out", str(tmp_path / "out"), "--delay", "0"])
    assert code == 0
    assert "1 pages fetched, 0 read from raw/, 2 HTTP requests" in capsys.readouterr().err
    assert [row["source"] for row in rows(tmp_path / "out", "articles.jsonl")] == [site.url("/forest.html")]


@pytest.mark.parametrize("argv, message", [
    (["ftp://example.org/x.html"], "not an http or https URL"),
    ([], "nothing to ingest"),
    (["--feed", "example.org/news.rss"], "--feed: not an http or https URL"),
    (["http://127.0.0.1:9/x.html", "--timeout", "soon"], "--timeout: expected a number of seconds"),
    (["http://127.0.0.1:9/x.html", "--retries", "-1"], "--retries: expected a number of at least 0"),
    (["http://127.0.0.1:9/x.html", "--user-agent", "bad\nagent"], "--user-agent"),
    (["--feeds", "no-such-list.txt"], "--feeds: no such file"),
])
def test_cli_web_mistakes_are_one_line(tmp_path, capsys, argv, message):
    code = main(["ingest", *argv, "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
