"""Form posts of the review pages turned into decision values: one converter per kind of field editor."""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from pipeline.review.session import Refused

MAX_FIELDS = 2000
PARTICIPANT_ROLES = ("participant", "speaker", "host", "co-chair", "chair")


class FormData:
    """The fields of an `application/x-www-form-urlencoded` body, each name with all its values in order."""

    def __init__(self, body: bytes) -> None:
        try:
            text = body.decode("utf-8")
            pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, strict_parsing=False)
        except (UnicodeDecodeError, ValueError):
            raise Refused("the form could not be read") from None
        self.values: dict[str, list[str]] = {}
        for name, value in pairs:
            self.values.setdefault(name, []).append(value)

    def get(self, name: str, default: str | None = None) -> str | None:
        values = self.values.get(name)
        return values[0] if values else default

    def all(self, name: str) -> list[str]:
        return self.values.get(name, [])


def decision_fields(form: FormData) -> dict[str, Any]:
    """`record_type`, `record_id`, `action`, `field` and `value` of a decision posted by a page."""
    action = form.get("action") or ""
    editor = form.get("editor") or ""
    field = form.get("field") or None
    value: Any = form.get("value")
    if action == "correct":
        value = corrected_value(editor, form)
    elif action in ("accept", "reject"):
        value = None
    return {"record_type": form.get("record_type"), "record_id": form.get("record_id"), "action": action,
            "field": field, "value": value}


def corrected_value(editor: str, form: FormData) -> Any:
    """The value a field editor posts: text, number, date, select, lines, participants or roles."""
    raw = form.get("value") or ""
    if editor in ("text", "select"):
        return raw.strip() or None
    if editor == "date":
        return raw.strip() or None
    if editor == "number":
        if not raw.strip():
            return None
        try:
            return int(raw.strip())
        except ValueError:
            raise Refused(f"{raw!r} is not a whole number") from None
    if editor == "lines":
        return [line.strip() for line in raw.split("\n") if line.strip()]
    if editor == "participants":
        return _participants(form)
    if editor == "roles":
        return _roles(form)
    raise Refused(f"unknown field editor {editor!r}")


def _participants(form: FormData) -> list[dict]:
    ids, names, roles = form.all("person_id"), form.all("name"), form.all("role")
    if not len(ids) == len(names) == len(roles):
        raise Refused("the participant rows are incomplete")
    participants = []
    for person_id, name, role in zip(ids, names, roles):
        if role == "remove" or not name.strip():
            continue
        if role not in PARTICIPANT_ROLES:
            raise Refused(f"unknown participant role {role!r}")
        participants.append({"person_id": person_id or None, "name": name.strip(), "role": role})
    return participants


def _roles(form: FormData) -> list[dict]:
    columns = [form.all(name) for name in ("title", "organization", "country", "article_ids", "keep")]
    if len({len(column) for column in columns}) != 1:
        raise Refused("the role rows are incomplete")
    roles = []
    for title, org, country, article_ids, keep in zip(*columns):
        if keep == "remove" or not (title.strip() or org.strip() or country.strip()):
            continue
        try:
            ids = json.loads(article_ids) if article_ids else []
        except json.JSONDecodeError:
            raise Refused("the role rows are damaged") from None
        roles.append({"title": title.strip() or None, "organization": org.strip() or None,
                      "country": country.strip() or None, "article_ids": ids})
    return roles
