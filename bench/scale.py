"""The speed table in one run: generated repos by size, a keras-sized history, the field corpus.

    python bench/scale.py [--sizes 300,1000,3000] [--keras-commits 12000] [--field DIR]
                          [--version NAME=SRC ...] [--repeat 3] [--output bench/scale-results.json]

Each figure is the median of ``--repeat`` wall-clock runs of ``python -m prodready``
in a subprocess, with the load average read before it (the machine is shared: read
ratios taken back to back, not seconds). With several ``--version``s (an old commit's
``src/`` checked out elsewhere, and this one) every figure is taken for each in turn,
so before/after ratios come from one run. Peak memory is the largest resident set of
any one process of the run (``wait4``). ``bench/check.py`` compares the ratios of a
results file against ``bench/baseline.json`` and fails on a regression.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
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
    cpu: float = 0.0  # user + system seconds of the whole process tree: steadier under load


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
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_mb for r in runs),
        statistics.median(r.cpu for r in runs),
    )


def load() -> float:
    return round(os.getloadavg()[0], 2)


def measure(row: Row, key: str, repeat: int, once: Callable[[], Run]) -> Run:
    row.load[key] = load()
    result = median([once() for _ in range(repeat)])
    row.figures[key] = round(result.seconds, 3)
    if result.cpu:
        row.figures[f"{key}_cpu"] = round(result.cpu, 3)
    print(f"  {row.name:>26} {key:<22} {result.seconds:7.2f} s  (load {row.load[key]})", flush=True)
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


def size_row(tools: dict[str, Prodready], repo: Path, repeat: int) -> Row:
    row = Row(f"{len(python_files(repo))} modules")
    measure(row, "floor", repeat, lambda: parse_floor(repo))
    for name, tool in tools.items():
        _size_figures(row, name, tool, repo, repeat)
    return row


def _size_figures(row: Row, name: str, tool: Prodready, repo: Path, repeat: int) -> None:
    cold = measure(
        row, f"{name}:cold_jobs2", repeat, lambda: tool.audit(repo, "--no-cache", "--jobs", "2")
    )
    row.figures[f"{name}:peak_mb"] = round(cold.peak_mb, 1)
    measure(
        row, f"{name}:cold_jobs1", repeat, lambda: tool.audit(repo, "--no-cache", "--jobs", "1")
    )
    shutil.rmtree(repo / ".prodready", ignore_errors=True)  # each version fills its own cache
    tool.audit(repo, "--jobs", "2")
    measure(row, f"{name}:warm", repeat, lambda: tool.audit(repo, "--jobs", "2"))
    row.notes.append(f"{name} warm parsed {tool.parsed(repo)}")
    counter = iter(range(1_000_000))

    def touched() -> Run:
        touch(repo, next(counter))
        try:
            return tool.audit(repo, "--jobs", "2")
        finally:
            restore(repo)

    measure(row, f"{name}:touched", repeat, touched)
    row.notes.append(f"{name} touched parsed {tool.parsed(repo)}")


def history_row(tools: dict[str, Prodready], repo: Path, repeat: int) -> Row:
    """A keras-sized history: the floor with the full ``git log``, cold, and one new commit."""
    row = Row("keras-sized history")
    measure(row, "floor", repeat, lambda: parse_floor(repo))
    measure(row, "floor_git", repeat, lambda: git_floor(repo))
    for name, tool in tools.items():
        _history_figures(row, name, tool, repo, repeat)
    return row


def _history_figures(row: Row, name: str, tool: Prodready, repo: Path, repeat: int) -> None:
    git = ["git", "-C", str(repo)]
    measure(
        row, f"{name}:cold_jobs2", repeat, lambda: tool.audit(repo, "--no-cache", "--jobs", "2")
    )
    shutil.rmtree(repo / ".prodready", ignore_errors=True)
    tool.audit(repo, "--jobs", "2")
    counter = iter(range(1_000_000))

    def committed() -> Run:
        touch(repo, next(counter))
        subprocess.run([*git, "commit", "-qam", "bench: one more commit"], check=True)
        try:
            return tool.audit(repo, "--jobs", "2")
        finally:
            subprocess.run([*git, "reset", "-q", "--hard", "HEAD~1"], check=True)

    measure(row, f"{name}:new_commit", repeat, committed)


def field_rows(tools: dict[str, Prodready], clones: Path, repeat: int) -> list[Row]:
    """Each field clone audited cold by every version, alternating, back to back."""
    rows = []
    for repo in sorted(p for p in clones.iterdir() if (p / ".git").exists()):
        row = Row(repo.name)
        row.load["cold"] = load()
        runs: dict[str, list[Run]] = {name: [] for name in tools}
        for _ in range(repeat):
            for name, tool in tools.items():
                runs[name].append(tool.audit(repo, "--no-cache"))
        for name, found in runs.items():
            row.figures[f"{name}:cold"] = round(median(found).seconds, 3)
            row.figures[f"{name}:cold_cpu"] = round(median(found).cpu, 3)
        shown = "  ".join(f"{name} {row.figures[f'{name}:cold']:6.2f} s" for name in tools)
        print(f"  {repo.name:>40} {shown}  (load {row.load['cold']})", flush=True)
        rows.append(row)
    total = Row("field total")
    for key in (f"{name}:{figure}" for name in tools for figure in ("cold", "cold_cpu")):
        total.figures[key] = round(sum(r.figures[key] for r in rows), 3)
    return [*rows, total]


def startup(tools: dict[str, Prodready], tiny: Path, repeat: int) -> Row:
    row = Row("start-up")
    command = [sys.executable, "-m", "prodready", "--version"]
    for name, tool in tools.items():
        measure(row, f"{name}:version", max(repeat, 5), partial(timed, command, tool.src))
        measure(row, f"{name}:ten_files", max(repeat, 3), partial(tool.audit, tiny, "--no-cache"))
    return row


RATIOS = {  # name: (numerator, denominator); lower is better for every one
    "cold_jobs2/floor": ("cold_jobs2", "floor"),
    "cold_jobs1/floor": ("cold_jobs1", "floor"),
    "warm/cold": ("warm", "cold_jobs2"),
    "touched/cold": ("touched", "cold_jobs2"),
    "cold/floor+git": ("cold_jobs2", "floor_total"),
    "new_commit/cold": ("new_commit", "cold_jobs2"),
}


def ratios(rows: dict[str, list[Row]], names: list[str]) -> dict[str, float]:
    """Each version's ratios to the floor and to its own cold run, and each version's figures
    against the first version's (``name/first``), from figures taken in the same run."""
    found: dict[str, float] = {}
    for row in (row for group in rows.values() for row in group):
        figures = dict(row.figures)
        if "floor_git" in figures:
            figures["floor_total"] = figures["floor"] + figures["floor_git"]
        for name in names:
            own = {k.split(":", 1)[1]: v for k, v in figures.items() if k.startswith(name + ":")}
            own.update({k: v for k, v in figures.items() if ":" not in k})
            for label, (top, bottom) in RATIOS.items():
                if own.get(top) and own.get(bottom):
                    found[f"{row.name}: {name} {label}"] = round(own[top] / own[bottom], 3)
            if name == names[0]:
                continue
            for key, value in own.items():
                first = figures.get(f"{names[0]}:{key}")
                if first and value and key != "peak_mb":
                    found[f"{row.name}: {key} {name}/{names[0]}"] = round(value / first, 3)
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000", help="module counts, comma-separated")
    parser.add_argument("--commits", type=int, default=300, help="history of the size repos")
    parser.add_argument("--keras-commits", type=int, default=12_000, help="0 skips the row")
    parser.add_argument("--field", type=Path, help="folder of field clones (owner__name)")
    parser.add_argument(
        "--version",
        action="append",
        metavar="NAME=SRC",
        help="a prodready src/ folder to measure, repeatable (default: new=this checkout's src/)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / ".work")
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "scale-results.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.workdir.resolve()
    out = work / "reports"
    out.mkdir(parents=True, exist_ok=True)
    versions = args.version or [f"new={PROJECT_DIR / 'src'}"]
    tools = {  # each version's reports in a folder of its own, to compare verdicts after
        name: Prodready(Path(src).resolve(), out / name)
        for name, _, src in (item.partition("=") for item in versions)
    }
    for tool in tools.values():
        tool.out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[Row]] = {"size": [], "history": [], "field": [], "startup": []}
    started_load = os.getloadavg()
    ensure_repo(work / "tiny", Params(modules=5, commits=4))
    rows["startup"].append(startup(tools, work / "tiny", args.repeat))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        repo = work / f"repo-{size}"
        ensure_repo(repo, Params(size, args.commits))
        restore(repo)
        rows["size"].append(size_row(tools, repo, args.repeat))
    if args.keras_commits:
        repo = work / f"history-{args.keras_commits}"
        ensure_repo(repo, Params(1000, args.keras_commits))
        restore(repo)
        rows["history"].append(history_row(tools, repo, args.repeat))
    if args.field:
        rows["field"] = field_rows(tools, args.field, args.repeat)
    found = ratios(rows, list(tools))
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
