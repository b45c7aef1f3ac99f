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
Each timing is the best of --repeat runs (default 1). The ingest runs must write the same bytes, and the
script says whether they did.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "whitehouse-2021"
OUTPUT_FILES = ("articles.jsonl", "meetings.jsonl", "people.jsonl", "rejects.jsonl")


def best_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--processes", type=int, default=None, help="default: the usable cores")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

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
    print(f"documents: {n} ({sum(map(len, texts)) / 1e6:.1f} M characters); {cores} processes where parallel",
          flush=True)

    nlp = spacy.load(DEFAULT_MODEL)

    def bare(processes: int):
        return lambda: [None for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=processes)]

    bare_1 = best_seconds(bare(1), args.repeat)
    print(f"bare nlp.pipe n_process=1:    {n / bare_1:6.2f} docs/s  ({bare_1:.1f} s, every component of "
          f"{DEFAULT_MODEL})", flush=True)
    bare_p = best_seconds(bare(cores), args.repeat)
    print(f"bare nlp.pipe n_process={cores}:    {n / bare_p:6.2f} docs/s  ({bare_p:.1f} s)", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "in"
        staged.mkdir()
        for f in files:
            (staged / f"{f.parent.name}-{f.name}").symlink_to(f)
        runs = {"ingest --processes 1": IngestConfig(batch_size=args.batch_size, processes=1),
                "ingest (default)": IngestConfig(batch_size=args.batch_size, processes=args.processes),
                f"ingest --engine dask ({cores} workers)": IngestConfig(batch_size=args.batch_size, engine="dask",
                                                                       processes=cores)}
        seconds: dict[str, float] = {}
        outputs: dict[str, Path] = {}
        for label, config in runs.items():
            out = outputs[label] = Path(tmp) / f"out-{len(outputs)}"

            def run(out: Path = out, config: IngestConfig = config) -> None:
                shutil.rmtree(out, ignore_errors=True)
                ingest([staged], out, config, quiet=True)

            seconds[label] = best_seconds(run, args.repeat)
            print(f"{label + ':':30}{n / seconds[label]:6.2f} docs/s  ({seconds[label]:.1f} s)", flush=True)
        default_out = outputs["ingest (default)"]
        cached = best_seconds(lambda: ingest([staged], default_out, IngestConfig(), quiet=True), args.repeat)
        print(f"{'ingest again, all cached:':30}{n / cached:6.2f} docs/s  ({cached:.1f} s)")
        same = all(len({(out / name).read_bytes() for out in outputs.values()}) == 1 for name in OUTPUT_FILES)
        print(f"same output bytes from all three ingest runs: {'yes' if same else 'NO'}")

    dask_label = next(label for label in runs if "dask" in label)
    print(f"ratio ingest --processes 1 / bare n_process=1:  {bare_1 / seconds['ingest --processes 1']:.2f}x "
          f"(floor 1.0)")
    print(f"ratio ingest (default) / bare n_process={cores}:     {bare_p / seconds['ingest (default)']:.2f}x "
          f"(target 0.95)")
    print(f"ratio ingest --engine dask / bare n_process={cores}: {bare_p / seconds[dask_label]:.2f}x (target 0.95)")


if __name__ == "__main__":
    main()
