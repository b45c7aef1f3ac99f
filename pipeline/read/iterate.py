"""The readers' entry point: every input file gives RawDocuments or Rejects, in a stable order."""
from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from pipeline.models import Reject
from pipeline.read.decoding import declared_html_charset, decode_bytes
from pipeline.read.document import RawDocument, ReadProblem
from pipeline.read.json_reader import read_json, read_jsonl
from pipeline.read.markdown_reader import read_markdown
from pipeline.read.paths import InputFile, check_paths_exist, iter_input_files
from pipeline.read.roots import common_root
from pipeline.read.text_reader import read_text

Reader = Callable[[str, str, str | None], RawDocument | Iterable[RawDocument | Reject]]
TEXT_FIELDS = ("text", "title", "published", "url", "publisher", "external_id")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _read_html(text: str, source: str, encoding: str | None) -> RawDocument:
    from pipeline.read.html_reader import read_html

    return read_html(text, source, encoding)


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}


class InputDocuments:
    """Iterating gives one RawDocument per document found under the paths, or a Reject (stage "read") per
    unusable input; `files` lists the sources of the files read so far."""

    def __init__(self, paths: list[Path], root: Path, skip: Sequence[Path], max_bytes: int):
        self.paths, self.root, self.skip, self.max_bytes = paths, root, skip, max_bytes
        self.files: list[str] = []

    def __iter__(self) -> Iterator[RawDocument | Reject]:
        for item in iter_input_files(self.paths, self.root, self.skip):
            if isinstance(item, Reject):
                yield item
            else:
                self.files.append(item.source)
                yield from read_file(item, max_bytes=self.max_bytes)


def iter_documents(paths: Sequence[str | Path], *, root: Path | None = None, skip: Sequence[Path] = (),
                   max_bytes: int = 5_000_000) -> InputDocuments:
    """The documents under `paths`, sources relative to `root` (default: the common folder of the paths).

    Raises UserError at once, before anything is read, if a path does not exist. Paths in `skip` (the output
    folder) are never walked.
    """
    checked = check_paths_exist(paths)
    return InputDocuments(checked, root or (common_root(checked) if checked else Path.cwd()), skip, max_bytes)


def read_file(item: InputFile, *, max_bytes: int) -> Iterator[RawDocument | Reject]:
    """The documents of one file; any problem, even a reader's own failure, becomes a Reject for that file."""
    try:
        documents = list(_read_file(item, max_bytes))
    except ReadProblem as problem:
        documents = [Reject(source=item.source, stage="read", reason=problem.reason, detail=problem.detail)]
    except Exception as exc:  # a reader bug or a pathological input must not stop the run
        documents = [Reject(source=item.source, stage="read", reason=f"reader failed: {type(exc).__name__}",
                            detail=str(exc)[:300] or None)]
    yield from documents


def _read_file(item: InputFile, max_bytes: int) -> Iterator[RawDocument | Reject]:
    suffix = item.path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadProblem(f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)")
    data = read_bytes(item.path, max_bytes)
    if not data:
        raise ReadProblem("empty file")
    declared = declared_html_charset(data) if reader is _read_html else None
    decoded = decode_bytes(data, declared)
    del data
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadProblem("whitespace-only text")
    result = reader(text, item.source, decoded.encoding)
    for document in [result] if isinstance(result, RawDocument) else result:
        yield _without_lone_surrogates(document, decoded.errors) if isinstance(document, RawDocument) else document


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most `max_bytes` (more is a ReadProblem, however the file changed since
    it was listed); a FIFO or device is refused without blocking."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ReadProblem("not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ReadProblem(f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ReadProblem("not a regular file")
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ReadProblem(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        size = max(len(data), _size(path))
        raise ReadProblem(f"file too large: {size} bytes > limit {max_bytes}")
    return data


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _without_lone_surrogates(document: RawDocument, decode_errors: int) -> RawDocument:
    """U+FFFD for each lone surrogate (a JSON `\\ud800` escape), counted with the file's decoding errors."""
    changes: dict = {}
    errors = decode_errors
    for name in TEXT_FIELDS:
        value = getattr(document, name)
        if value and _LONE_SURROGATE.search(value):
            changes[name], count = _LONE_SURROGATE.subn("\ufffd", value)
            errors += count
    if errors:
        changes["encoding_errors"] = errors
    return dataclasses.replace(document, **changes) if changes else document
