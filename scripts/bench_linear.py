"""Does `convene ingest` take time linear in the length of an article? Seconds through the real ingest path.

usage: python scripts/bench_linear.py [--timeout SECONDS] [--cases 10K,100K,1M,token]

Cases: made-up articles of 10K, 100K and 1M characters (paragraphs of meeting prose), and a 100 KB text that
is one single token. The model is loaded before timing. Each case is ingested into a fresh output folder in its own process (so a case that
runs away is stopped at --timeout), then ingested again with only the rule results dropped from the cache:
the second figure is the rule stage over the cached parse. Targets (issue 10): 100K -> 1M grows at most
12x, the single-token text takes under 2 s.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_bad_inputs import prose

CASES = {"10K": lambda: prose(10_000), "100K": lambda: prose(100_000), "1M": lambda: prose(1_000_000),
         "token": lambda: "x" * 100_000}


def run_case(text_file: Path, out: Path) -> dict:
    """In the child process: ingest, then re-ingest over cached parses; seconds of each and of every stage."""
    from pipeline.extract import load_pipeline
    from pipeline.ingest import IngestConfig, ingest

    load_pipeline()  # loaded before the clock starts: the figures are the work on the text
    first = ingest([text_file], out, IngestConfig(incremental=False))
    shutil.rmtree(out / ".cache" / "extract")
    rules = ingest([text_file], out, IngestConfig(incremental=False))
    return {"total": first.seconds, "stages": first.stage_seconds, "rules_again": rules.stage_seconds["parse+extract"],
            "parsed": first.parsed, "rejects": first.rejects}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--child", nargs=2, metavar=("TEXT_FILE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(Path(args.child[0]), Path(args.child[1]))))
        return

    results: dict[str, float | None] = {}
    print(f"{'case':>6} {'chars':>9} {'total s':>9} {'parse+rules s':>14} {'rules alone s':>14}  other stages")
    for name in args.cases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            text_file = Path(tmp) / "in" / f"{name}.txt"
            text_file.parent.mkdir()
            text = CASES[name]()
            text_file.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            try:
                child = subprocess.run([sys.executable, __file__, "--child", str(text_file), str(Path(tmp) / "out")],
                                       capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                results[name] = None
                print(f"{name:>6} {len(text):>9} {'> %.0f' % args.timeout:>9}  (stopped)")
                continue
            if child.returncode != 0:
                print(f"{name:>6} {len(text):>9}  failed: {child.stderr.strip().splitlines()[-1:]}")
                results[name] = None
                continue
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            stages = figures["stages"]
            other = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in stages.items() if stage != "parse+extract")
            results[name] = figures["total"]
            print(f"{name:>6} {len(text):>9} {figures['total']:>9.2f} {stages['parse+extract']:>14.2f} "
                  f"{figures['rules_again']:>14.2f}  {other}  (wall {time.perf_counter() - started:.1f} s)")
    if results.get("100K") and results.get("1M"):
        print(f"growth 100K -> 1M: {results['1M'] / results['100K']:.1f}x (target <= 12x)")
    if "token" in results:
        token = results["token"]
        print(f"single 100 KB token: {'%.2f s' % token if token else 'did not finish'} (target < 2 s)")


if __name__ == "__main__":
    main()
