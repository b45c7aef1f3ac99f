"""Small helpers shared by the test modules."""
from __future__ import annotations

from pathlib import Path


def write_inputs(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative name -> text or bytes) under `folder`; returns the folder."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def pid_after(seconds: float) -> int:
    """(Run by a worker process.) The id of the process, after sleeping `seconds`."""
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def doubled_unless_poisoned(items: list) -> list:
    """(Run by a worker process.) Each item doubled; the process dies on the spot when an item is "poison"."""
    import os

    if "poison" in items:
        os._exit(3)
    return [item * 2 for item in items]


def synthetic_mentions(size: int):
    """The merge benchmark's synthetic mentions (fixed seed)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_merge", Path(__file__).resolve().parents[1] / "scripts" / "bench_merge.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.generate(size)
