"""Per-article caches in the output folder: spaCy parses (DocBin) and the rule stage's results (JSON).

Parses are keyed by (text hash, model) so that a rule change re-runs only the rules over cached parses;
extraction results are keyed by (article content hash, model, rules fingerprint, configuration hash).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR = ".cache"


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ParseCache:
    """spaCy Docs stored one DocBin file per text, under OUT/.cache/parses/<model key>/."""

    def __init__(self, out_dir: Path, model_key: str):
        self.folder = out_dir / CACHE_DIR / "parses" / model_key

    def _path(self, text_hash: str) -> Path:
        return self.folder / text_hash[:2] / f"{text_hash}.spacy"

    def has(self, text_hash: str) -> bool:
        return self._path(text_hash).exists()

    def load(self, text_hash: str, vocab):
        from spacy.tokens import DocBin

        path = self._path(text_hash)
        try:
            docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(vocab))
        except (OSError, ValueError):
            return None
        return docs[0] if docs else None

    def save(self, text_hash: str, doc) -> None:
        from spacy.tokens import DocBin

        bin_ = DocBin(attrs=["ORTH", "TAG", "POS", "ENT_IOB", "ENT_TYPE", "SENT_START", "SPACY", "NORM"],
                      store_user_data=False)
        bin_.add(doc)
        _atomic_write_bytes(self._path(text_hash), bin_.to_bytes())


class ResultCache:
    """The rule stage's per-article output as JSON, under OUT/.cache/extract/<fingerprint>/."""

    def __init__(self, out_dir: Path, fingerprint: str):
        self.folder = out_dir / CACHE_DIR / "extract" / fingerprint

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, key: str, result: dict[str, Any]) -> None:
        data = json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8")
        _atomic_write_bytes(self._path(key), data)
