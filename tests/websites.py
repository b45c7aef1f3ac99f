"""A small web site on 127.0.0.1 for the fetch and feed tests: pages, feeds, hostile answers, every request logged."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    length: int | None = None


Route = Callable[[BaseHTTPRequestHandler], Reply]


class Site:
    """`with Site() as site:` a server on a free port; `site.routes[path]` is a Reply or a function of the request
    giving one; `site.requests` lists the paths requested, in order."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Route] = {}
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def count(self, path: str) -> int:
        return self.requests.count(path)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site._lock:
                    site.requests.append(self.path)
                    site.headers.append(dict(self.headers))
                route = site.routes.get(self.path)
                reply = Reply(404, b"<html><body><p>Not here.</p></body></html>") if route is None else (
                    route if isinstance(route, Reply) else route(self))
                if reply is None:
                    return
                try:
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    body = reply.body
                    if isinstance(body, bytes):
                        self.send_header("Content-Length", str(len(body)))
                    elif reply.length is not None:
                        self.send_header("Content-Length", str(reply.length))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    for chunk in [body] if isinstance(body, bytes) else body:
                        if site.stopping.is_set():
                            break
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        return Handler


def page(title: str, paragraphs: list[str], *, date: str | None = None, author: str | None = None,
         site_name: str | None = None) -> bytes:
    """A news page: navigation and footer around an <article> with a headline and paragraphs."""
    meta = "".join(f'<meta property="{name}" content="{value}">' for name, value in
                   (("og:site_name", site_name), ("article:published_time", date)) if value)
    meta += f'<meta name="author" content="{author}">' if author else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>").encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed; each item is (guid, link, title)."""
    entries = "".join(f"<item><guid isPermaLink='false'>{guid}</guid><link>{link}</link><title>{name}</title>"
                      f"<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>" for guid, link, name in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>http://127.0.0.1/</link><description>News</description>{entries}</channel></rss>").encode()


def atom(title: str, entries: list[tuple[str, str, str, str]]) -> bytes:
    """An Atom feed; each entry is (id, link, title, updated)."""
    items = "".join(f"<entry><id>{entry_id}</id><link href='{link}'/><title>{name}</title><updated>{updated}</updated>"
                    f"<author><name>Desk Editor</name></author></entry>" for entry_id, link, name, updated in entries)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{title}</title>"
            f"<id>urn:feed</id><updated>2024-03-05T09:00:00Z</updated>{items}</feed>").encode()
