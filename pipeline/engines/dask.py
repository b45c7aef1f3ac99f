"""The Dask engine: the per-document stages run as tasks on the workers of a Dask cluster.

`DaskEngine.connect("tcp://host:8786")` uses an existing cluster (`dask scheduler` and `dask worker`
processes); `DaskEngine.local_cluster(n)` starts a `LocalCluster` of `n` one-thread worker processes on this
machine and stops it on `close()`; the cluster starts in the background, and until it is up, light work
(reading and cleaning) runs in this process, so that starting it costs little of a run's time. Tasks carry
plain data (file paths, article dicts) and module-level functions of this package, which must be installed
on every worker, with the spaCy model; each worker loads the spaCy pipeline once, on its first task that
needs it (a per-process cache), and sends back plain dicts.

At most a few tasks per worker thread are submitted at a time (the client does not hold a million futures).
When a worker dies, the scheduler runs its tasks again on the others; a task that has killed several workers
comes back `LOST`. Merging scores its candidate pairs on the workers (`DaskPairs`).
"""
from __future__ import annotations

import logging
import operator
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import Any

from pipeline.engines import LOST, Engine
from pipeline.errors import UserError
from pipeline.merge.pairs import PartitionedPairs, chunked, joined

TASKS_IN_FLIGHT_PER_THREAD = 3
INSTALL_HINT = "pip install 'convene[dask]'"
# A LocalCluster runs no statistical profiler and no GIL monitor, which feed only the dashboard (not started),
# and checks its event loops and memory less often than Dask's defaults (20 ms to 500 ms): on a 2-core machine
# that saves about 2 s of the client's CPU, and of the workers', in a 30 s run.
LOCAL_CLUSTER_SETTINGS = {"distributed.worker.profile.enabled": False,
                          "distributed.admin.system-monitor.gil.enabled": False,
                          "distributed.admin.tick.interval": "1s",
                          "distributed.admin.system-monitor.interval": "2s",
                          "distributed.worker.memory.monitor-interval": "1s",
                          "distributed.worker.multiprocessing-method": "forkserver"}


def _distributed():
    try:
        import distributed
    except ImportError:
        raise UserError(f"--engine dask needs the Dask extra: {INSTALL_HINT}") from None
    return distributed


class DaskEngine(Engine):
    name = "dask"
    remote = True

    def __init__(self, client=None, cluster=None, starting: Future | None = None, settings=None):
        """A connected `client` (and the `cluster` to stop with it), or the `starting` future of both; `settings`:
        the Dask settings in force for the engine's life (a `dask.config.set` object), undone on `close()`."""
        self._client, self.cluster, self._starting, self._settings = client, cluster, starting, settings

    @property
    def client(self):
        """The Dask client, once the cluster has started (waiting for it; UserError if it could not start)."""
        if self._client is None:
            try:
                self._client, self.cluster = self._starting.result()
            except Exception as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise UserError(f"cannot start a local Dask cluster: {reason}") from None
        return self._client

    @classmethod
    def connect(cls, address: str) -> "DaskEngine":
        """The cluster whose scheduler listens at `address` (e.g. tcp://10.0.0.5:8786); waiting for it at most
        Dask's connect timeout (`distributed.comm.timeouts.connect`, 30 s unless configured)."""
        distributed = _distributed()
        from distributed.comm import get_address_host_port

        try:
            get_address_host_port(address)
        except ValueError as exc:
            raise UserError(f"--scheduler: {exc}; expected an address such as tcp://10.0.0.5:8786") from None
        try:
            client = distributed.Client(address, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {address}: {str(exc).splitlines()[0]}") from None
        return cls(client)

    @classmethod
    def local_cluster(cls, workers: int, preload: tuple | None = None) -> "DaskEngine":
        """A LocalCluster of `workers` one-thread worker processes on 127.0.0.1, started in the background and
        forked from the fork server the local engine uses, which has loaded the spaCy pipeline (`preload`, as
        for `LocalEngine`)."""
        _distributed()
        import dask

        from pipeline.engines.local import start_preloading_fork_server

        start_preloading_fork_server(preload, ["distributed"])
        settings = dask.config.set(LOCAL_CLUSTER_SETTINGS)  # in force while workers may (re)start: until close()
        starter = ThreadPoolExecutor(1, thread_name_prefix="convene-cluster")
        try:
            engine = cls(starting=starter.submit(_start_local_cluster, workers), settings=settings)
        finally:
            starter.shutdown(wait=False)
        engine.remote = False  # its workers are on this machine: the cache is looked up here, as for the local engine
        return engine

    def threads(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def map(self, function: Callable[[Any], Any], tasks: Sequence[Any], *, heavy: bool = True,
            isolate: bool = False) -> Iterator[tuple[int, Any]]:
        distributed = _distributed()
        done = 0
        while not heavy and not isolate and done < len(tasks) and not self._started():
            yield done, function(tasks[done])
            done += 1
        if done == len(tasks):
            return
        waiting = iter(range(done, len(tasks)))
        index_of: dict[str, int] = {}
        completed = distributed.as_completed(loop=self.client.loop)

        def submit(index: int) -> None:
            future = self.client.submit(_packed_call, function, _pack(tasks[index]), pure=False)
            index_of[future.key] = index
            completed.add(future)

        for index in islice(waiting, TASKS_IN_FLIGHT_PER_THREAD * self.threads()):
            submit(index)
        for future in completed:
            try:
                result = _unpack(future.result())
            except distributed.KilledWorker:
                result = LOST
            index = index_of.pop(future.key)
            future.release()
            following = next(waiting, None)
            if following is not None:
                submit(following)
            yield index, result

    def pair_scorer(self) -> "DaskPairs":
        return DaskPairs(self.client, partitions=2 * self.threads())

    def close(self, kill: bool = False) -> None:
        try:
            if self._client is None:
                try:
                    self.client
                except UserError:  # the cluster did not start, and nothing needed it
                    return
            self._client.close()
            if self.cluster is not None:
                self.cluster.close()
        finally:
            if self._settings is not None:
                self._settings.__exit__(None, None, None)
                self._settings = None

    def _started(self) -> bool:
        return self._client is not None or self._starting.done()


def _start_local_cluster(workers: int):
    """(client, cluster) of a new LocalCluster (its workers forked from the fork server, as the settings say).
    Worker logs below CRITICAL are silenced: a task's error comes back to the client, which reports it."""
    distributed = _distributed()
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.CRITICAL,
                                       scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    try:
        return distributed.Client(cluster, set_as_default=False), cluster
    except BaseException:
        cluster.close()
        raise


class DaskPairs(PartitionedPairs):
    """`PartitionedPairs` on a cluster: the chunks of entries are scattered to the workers, each chunk is routed
    there, each partition's blocks are scored on a worker, and only the scored pairs come back.

    A worker lost meanwhile takes scattered chunks with it: the job then runs again from the start."""

    ATTEMPTS = 3

    def __init__(self, client, partitions: int):
        super().__init__(partitions)
        self.client = client

    def scored(self, entries: list, route: Callable, score: Callable, *args: Any) -> list[tuple[float, int, int]]:
        if not entries:
            return []
        distributed = _distributed()
        for _ in range(self.ATTEMPTS - 1):
            try:
                return self._scored_once(entries, route, score, *args)
            except (distributed.CancelledError, distributed.KilledWorker):
                continue
        return self._scored_once(entries, route, score, *args)

    def _scored_once(self, entries: list, route: Callable, score: Callable, *args: Any) -> list[tuple[float, int, int]]:
        submit = self.client.submit
        chunks = self.client.scatter([_pack(chunk) for chunk in chunked(entries, self.chunks)], hash=False)
        routed = [submit(_packed_route, route, chunk, self.partitions, pure=False) for chunk in chunks]
        scored = [submit(_packed_score, score, [submit(operator.getitem, part, number, pure=False) for part in routed],
                         *args, pure=False)
                  for number in range(self.partitions)]
        return joined(_unpack(partition) for partition in self.client.gather(scored))


# Data crosses the network as pickled bytes: Dask would otherwise try its own serializers on every element
# of a list of records before falling back to pickle, which costs more than the work at a million mentions.


def _pack(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> Any:
    return pickle.loads(data)


def _packed_call(function: Callable[[Any], Any], task: bytes) -> bytes:
    return _pack(function(_unpack(task)))


def _packed_route(route: Callable, chunk: bytes, partitions: int) -> list[bytes]:
    return [_pack(part) for part in route(_unpack(chunk), partitions)]


def _packed_score(score: Callable, parts: list[bytes], *args: Any) -> bytes:
    return _pack(score([_unpack(part) for part in parts], *args))
