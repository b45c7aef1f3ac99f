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
from pathlib import Path

from make_bad_inputs import prose

CASES = {"10K": lambda: prose(10_000), "100K": lambda: prose(100_000), "1M": lambda: prose(1_000_000),
         "token": lambda: "x" * 100_000}


def run_case(text_file: Path, out: Path) -> None:
    """In the child process: ingest, then re-ingest over the cached parse; one JSON line of figures after each."""
    from pipeline.extract import load_pipeline
    from pipeline.ingest import IngestConfig, ingest

    load_pipeline()  # loaded before the clock starts: the figures are the work on the text
    first = ingest([text_file], out, IngestConfig(incremental=False))
    print(json.dumps({"total": first.seconds, "stages": first.stage_seconds}), flush=True)
    shutil.rmtree(out / ".cache" / "extract")
    rules = ingest([text_file], out, IngestConfig(incremental=False))
    print(json.dumps({"rules_again": rules.stage_seconds["parse+extract"]}), flush=True)


def _figures(output: str | bytes | None) -> dict:
    text = output.decode() if isinstance(output, bytes) else output or ""
    figures: dict = {}
    for line in text.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--child", nargs=2, metavar=("TEXT_FILE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_case(Path(args.child[0]), Path(args.child[1]))
        return

    results: dict[str, float | None] = {}
    print(f"{'case':>6} {'chars':>9} {'total s':>9} {'parse+rules s':>14} {'rules alone s':>14}  other stages")
    for name in args.cases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            text_file = Path(tmp) / "in" / f"{name}.txt"
            text_file.parent.mkdir()
            text = CASES[name]()
            text_file.write_text(text, encoding="utf-8")
            command = [sys.executable, __file__, "--child", str(text_file), str(Path(tmp) / "out")]
            try:
                child = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
                figures, failed = _figures(child.stdout), child.returncode != 0
            except subprocess.TimeoutExpired as expired:
                figures, failed = _figures(expired.stdout), False
            if failed or "total" not in figures:
                results[name] = None
                print(f"{name:>6} {len(text):>9} {'> %.0f' % args.timeout:>9}  (stopped)" if not failed
                      else f"{name:>6} {len(text):>9}  failed: {child.stderr.strip().splitlines()[-1:]}")
                continue
            stages = figures["stages"]
            other = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in stages.items() if stage != "parse+extract")
            again = f"{figures['rules_again']:.2f}" if "rules_again" in figures else "(stopped)"
            results[name] = figures["total"]
            print(f"{name:>6} {len(text):>9} {figures['total']:>9.2f} {stages['parse+extract']:>14.2f} {again:>14}  "
                  f"{other}")
    if results.get("100K") and results.get("1M"):
        print(f"growth 100K -> 1M: {results['1M'] / results['100K']:.1f}x (target <= 12x)")
    if "token" in results:
        token = results["token"]
        print(f"single 100 KB token: {'%.2f s' % token if token else 'did not finish'} (target < 2 s)")


if __name__ == "__main__":
    main()
