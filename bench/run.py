"""Benchmark ``prodready audit`` on a large synthetic ML repository against the floor.

    python bench/run.py [--modules 3000] [--commits 300] [--workdir bench/.work] [--keep]

The floor is what any audit must at least do: read and parse every module once
and read the git history once. The script builds (or reuses) the repository,
times the floor, prodready cold, warm and warm after a one-file change, radon
on the same tree, prodready's start-up and a ten-file audit, then prints a table
with the target ratios and writes the same figures to ``bench/results.json``.
See ``bench/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import io
import json
import os
import platform
import pstats
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from generate import DEFAULT_SEED, Params, RepoStats, ensure_repo, stamp_path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
TINY_PARAMS = Params(modules=5, commits=4)  # five modules + five project files: ten files
GATE_FAILED = 1  # prodready's exit code when the readiness gate fails: a result, not an error
SKIPPED_DIRS = frozenset({".git", ".prodready"})


@dataclass(frozen=True)
class Target:
    name: str
    numerator: str
    denominator: str
    limit: float


TARGETS = (
    Target("cold / floor", "audit_cold", "floor_total", 2.0),
    Target("warm / cold", "audit_warm", "audit_cold", 0.2),
)
INFO_RATIOS = (
    ("warm, 1 file touched / cold", "audit_touched", "audit_cold"),
    ("cache fill / cold", "audit_fill", "audit_cold"),
    ("cold / radon cc", "audit_cold", "radon_cc"),
)


class BenchError(Exception):
    """A measured command failed; the figure is reported as an error, the run goes on."""


@dataclass(frozen=True)
class Audit:
    command: list[str]
    report: Path


@dataclass
class Figure:
    key: str
    label: str
    runs: int
    seconds: float | None = None
    note: str = ""
    error: str | None = None


@dataclass
class Bench:
    """The trees, the tools and the figures of one benchmark run."""

    repo: Path
    tiny: Path
    out: Path  # a scratch folder for reports, outside both trees
    prodready: str
    radon: str
    repeat: int
    figures: dict[str, Figure] = field(default_factory=dict)

    def record(self, key: str, label: str, runs: int, measure: Callable[[], float]) -> None:
        figure = Figure(key, label, runs)
        print(f"  {label} ...", end="", flush=True)
        try:
            figure.seconds = min(measure() for _ in range(runs))
        except (BenchError, OSError) as error:
            figure.error = str(error)
        self.figures[key] = figure
        print(f" {_seconds(figure)}", flush=True)

    def note(self, key: str, text: str) -> None:
        if key in self.figures:
            self.figures[key].note = text

    # ----------------------------------------------------------------- commands

    def audit(self, repo: Path, report: str, *options: str) -> Audit:
        target = self.out / report
        command = [self.prodready, "audit", str(repo), *options]
        return Audit([*command, "--format", "json", "-o", str(target), "--quiet"], target)

    def run_audit(self, audit: Audit) -> float:
        """Time one audit; it must write its report anew, or the run counts as failed."""
        audit.report.unlink(missing_ok=True)
        elapsed = self.run(audit.command)
        if not audit.report.exists():
            raise BenchError(f"`{shlex.join(audit.command)}` wrote no report")
        return elapsed

    def run(self, command: Sequence[str], capture: bool = False) -> float:
        """Wall-clock seconds of one run of ``command``; BenchError when it fails."""
        stdout = subprocess.PIPE if capture else subprocess.DEVNULL
        started = time.perf_counter()
        done = subprocess.run(
            command, cwd=self.out, stdout=stdout, stderr=subprocess.PIPE, check=False
        )
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, GATE_FAILED):
            tail = done.stderr.decode(errors="replace").strip()[-400:]
            raise BenchError(f"`{shlex.join(command)}` exited {done.returncode}: {tail}")
        return elapsed

    def facts_note(self, key: str, audit: Audit, expected_parsed: int | None = None) -> None:
        """Parsed files and cache hits, read back from the report: did the cache do its job?"""
        try:
            facts = json.loads(audit.report.read_text(encoding="utf-8"))["facts"]
        except (OSError, ValueError, KeyError):
            return
        parsed = facts.get("parsed_files")
        note = f"parsed {parsed}, cache hits {facts.get('cache_hits')}"
        if expected_parsed is not None and parsed != expected_parsed:
            note += f"; UNEXPECTED, should parse {expected_parsed}"
        self.note(key, note)

    # ----------------------------------------------------------------- figures

    def measure_floor(self) -> None:
        files = python_files(self.repo)
        self.record(
            "floor_parse",
            "floor: read + ast.parse every .py (in-process)",
            self.repeat,
            lambda: parse_all(self.repo),
        )
        self.note("floor_parse", f"{len(files)} files, one process")
        log = ["git", "-C", str(self.repo), "log", "--numstat", "--no-merges"]
        self.record(
            "floor_git",
            "floor: git log --numstat --no-merges",
            self.repeat,
            lambda: self.run(log, capture=True),
        )
        parts = [self.figures["floor_parse"].seconds, self.figures["floor_git"].seconds]
        total = Figure("floor_total", "floor: total", 0)
        if all(part is not None for part in parts):
            total.seconds = sum(parts)  # type: ignore[arg-type]
        else:
            total.error = "a part of the floor failed"
        self.figures["floor_total"] = total

    def measure_audits(self) -> None:
        cold = self.audit(self.repo, "cold.json", "--no-cache")
        label = "prodready audit, cold (--no-cache)"
        self.record("audit_cold", label, self.repeat, lambda: self.run_audit(cold))
        self.facts_note("audit_cold", cold)
        shutil.rmtree(self.repo / ".prodready" / "cache", ignore_errors=True)
        cached = self.audit(self.repo, "cached.json")
        label = "prodready audit, first cached run (fills the cache)"
        self.record("audit_fill", label, 1, lambda: self.run_audit(cached))
        self.facts_note("audit_fill", cached)
        label = "prodready audit, warm (no change)"
        self.record("audit_warm", label, self.repeat, lambda: self.run_audit(cached))
        self.facts_note("audit_warm", cached, expected_parsed=0)
        touched = touch_target(self.repo)
        counter = iter(range(1, 1_000_000))
        self.record(
            "audit_touched",
            "prodready audit, warm after touching 1 file",
            self.repeat,
            lambda: self.touched_run(touched, next(counter), cached),
        )
        self.facts_note("audit_touched", cached, expected_parsed=1)

    def touched_run(self, path: str, number: int, audit: Audit) -> float:
        """Append a new comment line (new content, new hash) to ``path``, audit, restore it."""
        full = self.repo / path
        with full.open("a", encoding="utf-8") as handle:
            handle.write(f"# bench: touched {number} at {time.time_ns()}\n")
        try:
            return self.run_audit(audit)
        finally:
            subprocess.run(["git", "-C", str(self.repo), "checkout", "--", path], check=True)

    def measure_radon(self) -> None:
        cc = [self.radon, "cc", "-s", str(self.repo)]
        self.record("radon_cc", "radon cc -s (CLI)", self.repeat, lambda: self.run(cc))
        mi = [self.radon, "mi", str(self.repo)]
        self.record("radon_mi", "radon mi (CLI)", self.repeat, lambda: self.run(mi))

    def measure_small(self) -> None:
        version = [self.prodready, "--version"]
        self.record("version", "prodready --version (start-up)", 5, lambda: self.run(version))
        tiny = self.audit(self.tiny, "tiny.json", "--no-cache")
        label = "prodready audit, ten-file repo (--no-cache)"
        self.record("audit_tiny", label, 3, lambda: self.run_audit(tiny))

    def profile_cold(self, top: int) -> str:
        """Profile of a cold audit in one process (``--jobs 1``), sorted by cumulative time."""
        stats_file = self.out / "cold.prof"
        script = shutil.which(self.prodready) or self.prodready
        command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), script]
        command += self.audit(self.repo, "profile.json", "--no-cache", "--jobs", "1").command[1:]
        self.run(command)
        stream = io.StringIO()
        pstats.Stats(str(stats_file), stream=stream).sort_stats("cumulative").print_stats(top)
        return stream.getvalue()


# --------------------------------------------------------------------------- helpers


def python_files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        found += [Path(folder, name) for name in sorted(names) if name.endswith(".py")]
    return found


def parse_all(root: Path) -> float:
    """Seconds to list, read and ``ast.parse`` every module once; the parse part of the floor."""
    started = time.perf_counter()
    for path in python_files(root):
        ast.parse(path.read_bytes(), filename=str(path))
    return time.perf_counter() - started


def warm_page_cache(root: Path) -> None:
    """Read every file once so no figure pays for the first read from disk."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".prodready"]
        for name in names:
            with contextlib.suppress(OSError):
                Path(folder, name).read_bytes()


def touch_target(repo: Path) -> str:
    """A middle-sized source module, the same one on every run."""
    modules = sorted(p for p in python_files(repo / "src") if p.name != "__init__.py")
    by_size = sorted(modules, key=lambda p: (p.stat().st_size, str(p)))
    return by_size[len(by_size) // 2].relative_to(repo).as_posix()


def restore_clean(repo: Path) -> None:
    """Undo edits an interrupted run may have left in the tracked files."""
    subprocess.run(["git", "-C", str(repo), "checkout", "--", "."], check=True)


def find_tool(name: str, given: str | None) -> str:
    if given:
        return given
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name) or name


def tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except OSError as error:
        return f"unavailable ({error.strerror})"
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def source_fingerprint() -> str:
    """A hash of prodready's source and rule files, to tell whether they changed mid-run."""
    digest = hashlib.sha256()
    for folder in ("src", "rules", "checklists"):
        for path in sorted((PROJECT_DIR / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(PROJECT_DIR).as_posix().encode() + b"\0")
                with contextlib.suppress(OSError):
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def source_state(fingerprint_before: str) -> dict[str, object]:
    """Which prodready source was measured: other work may be in progress in the tree."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(PROJECT_DIR), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    after = source_fingerprint()
    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty_files": len(git("status", "--porcelain").splitlines()),
        "fingerprint_before": fingerprint_before,
        "fingerprint_after": after,
        "changed_during_run": after != fingerprint_before,
    }


def machine(load_before: list[float]) -> dict[str, object]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        # Other work on the machine skews wall-clock figures; so does recompiling every import.
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE"),
    }


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:  # not on every platform
        return []


# --------------------------------------------------------------------------- report


def _seconds(figure: Figure) -> str:
    if figure.error:
        return "ERROR"
    return f"{figure.seconds:.3f} s" if figure.seconds is not None else "-"


def ratio(figures: dict[str, Figure], numerator: str, denominator: str) -> float | None:
    top, bottom = figures.get(numerator), figures.get(denominator)
    if top is None or bottom is None or top.seconds is None or not bottom.seconds:
        return None
    return top.seconds / bottom.seconds


def ratios(figures: dict[str, Figure]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for target in TARGETS:
        value = ratio(figures, target.numerator, target.denominator)
        status = "n/a" if value is None else ("met" if value <= target.limit else "MISSED")
        rows.append({"name": target.name, "value": value, "target": target.limit, "status": status})
    for name, numerator, denominator in INFO_RATIOS:
        rows.append(
            {
                "name": name,
                "value": ratio(figures, numerator, denominator),
                "target": None,
                "status": "info",
            }
        )
    return rows


def render_table(
    stats: RepoStats,
    figures: dict[str, Figure],
    rows: list[dict[str, object]],
    host: dict[str, object],
) -> str:
    width = max(len(f.label) for f in figures.values()) + 2
    lines = [
        f"Repository: {stats.python_files} Python files, {stats.python_lines:,} lines, "
        f"{stats.files} files, {stats.commits} commits ({stats.merges} merges) by {stats.authors} authors",
        f"Machine: {host['cpu_count']} CPUs, Python {host['python']}, {platform.system()}, "
        f"load average {host['load_average_before']} before, {host['load_average_after']} after",
        "",
        f"{'figure':<{width}}{'seconds':>10}  {'runs':<9}  note",
        "-" * (width + 60),
    ]
    for figure in figures.values():
        seconds = _seconds(figure).removesuffix(" s")
        runs = f"best of {figure.runs}" if figure.runs > 1 else str(figure.runs or "")
        lines.append(
            f"{figure.label:<{width}}{seconds:>10}  {runs:<9}  {figure.error or figure.note}"
        )
    lines += ["", f"{'ratio':<30}{'value':>8}  {'target':>8}  status", "-" * 58]
    for row in rows:
        value = "-" if row["value"] is None else f"{row['value']:.2f}"
        target = "" if row["target"] is None else f"<= {row['target']}"
        lines.append(f"{row['name']:<30}{value:>8}  {target:>8}  {row['status']}")
    missed = [str(row["name"]) for row in rows if row["status"] == "MISSED"]
    lines += ["", f"MISSED: {', '.join(missed)}" if missed else "All targets met."]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=3000, help="Python files in the big repo")
    parser.add_argument("--commits", type=int, default=300, help="non-merge commits in its history")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / ".work")
    parser.add_argument("--repeat", type=int, default=1, help="best of N for the slow figures")
    parser.add_argument(
        "--regenerate", action="store_true", help="rebuild the repos even if stamped"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the work folder: repos (reused next run), reports, cache",
    )
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "results.json")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        default=0,
        help="also print the top N of a cProfile of a cold audit",
    )
    parser.add_argument("--prodready", help="prodready executable (default: next to this Python)")
    parser.add_argument("--radon", help="radon executable (default: next to this Python)")
    args = parser.parse_args(argv)
    if args.modules < 10 or args.commits < 2 or args.repeat < 1:
        parser.error("need --modules >= 10, --commits >= 2 and --repeat >= 1")
    return args


@contextlib.contextmanager
def workspace(workdir: Path, keep: bool) -> Iterator[Path]:
    """The work folder; unless ``keep``, what this script put there is removed at the end."""
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        yield workdir
    finally:
        if not keep:
            for name in ("repo", "tiny"):
                if stamp_path(workdir / name).exists():  # only trees this script built
                    shutil.rmtree(workdir / name, ignore_errors=True)
                    stamp_path(workdir / name).unlink(missing_ok=True)
            shutil.rmtree(workdir / "reports", ignore_errors=True)
            with contextlib.suppress(OSError):
                workdir.rmdir()  # only when nothing else is in it


def build_repos(
    args: argparse.Namespace, workdir: Path
) -> tuple[Path, Path, RepoStats, dict[str, object]]:
    repo, tiny = workdir / "repo", workdir / "tiny"
    params = Params(args.modules, args.commits, args.seed)
    started = time.perf_counter()
    stats, built = ensure_repo(repo, params, args.regenerate)
    _tiny_stats, tiny_built = ensure_repo(tiny, TINY_PARAMS, args.regenerate)
    action = "built" if built or tiny_built else "reused (stamp matches; --regenerate to rebuild)"
    print(f"Repositories {action} in {time.perf_counter() - started:.1f} s under {workdir}")
    restore_clean(repo)
    info = {"params": asdict(params), "stats": asdict(stats), "built_now": built, "path": str(repo)}
    return repo, tiny, stats, info


def measure(
    args: argparse.Namespace, workdir: Path
) -> tuple[Bench, RepoStats, dict[str, object], str | None]:
    repo, tiny, stats, repo_info = build_repos(args, workdir)
    warm_page_cache(repo)
    out = workdir / "reports"  # outside both trees, so no audit sees the reports
    out.mkdir(exist_ok=True)
    prodready, radon = find_tool("prodready", args.prodready), find_tool("radon", args.radon)
    bench = Bench(repo, tiny, out, prodready, radon, args.repeat)
    print("Measuring (wall clock):")
    bench.measure_floor()
    bench.measure_audits()
    bench.measure_radon()
    bench.measure_small()
    profile = bench.profile_cold(args.profile) if args.profile else None
    return bench, stats, repo_info, profile


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_before, fingerprint = load_average(), source_fingerprint()
    with workspace(args.workdir.resolve(), args.keep) as workdir:
        bench, stats, repo_info, profile = measure(args, workdir)
    rows = ratios(bench.figures)
    host = machine(load_before)
    source = source_state(fingerprint)
    print()
    print(render_table(stats, bench.figures, rows, host))
    if source["changed_during_run"]:
        print("WARNING: prodready's source changed during the run; the figures mix versions.")
    if profile:
        print("\nProfile of a cold audit in one process (--jobs 1), by cumulative time:")
        print(profile)
    results = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": host,
        "tools": {
            "prodready": tool_version([bench.prodready, "--version"]),
            "radon": tool_version([bench.radon, "--version"]),
            "git": tool_version(["git", "--version"]),
        },
        "prodready_source": source,
        "repository": repo_info,
        "repeat": args.repeat,
        "figures": {key: asdict(figure) for key, figure in bench.figures.items()},
        "ratios": rows,
    }
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
