"""Comparing two output folders record by record: added, removed and changed records, grouped by article."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate.matching import tokens
from pipeline.evaluate.outputs import RECORD_FILES, check_output_folder, read_jsonl

# `inputs` are the paths as typed on the command line: a re-run elsewhere differs without any change.
MANIFEST_IGNORED = frozenset({"started", "finished", "inputs"})
NAME_SIMILARITY = 0.5
NO_ARTICLE = "(no article)"


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """One record added, removed or changed; `articles` are the sources it belongs to."""

    status: str
    file: str
    old_id: str | None
    new_id: str | None
    label: str
    articles: tuple[str, ...]
    fields: tuple[FieldChange, ...] = ()

    @property
    def group(self) -> str:
        return " + ".join(self.articles) if self.articles else NO_ARTICLE


@dataclass
class FolderDiff:
    old: Path
    new: Path
    changes: list[RecordChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def count(self, status: str, file: str | None = None) -> int:
        return sum(1 for c in self.changes if c.status == status and (file is None or c.file == file))


def diff_folders(old: Path, new: Path) -> FolderDiff:
    """Every record added, removed or changed between two output folders (manifest timestamps ignored)."""
    old, new = Path(old), Path(new)
    check_output_folder(old)
    check_output_folder(new)
    old_sources, new_sources = _article_sources(old), _article_sources(new)
    result = FolderDiff(old, new)
    for file in RECORD_FILES:
        old_records = _keyed(file, read_jsonl(old / f"{file}.jsonl"))
        new_records = _keyed(file, read_jsonl(new / f"{file}.jsonl"))
        pairs = _pair_records(file, old_records, new_records, old_sources, new_sources)
        paired_old = {o for o, _ in pairs}
        paired_new = {n for _, n in pairs}
        for old_key, new_key in pairs:
            before, after = old_records[old_key], new_records[new_key]
            fields = tuple(_field_changes(before, after))
            if fields:
                result.changes.append(RecordChange("changed", file, before.get("id"), after.get("id"),
                                                   _label(file, after), _articles_of(file, after, new_sources), fields))
        for key in sorted(set(old_records) - paired_old):
            record = old_records[key]
            result.changes.append(RecordChange("removed", file, record.get("id"), None, _label(file, record),
                                               _articles_of(file, record, old_sources)))
        for key in sorted(set(new_records) - paired_new):
            record = new_records[key]
            result.changes.append(RecordChange("added", file, None, record.get("id"), _label(file, record),
                                               _articles_of(file, record, new_sources)))
    manifest_fields = tuple(_field_changes(_manifest(old), _manifest(new)))
    if manifest_fields:
        result.changes.append(RecordChange("changed", "manifest", None, None, "manifest.json", (), manifest_fields))
    return result


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / "manifest.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}
    return {k: v for k, v in data.items() if k not in MANIFEST_IGNORED} if isinstance(data, dict) else {}


def _article_sources(folder: Path) -> dict[str, str]:
    return {a["id"]: a["source"] for a in read_jsonl(folder / "articles.jsonl") if "id" in a and "source" in a}


def _keyed(file: str, records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records by identity: `id`, or for rejects (which have none) the rejected source."""
    keyed: dict[str, dict[str, Any]] = {}
    for record in records:
        base = str(record.get("id") or record.get("source") or json.dumps(record, sort_keys=True))
        key, n = base, 1
        while key in keyed:
            n += 1
            key = f"{base} ({n})"
        keyed[key] = record
    return keyed


def _cited_sources(record: dict[str, Any], sources: dict[str, str]) -> frozenset[str]:
    ids = (ref.get("article_id") for ref in record.get("sources") or [])
    return frozenset(sources.get(i, i) for i in ids if i)


def _articles_of(file: str, record: dict[str, Any], sources: dict[str, str]) -> tuple[str, ...]:
    if file in ("articles", "rejects"):
        return (record["source"],) if record.get("source") else ()
    return tuple(sorted(_cited_sources(record, sources)))


def _label(file: str, record: dict[str, Any]) -> str:
    if file == "meetings":
        return str(record.get("name") or record.get("date_text") or record.get("start_date") or record.get("id"))
    if file == "people":
        return str(record.get("name") or record.get("id"))
    if file == "rejects":
        return str(record.get("reason") or record.get("source"))
    return str(record.get("title") or record.get("source") or record.get("id"))


def _name_words(file: str, record: dict[str, Any]) -> set[str]:
    if file == "people":
        return set().union(*(tokens(n) for n in [record.get("name"), *(record.get("aliases") or [])]))
    names = [record.get("name"), record.get("series"), record.get("date_text"), record.get("start_date")]
    return set().union(*(tokens(n) for n in names))


def _similarity(file: str, old: dict[str, Any], new: dict[str, Any]) -> float:
    a, b = _name_words(file, old), _name_words(file, new)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b) if a | b else 0.0


def _pair_records(file: str, old: dict[str, dict], new: dict[str, dict],
                  old_sources: dict[str, str], new_sources: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of keys: same id first; then, for records whose id changed, the same content.

    Articles and rejects: the same source. Meetings and people: the same cited article sources
    and similar names (word overlap >= 0.5), best pairs first."""
    pairs = [(key, key) for key in sorted(set(old) & set(new))]
    left_old = sorted(set(old) - set(new))
    left_new = sorted(set(new) - set(old))
    if file in ("articles", "rejects"):
        by_source = {}
        for key in left_new:
            by_source.setdefault(new[key].get("source"), key)
        for key in left_old:
            match = by_source.pop(old[key].get("source"), None)
            if match is not None:
                pairs.append((key, match))
        return pairs
    candidates = []
    for old_key in left_old:
        old_cited = _cited_sources(old[old_key], old_sources)
        for new_key in left_new:
            if _cited_sources(new[new_key], new_sources) != old_cited:
                continue
            similarity = _similarity(file, old[old_key], new[new_key])
            if similarity >= NAME_SIMILARITY:
                candidates.append((-similarity, old_key, new_key))
    used_old, used_new = set(), set()
    for _, old_key, new_key in sorted(candidates):
        if old_key not in used_old and new_key not in used_new:
            pairs.append((old_key, new_key))
            used_old.add(old_key)
            used_new.add(new_key)
    return pairs


def _field_changes(old: Any, new: Any, path: str = ""):
    """(path, old, new) for every leaf that differs; lists of different lengths are compared whole."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            yield from _field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new)):
            yield from _field_changes(a, b, f"{path}[{index}]")
    elif old != new:
        yield FieldChange(path, old, new)


def shorten(value: Any, limit: int = 60) -> str:
    """A value as compact JSON, cut to `limit` characters for display."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_line(diff: FolderDiff) -> str:
    if not diff.changed:
        return "no differences"
    per_file = ", ".join(f"{file} {sum(1 for c in diff.changes if c.file == file)}"
                         for file in (*RECORD_FILES, "manifest") if any(c.file == file for c in diff.changes))
    return (f"{len(diff.changes)} records differ: {diff.count('added')} added, {diff.count('removed')} removed, "
            f"{diff.count('changed')} changed ({per_file})")


def format_diff(diff: FolderDiff) -> str:
    """Changes grouped by article, then the summary line."""
    groups: dict[str, list[RecordChange]] = {}
    for change in diff.changes:
        groups.setdefault(change.group, []).append(change)
    lines = []
    for group in sorted(groups):
        lines.append(group)
        for change in groups[group]:
            record = change.new_id or change.old_id or ""
            renamed = f" (was {change.old_id})" if change.status == "changed" and change.old_id != change.new_id else ""
            lines.append(f"  {change.status:<8} {change.file} {record}{renamed} {change.label!r}".rstrip())
            lines += [f"      {f.path}: {shorten(f.old)} → {shorten(f.new)}" for f in change.fields]
    lines.append(summary_line(diff))
    return "\n".join(lines)


def diff_to_json(diff: FolderDiff) -> dict[str, Any]:
    return {
        "changed": diff.changed,
        "summary": {status: diff.count(status) for status in ("added", "removed", "changed")},
        "changes": [
            {"status": c.status, "file": c.file, "old_id": c.old_id, "new_id": c.new_id, "label": c.label,
             "articles": list(c.articles),
             "fields": [{"path": f.path, "old": f.old, "new": f.new} for f in c.fields]}
            for c in diff.changes
        ],
    }
