"""Progress of a long stage: a bar on a terminal, plain log lines otherwise, nothing when quiet."""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, total: int, quiet: bool, label: str):
        self.quiet, self.total, self.label, self.count = quiet, total, label, 0
        self.bar = None
        if not quiet and total and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="doc", file=sys.stderr, leave=False)

    def update(self, n: int = 1) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
        elif not self.quiet and self.total >= 50 and (self.count % 250 == 0 or self.count == self.total):
            print(f"{self.label}: {self.count}/{self.total}", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
