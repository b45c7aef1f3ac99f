"""The local review web app: a JSON API, the static page, and decisions accepted by POST with a session token."""
from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import ValidationError

from pipeline.errors import UserError
from pipeline.review.decisions import Decision, append_decision, check_decision, now_iso
from pipeline.review.output_folder import OutputFolder, load_output, logged_reviews, review_bundle
from pipeline.review.pages import STATIC_DIR, live_page

TOKEN_HEADER = "X-Convene-Token"
MAX_BODY_BYTES = 1_000_000
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png"}
CONTENT_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback IP addresses."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ReviewServer:
    """Serves one output folder for review; `url` is its address once bound."""

    def __init__(self, out_dir: Path, reviewer: str, host: str = "127.0.0.1", port: int = 0,
                 allow_remote: bool = False) -> None:
        if not is_loopback(host) and not allow_remote:
            raise UserError(f"--host {host} is not a loopback address: add --allow-remote to serve it to others")
        self.folder: OutputFolder = load_output(out_dir)
        self.reviewer = reviewer
        self.token = secrets.token_urlsafe(32)
        self.check_host_header = not allow_remote
        self._decision_lock = threading.Lock()
        try:
            self.httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.httpd.daemon_threads = True
        self.host = host
        self.port = self.httpd.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start_in_thread(self) -> threading.Thread:
        """Serve in a daemon thread (for tests and embedding); stop with `close()`."""
        thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def record_decision(self, payload: object) -> tuple[int, dict]:
        """Check a posted decision and append it to `reviews.jsonl`; returns an HTTP status and a JSON answer."""
        if not isinstance(payload, dict):
            return HTTPStatus.BAD_REQUEST, {"error": "a decision is a JSON object"}
        fields = {key: payload.get(key) for key in ("record_id", "record_type", "field", "action", "value")}
        try:
            decision = Decision.model_validate({**fields, "reviewer": self.reviewer, "at": now_iso()})
        except ValidationError as exc:
            error = exc.errors()[0]
            return HTTPStatus.BAD_REQUEST, {"error": f"{'.'.join(map(str, error['loc']))}: {error['msg']}"}
        with self._decision_lock:
            problem = check_decision(self.folder.path, self.folder.meetings, self.folder.people, decision)
            if problem:
                return HTTPStatus.BAD_REQUEST, {"error": problem}
            append_decision(self.folder.path, decision)
        return HTTPStatus.CREATED, {"decision": decision.model_dump(mode="json")}


def _handler_for(app: ReviewServer) -> type[BaseHTTPRequestHandler]:
    class ReviewHandler(BaseHTTPRequestHandler):
        server_version = "convene-review"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            if not self._host_allowed():
                return self._send_json(HTTPStatus.FORBIDDEN, {"error": "unexpected Host header"})
            path = urlsplit(self.path).path
            if path in ("/", "/index.html"):
                return self._send(HTTPStatus.OK, "text/html", live_page(app.token, app.reviewer).encode("utf-8"))
            if path.startswith("/static/"):
                return self._send_static(unquote(path[len("/static/"):]))
            answer = _api_answer(app, path)
            if answer is None:
                return self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return self._send_json(HTTPStatus.OK, answer)

        def do_POST(self) -> None:
            if not self._host_allowed():
                return self._send_json(HTTPStatus.FORBIDDEN, {"error": "unexpected Host header"})
            given = self.headers.get(TOKEN_HEADER, "")
            if not hmac.compare_digest(given.encode("utf-8"), app.token.encode("utf-8")):
                return self._send_json(HTTPStatus.FORBIDDEN, {"error": "missing or wrong session token"})
            if urlsplit(self.path).path != "/api/decisions":
                return self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                return self._send_json(HTTPStatus.BAD_REQUEST, {"error": "bad Content-Length"})
            if length > MAX_BODY_BYTES:
                return self._send_json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "decision too large"})
            try:
                payload = json.loads(self.rfile.read(length) or b"null")
            except (json.JSONDecodeError, UnicodeDecodeError):
                return self._send_json(HTTPStatus.BAD_REQUEST, {"error": "body is not JSON"})
            status, answer = app.record_decision(payload)
            return self._send_json(status, answer)

        def _host_allowed(self) -> bool:
            if not app.check_host_header:
                return True
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
            return is_loopback(host)

        def _send_static(self, name: str) -> None:
            allowed = {entry.name: entry for entry in STATIC_DIR.iterdir() if entry.is_file()}
            entry = allowed.get(name)
            if entry is None or entry.suffix not in STATIC_TYPES:
                return self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            self._send(HTTPStatus.OK, STATIC_TYPES[entry.suffix], entry.read_bytes())

        def _send_json(self, status: int, answer: object) -> None:
            self._send(status, "application/json", json.dumps(answer, ensure_ascii=False).encode("utf-8"))

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            charset = "; charset=utf-8" if not content_type.startswith("image/") else ""
            self.send_header("Content-Type", content_type + charset)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CONTENT_POLICY)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return ReviewHandler


def _api_answer(app: ReviewServer, path: str) -> object | None:
    """The JSON answer of a GET on the API, or None for an unknown path or id."""
    folder = app.folder
    parts = [unquote(part) for part in path.strip("/").split("/")]
    if parts[:1] != ["api"]:
        return None
    if parts[1:] == ["bundle"]:
        return review_bundle(folder)
    if parts[1:] == ["reviews"]:
        return {"reviews": logged_reviews(folder.path)}
    collections = {"meetings": folder.meetings, "people": folder.people}
    if len(parts) == 2 and parts[1] in collections:
        records = collections[parts[1]]
        return {"count": len(records), parts[1]: [record.model_dump(mode="json") for record in records]}
    if len(parts) == 3 and parts[1] in collections:
        record = next((r for r in collections[parts[1]] if r.id == parts[2]), None)
        if record is None:
            return None
        cited = {source.article_id for source in record.sources}
        articles = {
            article.id: article.model_dump(mode="json") for article in folder.articles if article.id in cited
        }
        return {"record": record.model_dump(mode="json"), "articles": articles}
    return None
