"""`convene diff` and pipeline.evaluate.diff on small hand-built output folders."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli.main import main
from pipeline.evaluate.diff import (
    diff_folders,
    diff_to_json,
    format_diff,
    shorten,
    summary_line,
)


def write_folder(folder: Path, articles: list[dict], meetings: list[dict], people: list[dict],
                 rejects: list[dict] = (), started: str = "2024-01-01T00:00:00") -> Path:
    folder.mkdir(parents=True)
    for name, records in (("articles", articles), ("meetings", meetings), ("people", people), ("rejects", rejects)):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    manifest = {"contract_version": "1.0", "pipeline_version": "0.1.0", "inputs": [str(folder)],
                "started": started, "finished": started}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def article(ident: str, source: str, title: str) -> dict:
    return {"id": ident, "source": source, "title": title, "published": "2024-03-05", "text": "text", "status": "ok"}


def meeting(ident: str, name: str, start: str, article_ids: list[str]) -> dict:
    return {"id": ident, "name": name, "start_date": start, "location": {"city": "Jakarta"},
            "sources": [{"article_id": a, "evidence": []} for a in article_ids]}


def person(ident: str, name: str, title: str, article_ids: list[str]) -> dict:
    return {"id": ident, "name": name, "roles": [{"title": title}],
            "sources": [{"article_id": a, "evidence": []} for a in article_ids]}


def baseline(folder: Path, started: str = "2024-01-01T00:00:00") -> Path:
    return write_folder(
        folder,
        articles=[article("a1", "a.txt", "Forum opens"), article("b1", "b.txt", "Talks held")],
        meetings=[meeting("m-forum", "Jakarta Water Forum", "2024-03-04", ["a1", "b1"])],
        people=[person("p-ani", "Ani Rahma", "Minister of Public Works", ["a1"]),
                person("p-budi", "Budi Santoso", "Governor", ["b1"])],
        rejects=[{"source": "bad.pdf", "stage": "read", "reason": "unreadable", "detail": None}],
        started=started,
    )


def test_identical_folders_ignore_manifest_timestamps(tmp_path: Path) -> None:
    old = baseline(tmp_path / "old")
    new = baseline(tmp_path / "new", started="2025-06-30T12:00:00")
    result = diff_folders(old, new)
    assert not result.changed
    assert summary_line(result) == "no differences"


def test_changed_added_and_removed_records(tmp_path: Path) -> None:
    old = baseline(tmp_path / "old")
    new = write_folder(
        tmp_path / "new",
        articles=[article("a1", "a.txt", "Forum opens"), article("b1", "b.txt", "Talks held")],
        meetings=[meeting("m-forum", "Jakarta Water Forum", "2024-03-05", ["a1", "b1"])],
        people=[person("p-ani", "Ani Rahma", "Minister of Public Works", ["a1"]),
                person("p-joko", "Joko Widodo", "President", ["b1"])],
        rejects=[{"source": "bad.pdf", "stage": "read", "reason": "unreadable", "detail": None}],
    )
    result = diff_folders(old, new)
    by_status = {(c.status, c.file): c for c in result.changes}
    assert sorted(by_status) == [("added", "people"), ("changed", "meetings"), ("removed", "people")]
    changed = by_status[("changed", "meetings")]
    assert [(f.path, f.old, f.new) for f in changed.fields] == [("start_date", "2024-03-04", "2024-03-05")]
    assert changed.articles == ("a.txt", "b.txt")
    assert by_status[("added", "people")].new_id == "p-joko"
    assert by_status[("removed", "people")].old_id == "p-budi"
    assert by_status[("removed", "people")].articles == ("b.txt",)
    assert summary_line(result) == "3 records differ: 1 added, 1 removed, 1 changed (meetings 1, people 2)"
    text = format_diff(result)
    assert ("a.txt + b.txt\n  changed  meetings m-forum 'Jakarta Water Forum'\n"
            '      start_date: "2024-03-04" → "2024-03-05"') in text
    assert "b.txt\n" in text and "removed  people p-budi 'Budi Santoso'" in text


def test_record_with_new_id_is_matched_by_content(tmp_path: Path) -> None:
    old = baseline(tmp_path / "old")
    new = write_folder(
        tmp_path / "new",
        # the article ids changed too (cleaning changed): records still pair through the article sources
        articles=[article("a2", "a.txt", "Forum opens"), article("b2", "b.txt", "Talks held")],
        meetings=[meeting("m-forum-v2", "Jakarta Water Forum", "2024-03-04", ["a2", "b2"])],
        people=[person("p-ani-v2", "Ani Rahma", "Minister for Public Works", ["a2"]),
                person("p-budi", "Budi Santoso", "Governor", ["b2"])],
        rejects=[{"source": "bad.pdf", "stage": "read", "reason": "unreadable", "detail": None}],
    )
    result = diff_folders(old, new)
    assert result.count("added") == 0 and result.count("removed") == 0
    ani = next(c for c in result.changes if c.file == "people" and c.new_id == "p-ani-v2")
    assert ani.old_id == "p-ani"
    paths = {f.path: (f.old, f.new) for f in ani.fields}
    assert paths["id"] == ("p-ani", "p-ani-v2")
    assert paths["roles[0].title"] == ("Minister of Public Works", "Minister for Public Works")
    forum = next(c for c in result.changes if c.file == "meetings")
    assert forum.old_id == "m-forum" and forum.new_id == "m-forum-v2"
    assert "(was p-ani)" in format_diff(result)


def test_different_person_in_same_article_is_not_matched_by_content(tmp_path: Path) -> None:
    old = baseline(tmp_path / "old")
    new = write_folder(
        tmp_path / "new",
        articles=[article("a1", "a.txt", "Forum opens"), article("b1", "b.txt", "Talks held")],
        meetings=[meeting("m-forum", "Jakarta Water Forum", "2024-03-04", ["a1", "b1"])],
        people=[person("p-ani", "Ani Rahma", "Minister of Public Works", ["a1"]),
                person("p-other", "Joko Widodo", "Governor", ["b1"])],
        rejects=[{"source": "bad.pdf", "stage": "read", "reason": "unreadable", "detail": None}],
    )
    result = diff_folders(old, new)
    assert [(c.status, c.old_id or c.new_id) for c in result.changes] == [("removed", "p-budi"), ("added", "p-other")]


def test_json_and_shortened_values(tmp_path: Path) -> None:
    old = baseline(tmp_path / "old")
    new = baseline(tmp_path / "new")
    (new / "rejects.jsonl").write_text("")
    data = diff_to_json(diff_folders(old, new))
    assert data["changed"] is True
    assert data["summary"] == {"added": 0, "removed": 1, "changed": 0}
    assert data["changes"][0]["articles"] == ["bad.pdf"]
    assert shorten("x" * 100, limit=20) == '"' + "x" * 18 + "…"


def test_cli_exit_codes(tmp_path: Path, capsys) -> None:
    old = baseline(tmp_path / "old")
    same = baseline(tmp_path / "same")
    assert main(["diff", str(old), str(same), "--fail-on-change"]) == 0
    assert capsys.readouterr().out.strip() == "no differences"
    changed = baseline(tmp_path / "changed")
    renamed = meeting("m-forum", "Water Forum", "2024-03-04", ["a1", "b1"])
    (changed / "meetings.jsonl").write_text(json.dumps(renamed) + "\n")
    assert main(["diff", str(old), str(changed)]) == 0
    assert main(["diff", str(old), str(changed), "--fail-on-change"]) == 1
    out = capsys.readouterr().out
    assert 'name: "Jakarta Water Forum" → "Water Forum"' in out
    assert main(["diff", str(old), str(changed), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["changed"] == 1


@pytest.mark.parametrize("problem", ["missing", "not an output folder", "bad line"])
def test_cli_errors_are_one_line(tmp_path: Path, capsys, problem: str) -> None:
    old = baseline(tmp_path / "old")
    new = tmp_path / "new"
    if problem == "not an output folder":
        new.mkdir()
    elif problem == "bad line":
        baseline(new)
        (new / "people.jsonl").write_text("{oops\n")
    assert main(["diff", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("convene diff: error: ") and err.count("\n") == 1
