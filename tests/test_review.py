"""`convene review`: JSON API, session token, decisions log, apply_reviews and the static export."""
from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline.cli.main import main
from pipeline.errors import UserError
from pipeline.models import Article, Meeting, Person
from pipeline.review.decisions import REVIEWS_FILE, apply_reviews
from pipeline.review.server import ReviewServer

SUMMIT_TEXT = (
    "JAKARTA, 2 May 2024 - Water ministers met in Jakarta on 2 May 2024 for the Regional Water Summit. "
    "Minister Ana Reyes chaired the summit. Minister Tomas Berg attended."
)
CALL_TEXT = (
    "Ana Reyes spoke with Lena Okafor by video call on 3 May 2024. "
    "The notice ended with <script>alert(1)</script> and <img src=x onerror=alert(1)> as plain text."
)
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def _source(article_id: str, text: str, *phrases: str) -> dict:
    evidence = []
    for phrase in phrases:
        start = text.index(phrase)
        evidence.append({"start": start, "end": start + len(phrase), "text": phrase})
    return {"article_id": article_id, "evidence": evidence}


def sample_records() -> tuple[list[Article], list[Meeting], list[Person]]:
    """Two articles, a summit wrongly merged with a call's article, a call, and three people."""
    articles = [
        Article(id="art-a", source="summit.txt", title="Regional Water Summit", published="2024-05-02",
                text=SUMMIT_TEXT),
        Article(id="art-b", source="call.txt", title="A video call " + XSS_SCRIPT, published="2024-05-03",
                text=CALL_TEXT),
    ]
    meetings = [
        Meeting(
            id="m-call", kind="virtual", start_date="2024-05-13", date_text="3 May 2024",
            participants=[{"person_id": "p-ana", "name": "Ana Reyes"}, {"person_id": "p-lena", "name": "Lena Okafor"}],
            hosts=[XSS_IMG], sources=[_source("art-b", CALL_TEXT, "video call", XSS_IMG)],
        ),
        Meeting(
            id="m-summit", kind="summit", name="Regional Water Summit", start_date="2024-05-02",
            date_text="2 May 2024", location={"city": "Jakarta"},
            participants=[
                {"person_id": "p-ana", "name": "Ana Reyes", "role": "chair"},
                {"person_id": "p-tomas", "name": "Tomas Berg"},
            ],
            sources=[_source("art-a", SUMMIT_TEXT, "Regional Water Summit"), _source("art-b", CALL_TEXT, "3 May 2024")],
            conflicts=[{"field": "start_date", "values": [
                {"value": "2024-05-02", "article_ids": ["art-a"]},
                {"value": "2024-05-03", "article_ids": ["art-b"]},
            ]}],
        ),
    ]
    people = [
        Person(id="p-ana", name="Ana Reyes", honorifics=["Minister"], meeting_ids=["m-call", "m-summit"],
               roles=[{"title": "Minister", "article_ids": ["art-a"]}],
               sources=[_source("art-a", SUMMIT_TEXT, "Ana Reyes"), _source("art-b", CALL_TEXT, "Ana Reyes")]),
        Person(id="p-lena", name="Lena Okafor", meeting_ids=["m-call"],
               sources=[_source("art-b", CALL_TEXT, "Lena Okafor")]),
        Person(id="p-tomas", name="Tomas Berg", meeting_ids=["m-summit"],
               sources=[_source("art-a", SUMMIT_TEXT, "Tomas Berg")]),
    ]
    return articles, meetings, people


def write_output_folder(out_dir: Path) -> Path:
    """An output folder as `convene ingest` writes it, from `sample_records`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    articles, meetings, people = sample_records()
    for name, records in (("articles", articles), ("meetings", meetings), ("people", people)):
        lines = [record.model_dump_json() for record in records]
        (out_dir / f"{name}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return out_dir


def write_reviews(out_dir: Path, *decisions: dict) -> None:
    lines = []
    for decision in decisions:
        full = {"field": None, "value": None, "reviewer": "tester", "at": "2026-01-01T00:00:00+00:00", **decision}
        lines.append(json.dumps(full))
    (out_dir / REVIEWS_FILE).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def applied(out_dir: Path, *decisions: dict):
    write_reviews(out_dir, *decisions)
    _, meetings, people = sample_records()
    return apply_reviews(out_dir, meetings, people)


@pytest.fixture()
def output(tmp_path: Path) -> Path:
    return write_output_folder(tmp_path / "out")


@pytest.fixture()
def server(output: Path):
    app = ReviewServer(output, reviewer="tester", port=0)
    app.start_in_thread()
    yield app
    app.close()


def request(app: ReviewServer, path: str, body: object = None, token: str | None = None,
            headers: dict | None = None, raw: bytes | None = None) -> tuple[int, bytes, dict]:
    """(status, body, headers with lower-case names) of a GET, or of a POST of `body` as JSON (or of `raw`)."""
    data = raw if raw is not None else None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(app.url.rstrip("/") + path, data=data, method="POST" if data else "GET")
    req.add_header("Content-Type", "application/json")
    if token is not None:
        req.add_header("X-Convene-Token", token)
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


def get_json(app: ReviewServer, path: str) -> dict:
    status, body, _ = request(app, path)
    assert status == 200
    return json.loads(body)


# ---------- server ----------

def test_server_binds_loopback_on_a_free_port(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert server.port > 0


def test_list_endpoints_give_counts_and_records_sorted_by_id(server):
    meetings = get_json(server, "/api/meetings")
    people = get_json(server, "/api/people")
    assert meetings["count"] == 2
    assert [m["id"] for m in meetings["meetings"]] == ["m-call", "m-summit"]
    assert people["count"] == 3
    assert [p["name"] for p in people["people"]] == ["Ana Reyes", "Lena Okafor", "Tomas Berg"]


def test_record_endpoint_returns_the_record_and_its_articles(server):
    answer = get_json(server, "/api/meetings/m-summit")
    assert answer["record"]["name"] == "Regional Water Summit"
    assert sorted(answer["articles"]) == ["art-a", "art-b"]
    evidence = answer["record"]["sources"][0]["evidence"][0]
    assert answer["articles"]["art-a"]["text"][evidence["start"]:evidence["end"]] == "Regional Water Summit"
    assert request(server, "/api/meetings/no-such-id")[0] == 404


def test_pages_embed_the_session_token_and_set_a_content_policy(server):
    status, body, headers = request(server, "/meetings")
    assert status == 200
    assert server.token in body.decode("utf-8")
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff"


def test_record_page_escapes_article_text_and_titles(server):
    status, body, _ = request(server, "/meetings/m-call")
    page = body.decode("utf-8")
    assert status == 200
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("path", [
    "/static/../decisions.py", "/static/%2e%2e/decisions.py", "/static/..%2fdecisions.py",
    "/static/%2e%2e%2f%2e%2e%2fmodels.py", "/static//etc/passwd", "/static/",
])
def test_static_paths_never_leave_the_static_folder(server, path):
    assert request(server, path)[0] == 404


def test_static_files_are_served_from_the_package(server):
    status, body, headers = request(server, "/static/htmx.min.js")
    assert status == 200 and "javascript" in headers["content-type"]
    assert b'version:"2.' in body
    status, body, _ = request(server, "/static/review.js")
    assert status == 200 and b"keydown" in body


def test_decisions_are_appended_with_reviewer_and_time(server, output):
    accept = {"record_id": "m-summit", "record_type": "meeting", "action": "accept"}
    correct = {"record_id": "m-call", "record_type": "meeting", "action": "correct",
               "field": "start_date", "value": "2024-05-03"}
    status, body, _ = request(server, "/api/decisions", accept, token=server.token)
    assert status == 201
    first = (output / REVIEWS_FILE).read_text(encoding="utf-8")
    assert request(server, "/api/decisions", correct, token=server.token)[0] == 201
    log = (output / REVIEWS_FILE).read_text(encoding="utf-8")
    assert log.startswith(first)
    lines = [json.loads(line) for line in log.splitlines()]
    assert [(d["record_id"], d["action"], d["field"], d["value"]) for d in lines] == [
        ("m-summit", "accept", None, None), ("m-call", "correct", "start_date", "2024-05-03")]
    assert all(d["reviewer"] == "tester" and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", d["at"]) for d in lines)
    assert set(lines[0]) == {"record_id", "record_type", "field", "action", "value", "reviewer", "at"}
    assert [d["record_id"] for d in get_json(server, "/api/reviews")["reviews"]] == ["m-summit", "m-call"]


@pytest.mark.parametrize("decision, reason", [
    ({"record_id": "m-gone", "record_type": "meeting", "action": "accept"}, "no meeting with this id"),
    ({"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "start_date",
      "value": "not a date"}, "invalid value for start_date"),
    ({"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "colour", "value": "red"},
     "no field 'colour'"),
    ({"record_id": "m-call", "record_type": "meeting", "action": "explode"}, "action"),
    ({"record_id": "m-call", "record_type": "meeting", "action": "split", "value": "art-b"}, "single source"),
    ({"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "sources", "value": []},
     "at least one source"),
    ({"record_id": "m-summit", "record_type": "meeting", "action": "reject", "field": "sources"},
     "at least one source"),
    ({"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "participants",
      "value": [{"person_id": "p-nobody", "name": "Nobody"}]}, "no person with id p-nobody"),
    ({"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "end_date",
      "value": "2024-04-30"}, "end_date 2024-04-30 before start_date 2024-05-02"),
    ({"record_id": "p-ana", "record_type": "person", "action": "correct", "field": "meeting_ids",
      "value": ["m-nowhere"]}, "no meeting with id m-nowhere"),
    ({"record_id": "m-call", "record_type": "meeting", "action": "undo", "value": 1}, "use undo"),
])
def test_invalid_decisions_are_refused_and_not_logged(server, output, decision, reason):
    status, body, _ = request(server, "/api/decisions", decision, token=server.token)
    assert status == 400
    assert reason in json.loads(body)["error"]
    assert not (output / REVIEWS_FILE).exists()


def test_non_loopback_host_needs_allow_remote(output):
    with pytest.raises(UserError, match="--allow-remote"):
        ReviewServer(output, reviewer="tester", host="0.0.0.0", port=0)


def test_allow_remote_write_needs_allow_remote(output):
    with pytest.raises(UserError, match="--allow-remote-write needs --allow-remote"):
        ReviewServer(output, reviewer="tester", port=0, allow_remote_write=True)


# ---------- apply_reviews ----------

def test_without_a_reviews_file_records_are_unchanged(output):
    _, meetings, people = sample_records()
    result = apply_reviews(output, meetings, people)
    assert result.meetings == meetings and result.people == people and result.unapplied == []


def test_accept_marks_reviewed_and_correction_overrides_the_value(output):
    result = applied(
        output,
        {"record_id": "m-summit", "record_type": "meeting", "action": "accept"},
        {"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "start_date",
         "value": "2024-05-03"},
        {"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "location.country",
         "value": "Indonesia"},
    )
    by_id = {m.id: m for m in result.meetings}
    assert by_id["m-summit"].reviewed is True and by_id["m-call"].reviewed is False
    assert str(by_id["m-call"].start_date) == "2024-05-03"
    assert by_id["m-summit"].location.country == "Indonesia" and by_id["m-summit"].location.city == "Jakarta"
    assert result.unapplied == []


def test_rejected_person_leaves_records_and_links(output):
    result = applied(output, {"record_id": "p-tomas", "record_type": "person", "action": "reject"})
    assert [p.id for p in result.people] == ["p-ana", "p-lena"]
    summit = next(m for m in result.meetings if m.id == "m-summit")
    assert [p.person_id for p in summit.participants] == ["p-ana"]


def test_rejected_meeting_leaves_people_meeting_ids(output):
    result = applied(output, {"record_id": "m-call", "record_type": "meeting", "action": "reject"})
    assert [m.id for m in result.meetings] == ["m-summit"]
    assert {p.id: p.meeting_ids for p in result.people} == {
        "p-ana": ["m-summit"], "p-lena": [], "p-tomas": ["m-summit"]}


def test_later_decisions_win(output):
    result = applied(
        output,
        {"record_id": "p-tomas", "record_type": "person", "action": "reject"},
        {"record_id": "p-tomas", "record_type": "person", "action": "accept"},
        {"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "start_date",
         "value": "2024-05-01"},
        {"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "start_date",
         "value": "2024-05-03"},
    )
    assert next(p for p in result.people if p.id == "p-tomas").reviewed is True
    assert str(next(m for m in result.meetings if m.id == "m-call").start_date) == "2024-05-03"


def test_field_reject_clears_the_value(output):
    result = applied(output, {"record_id": "m-summit", "record_type": "meeting", "action": "reject",
                              "field": "date_text"})
    assert next(m for m in result.meetings if m.id == "m-summit").date_text is None


def test_unknown_ids_and_invalid_corrections_are_reported_not_applied(output):
    (output / REVIEWS_FILE).unlink(missing_ok=True)
    result = applied(
        output,
        {"record_id": "m-vanished", "record_type": "meeting", "action": "accept"},
        {"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "attendance", "value": -4},
        {"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "end_date",
         "value": "2024-04-01"},
    )
    assert len(result.unapplied) == 3
    assert result.unapplied[0] == (
        "reviews.jsonl line 1: accept meeting m-vanished: no meeting with this id in the current output")
    assert result.unapplied[1].startswith("reviews.jsonl line 2: correct meeting m-call: invalid value for attendance")
    assert "before start_date" in result.unapplied[2]
    assert all("\n" not in line for line in result.unapplied)
    by_id = {m.id: m for m in result.meetings}
    assert by_id["m-call"].attendance is None and by_id["m-summit"].end_date is None


def test_broken_lines_are_reported_in_line_order(output):
    accept_gone = json.dumps({"record_id": "m-gone", "record_type": "meeting", "action": "accept",
                              "reviewer": "tester", "at": "2026-01-01T00:00:00+00:00"})
    (output / REVIEWS_FILE).write_text(accept_gone + '\n{"record_id": \n{"record_id": "x"}\n', encoding="utf-8")
    _, meetings, people = sample_records()
    result = apply_reviews(output, meetings, people)
    assert result.unapplied[0].startswith("reviews.jsonl line 1: accept meeting m-gone")
    assert result.unapplied[1] == "reviews.jsonl line 2: not valid JSON"
    assert result.unapplied[2].startswith("reviews.jsonl line 3: not a valid decision")


def test_merge_joins_people_and_relinks_meetings(output):
    result = applied(output, {"record_id": "p-ana", "record_type": "person", "action": "merge", "value": "p-lena"})
    assert [p.id for p in result.people] == ["p-ana", "p-tomas"]
    ana = result.people[0]
    assert ana.aliases == ["Lena Okafor"]
    assert [s.article_id for s in ana.sources] == ["art-a", "art-b"]
    assert [e.text for e in ana.sources[1].evidence] == ["Ana Reyes", "Lena Okafor"]
    call = next(m for m in result.meetings if m.id == "m-call")
    assert [p.person_id for p in call.participants] == ["p-ana"]


def test_split_moves_an_article_off_a_meeting(output):
    result = applied(output, {"record_id": "m-summit", "record_type": "meeting", "action": "split", "value": "art-b"})
    by_id = {m.id: m for m in result.meetings}
    assert sorted(by_id) == ["m-call", "m-summit", "m-summit-split-art-b"]
    kept, split = by_id["m-summit"], by_id["m-summit-split-art-b"]
    assert [s.article_id for s in kept.sources] == ["art-a"] and kept.conflicts == []
    assert [s.article_id for s in split.sources] == ["art-b"]
    assert str(split.start_date) == "2024-05-03"
    assert [p.person_id for p in kept.participants] == ["p-ana", "p-tomas"]
    assert [p.person_id for p in split.participants] == ["p-ana"]
    people = {p.id: p for p in result.people}
    assert people["p-ana"].meeting_ids == ["m-call", "m-summit", "m-summit-split-art-b"]
    assert people["p-tomas"].meeting_ids == ["m-summit"]


def test_split_person_moves_meetings_of_that_article(output):
    result = applied(output, {"record_id": "p-ana", "record_type": "person", "action": "split", "value": "art-b"})
    people = {p.id: p for p in result.people}
    assert people["p-ana"].meeting_ids == ["m-summit"]
    assert people["p-ana-split-art-b"].meeting_ids == ["m-call", "m-summit"]
    assert people["p-ana-split-art-b"].roles == []
    call = next(m for m in result.meetings if m.id == "m-call")
    assert [p.person_id for p in call.participants] == ["p-ana-split-art-b", "p-lena"]


def test_apply_reviews_is_deterministic_and_leaves_inputs_alone(output):
    write_reviews(output, {"record_id": "p-tomas", "record_type": "person", "action": "reject"},
                  {"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "start_date",
                   "value": "2024-05-03"})
    _, meetings, people = sample_records()
    first = apply_reviews(output, meetings, people)
    second = apply_reviews(output, meetings, people)
    assert [m.model_dump_json() for m in first.meetings] == [m.model_dump_json() for m in second.meetings]
    assert (meetings, people) == sample_records()[1:]


# ---------- export and CLI ----------

def test_export_is_self_contained_read_only_and_escapes_article_text(output, tmp_path):
    write_reviews(output, {"record_id": "m-summit", "record_type": "meeting", "action": "accept"})
    report = tmp_path / "report.html"
    assert main(["review", str(output), "--export", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'src="/static' not in page and 'href="/static' not in page and "<script" not in page
    assert "<form" not in page and "hx-post" not in page
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert 'id="meeting-m-summit"' in page and 'href="#meeting-m-summit"' in page
    assert 'id="person-p-ana"' in page and 'id="article-art-b"' in page
    assert "reviewed 1 of 2" in page
    assert (output / REVIEWS_FILE).read_text(encoding="utf-8").count("\n") == 1


def test_cli_reports_a_missing_folder_in_one_line(tmp_path, capsys):
    assert main(["review", str(tmp_path / "nowhere"), "--export", str(tmp_path / "r.html")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_refuses_a_public_host_without_allow_remote(output, capsys):
    assert main(["review", str(output), "--host", "0.0.0.0", "--port", "0"]) == 2
    assert "--allow-remote" in capsys.readouterr().err


# ---------- undo, summary, validation on replay, line separators ----------

def test_undo_cancels_the_decision_it_names_and_later_ones_stay(output):
    result = applied(
        output,
        {"record_id": "p-tomas", "record_type": "person", "action": "reject"},
        {"record_id": "m-call", "record_type": "meeting", "action": "accept"},
        {"record_id": "p-tomas", "record_type": "person", "action": "undo", "value": 1},
    )
    assert "p-tomas" in [p.id for p in result.people]
    assert next(m for m in result.meetings if m.id == "m-call").reviewed is True
    assert result.unapplied == []
    assert result.summary.line() == "applied 2 review decisions: 1 accept, 1 undo; 0 no longer apply"


def test_undo_of_a_merge_brings_the_merged_away_record_back(output):
    result = applied(
        output,
        {"record_id": "p-ana", "record_type": "person", "action": "merge", "value": "p-lena"},
        {"record_id": "p-ana", "record_type": "person", "action": "undo", "value": 1},
    )
    assert [p.id for p in result.people] == ["p-ana", "p-lena", "p-tomas"]
    call = next(m for m in result.meetings if m.id == "m-call")
    assert [p.person_id for p in call.participants] == ["p-ana", "p-lena"]


def test_bad_undos_are_reported(output):
    result = applied(
        output,
        {"record_id": "m-call", "record_type": "meeting", "action": "accept"},
        {"record_id": "m-call", "record_type": "meeting", "action": "undo", "value": 1},
        {"record_id": "m-call", "record_type": "meeting", "action": "undo", "value": 1},
        {"record_id": "m-call", "record_type": "meeting", "action": "undo", "value": 9},
    )
    assert result.unapplied == [
        "reviews.jsonl line 3: undo meeting m-call: line 1 was already undone",
        "reviews.jsonl line 4: undo meeting m-call: line 9 is not an earlier decision",
    ]
    assert next(m for m in result.meetings if m.id == "m-call").reviewed is False


def test_summary_counts_applied_decisions_by_kind_and_those_that_no_longer_apply(output):
    result = applied(
        output,
        {"record_id": "p-tomas", "record_type": "person", "action": "reject"},
        {"record_id": "m-call", "record_type": "meeting", "action": "accept"},
        {"record_id": "m-summit", "record_type": "meeting", "action": "accept"},
        {"record_id": "p-ana", "record_type": "person", "action": "merge", "value": "p-lena"},
        {"record_id": "m-call", "record_type": "meeting", "action": "correct", "field": "start_date",
         "value": "2024-05-03"},
        {"record_id": "m-gone", "record_type": "meeting", "action": "accept"},
    )
    assert result.summary.line() == ("applied 5 review decisions: 2 accepts, 1 correction, 1 merge, 1 reject; "
                                     "1 no longer apply")


def test_corrections_that_break_a_record_are_refused_when_replayed(output):
    result = applied(
        output,
        {"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "sources", "value": []},
        {"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "participants",
         "value": [{"person_id": "p-ghost", "name": "Ghost"}]},
        {"record_id": "m-summit", "record_type": "meeting", "action": "correct", "field": "end_date",
         "value": "2024-05-01"},
    )
    assert [line.split(": ", 1)[0] for line in result.unapplied] == [
        "reviews.jsonl line 1", "reviews.jsonl line 2", "reviews.jsonl line 3"]
    assert "at least one source" in result.unapplied[0]
    assert "no person with id p-ghost" in result.unapplied[1]
    assert "before start_date" in result.unapplied[2]
    summit = next(m for m in result.meetings if m.id == "m-summit")
    assert len(summit.sources) == 2 and [p.person_id for p in summit.participants] == ["p-ana", "p-tomas"]


def test_split_gives_the_kept_record_the_date_of_its_remaining_source(output):
    result = applied(output, {"record_id": "m-summit", "record_type": "meeting", "action": "split", "value": "art-a"})
    by_id = {m.id: m for m in result.meetings}
    kept, split = by_id["m-summit"], by_id["m-summit-split-art-a"]
    assert [s.article_id for s in kept.sources] == ["art-b"]
    assert str(kept.start_date) == "2024-05-03"
    assert str(split.start_date) == "2024-05-02"


SEPARATORS = "line\u2028para\u2029next\u0085end"


def test_line_separators_survive_the_log_and_the_output_folder(output, tmp_path):
    articles, meetings, people = sample_records()
    articles[0] = articles[0].model_copy(update={"text": articles[0].text + " " + SEPARATORS})
    (output / "articles.jsonl").write_text(
        "".join(json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    from pipeline.review.decisions import Decision, append_decision, read_decisions
    append_decision(output, Decision(record_id="m-summit", record_type="meeting", field="name", action="correct",
                                     value="Water " + SEPARATORS, reviewer="t\u2028r", at="2026-01-01T00:00:00+00:00"))
    raw = (output / REVIEWS_FILE).read_text(encoding="utf-8")
    assert raw.count("\n") == 1 and "\u2028" not in raw and "\\u2028" in raw
    decisions, problems = read_decisions(output)
    assert problems == [] and decisions[0].decision.value == "Water " + SEPARATORS
    result = apply_reviews(output, meetings, people)
    assert next(m for m in result.meetings if m.id == "m-summit").name == "Water " + SEPARATORS
    assert main(["review", str(output), "--export", str(tmp_path / "r.html")]) == 0


def test_append_starts_a_new_line_after_a_line_cut_short(output):
    (output / REVIEWS_FILE).write_text('{"record_id": "m-ca', encoding="utf-8")
    from pipeline.review.decisions import Decision, append_decision, read_decisions
    append_decision(output, Decision(record_id="m-call", record_type="meeting", action="accept", reviewer="t",
                                     at="2026-01-01T00:00:00+00:00"))
    decisions, problems = read_decisions(output)
    assert [d.line for d in decisions] == [2] and problems == [(1, "reviews.jsonl line 1: not valid JSON")]


# ---------- the session: replay over the records before review, lists, labels ----------

def test_session_replays_over_the_records_kept_before_review(output):
    from pipeline.review.session import ListQuery, ReviewSession
    write_reviews(output, {"record_id": "p-ana", "record_type": "person", "action": "merge", "value": "p-lena"})
    _, meetings, people = sample_records()
    result = apply_reviews(output, meetings, people)
    for name, records in (("meetings", result.meetings), ("people", result.people)):
        (output / f"{name}.jsonl").write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    session = ReviewSession(output, reviewer="tester")
    assert session.from_unreviewed
    assert session.state().unapplied_lines() == []
    assert session.state().resolve("person", "p-lena") == "p-ana"
    undone = session.undo()
    assert undone.decision.action == "merge"
    assert [row.id for row in session.rows(ListQuery.from_params("person", {}))] == ["p-ana", "p-lena", "p-tomas"]


def test_without_a_log_no_copy_of_the_records_is_kept(output):
    from pipeline.review.base_records import BASE_DIR
    _, meetings, people = sample_records()
    write_reviews(output, {"record_id": "m-call", "record_type": "meeting", "action": "accept"})
    apply_reviews(output, meetings, people)
    assert (output / BASE_DIR / "meetings.jsonl").exists()
    (output / REVIEWS_FILE).unlink()
    apply_reviews(output, meetings, people)
    assert not (output / BASE_DIR / "meetings.jsonl").exists()


def test_unnamed_meetings_get_a_label_from_kind_people_and_date():
    from pipeline.review.labels import meeting_label
    _, meetings, people = sample_records()
    by_id = {p.id: p for p in people}
    call = next(m for m in meetings if m.id == "m-call")
    assert meeting_label(call, by_id) == "Virtual meeting: Ana Reyes – Lena Okafor, 2024-05-13"
    crowd = Meeting.model_validate({**call.model_dump(), "kind": "call", "participants": [
        {"name": "A B"}, {"name": "C D", "role": "host"}, {"name": "E F"}]})
    assert meeting_label(crowd, {}) == "Call: C D – A B +1, 2024-05-13"
    alone = Meeting.model_validate({**call.model_dump(), "participants": [], "start_date": None, "date_text": None,
                                    "location": {"city": "Lima"}})
    assert meeting_label(alone, {}) == "Virtual meeting in Lima"
    summit = next(m for m in meetings if m.id == "m-summit")
    assert meeting_label(summit, by_id) == "Regional Water Summit"


def test_lists_sort_by_date_newest_first_and_filter_by_url_parameters(output):
    from pipeline.review.session import ListQuery, ReviewSession
    session = ReviewSession(output, reviewer="tester")
    assert [r.id for r in session.rows(ListQuery.from_params("meeting", {}))] == ["m-call", "m-summit"]
    oldest = ListQuery.from_params("meeting", {"sort": "date", "dir": "asc"})
    assert [r.id for r in session.rows(oldest)] == ["m-summit", "m-call"]
    assert oldest.string() == "?dir=asc"
    assert [r.id for r in session.rows(ListQuery.from_params("meeting", {"type": "summit"}))] == ["m-summit"]
    assert [r.id for r in session.rows(ListQuery.from_params("meeting", {"q": "okafor"}))] == ["m-call"]
    assert [r.id for r in session.rows(ListQuery.from_params("meeting", {"conflicts": "1"}))] == ["m-summit"]
    assert [r.id for r in session.rows(ListQuery.from_params("meeting", {"from": "2024-05-10"}))] == ["m-call"]
    assert session.progress("meeting") == (0, 2)
    session.decide({"record_type": "meeting", "record_id": "m-call", "action": "accept"})
    assert session.progress("meeting") == (1, 2)
    assert [r.id for r in session.rows(ListQuery.from_params("meeting", {"status": "unreviewed"}))] == ["m-summit"]
    assert session.next_unreviewed("meeting", "m-call", ListQuery.from_params("meeting", {})) == "m-summit"


# ---------- evidence ----------

def test_nested_and_overlapping_spans_are_all_drawn_and_nest():
    from pipeline.review.evidence import Span, highlight
    text = "The Regional Water Summit met in Jakarta on 2 May 2024 today."
    spans = [
        Span("a", 0, 61, text[0:61], "mention"),
        Span("b", 4, 25, text[4:25], "name"),
        Span("c", 13, 18, text[13:18], "name"),
        Span("d", 33, 47, text[33:47], "venue"),
        Span("e", 44, 54, text[44:54], "date"),
    ]
    html = str(highlight(text, spans))
    assert set(re.findall(r'data-span="(\w)"', html)) == {"a", "b", "c", "d", "e"}
    assert html.count("<mark") == html.count("</mark>")
    depth = 0
    for tag in re.findall(r"</?mark", html):
        depth += 1 if tag == "<mark" else -1
        assert depth >= 0
    visible = re.sub(r'<span class="tag"[^>]*>.*?</span>', "", html)
    assert re.sub(r"<[^>]+>", "", visible) == text


def test_excerpt_keeps_only_paragraphs_with_evidence():
    from pipeline.review.evidence import Span, excerpt_windows
    text = "First para.\n\nSecond para holds Ana.\n\nThird.\n\nFourth holds Lena."
    start = text.index("Ana")
    spans = [Span("a", start, start + 3, "Ana", "name"), Span("b", text.index("Lena"), len(text) - 1, "Lena", "name")]
    windows = excerpt_windows(text, spans)
    assert [text[s:e] for s, e in windows] == ["Second para holds Ana.", "Fourth holds Lena."]


def test_evidence_fields_are_derived_from_the_record():
    from pipeline.review.evidence import record_spans
    _, meetings, people = sample_records()
    summit = next(m for m in meetings if m.id == "m-summit")
    spans = record_spans("meeting", summit, "art-a", {p.id: p for p in people})
    fields = {s.text: (s.field, s.owner) for s in spans}
    assert fields["Regional Water Summit"] == ("name", "own")
    assert fields["Ana Reyes"] == ("participant", "linked") and fields["Tomas Berg"] == ("participant", "linked")
    explicit = Meeting.model_validate({**summit.model_dump(), "sources": [{"article_id": "art-a", "evidence": [
        {"start": 0, "end": 7, "text": "JAKARTA", "field": "city"}]}]})
    assert [s.field for s in record_spans("meeting", explicit, "art-a", {})] == ["city"]
