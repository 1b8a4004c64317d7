"""Benchmark ``prodready trend``: N revisions of the synthetic repository against N cold audits.

    python bench/trend.py [--modules 600] [--commits 120] [--revisions 20] [--workdir DIR]

The baseline is what a user would otherwise pay: one ``prodready audit --no-cache``
per revision, on a checkout of that revision (checkout time not counted). The
trend run starts with an empty cache too, so the ratio shows what sharing the
content-hash cache and running revisions in parallel save. It also times the
trend with revisions in threads instead of processes (in-process, both), which
is how the runner's choice of processes was made. Figures go to stdout and to
``<workdir>/trend-results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generate import DEFAULT_SEED, Params, ensure_repo

BENCH_DIR = Path(__file__).resolve().parent


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"`{' '.join(command)}` exited {done.returncode}: {done.stderr[-400:]}")
    return time.perf_counter() - started


def cold_audits(repo: Path, revisions: list[str], out: Path, prodready: str) -> float:
    """Sum of one cold audit per revision, each on its own checkout (worktree, not timed)."""
    total = 0.0
    for index, sha in enumerate(revisions):
        tree = out / f"rev{index}" / repo.name
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "add", "-q", "--detach", str(tree), sha],
            check=True,
        )
        try:
            report = str(out / f"cold{index}.json")
            total += timed(
                [
                    prodready,
                    "audit",
                    str(tree),
                    "--no-cache",
                    "--format",
                    "json",
                    "-q",
                    "-o",
                    report,
                ]
            )
        finally:
            subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)])
        print(f"  cold audit {index + 1}/{len(revisions)}: total {total:.1f} s", flush=True)
    return total


def in_process(repo: Path, count: int, processes: bool) -> float:
    from prodready.config import Settings
    from prodready.trend import Selection, run_trend

    shutil.rmtree(repo / ".prodready", ignore_errors=True)
    started = time.perf_counter()
    run_trend(repo, Selection(last=count), Settings(), processes=processes)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=600)
    parser.add_argument("--commits", type=int, default=120)
    parser.add_argument("--revisions", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / ".work")
    parser.add_argument("--skip-cold", action="store_true", help="only the trend figures")
    args = parser.parse_args(argv)
    repo = args.workdir.resolve() / f"trend-{args.modules}"
    ensure_repo(repo, Params(args.modules, args.commits, DEFAULT_SEED))
    out = args.workdir.resolve() / "trend-reports"
    out.mkdir(parents=True, exist_ok=True)
    prodready = str(Path(sys.executable).parent / "prodready")
    from prodready.trend.revisions import open_history, select_last

    revisions = [r.sha for r in select_last(open_history(repo), args.revisions)]
    figures: dict[str, float] = {}
    shutil.rmtree(repo / ".prodready", ignore_errors=True)
    trend = [prodready, "trend", str(repo), "--last", str(args.revisions), "--format", "json"]
    figures["trend_cold_cache"] = timed([*trend, "-o", str(out / "trend.json"), "-q"])
    print(f"  trend, empty cache: {figures['trend_cold_cache']:.1f} s", flush=True)
    figures["trend_warm_cache"] = timed([*trend, "-o", str(out / "trend.json"), "-q"])
    print(f"  trend, warm cache: {figures['trend_warm_cache']:.1f} s", flush=True)
    figures["trend_processes"] = in_process(repo, args.revisions, processes=True)
    figures["trend_threads"] = in_process(repo, args.revisions, processes=False)
    print(
        f"  in-process, empty cache: processes {figures['trend_processes']:.1f} s, "
        f"threads {figures['trend_threads']:.1f} s",
        flush=True,
    )
    if not args.skip_cold:
        figures["cold_audits"] = cold_audits(repo, revisions, out, prodready)
        figures["ratio"] = figures["trend_cold_cache"] / figures["cold_audits"]
        print(f"trend / {len(revisions)} cold audits = {figures['ratio']:.3f}")
    result = {"cpus": os.cpu_count(), "modules": args.modules, "revisions": len(revisions)}
    (args.workdir / "trend-results.json").write_text(json.dumps({**result, **figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
