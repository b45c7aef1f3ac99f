"""The readers' entry point: every input file gives RawDocuments or Rejects, in a stable order."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from pipeline.models import Reject
from pipeline.read.decoding import declared_html_charset, decode_bytes
from pipeline.read.document import RawDocument, ReadProblem
from pipeline.read.json_reader import read_json, read_jsonl
from pipeline.read.markdown_reader import read_markdown
from pipeline.read.paths import InputFile, check_paths_exist, iter_input_files
from pipeline.read.text_reader import read_text

Reader = Callable[[str, str, str | None], RawDocument | Iterable[RawDocument | Reject]]


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


def iter_documents(paths: Sequence[str | Path], *, max_bytes: int = 5_000_000) -> Iterator[RawDocument | Reject]:
    """Yield one RawDocument per document found under `paths`, or a Reject (stage "read") per unusable input.

    Raises UserError at once, before anything is yielded, if a path does not exist.
    """
    checked = check_paths_exist(paths)
    return _iter_checked(checked, max_bytes)


def _iter_checked(paths: list[Path], max_bytes: int) -> Iterator[RawDocument | Reject]:
    for item in iter_input_files(paths):
        if isinstance(item, Reject):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def read_file(item: InputFile, *, max_bytes: int) -> Iterator[RawDocument | Reject]:
    """The documents of one file; any problem becomes a Reject for that file."""
    try:
        yield from _read_file(item, max_bytes)
    except ReadProblem as problem:
        yield Reject(source=item.source, stage="read", reason=problem.reason, detail=problem.detail)


def _read_file(item: InputFile, max_bytes: int) -> Iterator[RawDocument | Reject]:
    suffix = item.path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadProblem(f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)")
    data = _read_bytes(item.path, max_bytes)
    if not data:
        raise ReadProblem("empty file")
    declared = declared_html_charset(data) if reader is _read_html else None
    text, encoding = decode_bytes(data, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadProblem("whitespace-only text")
    result = reader(text, item.source, encoding)
    if isinstance(result, RawDocument):
        yield result
    else:
        yield from result


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if not path.is_file():
            raise ReadProblem("not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadProblem(f"file too large: {size} bytes > limit {max_bytes}")
        return path.read_bytes()
    except OSError as exc:
        raise ReadProblem(f"cannot read: {exc.strerror or exc}") from None
