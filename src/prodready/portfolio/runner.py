"""audit-many: one ``prodready audit`` per repository, each in its own process, failures isolated.

Each audit is a child process (``python -m prodready audit PATH --format json -o -``), so a
repository that crashes the parser, exhausts memory or hangs past ``timeout`` costs its own
line in the summary and nothing else. The JSON comes back on the child's stdout and the parent
writes it, locally or through fsspec. Locally a thread per job waits on its child; with a Dask
scheduler address the same function runs as one task per repository on the cluster's workers,
which must see the listed paths (a shared filesystem, or paths local to every worker).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from prodready.errors import ProdreadyError

DEFAULT_TIMEOUT = 900.0


@dataclass(frozen=True)
class Outcome:
    target: str
    name: str
    report: str | None  # the JSON text, None when the audit failed
    message: str  # the failure, or "" when the report is there
    seconds: float

    @property
    def ok(self) -> bool:
        return self.report is not None


def read_targets(location: str) -> list[Path]:
    """A file of paths (one a line, ``#`` comments; relative to the file) or a folder of repos."""
    path = Path(location)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
        if not found:
            raise ProdreadyError(f"{location}: no repository folders in it")
        return [p.resolve() for p in found]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProdreadyError(f"{location}: no such file or directory") from None
    except OSError as error:
        raise ProdreadyError(f"{location}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ProdreadyError(f"{location}: not UTF-8 (byte {error.start})") from None
    targets = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        target = Path(entry).expanduser()
        target = (target if target.is_absolute() else path.parent / target).resolve()
        if not target.is_dir():
            raise ProdreadyError(f"{location}:{number}: {entry}: not a directory")
        targets.append(target)
    if not targets:
        raise ProdreadyError(f"{location}: lists no repository")
    return list(dict.fromkeys(targets))


def check_names(targets: list[Path]) -> None:
    """Reports are named, and grouped in the portfolio, by repository folder name: no clashes."""
    seen: dict[str, Path] = {}
    for target in targets:
        if target.name in seen:
            raise ProdreadyError(
                f"{seen[target.name]} and {target}: two repositories named {target.name}; "
                "their reports would be one repository in the portfolio (rename or list one)"
            )
        seen[target.name] = target


def audit_one(
    target: str, options: tuple[str, ...] = (), timeout: float = DEFAULT_TIMEOUT
) -> Outcome:
    """Audit one repository in a child process; never raises for a problem of the repository."""
    start = time.perf_counter()
    name = Path(target).name
    command = [sys.executable, "-m", "prodready", "audit", target, "--format", "json", "-o", "-"]
    command += ["--quiet", *options]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1"},
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return Outcome(target, name, None, f"timed out after {timeout:g} s", _since(start))
    except OSError as error:
        return Outcome(target, name, None, f"could not start: {error}", _since(start))
    # 0: no gate or passed; 1: the repo's own gate failed; the report is complete either way
    if done.returncode in (0, 1) and done.stdout.lstrip().startswith("{"):
        return Outcome(target, name, done.stdout, "", _since(start))
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    why = lines[-1] if lines else f"exit code {done.returncode}"
    return Outcome(target, name, None, f"exit {done.returncode}: {why}", _since(start))


def _since(start: float) -> float:
    return round(time.perf_counter() - start, 3)


def run_local(
    targets: list[str], jobs: int, options: tuple[str, ...] = (), timeout: float = DEFAULT_TIMEOUT
) -> Iterator[Outcome]:
    """Outcomes as audits finish, ``jobs`` children at a time."""
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(audit_one, target, options, timeout) for target in targets]
        for future in as_completed(futures):
            yield future.result()


def run_dask(
    targets: list[str],
    address: str,
    options: tuple[str, ...] = (),
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Outcome]:
    """The same audits as tasks on a Dask distributed cluster (extra ``prodready[dask]``)."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise ProdreadyError(
            "--scheduler needs Dask distributed (pip install 'prodready[dask]')"
        ) from None
    try:
        # the connect timeout is Dask's own setting (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT)
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ProdreadyError(f"--scheduler {address}: cannot connect: {error}") from None
    try:
        futures = [
            client.submit(audit_one, target, options, timeout, pure=False, key=f"audit-{i}")
            for i, target in enumerate(targets)
        ]
        for future in dask_completed(futures, loop=client.loop):
            try:
                yield future.result()
            except Exception as error:  # a worker lost: that repository's line, not the run
                index = futures.index(future)
                yield Outcome(
                    targets[index], Path(targets[index]).name, None, f"task failed: {error}", 0.0
                )
    finally:
        client.close()


Runner = Callable[[list[str]], Iterator[Outcome]]
