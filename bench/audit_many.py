"""Benchmark ``prodready audit-many``: N small repositories audited with --jobs 1 against --jobs 2.

    python bench/audit_many.py [--repos 50] [--modules 5] [--commits 4] [--workdir DIR] [--repeat 1]

Each repository is the ten-file tree of ``bench/run.py`` (five modules and five project
files, a short history), every one from its own seed so no two are alike. Every audit is
cold (``--no-cache``): each child process parses its repository, so the figures measure the
process-per-audit design, start-up included. The portfolio at the end is timed on its own
(``prodready portfolio`` over the reports written). Figures go to stdout and to
``<workdir>/audit-many-results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generate import DEFAULT_SEED, Params, ensure_repo

BENCH_DIR = Path(__file__).resolve().parent


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds of the command and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` exited {done.returncode}: {done.stderr[-600:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=50)
    parser.add_argument("--modules", type=int, default=5)
    parser.add_argument("--commits", type=int, default=4)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / ".work")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per setting")
    args = parser.parse_args(argv)
    fleet = args.workdir / "fleet"
    fleet.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for index in range(args.repos):
        params = Params(modules=args.modules, commits=args.commits, seed=DEFAULT_SEED + index)
        ensure_repo(fleet / f"repo-{index:03d}", params)
    wanted = {f"repo-{index:03d}" for index in range(args.repos)}
    for extra in fleet.iterdir():  # a smaller --repos than last time: the rest are not audited
        if extra.is_dir() and extra.name not in wanted:
            shutil.rmtree(extra)
    print(f"{args.repos} repositories ready in {time.perf_counter() - started:.1f} s under {fleet}")
    prodready = [sys.executable, "-m", "prodready"]
    figures: dict[str, float] = {}
    for jobs in (1, 2):
        out = args.workdir / f"many-jobs{jobs}"
        runs = []
        for _ in range(args.repeat):
            shutil.rmtree(out, ignore_errors=True)
            command = [*prodready, "audit-many", str(fleet), "--output-dir", str(out)]
            runs.append(
                timed([*command, "--jobs", str(jobs), "--no-cache", "--no-portfolio", "-q"])
            )
        wall, cpu = min(runs)
        figures[f"jobs_{jobs}"], figures[f"cpu_jobs_{jobs}"] = round(wall, 2), round(cpu, 2)
        print(f"audit-many --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    portfolio = args.workdir / "portfolio.html"
    figures["portfolio"] = round(
        timed([*prodready, "portfolio", str(args.workdir / "many-jobs2"), "-o", str(portfolio)])[0],
        2,
    )
    figures["speedup"] = round(figures["jobs_1"] / figures["jobs_2"], 2)
    figures["per_repo_jobs_1"] = round(figures["jobs_1"] / args.repos, 3)
    print(f"portfolio of {args.repos} reports: {figures['portfolio']:.2f} s")
    print(f"speed-up with 2 jobs: {figures['speedup']:.2f}x on {os.cpu_count()} cores")
    load = os.getloadavg()[0]  # other work on the machine slows every figure alike
    print(f"load average (1 min) at the end: {load:.1f}")
    record = {
        "repos": args.repos, "modules": args.modules, "cores": os.cpu_count(),
        "load_average": round(load, 2), **figures,
    }  # fmt: skip
    (args.workdir / "audit-many-results.json").write_text(json.dumps(record, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
