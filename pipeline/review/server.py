"""Running the review app with uvicorn: on loopback by default (IPv4 or IPv6), read-only for other machines
unless writes are allowed too, behind the guard of `security.py`."""
from __future__ import annotations

import secrets
import socket
import threading
import time
from pathlib import Path

import uvicorn

from pipeline.errors import UserError
from pipeline.review.app import create_app
from pipeline.review.security import Guard, is_loopback
from pipeline.review.session import ReviewSession

MAX_BODY_BYTES = 1_000_000
BODY_TIMEOUT_SECONDS = 10.0
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 64

__all__ = ["ReviewServer", "is_loopback"]


class ReviewServer:
    """Serves one output folder for review; `url` is its address once bound."""

    def __init__(self, out_dir: Path, reviewer: str, host: str = "127.0.0.1", port: int = 0,
                 allow_remote: bool = False, allow_remote_write: bool = False,
                 body_timeout: float = BODY_TIMEOUT_SECONDS) -> None:
        if allow_remote_write and not allow_remote:
            raise UserError("--allow-remote-write needs --allow-remote")
        if not is_loopback(host) and not allow_remote:
            raise UserError(f"--host {host} is not a loopback address: add --allow-remote to serve it to others")
        writable = allow_remote_write or not allow_remote
        self.session = ReviewSession(out_dir, reviewer, writable=writable)
        self.reviewer = reviewer
        self.token = secrets.token_urlsafe(32)
        self.socket = _bind(host, port)
        self.host = host
        self.port = self.socket.getsockname()[1]
        app = Guard(create_app(self.session, self.token), token=self.token, writable=writable,
                    remote=allow_remote, max_body=MAX_BODY_BYTES, body_timeout=body_timeout)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                timeout_keep_alive=KEEP_ALIVE_SECONDS, limit_concurrency=MAX_CONNECTIONS,
                                h11_max_incomplete_event_size=64 * 1024, server_header=False)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def serve_forever(self) -> None:
        self.server.run(sockets=[self.socket])

    def start_in_thread(self) -> threading.Thread:
        """Serve in a daemon thread (for tests and embedding); stop with `close()`."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        return self._thread

    def close(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.socket.close()


def _bind(host: str, port: int) -> socket.socket:
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family, backlog=128)
    except (OSError, socket.gaierror) as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
