"""Materialize past revisions without touching the user's working tree, index or refs.

Each worker owns a scratch repository in one temporary folder: ``git init``, the
user's object database borrowed read-only through ``objects/info/alternates``
(and the ``shallow`` file, so history walks stop where the clone does), then a
detached checkout per revision. Reusing the scratch repository means moving
from one revision to the next rewrites only the files that changed, and the
audit still sees a real git repository with the revision's own history.

Hooks, LFS downloads and fsmonitor are switched off: auditing an old release
must not run anything or reach the network. The whole temporary folder is
removed by its owner in a ``finally``, so an exception or Ctrl-C cleans up too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from prodready.errors import ProdreadyError
from prodready.scanners.gitcmd import git_env


@dataclass(frozen=True)
class Source:
    """Where the user's repository keeps what a scratch repository borrows."""

    objects: Path
    shallow: Path
    name: str  # the checkout folder is named like the repo, as an audit of it would see it


class ScratchArea:
    """The temporary folder that holds every scratch repository of one trend run."""

    def __init__(self) -> None:
        try:
            self.path = Path(tempfile.mkdtemp(prefix="prodready-trend-"))
        except OSError as error:
            folder = tempfile.gettempdir()
            raise ProdreadyError(f"{folder}: cannot create a temporary folder: {error}") from error

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> ScratchArea:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Scratch:
    """One scratch repository; ``checkout`` moves it to a revision and returns its work tree."""

    def __init__(self, area: Path, source: Source) -> None:
        home = Path(tempfile.mkdtemp(prefix="slot-", dir=area))
        self.tree = home / source.name
        self._hooks = home / "no-hooks"
        self._hooks.mkdir()
        self.tree.mkdir()
        self._git("init", "-q", "--template=")
        git_dir = self.tree / ".git"
        (git_dir / "objects" / "info" / "alternates").write_text(f"{source.objects}\n")
        if source.shallow.is_file():
            shutil.copyfile(source.shallow, git_dir / "shallow")

    def checkout(self, sha: str) -> Path:
        self._git("checkout", "-q", "-f", "--detach", sha)
        self._git("clean", "-q", "-ffdx")
        return self.tree

    def _git(self, *args: str) -> None:
        env = {**git_env(), "GIT_LFS_SKIP_SMUDGE": "1"}  # the audit's one git environment
        command = [
            "git",
            "-c",
            f"core.hooksPath={self._hooks}",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "advice.detachedHead=false",
            "-c",
            "gc.auto=0",
            *args,
        ]
        done = subprocess.run(command, cwd=self.tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            message = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise RuntimeError(f"git {args[0]} failed: {message}")


_scratches: dict[tuple[int, int], Scratch] = {}
_lock = threading.Lock()


def scratch_for_worker(area: Path, source: Source) -> Scratch:
    """The calling thread's scratch repository in ``area``, made on first use."""
    key = (os.getpid(), threading.get_ident())
    with _lock:
        scratch = _scratches.get(key)
        if scratch is None or scratch.tree.parent.parent != area:
            scratch = _scratches[key] = Scratch(area, source)
        return scratch


def forget_scratches(area: Path) -> None:
    """Drop the handles of ``area``'s scratch repositories once the area is removed."""
    with _lock:
        for key in [k for k, s in _scratches.items() if s.tree.parent.parent == area]:
            del _scratches[key]
