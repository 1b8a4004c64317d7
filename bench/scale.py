"""The speed table in one run: generated repos by size, a keras-sized history, the field corpus.

    python bench/scale.py [--sizes 300,1000,3000] [--field DIR] [--old-src DIR] [--repeat 3]
                          [--keras-commits 12000] [--output bench/scale-results.json]

Each figure is the median of ``--repeat`` wall-clock runs of ``python -m prodready``
in a subprocess, with the load average read before it (the machine is shared: read
ratios taken back to back, not seconds). Peak memory is the largest resident set of
any one process of the run (``wait4``). ``bench/check.py`` compares the ratios of a
results file against ``bench/baseline.json`` and fails on a regression.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from generate import Params, ensure_repo

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
GATE_FAILED = 1
SKIPPED = frozenset({".git", ".prodready"})


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    """One line of the table: named figures (median seconds, peak MB) and the load beside them."""

    name: str
    figures: dict[str, float] = field(default_factory=dict)
    load: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Prodready:
    """One prodready source tree, run as ``python -m prodready`` with that tree first on the path."""

    src: Path
    out: Path

    def audit(self, repo: Path, *options: str) -> Run:
        report = self.out / f"{repo.name}.json"
        report.unlink(missing_ok=True)
        command = [sys.executable, "-m", "prodready", "audit", str(repo), *options]
        run = timed([*command, "--format", "json", "-o", str(report), "--quiet"], self.src)
        if not report.exists():
            raise SystemExit(f"no report from `{' '.join(command)}`")
        return run

    def parsed(self, repo: Path) -> int | None:
        try:
            facts = json.loads((self.out / f"{repo.name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return facts.get("facts", {}).get("parsed_files")


def timed(command: list[str], src: Path | None = None) -> Run:
    """Wall seconds and the peak RSS of the largest process in the run's tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if src:  # an installed prodready has its bytecode compiled: so does the measured one
        env["PYTHONPATH"] = str(src)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=BENCH_DIR
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, GATE_FAILED):
        raise SystemExit(f"`{' '.join(command)}` exited {code}: {error[-600:]}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs)
    )


def load() -> float:
    return round(os.getloadavg()[0], 2)


def measure(row: Row, key: str, repeat: int, once: Callable[[], Run]) -> Run:
    row.load[key] = load()
    result = median([once() for _ in range(repeat)])
    row.figures[key] = round(result.seconds, 3)
    print(f"  {row.name:>18} {key:<16} {result.seconds:7.2f} s  (load {row.load[key]})", flush=True)
    return result


def python_files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        found += [Path(folder, name) for name in sorted(names) if name.endswith(".py")]
    return found


def parse_floor(root: Path) -> Run:
    """Read and ``ast.parse`` every module once in this process: the least a Python audit does."""
    started = time.perf_counter()
    for path in python_files(root):
        ast.parse(path.read_bytes())
    return Run(time.perf_counter() - started, 0.0)


def git_floor(root: Path) -> Run:
    return timed(["git", "-C", str(root), "log", "--numstat", "--no-merges", "--format=%H"])


def touch(repo: Path, number: int) -> Path:
    modules = sorted(p for p in python_files(repo / "src") if p.name != "__init__.py")
    target = sorted(modules, key=lambda p: (p.stat().st_size, str(p)))[len(modules) // 2]
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"# bench: touched {number} at {time.time_ns()}\n")
    return target


def restore(repo: Path) -> None:
    subprocess.run(["git", "-C", str(repo), "checkout", "--", "."], check=True)


def size_row(tool: Prodready, repo: Path, repeat: int) -> Row:
    row = Row(f"{len(python_files(repo))} modules")
    measure(row, "floor", repeat, lambda: parse_floor(repo))
    cold2 = measure(
        row, "cold_jobs2", repeat, lambda: tool.audit(repo, "--no-cache", "--jobs", "2")
    )
    row.figures["peak_mb"] = round(cold2.peak_mb, 1)
    measure(row, "cold_jobs1", repeat, lambda: tool.audit(repo, "--no-cache", "--jobs", "1"))
    tool.audit(repo, "--jobs", "2")  # fills the cache
    measure(row, "warm", repeat, lambda: tool.audit(repo, "--jobs", "2"))
    row.notes.append(f"warm parsed {tool.parsed(repo)}")
    counter = iter(range(1_000_000))

    def touched() -> Run:
        touch(repo, next(counter))
        try:
            return tool.audit(repo, "--jobs", "2")
        finally:
            restore(repo)

    measure(row, "touched", repeat, touched)
    row.notes.append(f"touched parsed {tool.parsed(repo)}")
    return row


def history_row(tool: Prodready, repo: Path, repeat: int) -> Row:
    """A keras-sized history: the floor with the full ``git log``, cold, and one new commit."""
    row = Row("keras-sized history")
    measure(row, "floor", repeat, lambda: parse_floor(repo))
    measure(row, "floor_git", repeat, lambda: git_floor(repo))
    measure(row, "cold_jobs2", repeat, lambda: tool.audit(repo, "--no-cache", "--jobs", "2"))
    tool.audit(repo, "--jobs", "2")
    counter = iter(range(1_000_000))

    def committed() -> Run:
        touch(repo, next(counter))
        git = ["git", "-C", str(repo)]
        subprocess.run([*git, "commit", "-qam", "bench: one more commit"], check=True)
        try:
            return tool.audit(repo, "--jobs", "2")
        finally:
            subprocess.run([*git, "reset", "-q", "--hard", "HEAD~1"], check=True)

    measure(row, "new_commit", repeat, committed)
    return row


def field_rows(new: Prodready, old: Prodready, clones: Path, repeat: int) -> list[Row]:
    """Each field clone audited cold by the old and the new source, alternating, back to back."""
    rows = []
    for repo in sorted(p for p in clones.iterdir() if (p / ".git").exists()):
        row = Row(repo.name)
        row.load["new"] = row.load["old"] = load()
        pairs = [
            (old.audit(repo, "--no-cache"), new.audit(repo, "--no-cache")) for _ in range(repeat)
        ]
        row.figures["old"] = round(statistics.median(a.seconds for a, _ in pairs), 3)
        row.figures["new"] = round(statistics.median(b.seconds for _, b in pairs), 3)
        print(
            f"  {repo.name:>40} old {row.figures['old']:6.2f} s  new {row.figures['new']:6.2f} s"
            f"  x{row.figures['new'] / row.figures['old']:.2f}  (load {row.load['new']})",
            flush=True,
        )
        rows.append(row)
    total = Row("field total")
    total.figures["old"] = round(sum(r.figures["old"] for r in rows), 3)
    total.figures["new"] = round(sum(r.figures["new"] for r in rows), 3)
    return [*rows, total]


def startup(tool: Prodready, tiny: Path, repeat: int) -> Row:
    row = Row("start-up")
    command = [sys.executable, "-m", "prodready", "--version"]
    measure(row, "version", max(repeat, 5), lambda: timed(command, tool.src))
    measure(row, "ten_files", max(repeat, 3), lambda: tool.audit(tiny, "--no-cache"))
    return row


RATIOS = {  # name: (row kind, numerator, denominator); lower is better for every one
    "cold_jobs2/floor": ("size", "cold_jobs2", "floor"),
    "cold_jobs1/floor": ("size", "cold_jobs1", "floor"),
    "warm/cold": ("size", "warm", "cold_jobs2"),
    "touched/cold": ("size", "touched", "cold_jobs2"),
    "cold/floor+git": ("history", "cold_jobs2", "floor_total"),
    "new_commit/cold": ("history", "new_commit", "cold_jobs2"),
    "new/old": ("field", "new", "old"),
}


def ratios(rows: dict[str, list[Row]]) -> dict[str, float]:
    found: dict[str, float] = {}
    for name, (kind, top, bottom) in RATIOS.items():
        for row in rows.get(kind, []):
            figures = dict(row.figures)
            if "floor_git" in figures:
                figures["floor_total"] = figures["floor"] + figures["floor_git"]
            if figures.get(top) and figures.get(bottom):
                found[f"{row.name}: {name}"] = round(figures[top] / figures[bottom], 3)
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000", help="module counts, comma-separated")
    parser.add_argument("--commits", type=int, default=300, help="history of the size repos")
    parser.add_argument("--keras-commits", type=int, default=12_000, help="0 skips the row")
    parser.add_argument("--field", type=Path, help="folder of field clones (owner__name)")
    parser.add_argument("--old-src", type=Path, help="src/ of the version to compare on the field")
    parser.add_argument("--src", type=Path, default=PROJECT_DIR / "src", help="src/ measured")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / ".work")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "scale-results.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.workdir.resolve()
    out = work / "reports"
    out.mkdir(parents=True, exist_ok=True)
    tool = Prodready(args.src.resolve(), out)
    rows: dict[str, list[Row]] = {"size": [], "history": [], "field": [], "startup": []}
    started_load = os.getloadavg()
    ensure_repo(work / "tiny", Params(modules=5, commits=4))
    rows["startup"].append(startup(tool, work / "tiny", args.repeat))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        repo = work / f"repo-{size}"
        ensure_repo(repo, Params(size, args.commits))
        restore(repo)
        rows["size"].append(size_row(tool, repo, args.repeat))
    if args.keras_commits:
        repo = work / f"history-{args.keras_commits}"
        ensure_repo(repo, Params(1000, args.keras_commits))
        restore(repo)
        rows["history"].append(history_row(tool, repo, args.repeat))
    if args.field and args.old_src:
        old = Prodready(args.old_src.resolve(), out)
        rows["field"] = field_rows(tool, old, args.field, args.repeat)
    found = ratios(rows)
    results = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "load_before": list(started_load),
        "load_after": list(os.getloadavg()),
        "repeat": args.repeat,
        "rows": {kind: [vars(row) for row in group] for kind, group in rows.items()},
        "ratios": found,
    }
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    for name, value in found.items():
        print(f"  {name:<48} {value:6.3f}")
    print(f"\nWrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
