"""One writer at a time: an exclusive lock on an output folder, naming its holder to whoever has to wait.

The lock is `fcntl.flock` on `OUT/.convene/lock`; the kernel releases it when the holder exits, however it
exits, so a killed ingest never leaves a stale lock. The holder writes who it is into the file.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import UserError


class FolderLock:
    """`with FolderLock(path, out_dir, wait=True, on_wait=print):` holds the lock for the block."""

    def __init__(self, path: Path, out_dir: Path, *, wait: bool, on_wait: Callable[[str], None] | None = None):
        self.path, self.out_dir, self.wait, self.on_wait = path, out_dir, wait, on_wait
        self.fd: int | None = None

    def __enter__(self) -> "FolderLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not self.wait:
                    raise UserError(f"{self.out_dir} is being written by another ingest ({holder}); "
                                    "try again when it has finished") from None
                if self.on_wait:
                    self.on_wait(f"waiting for the other ingest writing {self.out_dir} ({holder})")
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, _me().encode("utf-8", "backslashreplace"), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def __exit__(self, *exc_info) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _me() -> str:
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    command = " ".join(sys.argv)[:200]
    return f"pid {os.getpid()} on {socket.gethostname()}, started {started}: {command}"


def _holder(fd: int) -> str:
    text = os.pread(fd, 1000, 0).decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "holder unknown"
