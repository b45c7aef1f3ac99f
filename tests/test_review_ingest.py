"""Reviewer decisions in OUTPUT/reviews.jsonl are applied by the next `convene ingest` into that folder."""
from __future__ import annotations

import json

from pipeline.cli.main import main
from pipeline.write import read_jsonl

ARTICLE = (
    "Ministers meet on river data\n\n"
    "June 3, 2024\n\n"
    "Minister of Water Resources Ana Lindqvist met with Minister of Environment Tomas Varga in Vienna today. "
    "The two ministers agreed to share river gauge data.\n"
)


def read(path):
    return list(read_jsonl(path))


def test_ingest_applies_reviews(tmp_path, capsys):
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "river.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(sources), "--out", str(out), "--quiet"]) == 0
    meeting = read(out / "meetings.jsonl")[0]
    assert meeting["start_date"] == "2024-06-03"
    varga = next(p for p in read(out / "people.jsonl") if p["name"] == "Tomas Varga")
    decisions = [
        {"record_id": meeting["id"], "record_type": "meeting", "field": "start_date", "action": "correct",
         "value": "2024-06-02", "reviewer": "tester", "at": "2024-06-05T10:00:00+00:00"},
        {"record_id": meeting["id"], "record_type": "meeting", "field": None, "action": "accept",
         "value": None, "reviewer": "tester", "at": "2024-06-05T10:01:00+00:00"},
        {"record_id": varga["id"], "record_type": "person", "field": None, "action": "reject",
         "value": None, "reviewer": "tester", "at": "2024-06-05T10:02:00+00:00"},
        {"record_id": "m-does-not-exist", "record_type": "meeting", "field": None, "action": "accept",
         "value": None, "reviewer": "tester", "at": "2024-06-05T10:03:00+00:00"},
    ]
    (out / "reviews.jsonl").write_text("".join(json.dumps(d) + "\n" for d in decisions), encoding="utf-8")

    assert main(["ingest", str(sources), "--out", str(out), "--quiet"]) == 0
    meeting = read(out / "meetings.jsonl")[0]
    assert meeting["start_date"] == "2024-06-02"
    assert meeting["reviewed"] is True
    assert [p["name"] for p in meeting["participants"]] == ["Ana Lindqvist"]
    assert [p["name"] for p in read(out / "people.jsonl")] == ["Ana Lindqvist"]
    assert "m-does-not-exist" in capsys.readouterr().err


def test_ingest_prints_what_it_applied_and_refuses_broken_corrections(tmp_path, capsys):
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "river.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(sources), "--out", str(out), "--quiet"]) == 0
    meeting = read(out / "meetings.jsonl")[0]
    people = read(out / "people.jsonl")
    at = "2024-06-05T10:00:00+00:00"
    decisions = [
        {"record_id": meeting["id"], "record_type": "meeting", "field": "name", "action": "correct",
         "value": "River\u2028data\u2029talks\u0085", "reviewer": "tester", "at": at},
        {"record_id": meeting["id"], "record_type": "meeting", "field": "sources", "action": "correct",
         "value": [], "reviewer": "tester", "at": at},
        {"record_id": meeting["id"], "record_type": "meeting", "field": "end_date", "action": "correct",
         "value": "2024-06-01", "reviewer": "tester", "at": at},
        {"record_id": people[0]["id"], "record_type": "person", "field": None, "action": "accept",
         "value": None, "reviewer": "tester", "at": at},
    ]
    (out / "reviews.jsonl").write_text("".join(json.dumps(d) + "\n" for d in decisions), encoding="utf-8")
    capsys.readouterr()

    assert main(["ingest", str(sources), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "applied 2 review decisions: 1 accept, 1 correction; 2 no longer apply" in err
    assert "reviews.jsonl line 2: correct meeting" in err and "at least one source" in err
    assert "reviews.jsonl line 3: correct meeting" in err and "before start_date" in err
    meeting = read(out / "meetings.jsonl")[0]
    assert meeting["name"] == "River\u2028data\u2029talks\u0085"
    assert len(meeting["sources"]) == 1 and meeting["end_date"] != "2024-06-01"
