"""Print the mutation score per module from mutmut's results in mutants/ (run after `mutmut run`).

A mutant counts as killed when a test failed or timed out on it; mutants no test reaches count against the score.
Exits 1 when the total is below --min (a percentage).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255}
SURVIVED = 0
NOT_REACHED = {5, 33}


def module_counts(mutants: Path) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
        tally = Counter()
        for code in codes:
            tally["total"] += 1
            if code in KILLED:
                tally["killed"] += 1
            elif code == SURVIVED:
                tally["survived"] += 1
            elif code in NOT_REACHED:
                tally["not reached"] += 1
            elif code is None:
                tally["not run"] += 1
            else:
                tally["other"] += 1
        counts[module] = tally
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--min", type=float, default=0.0, help="fail below this total percentage killed")
    args = parser.parse_args(argv)
    counts = module_counts(args.mutants)
    if not counts:
        print(f"no mutmut results under {args.mutants}", file=sys.stderr)
        return 2
    total = Counter()
    print(f"{'module':48} {'killed':>7} {'total':>6} {'score':>6}  survived / not reached / not run")
    for module, tally in counts.items():
        total.update(tally)
        print(f"{module:48} {tally['killed']:7} {tally['total']:6} {_percent(tally):>6}  "
              f"{tally['survived']} / {tally['not reached']} / {tally['not run']}")
    print(f"{'all':48} {total['killed']:7} {total['total']:6} {_percent(total):>6}  "
          f"{total['survived']} / {total['not reached']} / {total['not run']}")
    return 1 if 100 * total["killed"] / max(total["total"], 1) < args.min else 0


def _percent(tally: Counter) -> str:
    return f"{100 * tally['killed'] / max(tally['total'], 1):.1f}%"


if __name__ == "__main__":
    sys.exit(main())
