"""Per-article caches in the output folder: spaCy parses (DocBin) and the rule stage's results (JSON).

Parses live under `OUT/.cache/parses/<parse key>/` and are found by the hash of the text, so a rule change
re-runs only the rules over cached parses; results live under `OUT/.cache/extract/<results key>/` and are
found by a hash of the article's content (see `pipeline.nlp.identity` for what the keys cover).
A cache file that cannot be read is a miss, never an error.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pipeline import safe_json
from pipeline.write.jsonl import atomic_write_bytes

DOC_ATTRS = ["ORTH", "TAG", "POS", "ENT_IOB", "ENT_TYPE", "SENT_START", "SPACY", "NORM"]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ParseCache:
    """spaCy Docs stored one DocBin file per text."""

    def __init__(self, cache_dir: Path, parse_key: str):
        self.folder = cache_dir / "parses" / parse_key

    def _path(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.spacy"

    def load(self, text: str, vocab):
        """The cached Doc of `text`, or None."""
        from spacy.tokens import DocBin

        try:
            docs = list(DocBin().from_bytes(self._path(text_hash(text)).read_bytes()).get_docs(vocab))
        except Exception:  # a missing, torn or foreign cache file is a miss
            return None
        return docs[0] if len(docs) == 1 and docs[0].text == text else None

    def save(self, text: str, doc) -> None:
        from spacy.tokens import DocBin

        docbin = DocBin(attrs=DOC_ATTRS, store_user_data=False)
        docbin.add(doc)
        atomic_write_bytes(self._path(text_hash(text)), docbin.to_bytes(), sync=False)


class ResultCache:
    """The rule stage's per-article output as JSON."""

    def __init__(self, cache_dir: Path, results_key: str):
        self.folder = cache_dir / "extract" / results_key

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            value = safe_json.loads(self._path(key).read_bytes())
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def save(self, key: str, result: dict[str, Any]) -> None:
        atomic_write_bytes(self._path(key), safe_json.dumps(result).encode("utf-8"), sync=False)
