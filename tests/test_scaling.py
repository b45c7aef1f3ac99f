"""Every core by default, a Dask cluster on request: the same bytes whatever runs the work.

The corpus tests ingest the three seeds and 60 White House readouts (linked from ../shared, never copied)
with one process, with the default (every core), and on a real Dask cluster (a `dask scheduler` and two
`dask worker` processes on 127.0.0.1, started and stopped here), and compare the output files byte for byte.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import doubled_unless_poisoned, pid_after, synthetic_mentions

from pipeline.engines import LOST, open_engine, run_partitions, usable_cores
from pipeline.engines.local import LocalEngine
from pipeline.errors import UserError
from pipeline.ingest import IngestConfig, ingest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "whitehouse-2021"
SEEDS = SHARED / "seeds"
OUTPUT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")
HAVE_CORPUS = CORPUS.is_dir() and SEEDS.is_dir()


def assert_same_outputs(expected: Path, actual: Path) -> None:
    for name in OUTPUT_FILES:
        assert (actual / name).read_bytes() == (expected / name).read_bytes(), f"{name} differs"
    manifests = [json.loads((folder / "manifest.json").read_text()) for folder in (expected, actual)]
    for manifest in manifests:
        del manifest["started"], manifest["finished"]
    assert manifests[0] == manifests[1]


def run_cli(*args: str, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "ingest", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


# --- the corpus runs ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_inputs(tmp_path_factory) -> Path:
    """The seeds and 60 readouts of calls and meetings spread over the year, as links in one folder; without
    ../shared, the bundled seeds and the team's own gold articles (26 texts in five formats)."""
    folder = tmp_path_factory.mktemp("inputs")
    if not HAVE_CORPUS:
        for path in [*sorted((ROOT / "sources").iterdir()), *sorted((ROOT / "tests" / "gold" / "team").iterdir())]:
            (folder / path.name).symlink_to(path)
        return folder
    for seed in sorted(SEEDS.iterdir()):
        (folder / seed.name).symlink_to(seed)
    readouts = sorted((CORPUS / "statements-releases").glob("*readout*.md"))
    for path in readouts[:: len(readouts) // 60][:60]:
        (folder / path.name).symlink_to(path)
    return folder


@pytest.fixture(scope="module")
def one_process_run(corpus_inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one-process") / "out"
    summary = ingest([corpus_inputs], out, IngestConfig(processes=1))
    assert summary.articles >= (60 if HAVE_CORPUS else 25) and summary.meetings > 0 and summary.people > 0
    return out


def test_the_default_run_on_every_core_writes_the_bytes_of_a_one_process_run(corpus_inputs, one_process_run,
                                                                            tmp_path):
    result = run_cli(str(corpus_inputs), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert_same_outputs(one_process_run, tmp_path / "out")


def test_a_dask_cluster_writes_the_bytes_of_the_local_engine(corpus_inputs, one_process_run, dask_cluster, tmp_path):
    out = tmp_path / "out"
    result = run_cli(str(corpus_inputs), "--out", str(out), "--quiet", "--engine", "dask",
                     "--scheduler", dask_cluster.address)
    assert result.returncode == 0, result.stderr
    assert_same_outputs(one_process_run, out)
    assert list((out / ".cache" / "extract").rglob("*.json")), "the workers write the result cache in OUT/.cache"

    again = run_cli(str(corpus_inputs), "--out", str(out), "--engine", "dask", "--scheduler", dask_cluster.address)
    assert again.returncode == 0, again.stderr
    assert "parsed 0, extracted 0" in again.stderr  # the cluster found every article in the shared cache
    assert_same_outputs(one_process_run, out)


def test_a_worker_killed_mid_run_costs_only_its_partitions(corpus_inputs, one_process_run, tmp_path):
    out = tmp_path / "out"
    with dask_workers(tmp_path / "cluster") as cluster:
        command = [sys.executable, "-m", "pipeline", "ingest", str(corpus_inputs), "--out", str(out), "--quiet",
                   "--engine", "dask", "--scheduler", cluster.address]
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        results = out / ".cache" / "extract"
        deadline = time.monotonic() + 300
        while len(list(results.rglob("*.json"))) < 5 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert run.poll() is None, "the run ended before a worker could be killed"
        cluster.kill_worker(0)
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    assert_same_outputs(one_process_run, out)


# --- a Dask cluster of real processes -------------------------------------------------------------------------------


class DaskWorkers:
    def __init__(self, address: str, processes: list[subprocess.Popen]):
        self.address, self.processes = address, processes

    def kill_worker(self, number: int) -> None:
        """SIGKILL to the worker's whole process group (its nanny and the worker process)."""
        os.killpg(self.processes[number + 1].pid, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def dask_workers(folder: Path, workers: int = 2):
    """A `dask scheduler` and `workers` one-thread `dask worker` processes on 127.0.0.1, stopped on exit."""
    from distributed import Client

    folder.mkdir(parents=True, exist_ok=True)
    address = f"tcp://127.0.0.1:{_free_port()}"
    log = open(folder / "cluster.log", "w")
    dask = [sys.executable, "-m", "dask"]
    processes = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                   "--no-dashboard"], cwd=folder, stdout=log, stderr=log, start_new_session=True)]
    try:
        for _ in range(workers):
            processes.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                                               "--no-dashboard", "--local-directory", str(folder)],
                                              cwd=folder, stdout=log, stderr=log, start_new_session=True))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        yield DaskWorkers(address, processes)
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    with dask_workers(tmp_path_factory.mktemp("dask")) as cluster:
        yield cluster


# --- the local engine -----------------------------------------------------------------------------------------------


def test_usable_cores_follow_the_cpu_affinity():
    code = "import os; os.sched_setaffinity(0, {0}); from pipeline.engines import usable_cores; print(usable_cores())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1"
    assert usable_cores() == len(os.sched_getaffinity(0))


def test_the_local_engine_defaults_to_every_usable_core():
    with open_engine("local") as engine:
        assert engine.processes == usable_cores()
    with open_engine("local", processes=1) as engine:
        assert engine.processes == 1


def test_heavy_work_runs_in_worker_processes_and_small_work_here():
    engine = LocalEngine(2)
    try:
        pids = {pid for _, pid in engine.map(pid_after, [0.3] * 6)}
        assert len(pids) == 2 and os.getpid() not in pids
        assert {pid for _, pid in engine.map(pid_after, [0.0])} == {os.getpid()}  # too small for the pool
        assert {pid for _, pid in engine.map(pid_after, [0.0] * 6, heavy=False)} == {os.getpid()}
    finally:
        engine.close()


def test_only_the_item_that_kills_its_worker_alone_is_lost():
    partitions = [[1, 2, 3], [4, "poison", 6], [7, 8, 9], [10, 11, 12], [13]]
    engine = LocalEngine(2)
    try:
        results = {}
        for items, answer in run_partitions(engine, doubled_unless_poisoned, partitions, list):
            results.update(zip(items, [LOST] if answer is LOST else answer))
    finally:
        engine.close()
    assert results.pop("poison") is LOST
    assert results == {n: 2 * n for n in [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13]}


def test_a_program_whose_workers_cannot_start_gets_one_clear_error(tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(  # no `if __name__ == "__main__":`, so every worker re-runs this file and dies
        "from pipeline.engines.local import LocalEngine\n"
        "from pipeline.errors import UserError\n"
        "try:\n"
        "    list(LocalEngine(2).map(abs, [-1, -2, -3, -4]))\n"
        "except UserError as error:\n"
        "    print('error:', error)\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert "error: worker processes die as they start" in result.stdout
    assert "__main__" in result.stdout


# --- the command line -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("options, message", [
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is an address of a Dask scheduler: it needs --engine dask"),
    (["--engine", "spark"], "--engine: expected one of local, dask, got 'spark'"),
    (["--engine", "dask", "--scheduler", "nonsense"], "--scheduler: missing port number in address 'nonsense'"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--processes", "2"],
     "--processes does not apply with --scheduler"),
    (["--processes", "0"], "--processes: expected a number of at least 1, got 0"),
])
def test_engine_options_misused_give_one_line(tmp_path, capsys, options, message):
    from pipeline.cli.main import main

    (tmp_path / "in.txt").write_text("The ministers met in Oslo on May 2, 2024.\n")
    assert main(["ingest", str(tmp_path / "in.txt"), "--out", str(tmp_path / "out"), *options]) == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and message in stderr, stderr
    assert not (tmp_path / "out" / "articles.jsonl").exists()


def test_a_scheduler_that_does_not_answer_is_one_line(tmp_path):
    (tmp_path / "in.txt").write_text("The ministers met in Oslo on May 2, 2024.\n")
    result = run_cli(str(tmp_path / "in.txt"), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler",
                     f"tcp://127.0.0.1:{_free_port()}", env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
                     timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("convene ingest: error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert result.stderr.count("\n") == 1, result.stderr


def test_without_the_dask_extra_the_dask_engine_says_what_to_install(tmp_path):
    (tmp_path / "in.txt").write_text("The ministers met in Oslo on May 2, 2024.\n")
    code = ("import sys; sys.modules['distributed'] = None\n"  # as if the extra were not installed
            "from pipeline.cli.main import main\n"
            f"sys.exit(main(['ingest', {str(tmp_path / 'in.txt')!r}, '--out', {str(tmp_path / 'out')!r}, "
            "'--engine', 'dask']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == ("convene ingest: error: --engine dask needs the Dask extra: "
                             "pip install 'convene[dask]'\n")


def test_the_dask_engine_on_a_local_cluster_writes_the_bytes_of_the_local_engine(tmp_path):
    from conftest import SMALL_ARTICLES
    from helpers import write_inputs

    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    ingest([inputs], tmp_path / "local", IngestConfig(processes=1))
    summary = ingest([inputs], tmp_path / "dask", IngestConfig(engine="dask", processes=1))
    assert summary.people > 0
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")


def test_light_work_runs_here_while_the_local_cluster_starts_and_heavy_work_waits_for_it():
    from concurrent.futures import Future

    from pipeline.engines.dask import DaskEngine

    starting: Future = Future()
    engine = DaskEngine(starting=starting)
    assert {pid for _, pid in engine.map(pid_after, [0.0] * 4, heavy=False)} == {os.getpid()}
    assert not starting.done()  # nothing had to wait for the cluster
    starting.set_exception(RuntimeError("Nanny failed to start"))
    with pytest.raises(UserError, match="cannot start a local Dask cluster: Nanny failed to start"):
        list(engine.map(pid_after, [0.0] * 4))
    engine.close()  # a cluster that never started has nothing to stop


def test_a_local_cluster_runs_its_work_on_its_workers_once_started():
    from pipeline.engines.dask import DaskEngine

    engine = DaskEngine.local_cluster(2)
    try:
        engine.client  # waits for the start
        assert os.getpid() not in {pid for _, pid in engine.map(pid_after, [0.0] * 4, heavy=False)}
        assert os.getpid() not in {pid for _, pid in engine.map(pid_after, [0.0] * 4)}
    finally:
        engine.close()


# --- merging in partitions ------------------------------------------------------------------------------------------


def test_the_dask_pair_scorer_gives_the_clusters_and_ids_of_the_local_merge(dask_cluster):
    from distributed import Client

    from pipeline.engines.dask import DaskPairs
    from pipeline.merge import merge

    meetings, people, articles = synthetic_mentions(6000)
    expected = merge(meetings, people, articles)
    with Client(dask_cluster.address, timeout=60) as client:
        merged = merge(meetings, people, articles, pairs=DaskPairs(client, partitions=4))
    assert [m.model_dump() for m in merged[0]] == [m.model_dump() for m in expected[0]]
    assert [p.model_dump() for p in merged[1]] == [p.model_dump() for p in expected[1]]


# --- caches written by several processes at once --------------------------------------------------------------------


def test_cache_entries_written_by_many_processes_at_once_are_all_there_and_whole(tmp_path):
    writer = ("import sys\n"
              "from pathlib import Path\n"
              "from pipeline.nlp.cache import ResultCache\n"
              "cache = ResultCache(Path(sys.argv[1]), 'key')\n"
              "for round in range(3):\n"
              "    for number in range(10):\n"
              "        cache.save(f'{number:064x}', {'writer': sys.argv[2], 'payload': [number] * 50_000})\n")
    writers = [subprocess.Popen([sys.executable, "-c", writer, str(tmp_path), str(n)]) for n in range(4)]
    from pipeline.nlp.cache import ResultCache

    cache = ResultCache(tmp_path, "key")
    torn = 0
    while any(w.poll() is None for w in writers):
        for number in range(10):
            path = cache._path(f"{number:064x}")
            if path.exists() and cache.load(f"{number:064x}") is None:
                torn += 1
    assert [w.wait() for w in writers] == [0, 0, 0, 0]
    assert torn == 0
    for number in range(10):
        entry = cache.load(f"{number:064x}")
        assert entry["payload"] == [number] * 50_000 and entry["writer"] in {"0", "1", "2", "3"}
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".json"]  # no temporary file left


def test_a_cache_write_that_fails_halfway_leaves_the_previous_entry_whole(tmp_path, monkeypatch):
    import errno

    import pipeline.write.jsonl as jsonl
    from pipeline.nlp.cache import ResultCache

    cache = ResultCache(tmp_path, "key")
    cache.save("ab" * 32, {"version": 1})
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jsonl.os, "fdopen", lambda fd, mode: HalfWritten(real_fdopen(fd, mode)))
    with pytest.raises(OSError):
        cache.save("ab" * 32, {"version": 2, "padding": "x" * 100_000})
    monkeypatch.undo()
    assert cache.load("ab" * 32) == {"version": 1}
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{'ab' * 32}.json"]


def test_an_unguarded_program_calling_ingest_gets_one_clear_error_instead_of_waiting_forever(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(4):  # four partitions of text: work for the pool
        (tmp_path / "in" / f"{n}.txt").write_text(f"Report {n}.\n\n" + "The ministers met in Oslo on Monday. " * 600)
    script = tmp_path / "unguarded.py"
    script.write_text(  # no `if __name__ == "__main__":`: each worker re-runs this file as it starts
        "import sys\n"
        "from pipeline.errors import UserError\n"
        "from pipeline.ingest import IngestConfig, ingest\n"
        "try:\n"
        f"    ingest([{str(tmp_path / 'in')!r}], {str(tmp_path / 'out')!r}, IngestConfig(processes=2))\n"
        "except UserError as error:\n"
        "    print('error:', error)\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert "error: worker processes die as they start" in result.stdout


def test_bad_engine_options_leave_no_output_folder(tmp_path):
    with pytest.raises(UserError, match="--engine: expected one of"):
        ingest([tmp_path], tmp_path / "out", IngestConfig(engine="spark"))
    assert not (tmp_path / "out").exists()


def test_leaving_the_engine_by_an_error_stops_its_workers_at_once():
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with open_engine("local", processes=2) as engine:
            next(engine.map(pid_after, [0.0, 60.0, 60.0, 60.0, 60.0]))  # a quick task back, long ones running
            raise KeyboardInterrupt
    assert time.monotonic() - started < 30  # not the minute the running tasks would take


def test_a_run_found_stale_adds_no_reject_before_it_runs_again(tmp_path):
    from pipeline.engines import Engine
    from pipeline.models import Article
    from pipeline.nlp.identity import ModelIdentity
    from pipeline.stages.extract import Extraction, _PartitionRun

    class LosingOneStaleOther(Engine):
        def map(self, function, tasks, *, heavy=True, isolate=False):
            yield 0, LOST
            yield 1, {"stale": True}

    articles = [Article(id=f"a-{n}", source=f"{n}.txt", text="word " * 5_000) for n in range(2)]  # a partition each
    result = Extraction()
    run = _PartitionRun(tmp_path, IngestConfig(), LosingOneStaleOther(), result, quiet=True)
    assert run.extract(articles, ModelIdentity("m", "1", "p", "r")) is None
    assert (result.rejects, result.parsed, result.extracted) == ([], 0, 0)  # the run again gives them, once


def test_a_cached_rerun_on_a_local_cluster_looks_up_the_cache_here_and_sends_nothing(tmp_path, monkeypatch):
    from conftest import SMALL_ARTICLES
    from helpers import write_inputs

    from pipeline.stages import extract as extract_stage

    inputs = write_inputs(tmp_path / "in", SMALL_ARTICLES)
    ingest([inputs], tmp_path / "out", IngestConfig(engine="dask", processes=1))

    def nothing_to_send(*args, **kwargs):
        raise AssertionError("articles sent to the workers on a cached re-run")

    monkeypatch.setattr(extract_stage, "_PartitionRun", nothing_to_send)
    summary = ingest([inputs], tmp_path / "out", IngestConfig(engine="dask", processes=1))
    assert summary.parsed == 0 and summary.articles == len(SMALL_ARTICLES)
