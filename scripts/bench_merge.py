"""Benchmark of `pipeline.merge.merge` on synthetic mention sets: wall time and peak memory per size.

Each size runs in its own child process so peak memory is measured per size. Mentions are generated with a
fixed seed: real meetings reported by one to several articles (dates sometimes off by a day or missing, places
sometimes missing), each report naming the meeting's participants by full name, reversed name, short given
name or bare surname.

    .venv/bin/python scripts/bench_merge.py 10000 100000 [1000000] [--profile] [--dask 2]

With --dask N, each size is merged a second time with the candidate pairs scored by the partitioned job on a
LocalCluster of N workers (`pipeline.engines.dask.DaskPairs`): its time, the peak memory of the client (which
holds the LocalCluster's scheduler too) and of each worker, and whether the merged records are the same.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import json
import pstats
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.merge import ArticleInfo, merge  # noqa: E402
from pipeline.models import Location, Meeting, Participant, Person, Role, SourceRef  # noqa: E402

SEED = 20240501
SYLLABLES = "ka ri to mo na se lu vi da pe ro zu fa ne gi ha bo ya li me so ta".split()
GIVEN = "Anna Joseph Robert William Daniel Maria Chen Ravi Elena Tomas Grace Omar Lisa Jake Sara Ivan Noor Kenji".split()
NICKS = {"Joseph": "Joe", "Robert": "Bob", "William": "Bill", "Daniel": "Dan"}
TITLES = "Minister|Secretary of State|Ambassador|Director General|Governor|Mayor|Senator|President".split("|")
KINDS = ("meeting", "meeting", "virtual", "call", "summit", "conference")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate(total_mentions: int, seed: int = SEED) -> tuple[list[Meeting], list[Person], dict[str, ArticleInfo]]:
    """About `total_mentions` meeting and person mentions with realistic duplication across articles."""
    rng = random.Random(seed)
    surnames = sorted({_word(rng, 3) for _ in range(max(50, total_mentions // 200))})
    pool = [(rng.choice(GIVEN), rng.choice(surnames), rng.choice(TITLES)) for _ in range(max(200, total_mentions // 25))]
    cities = sorted({_word(rng, 2) for _ in range(max(30, total_mentions // 2000))})
    series_names = [f"{_word(rng, 2)} {_word(rng, 3)} Forum" for _ in range(max(20, total_mentions // 5000))]
    meetings: list[Meeting] = []
    people: list[Person] = []
    articles: dict[str, ArticleInfo] = {}
    first_day = dt.date(2019, 1, 1).toordinal()
    real = 0
    while len(meetings) + len(people) < total_mentions:
        real += 1
        day = first_day + rng.randrange(2000)
        length = rng.choice((0, 0, 0, 1, 2))
        series = rng.choice(series_names) if rng.random() < 0.3 else None
        ordinal = rng.randrange(1, 30) if series else None
        city = rng.choice(cities)
        kind = rng.choice(KINDS)
        members = rng.sample(pool, rng.randint(1, 5))
        reports = min(1 + int(rng.expovariate(0.7)), 40)
        for report in range(reports):
            article = f"a{real:07d}-{report:02d}"
            articles[article] = ArticleInfo(id=article, published=dt.date.fromordinal(day + 1))
            mid = f"{article}-m1"
            shift = 1 if rng.random() < 0.1 else 0
            start = None if rng.random() < 0.1 else dt.date.fromordinal(day + shift)
            participants, mention_people = [], []
            for number, (given, surname, title) in enumerate(members, 1):
                pid = f"{article}-p{number}"
                name = _variant(rng, given, surname)
                participants.append(Participant.model_construct(person_id=pid, name=name, role="participant"))
                role = Role.model_construct(title=title if rng.random() < 0.8 else None, organization=None, country=None,
                                            article_ids=[article])
                mention_people.append(Person.model_construct(
                    id=pid, name=name, honorifics=[], post_nominals=[], aliases=[], roles=[role], meeting_ids=[mid],
                    sources=[SourceRef.model_construct(article_id=article, mention_id=pid, evidence=[])], reviewed=False))
            meetings.append(Meeting.model_construct(
                id=mid, kind=kind, name=f"{ordinal}th {series}" if series and rng.random() < 0.5 else None,
                series=series, ordinal=ordinal if series and rng.random() < 0.9 else None, start_date=start,
                end_date=dt.date.fromordinal(day + shift + length) if start and length else None, date_text=None,
                location=Location.model_construct(venue=None, city=city if rng.random() < 0.7 else None, region=None,
                                                  country=None),
                hosts=[], attendance=None, participants=participants,
                sources=[SourceRef.model_construct(article_id=article, mention_id=mid, evidence=[])], conflicts=[],
                reviewed=False))
            people.extend(mention_people)
    return meetings, people, articles


def _variant(rng: random.Random, given: str, surname: str) -> str:
    roll = rng.random()
    if roll < 0.1:
        return surname
    if roll < 0.15:
        return f"{surname} {given}"
    if roll < 0.22 and given in NICKS:
        return f"{NICKS[given]} {surname}"
    return f"{given} {surname}"


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _digest(meetings: list[Meeting], people: list[Person]) -> str:
    """A hash of the merged records: equal digests, the same clusters with the same ids and fields."""
    digest = hashlib.sha256()
    for record in [*meetings, *people]:
        digest.update(json.dumps(record.model_dump(mode="json"), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def run_one(size: int, profile: bool, workers: int = 0) -> dict:
    """Merge `size` synthetic mentions here, or with the candidate pairs scored on a LocalCluster of `workers`."""
    engine = _dask_engine(workers) if workers else None  # first: a process started later would report this
    meetings, people, articles = generate(size)          # one's peak memory as its own (Linux keeps it)
    before = _peak_rss_mib()
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    merged_meetings, merged_people = merge(meetings, people, articles, pairs=engine.pair_scorer() if engine else None)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    result = {
        "mentions": len(meetings) + len(people), "meeting_mentions": len(meetings), "person_mentions": len(people),
        "merged_meetings": len(merged_meetings), "merged_people": len(merged_people), "seconds": round(seconds, 2),
        "peak_rss_mib": round(_peak_rss_mib(), 1), "rss_before_merge_mib": round(before, 1),
        "digest": _digest(merged_meetings, merged_people),
    }
    if engine:
        result["worker_peak_rss_mib"] = sorted(round(rss, 1) for rss in engine.client.run(_peak_rss_mib).values())
        engine.close()
    if profiler:
        stats = pstats.Stats(profiler)
        pydantic_seconds = sum(
            row[3] for (path, _, func), row in stats.stats.items()  # type: ignore[attr-defined]
            if func == "__init__" and "pydantic" in path
        )
        result["pydantic_init_seconds"] = round(pydantic_seconds, 2)
        stats.sort_stats("cumulative").print_stats(25)
    return result


def _dask_engine(workers: int):
    from pipeline.engines.dask import DaskEngine

    engine = DaskEngine.local_cluster(workers)
    engine.client  # the cluster starts in the background: wait for it, so that its start is not timed
    return engine


def _child(size: int, profile: bool, workers: int) -> dict:
    command = [sys.executable, __file__, str(size), "--child", "--dask-workers", str(workers)]
    output = subprocess.run(command + (["--profile"] if profile else []), check=True, capture_output=True,
                            text=True).stdout
    if profile:
        print(output.rsplit("\n", 2)[0])
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description="Time and peak memory of merge() on synthetic mention sets.")
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000], help="meeting+person mentions")
    parser.add_argument("--profile", action="store_true", help="profile merge() and print the top functions")
    parser.add_argument("--dask", type=int, default=0, metavar="WORKERS",
                        help="also merge with the pairs scored on a LocalCluster of WORKERS workers (the Dask "
                             "column), and check that both give the same records")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dask-workers", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.sizes[0], args.profile, args.dask_workers)))
        return 0
    header = f"{'mentions':>10} {'meetings':>9} {'people':>8} {'seconds':>8} {'peak MiB':>9} {'inputs MiB':>10}"
    if args.dask:
        header += f" | dask: {'seconds':>8} {'client MiB':>10} {'worker MiB':>16} same records"
    print(header, flush=True)
    for size in args.sizes:
        row = _child(size, args.profile, 0)
        line = (f"{row['mentions']:>10} {row['merged_meetings']:>9} {row['merged_people']:>8} {row['seconds']:>8} "
                f"{row['peak_rss_mib']:>9} {row['rss_before_merge_mib']:>10}"
                + (f"  pydantic __init__ {row['pydantic_init_seconds']}s" if "pydantic_init_seconds" in row else ""))
        if args.dask:
            on_dask = _child(size, False, args.dask)
            workers = "/".join(f"{rss:.0f}" for rss in on_dask["worker_peak_rss_mib"])
            line += (f" |       {on_dask['seconds']:>8} {on_dask['peak_rss_mib']:>10} {workers:>16} "
                     f"{'yes' if on_dask['digest'] == row['digest'] else 'NO'}")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
