"""`convene schema`: JSON Schemas generated from the record models."""
from __future__ import annotations

import json

from pipeline.cli.main import main


def test_schema_prints_valid_json_for_every_record_type(capsys):
    assert main(["schema"]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert {"article", "meeting", "person"} <= set(schemas)
    assert {"id", "start_date", "end_date", "participants", "sources"} <= set(schemas["meeting"]["properties"])
    assert {"id", "name", "honorifics", "roles"} <= set(schemas["person"]["properties"])
    assert {"id", "source", "text", "status", "duplicate_of"} <= set(schemas["article"]["properties"])


def test_schema_of_one_type(capsys):
    assert main(["schema", "person"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Person"
    assert "name" in schema["required"]


def test_unknown_record_type_exits_2_with_one_line(capsys):
    assert main(["schema", "nope"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "nope" in captured.err and "Traceback" not in captured.err
