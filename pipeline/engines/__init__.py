"""Where the per-document work runs: this process, a pool of local processes, or a Dask cluster.

An engine maps a module-level function over tasks (plain, picklable data; never a spaCy object) and yields
`(task index, result)` as results come back, in any order. A task whose worker process died, and died again
when retried, yields `LOST` instead of raising, so the caller can retry it in smaller pieces and reject only
the document that kills a worker on its own (`run_partitions`). Any other exception in a task is raised.

The stages cut their documents into partitions that depend neither on the engine nor on the number of
processes, and each partition is processed the same way wherever it runs: every engine writes byte-identical
output.

    local (default)   `LocalEngine`: one process per usable core (`--processes`), this process alone for
                      one core or for work too small to repay starting workers
    dask              `DaskEngine`: the workers of a Dask cluster (`--scheduler`), or of a `LocalCluster`
                      with one worker per core; merging scores its candidate pairs there too
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from pipeline.errors import UserError

__all__ = ["ENGINES", "LOST", "Engine", "check_engine", "open_engine", "run_partitions", "usable_cores"]

ENGINES = ("local", "dask")
Item = TypeVar("Item")


class _Lost:
    """The result of a task whose worker process died each time it ran it."""

    def __repr__(self) -> str:
        return "LOST"


LOST = _Lost()


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return max(1, counter() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Engine:
    """What the stages need from an engine (the base class runs everything in this process)."""

    name = "local"
    remote = False  # True when the workers may be other machines: they read the caches themselves

    def map(self, function: Callable[[Any], Any], tasks: Sequence[Any], *, heavy: bool = True,
            isolate: bool = False) -> Iterator[tuple[int, Any]]:
        """`(index, function(tasks[index]))` for every task, in any order; `LOST` for a task that kept killing
        its worker. `heavy=False` tells an engine that may keep light work local that the work is cheap;
        `isolate=True` that the tasks have killed a worker before, so they must never run in this process."""
        for index, task in enumerate(tasks):
            yield index, function(task)

    def pair_scorer(self):
        """The `pipeline.merge.PairScorer` merging uses, or None to score pairs in this process."""
        return None

    def close(self, kill: bool = False) -> None:
        """Stop the engine's workers: once they have finished their tasks, or at once with `kill`."""


def run_partitions(engine: Engine, function: Callable[[Any], Any], partitions: Sequence[Sequence[Item]],
                   task: Callable[[Sequence[Item]], Any], *, heavy: bool = True,
                   ) -> Iterator[tuple[Sequence[Item], Any]]:
    """`(items, function(task(items)))` for every partition, in any order.

    A partition whose worker died is run again one item at a time, and an item whose worker dies when it runs
    alone comes back as `(items, LOST)`; the caller turns it into a reject. Nothing else is lost."""
    retry: list[Sequence[Item]] = []
    for index, result in engine.map(function, [task(items) for items in partitions], heavy=heavy):
        items = partitions[index]
        if result is LOST and len(items) > 1:
            retry.extend([item] for item in items)
        else:
            yield items, result
    if retry:
        for index, result in engine.map(function, [task(items) for items in retry], heavy=heavy, isolate=True):
            yield retry[index], result


def check_engine(name: str = "local", *, processes: int | None = None, scheduler: str | None = None) -> None:
    """Raise UserError for an unknown engine, a bad combination of options or a missing `dask` extra (before
    anything is opened or started)."""
    if name not in ENGINES:
        raise UserError(f"--engine: expected one of {', '.join(ENGINES)}, got {name!r}")
    if scheduler is not None and name != "dask":
        raise UserError("--scheduler is an address of a Dask scheduler: it needs --engine dask")
    if scheduler is not None and processes is not None:
        raise UserError("--processes does not apply with --scheduler: the cluster's workers do the work")
    if name == "dask":
        from pipeline.engines.dask import _distributed

        _distributed()


@contextmanager
def open_engine(name: str = "local", *, processes: int | None = None, scheduler: str | None = None,
                preload: tuple[str | None, str | None, int] | None = None) -> Iterator[Engine]:
    """The engine `name` ("local" or "dask"), stopped on leaving the block; its workers are killed at once when
    the block is left by an exception (Ctrl-C, an error), instead of finishing what they were running.

    `processes`: local worker processes, or the workers of the LocalCluster that `dask` starts when no
    `scheduler` address is given (default: the usable cores). `preload`: (model, resources folder, chunk
    size) of the spaCy pipeline the workers will use, for an engine that can load it before it starts them.
    Raises UserError as `check_engine` does, or for a scheduler that cannot be reached."""
    check_engine(name, processes=processes, scheduler=scheduler)
    workers = processes or usable_cores()
    if name == "dask":
        from pipeline.engines.dask import DaskEngine

        engine: Engine = DaskEngine.connect(scheduler) if scheduler is not None else \
            DaskEngine.local_cluster(workers, preload)
    else:
        from pipeline.engines.local import LocalEngine

        engine = LocalEngine(workers, preload)
    try:
        yield engine
    except BaseException:
        engine.close(kill=True)
        raise
    engine.close()
