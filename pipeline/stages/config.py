"""The settings of one `ingest` run: one frozen object."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.fetch.settings import FetchSettings
from pipeline.resources import RuleResources

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class IngestConfig:
    """Everything that decides what `ingest` writes, and how it runs.

    `incremental`: keep the articles already in the output folder and merge the new ones in (False: start
    over). `root`: the folder sources are relative to (default: the folder's stored root, widened to hold
    the inputs, or for a new folder the common folder of the inputs). `repair`: drop rows of the existing
    output files that do not validate (each reported) instead of stopping. `wait`: wait for another ingest
    writing the same folder instead of failing at once. `chunk_chars`: texts longer than this (or than the
    model's `max_length`) are parsed in paragraph-aligned pieces of at most this many characters.
    `resources`: a rule resource folder to use instead of the bundled `pipeline/resources/`; its word lists
    and thresholds (the near-duplicate similarity among them) decide cleaning, extraction and merging.
    `fetch`: how pages and feeds are fetched (timeouts, retries, politeness; see `FetchSettings`).
    `engine`: where reading, cleaning, parsing and the rules run (see `pipeline.engines`): "local", in
    `processes` worker processes (default: every usable core), or "dask", on the cluster whose scheduler is at
    `scheduler` (default: a LocalCluster of `processes` workers). Neither changes a byte of the output.
    """

    model: str | None = None
    resources: str | None = None
    batch_size: int = 8
    processes: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    incremental: bool = True
    root: Path | None = None
    repair: bool = False
    wait: bool = True
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    fetch: FetchSettings = FetchSettings()

    @property
    def rules(self) -> RuleResources:
        return RuleResources.load(self.resources)

    @property
    def near_duplicate_threshold(self) -> float:
        return self.rules.threshold("near_duplicate_similarity")
