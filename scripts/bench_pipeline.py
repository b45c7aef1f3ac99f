"""Throughput of the full `ingest` pipeline against a bare `nlp.pipe` of the same spaCy model on the same texts.

usage: python scripts/bench_pipeline.py [CORPUS_DIR] [--limit N] [--batch-size N]

Prints documents per second for both and their ratio (pipeline / bare; 1.0 means as fast as bare spaCy).
The pipeline run starts from an empty output folder, so it reads, cleans, parses, extracts, merges and writes
everything; a second, cached run is timed too.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "whitehouse-2021"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()

    import spacy

    from pipeline.ingest import IngestConfig, ingest
    from pipeline.nlp.model import DEFAULT_MODEL
    from pipeline.read import RawDocument, iter_documents

    files = sorted(p for p in args.corpus.rglob("*.md") if p.name != "SOURCE.md")[: args.limit]
    if not files:
        raise SystemExit(f"no .md files under {args.corpus}")
    texts = [d.text for d in iter_documents(files) if isinstance(d, RawDocument)]

    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "in"
        staged.mkdir()
        for f in files:
            (staged / f"{f.parent.name}-{f.name}").symlink_to(f)
        out = Path(tmp) / "out"
        start = time.perf_counter()
        summary = ingest([staged], out, IngestConfig(batch_size=args.batch_size), quiet=True)
        pipeline_s = time.perf_counter() - start
        start = time.perf_counter()
        ingest([staged], out, IngestConfig(batch_size=args.batch_size), quiet=True)
        cached_s = time.perf_counter() - start

    nlp = spacy.load(DEFAULT_MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - start

    n = len(texts)
    print(f"documents:            {n} ({sum(map(len, texts)) / 1e6:.1f} M characters)")
    print(f"bare nlp.pipe:        {n / bare_s:7.1f} docs/s  ({bare_s:.1f} s, all components of {DEFAULT_MODEL})")
    print(f"convene ingest:       {n / pipeline_s:7.1f} docs/s  ({pipeline_s:.1f} s, read+clean+parse+extract+merge+write;"
          f" {summary.meetings} meetings, {summary.people} people)")
    print(f"convene ingest again: {n / cached_s:7.1f} docs/s  ({cached_s:.1f} s, everything cached)")
    print(f"ratio pipeline/bare:  {bare_s / pipeline_s:.2f}x")


if __name__ == "__main__":
    main()
