"""Loading the data files (word lists and patterns) that ship inside the package."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_SUFFIXES = (".txt", ".jsonl")


@lru_cache(maxsize=None)
def load_lexicon(relative_path: str) -> tuple[str, ...]:
    """The entries of a one-per-line word list under the package, without blank lines and `#` comments."""
    lines = (PACKAGE_DIR / relative_path).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def load_patterns(relative_path: str) -> tuple[dict, ...]:
    """The `{"label": ..., "pattern": ...}` objects of a JSONL pattern file under the package."""
    rows = []
    for number, line in enumerate((PACKAGE_DIR / relative_path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{relative_path} line {number}: invalid JSON: {exc.msg}") from exc
    return tuple(rows)


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A hash of every data file and rule module, so cached extraction results go stale when a rule changes."""
    digest = hashlib.sha256()
    for folder in ("clean", "extract"):
        for path in sorted((PACKAGE_DIR / folder).rglob("*")):
            if path.is_file() and (path.suffix in DATA_SUFFIXES or path.suffix == ".py"):
                digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
