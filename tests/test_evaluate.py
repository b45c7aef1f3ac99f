"""`convene evaluate` and pipeline.evaluate.score: numbers checked by hand and against score.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli.main import main
from pipeline.evaluate.report import format_details, format_table, to_json
from pipeline.evaluate.score import evaluate

SCORE_SCRIPT = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in sorted(records, key=lambda r: r["id"])), encoding="utf-8")


def write_output(folder: Path, articles: list[dict], meetings: list[dict], people: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_jsonl(folder / "articles.jsonl", articles)
    write_jsonl(folder / "meetings.jsonl", meetings)
    write_jsonl(folder / "people.jsonl", people)
    (folder / "rejects.jsonl").write_text("", encoding="utf-8")
    return folder


def article(ident: str, source: str, title: str | None, published: str | None, duplicate_of: str | None = None) -> dict:
    return {"id": ident, "source": source, "url": None, "title": title, "published": published, "language": "en",
            "text": "text", "status": "duplicate" if duplicate_of else "ok", "duplicate_of": duplicate_of}


def cite(article_id: str, evidence: str = "") -> dict:
    spans = [{"start": 0, "end": len(evidence), "text": evidence}] if evidence else []
    return {"article_id": article_id, "evidence": spans}


def person(ident: str, name: str, sources: list[dict], titles: tuple[str, ...] = ()) -> dict:
    return {"id": ident, "name": name, "honorifics": [], "post_nominals": [], "aliases": [],
            "roles": [{"title": t, "organization": None, "country": None, "article_ids": []} for t in titles],
            "meeting_ids": [], "sources": sources}


def meeting(ident: str, name: str | None, start: str | None, end: str | None, location: dict,
            participants: list[str], sources: list[dict]) -> dict:
    return {"id": ident, "kind": "meeting", "name": name, "series": None, "ordinal": None,
            "start_date": start, "end_date": end, "date_text": None,
            "location": {"venue": None, "city": None, "region": None, "country": None, **location},
            "hosts": [], "attendance": None,
            "participants": [{"person_id": None, "name": n, "role": "participant"} for n in participants],
            "sources": sources, "conflicts": []}


GOLD = {
    "about": "two short articles about one forum",
    "articles": [
        {"source": "a.txt", "title": "Ministers meet in Jakarta", "published": "2024-03-05"},
        {"source": "b.txt", "title": "Talks held", "published": {"accept": ["2024-03-06", "2024-03-05"]}},
    ],
    "meetings": [
        {"key": "forum", "kind": "meeting", "name": "Jakarta Water Forum", "start_date": "2024-03-04",
         "end_date": "2024-03-05", "location": {"venue": None, "city": "Jakarta City", "region": None, "country": None},
         "sources": ["a.txt", "b.txt"],
         "participants": [{"person": "ani", "role": "chair"}, {"person": "budi", "role": "participant"}]},
    ],
    "people": [
        {"key": "ani", "name": "Ani Rahma", "roles": [{"title": "Minister of Public Works"}],
         "sources": ["a.txt", "b.txt"]},
        {"key": "budi", "name": "Budi Santoso",
         "roles": [{"title": {"accept": ["Governor of Jakarta", "Jakarta Governor"]}}], "sources": ["a.txt"]},
        {"key": "citra", "name": "Citra Dewi", "optional": True, "sources": ["b.txt"]},
    ],
}


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


@pytest.fixture
def output_dir(tmp_path: Path) -> Path:
    return write_output(
        tmp_path / "out",
        articles=[article("art-a", "a.txt", "Ministers Meet in Jakarta!", "2024-03-05"),
                  article("art-b", "b.txt", "Other", "2024-03-06")],
        meetings=[
            meeting("m1", "Jakarta Water Forum", "2024-03-04", "2024-03-05", {"city": "Jakarta"},
                    ["Ani Rahma", "Joko Widodo"], [cite("art-a", "the Jakarta Water Forum on March 4-5")]),
            meeting("m2", "Water Forum", "2024-03-04", None, {"venue": "Hotel Indonesia"},
                    ["Budi Santoso"], [cite("art-b", "the Water Forum on Monday")]),
            meeting("m3", "Press briefing", "2024-03-10", None, {}, [], [cite("art-b", "a press briefing on Sunday")]),
        ],
        people=[
            person("p1", "Ani Rahma", [cite("art-a"), cite("art-b")], ("Minister of Public Works",)),
            person("p2", "Mr. Budi Santoso", [cite("art-a", "Deputy Governor Budi Santoso")], ("Deputy Governor",)),
            person("p3", "Joko Widodo", [cite("art-b", "President Joko Widodo said")]),
            person("p4", "Citra Dewi", [cite("art-b")]),
        ],
    )


def test_metrics_computed_by_hand(output_dir: Path, gold_file: Path) -> None:
    result = evaluate(output_dir, [gold_file])
    # people: Ani in a and b, Budi in a found; Joko in b extra; Citra optional (neither tp nor fp)
    assert (result.people.tp, result.people.fp, result.people.fn) == (3, 1, 0)
    assert result.people.f1 == pytest.approx(6 / 7)
    # roles: Ani's title found; Budi's gold title missed and "Deputy Governor" extra
    assert (result.roles.tp, result.roles.fp, result.roles.fn) == (1, 1, 1)
    # meetings: the forum matched in a (m1) and b (m2); the press briefing is extra
    assert (result.meetings.tp, result.meetings.fp, result.meetings.fn) == (2, 1, 0)
    assert result.meetings.f1 == pytest.approx(0.8)
    # m2 lacks the end date and gives a venue that is not Jakarta
    assert (result.dates.correct, result.dates.total) == (1, 2)
    assert (result.places.correct, result.places.total) == (1, 2)
    # participants: m1 has Ani (tp), lacks Budi (fn), adds Joko (fp); m2 has Budi, lacks Ani
    assert (result.participants.tp, result.participants.fp, result.participants.fn) == (2, 1, 2)
    assert result.participants.f1 == pytest.approx(4 / 7)
    # dedup: gold pairs forum(a,b) and Ani(a,b); only Ani's is merged
    assert (result.dedup.tp, result.dedup.fp, result.dedup.fn) == (1, 0, 1)
    assert (result.articles_read.correct, result.published.correct, result.titles.correct) == (2, 2, 1)
    # attributes: m1 kind and name right, Ani listed as participant where the gold says chair;
    # m2 kind and Budi's role right, "Water Forum" too far from "Jakarta Water Forum" (overlap 2/3 < 0.8)
    assert (result.attributes.correct, result.attributes.total) == (4, 6)
    expected = (0.8 + 6 / 7 + 0.5 + 0.5 + 0.5 + 4 / 7 + 4 / 6 + 2 / 3) / 8
    assert result.score == pytest.approx(expected)


def test_details_name_article_and_evidence(output_dir: Path, gold_file: Path) -> None:
    details = evaluate(output_dir, [gold_file]).details
    extra_person = [d for d in details if d.kind == "extra" and d.record == "person"]
    assert [(d.article, d.evidence) for d in extra_person] == [("b.txt", ("President Joko Widodo said",))]
    extra_meeting = [d for d in details if d.kind == "extra" and d.record == "meeting"]
    assert [(d.article, d.evidence) for d in extra_meeting] == [("b.txt", ("a press briefing on Sunday",))]
    kinds = {(d.kind, d.record, d.article) for d in details}
    assert ("wrong-date", "meeting", "b.txt") in kinds
    assert ("wrong-place", "meeting", "b.txt") in kinds
    assert ("not-merged", "meeting", "a.txt") in kinds
    assert ("missed", "title", None) in kinds
    wrong = {d.message for d in details if d.kind == "wrong-attribute"}
    assert wrong == {"role of Ani Rahma: got ['participant'] for 'Jakarta Water Forum'",
                     "name: got 'Water Forum' for 'Jakarta Water Forum'"}
    assert not any(d.kind == "wrongly-merged" for d in details)


def test_wrong_merge_and_duplicate_article(tmp_path: Path, gold_file: Path) -> None:
    out = write_output(
        tmp_path / "out",
        articles=[article("art-a", "a.txt", None, None), article("art-b", "b.txt", None, None),
                  article("art-c", "copy-of-a.txt", None, None, duplicate_of="art-a")],
        meetings=[],
        people=[
            # cites only the duplicate, which stands for a.txt
            person("p1", "Budi Santoso", [cite("art-c")]),
            person("p2", "Joko Widodo", [cite("art-a"), cite("art-b", "Joko Widodo in b")]),
        ],
    )
    result = evaluate(out, [gold_file])
    assert (result.people.tp, result.people.fp, result.people.fn) == (1, 2, 2)
    # Joko cites a and b, no gold person joins them
    assert (result.dedup.tp, result.dedup.fp, result.dedup.fn) == (0, 1, 2)
    merged = [d for d in result.details if d.kind == "wrongly-merged"]
    assert [(d.record, d.article, d.evidence) for d in merged] == [("person", "a.txt", ("Joko Widodo in b",))]
    # no meetings found: dates and places have nothing to check and count 0
    assert result.dates.total == 0 and result.dates.value == 0.0
    assert result.parts["meetings"] == 0.0


def test_gold_base_prefixes_gold_sources(tmp_path: Path, gold_file: Path) -> None:
    out = write_output(tmp_path / "out", [article("art-a", "news/a.txt", None, "2024-03-05")], [],
                       [person("p1", "Ani Rahma", [cite("art-a")])])
    assert evaluate(out, [gold_file]).people.tp == 0
    rebased = evaluate(out, [gold_file], gold_base=Path("news"))
    assert (rebased.people.tp, rebased.articles_read.correct, rebased.published.correct) == (1, 1, 1)


def test_people_in_two_gold_files_are_one_person(tmp_path: Path, output_dir: Path, gold_file: Path) -> None:
    second = tmp_path / "gold2.json"
    second.write_text(json.dumps({"articles": [], "meetings": [], "people": [
        {"key": "rahma", "name": "Ani Rahma", "roles": [{"title": "Chair of the Forum"}], "sources": ["b.txt"]}]}))
    result = evaluate(output_dir, [gold_file, second])
    assert (result.people.tp, result.people.fn) == (3, 0)
    # the merged person has two roles; only the minister title is found
    assert (result.roles.tp, result.roles.fn) == (1, 2)


def test_table_and_json(output_dir: Path, gold_file: Path) -> None:
    result = evaluate(output_dir, [gold_file])
    table = format_table(result)
    metric_rows = table.split("\n\n")[0].splitlines()
    assert metric_rows[1].split() == ["people", "0.750", "1.000", "0.857", "3", "1", "0"]
    assert len({len(row) for row in metric_rows}) == 1  # columns aligned
    assert "meeting dates" in table and "1/2" in table
    assert table.splitlines()[-1].startswith(f"score {result.score:.3f} (meetings 0.80 people 0.86")
    data = to_json(result)
    assert data["metrics"]["meetings"] == {"precision": 2 / 3, "recall": 1.0, "f1": pytest.approx(0.8),
                                           "tp": 2, "fp": 1, "fn": 0}
    assert list(data["parts"]) == ["meetings", "people", "roles", "dates", "places", "participants", "attributes",
                                   "dedup"]
    assert data["metrics"]["attributes"] == {"correct": 4, "total": 6, "accuracy": 4 / 6}
    assert json.loads(json.dumps(data))["score"] == pytest.approx(result.score)
    text = format_details(result)
    assert "b.txt\n" in text and "evidence: 'President Joko Widodo said'" in text


@pytest.mark.skipif(not SCORE_SCRIPT.exists(), reason="shared score.py not available")
@pytest.mark.parametrize("with_second_gold", [False, True])
def test_same_numbers_as_score_script(tmp_path: Path, output_dir: Path, gold_file: Path,
                                      with_second_gold: bool) -> None:
    golds = [gold_file]
    if with_second_gold:
        second = tmp_path / "gold2.json"
        second.write_text(json.dumps({"articles": [{"source": "c.txt", "title": None, "published": None}],
                                      "meetings": [], "people": [
            {"key": "joko", "name": "Joko Widodo", "aliases": ["The President", "Jokowi"],
             "roles": [{"title": "President"}], "sources": ["b.txt"]}]}))
        golds.append(second)
    completed = subprocess.run([sys.executable, str(SCORE_SCRIPT), str(output_dir), *map(str, golds), "--json"],
                               capture_output=True, text=True, check=True)
    reference = json.loads(completed.stdout)
    result = evaluate(output_dir, golds)
    assert result.parts == reference["parts"]
    assert result.score == reference["score"]


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_table_detail_and_min_score(output_dir: Path, gold_file: Path, capsys) -> None:
    code, out, _ = run_cli(["evaluate", str(output_dir), "--gold", str(gold_file)], capsys)
    assert code == 0 and "dedup pairs" in out and "score 0.633" in out
    code, out, _ = run_cli(["evaluate", str(output_dir), "--gold", str(gold_file), "--detail"], capsys)
    assert "a.txt\n" in out and "evidence: 'a press briefing on Sunday'" in out
    code, out, _ = run_cli(["evaluate", str(output_dir), "--gold", str(gold_file), "--json"], capsys)
    assert code == 0 and json.loads(out)["score"] == pytest.approx(0.6327, abs=1e-4)
    code, _, err = run_cli(["evaluate", str(output_dir), "--gold", str(gold_file), "--min-score", "0.9"], capsys)
    assert code == 1 and "below --min-score" in err
    code, _, _ = run_cli(["evaluate", str(output_dir), "--gold", str(gold_file), "--min-score", "0.6"], capsys)
    assert code == 0


@pytest.mark.parametrize("problem", ["missing output", "not an output folder", "missing gold", "invalid gold",
                                     "gold not an object", "bad output line"])
def test_cli_errors_are_one_line(tmp_path: Path, output_dir: Path, gold_file: Path, capsys, problem: str) -> None:
    output, gold = output_dir, gold_file
    if problem == "missing output":
        output = tmp_path / "nowhere"
    elif problem == "not an output folder":
        output = tmp_path / "empty"
        output.mkdir()
    elif problem == "missing gold":
        gold = tmp_path / "missing.json"
    elif problem == "invalid gold":
        gold.write_text("{not json")
    elif problem == "gold not an object":
        gold.write_text("[]")
    elif problem == "bad output line":
        (output / "people.jsonl").write_text("{oops\n")
    code, out, err = run_cli(["evaluate", str(output), "--gold", str(gold)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("convene evaluate: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
