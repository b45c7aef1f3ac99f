"""Throughput of `convene ingest` against a bare `nlp.pipe` of the same spaCy model on the same texts.

usage: python scripts/bench_pipeline.py [CORPUS_DIR] [--limit N] [--batch-size N] [--processes N]

Over the first N releases (default 300), prints documents per second of:

* bare `nlp.pipe` of the full model (every component, the parser included) with n_process=1 and with
  n_process=P (P: the usable cores, or --processes);
* `ingest` with processes=1, with the default (every usable core), and with the Dask engine on a
  LocalCluster of P workers, each from an empty output folder (so reading, cleaning, parsing, extracting,
  merging and writing, starting workers and loading the model included), then a fully cached re-run;

and the ratios the targets are set on: ingest with processes=1 over bare n_process=1 (the speed floor, at
least 1.0), and the default and the Dask engine over bare n_process=P (target: at least 0.95 each).
With --repeat N, all the runs are made N times in turn (so a change in the machine's other load hits all of
them alike) and each figure is its best. The load average is printed with every run. The ingest runs must
write the same bytes, and the script says whether they did.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "whitehouse-2021"
OUTPUT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--processes", type=int, default=None, help="default: the usable cores")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of all the runs; each figure is its best")
    args = parser.parse_args()

    import os
    import shutil

    import spacy

    from pipeline.engines import usable_cores
    from pipeline.ingest import IngestConfig, ingest
    from pipeline.nlp.model import DEFAULT_MODEL
    from pipeline.read import RawDocument, iter_documents

    cores = args.processes or usable_cores()
    files = sorted(p for p in args.corpus.rglob("*.md") if p.name != "SOURCE.md")[: args.limit]
    if not files:
        raise SystemExit(f"no .md files under {args.corpus}")
    texts = [d.text for d in iter_documents(files) if isinstance(d, RawDocument)]
    n = len(texts)
    print(f"documents: {n} ({sum(map(len, texts)) / 1e6:.1f} M characters); {cores} processes where parallel; "
          f"load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    nlp = spacy.load(DEFAULT_MODEL)
    bare_1, bare_p = "bare nlp.pipe n_process=1", f"bare nlp.pipe n_process={cores}"
    one, default, on_dask = "ingest --processes 1", "ingest (default)", f"ingest --engine dask ({cores} workers)"
    configs = {one: IngestConfig(batch_size=args.batch_size, processes=1),
               default: IngestConfig(batch_size=args.batch_size, processes=args.processes),
               on_dask: IngestConfig(batch_size=args.batch_size, engine="dask", processes=cores)}
    seconds: dict[str, list[float]] = {}
    stages: dict[str, float] = {}

    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "in"
        staged.mkdir()
        for f in files:
            (staged / f"{f.parent.name}-{f.name}").symlink_to(f)
        outputs = {label: Path(tmp) / f"out-{number}" for number, label in enumerate(configs)}

        def bare(processes: int):
            return lambda: [None for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=processes)]

        def fresh_ingest(label: str):
            def run() -> None:
                shutil.rmtree(outputs[label], ignore_errors=True)
                summary = ingest([staged], outputs[label], configs[label], quiet=True)
                if label == default:
                    stages.update(summary.stage_seconds)
            return run

        runs = {bare_1: bare(1), bare_p: bare(cores), **{label: fresh_ingest(label) for label in configs}}
        for round_number in range(1, args.repeat + 1):
            for label, run in runs.items():
                seconds.setdefault(label, []).append(timed(run))
                print(f"round {round_number}: {label + ':':38}{n / seconds[label][-1]:6.2f} docs/s  "
                      f"({seconds[label][-1]:.1f} s; load average {os.getloadavg()[0]:.1f})", flush=True)
        cached = timed(lambda: ingest([staged], outputs[default], configs[default], quiet=True))
        same = all(len({(out / name).read_bytes() for out in outputs.values()}) == 1 for name in OUTPUT_FILES)

    best = {label: min(times) for label, times in seconds.items()}
    print(f"best of {args.repeat} round(s):")
    for label, value in best.items():
        print(f"  {label + ':':38}{n / value:6.2f} docs/s  ({value:.1f} s)")
    print(f"  {'ingest again, all cached:':38}{n / cached:6.2f} docs/s  ({cached:.1f} s)")
    print("  default run by stage: " + ", ".join(f"{name} {value:.1f} s" for name, value in stages.items()))
    print(f"same output bytes from the three ingest runs: {'yes' if same else 'NO'}")
    print(f"ratio ingest --processes 1 / bare n_process=1: {best[bare_1] / best[one]:.2f}x (floor 1.0)")
    print(f"ratio ingest (default) / {bare_p}: {best[bare_p] / best[default]:.2f}x (target 0.95)")
    print(f"ratio ingest --engine dask / {bare_p}: {best[bare_p] / best[on_dask]:.2f}x (target 0.95)")


if __name__ == "__main__":
    main()
