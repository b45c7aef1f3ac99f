"""The local engine: a pool of worker processes on this machine, or this process alone.

Heavy work (parsing and the rules) goes to a pool of `processes` workers, started on first use and kept for
the run, so each worker loads the spaCy pipeline once; at most two tasks per worker are in flight, which
bounds memory and tells which tasks were running when a worker died. Light work (reading and cleaning), work
too small to repay starting workers, and everything when `processes` is 1, runs in this process; tasks that
have killed a worker before never do.

When a worker dies (killed, out of memory, a crash inside a library) the pool breaks: the tasks that were in
flight are run again one at a time, each in a fresh one-worker pool, so only a task that kills its worker on
its own comes back `LOST`; then the remaining tasks go on in a new pool. A new pool first runs a trivial task,
so workers that cannot start at all (a script without a `__main__` guard) are one clear error, not a reject
per document.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from pipeline.engines import LOST, Engine
from pipeline.errors import UserError

TASKS_FOR_A_POOL = 4  # fewer tasks run in this process: starting workers would cost more (any core count)
IN_FLIGHT_PER_PROCESS = 2
PRELOADED = ["pipeline.engines.preload"]
PRELOAD_VARIABLE = "CONVENE_PRELOAD"
WORKER_VARIABLE = "CONVENE_WORKER"  # set in the processes started from the engines' fork server
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
WORKERS_CANNOT_START = ("worker processes die as they start; a Python program that calls ingest() with more than "
                        "one process must run it under `if __name__ == \"__main__\":` (as multiprocessing requires), "
                        "or set processes=1")


class LocalEngine(Engine):
    """`processes` workers; `preload`: the (model, resources folder, chunk size) of the spaCy pipeline the
    workers will need, loaded once before they are forked."""

    name = "local"

    def __init__(self, processes: int, preload: tuple[str | None, str | None, int] | None = None):
        self.processes = max(1, processes)
        self.preload = preload
        self._pool: ProcessPoolExecutor | None = None

    def map(self, function: Callable[[Any], Any], tasks: Sequence[Any], *, heavy: bool = True,
            isolate: bool = False) -> Iterator[tuple[int, Any]]:
        small = len(tasks) < TASKS_FOR_A_POOL
        if not isolate and (not heavy or self.processes == 1 or small):
            yield from super().map(function, tasks)
        else:
            yield from self._pooled(function, tasks)

    def close(self, kill: bool = False) -> None:
        if self._pool is not None:
            _stop(self._pool, kill)
            self._pool = None

    def _pooled(self, function: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        waiting = deque(range(len(tasks)))
        in_flight: dict[Future, int] = {}
        while True:
            pool = self._running_pool()
            broken = False
            while waiting and len(in_flight) < IN_FLIGHT_PER_PROCESS * self.processes:
                try:
                    in_flight[pool.submit(function, tasks[waiting[0]])] = waiting[0]
                except BrokenProcessPool:  # a worker died while tasks were being handed out
                    broken = True
                    break
                waiting.popleft()
            if not in_flight and not broken:
                return
            if not broken:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    yield in_flight.pop(future), result
            if broken:
                suspects = sorted(in_flight.values())
                in_flight.clear()
                self.close()
                for index in suspects:
                    yield index, _run_alone(function, tasks[index])

    def _running_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = _new_pool(self.processes, self.preload)
        return self._pool


def _new_pool(processes: int, preload: tuple | None = None) -> ProcessPoolExecutor:
    """A pool whose first worker has started; UserError when workers cannot start in this program at all.

    The workers are forked from a fork server that has imported spaCy and this package and, with `preload`,
    loaded the spaCy pipeline (`pipeline.engines.preload`): a worker starts in milliseconds, with the pipeline,
    and shares its memory. The fork server starts with the first pool of this process."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(PRELOADED)
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_worker_setup)
    try:
        with _worker_environment(preload):  # the environment the (fork server and) first worker start with
            pool.submit(os.getpid).result()
    except BrokenProcessPool:
        _stop(pool)
        raise UserError(WORKERS_CANNOT_START) from None
    return pool


def start_preloading_fork_server(preload: tuple | None, extra_modules: Sequence[str] = ()) -> None:
    """Start this process's fork server, if it is not running yet, with this package imported and the spaCy
    pipeline `preload` loaded, so that the processes forked from it start with both (the Dask engine's
    LocalCluster workers; the local engine's pools start it the same way). Returns as the server starts loading."""
    from multiprocessing import forkserver

    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.get_context("forkserver").set_forkserver_preload([*PRELOADED, *extra_modules])
        with _worker_environment(preload):
            forkserver.ensure_running()


def refuse_in_a_worker() -> None:
    """UserError in a worker process of an engine: there, a call to ingest() comes from a program without a
    `__main__` guard, re-run by the worker as it starts, and would wait forever for its parent's output folder."""
    if os.environ.get(WORKER_VARIABLE) and multiprocessing.current_process().name != "MainProcess":
        raise UserError(WORKERS_CANNOT_START)


def _stop(pool: ProcessPoolExecutor, kill: bool = False) -> None:
    """Shut `pool` down, its workers killed first with `kill`, and always when it is broken: Python 3.11's pool
    stops only the workers it knew of when it broke, and would wait forever for one it started meanwhile (3.14
    has `kill_workers()`)."""
    if kill or pool._broken:
        for process in list((pool._processes or {}).values()):
            if process.is_alive():
                process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _run_alone(function: Callable[[Any], Any], task: Any) -> Any:
    """`function(task)` in a fresh one-worker pool; LOST if the worker dies."""
    pool = _new_pool(1)
    try:
        return pool.submit(function, task).result()
    except BrokenProcessPool:
        return LOST
    finally:
        _stop(pool)


def _worker_setup() -> None:
    """Workers leave Ctrl-C to the parent, which stops them and reports the interruption once; one worker runs
    per core, so its numeric libraries use one thread (as in Dask's workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name, value in ONE_THREAD.items():
        os.environ.setdefault(name, value)


@contextmanager
def _worker_environment(preload: tuple | None) -> Iterator[None]:
    """ONE_THREAD (where not set) and the pipeline to preload in this process's environment for the block, so
    that the processes started meanwhile inherit them."""
    settings = {**ONE_THREAD, WORKER_VARIABLE: "1"}
    if preload is not None:
        settings[PRELOAD_VARIABLE] = json.dumps(list(preload))
    added = [name for name in settings if name not in os.environ]
    os.environ.update({name: settings[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)
