"""Reading an output folder (see the output contract) and resolving which articles a record cites."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import UserError
from pipeline.write.jsonl import read_jsonl as read_records

RECORD_FILES = ("articles", "meetings", "people", "rejects")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines file; a missing file has none, a bad line is a UserError."""
    return list(read_records(path))


def check_output_folder(folder: Path) -> None:
    """Refuse a path that is not an output folder, with a one-line reason."""
    if not folder.is_dir():
        raise UserError(f"output folder not found: {folder}")
    if not any((folder / f"{name}.jsonl").exists() for name in RECORD_FILES):
        raise UserError(f"{folder} is not an output folder: it holds none of "
                        + ", ".join(f"{name}.jsonl" for name in RECORD_FILES))


@dataclass
class OutputFolder:
    """The records of one output folder, with article ids resolved to their sources."""

    articles: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    people: list[dict[str, Any]]
    source_of: dict[str, str] = field(default_factory=dict)
    _same_as: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.source_of = {article["id"]: article["source"] for article in self.articles}
        # an article marked duplicate stands for its original and vice versa
        self._same_as = {source: {source} for source in self.source_of.values()}
        for article in self.articles:
            original = article.get("duplicate_of")
            if original in self.source_of:
                group = self._same_as[article["source"]] | self._same_as[self.source_of[original]]
                for source in group:
                    self._same_as[source] = group

    def standing_for(self, source: str) -> set[str]:
        """The source itself and every article it duplicates or that duplicates it."""
        return self._same_as.get(source, {source})

    def cited_sources(self, record: dict[str, Any], among: set[str]) -> set[str]:
        """Sources (from `among`) of the articles a record cites, duplicates standing for their originals."""
        cited: set[str] = set()
        for ref in record.get("sources") or []:
            source = self.source_of.get(ref.get("article_id"))
            if source:
                cited |= self.standing_for(source)
        return cited & among

    def evidence_in(self, record: dict[str, Any], source: str) -> list[str]:
        """Evidence texts a record gives from the article `source` (or an article standing for it)."""
        texts = []
        for ref in record.get("sources") or []:
            cited = self.source_of.get(ref.get("article_id"))
            if cited and source in self.standing_for(cited):
                texts += [span.get("text", "") for span in ref.get("evidence") or [] if span.get("text")]
        return texts


def read_output(folder: Path) -> OutputFolder:
    check_output_folder(folder)
    return OutputFolder(
        articles=read_jsonl(folder / "articles.jsonl"),
        meetings=read_jsonl(folder / "meetings.jsonl"),
        people=read_jsonl(folder / "people.jsonl"),
    )
