"""The review app's guard: token, Origin, Host, body size and time, JSON depth, remote read-only, IPv6 loopback."""
from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from test_review import REVIEWS_FILE, request, write_output_folder

from pipeline.cli.main import main
from pipeline.review.security import host_name, is_loopback, json_depth_within
from pipeline.review.server import ReviewServer

ACCEPT = {"record_id": "m-call", "record_type": "meeting", "action": "accept"}


@pytest.fixture()
def output(tmp_path: Path) -> Path:
    return write_output_folder(tmp_path / "out")


@pytest.fixture()
def server(output: Path):
    app = ReviewServer(output, reviewer="tester", port=0, body_timeout=1.0)
    app.start_in_thread()
    yield app
    app.close()


def origin_of(app: ReviewServer) -> str:
    return app.url.rstrip("/")


def test_write_without_token_with_a_wrong_token_or_from_another_origin_is_refused(server, output):
    assert request(server, "/api/decisions", ACCEPT)[0] == 403
    assert request(server, "/api/decisions", ACCEPT, token="wrong")[0] == 403
    assert request(server, "/api/decisions", ACCEPT, token=server.token,
                   headers={"Origin": "http://attacker.example"})[0] == 403
    assert request(server, "/api/decisions", ACCEPT, token=server.token, headers={"Origin": "null"})[0] == 403
    assert request(server, "/decide", ACCEPT)[0] == 403
    assert not (output / REVIEWS_FILE).exists()
    status, _, _ = request(server, "/api/decisions", ACCEPT, token=server.token,
                           headers={"Origin": origin_of(server)})
    assert status == 201


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8765", "192.0.2.7", "localhost.attacker.example"])
def test_requests_with_a_foreign_host_header_are_refused(server, host):
    assert request(server, "/meetings", headers={"Host": host})[0] == 403
    assert request(server, "/api/decisions", ACCEPT, token=server.token, headers={"Host": host})[0] == 403


def test_a_request_whose_body_never_arrives_does_not_hold_the_server(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as slow:
        slow.sendall((f"POST /api/decisions HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                      f"X-Convene-Token: {server.token}\r\nContent-Type: application/json\r\n"
                      "Content-Length: 100\r\n\r\n{\"record_id\"").encode())
        started = time.monotonic()
        assert request(server, "/api/meetings")[0] == 200
        assert time.monotonic() - started < 2
        answer = slow.recv(4096).decode("latin-1")
        assert answer.startswith("HTTP/1.1 408")
        assert time.monotonic() - started < 5


def test_a_body_over_the_limit_is_refused(server):
    huge = {**ACCEPT, "value": "x" * 1_100_000}
    assert request(server, "/api/decisions", huge, token=server.token)[0] == 413


def test_deeply_nested_json_is_a_400_not_a_crash(server, output):
    data = ("[" * 100_000 + "]" * 100_000).encode()
    status, body, _ = request(server, "/api/decisions", token=server.token, raw=data)
    assert status == 400 and "nested too deeply" in json.loads(body)["error"]
    assert request(server, "/api/meetings")[0] == 200
    assert not (output / REVIEWS_FILE).exists()


def test_json_depth_counts_brackets_outside_strings():
    assert json_depth_within(b'{"a": [[1]]}', limit=3)
    assert not json_depth_within(b'{"a": [[[1]]]}', limit=3)
    assert json_depth_within(b'{"a": "[[[[[[[[\\"[[[["}', limit=1)


def test_allow_remote_alone_serves_pages_but_refuses_every_write(output):
    app = ReviewServer(output, reviewer="tester", port=0, allow_remote=True)
    app.start_in_thread()
    try:
        status, body, _ = request(app, "/meetings")
        assert status == 200 and app.token not in body.decode()
        assert request(app, "/meetings", headers={"Host": f"192.0.2.7:{app.port}"})[0] == 200
        assert request(app, "/meetings", headers={"Host": "rebound.example"})[0] == 403
        status, body, _ = request(app, "/api/decisions", ACCEPT, token=app.token)
        assert status == 403 and "read-only" in json.loads(body)["error"]
    finally:
        app.close()
    assert not (output / REVIEWS_FILE).exists()


def test_allow_remote_write_accepts_writes_with_the_token(output):
    app = ReviewServer(output, reviewer="tester", port=0, allow_remote=True, allow_remote_write=True)
    app.start_in_thread()
    try:
        assert request(app, "/api/decisions", ACCEPT)[0] == 403
        assert request(app, "/api/decisions", ACCEPT, token=app.token)[0] == 201
    finally:
        app.close()


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_serves_on_the_ipv6_loopback(output):
    app = ReviewServer(output, reviewer="tester", host="::1", port=0)
    app.start_in_thread()
    try:
        assert app.url.startswith("http://[::1]:")
        assert request(app, "/meetings")[0] == 200
        assert request(app, "/api/decisions", ACCEPT, token=app.token)[0] == 201
    finally:
        app.close()


def test_loopback_and_host_names():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    assert host_name("[::1]:8765") == "::1" and host_name("127.0.0.1:80") == "127.0.0.1"
    assert host_name("localhost") == "localhost"


def test_cli_refuses_allow_remote_write_alone(output, capsys):
    assert main(["review", str(output), "--port", "0", "--allow-remote-write"]) == 2
    assert "--allow-remote-write needs --allow-remote" in capsys.readouterr().err
