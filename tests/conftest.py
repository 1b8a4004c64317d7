"""Shared test helpers: build real git repositories from folder trees."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO_ROOT.parent / "shared"


def git(
    cwd: Path,
    *args: str,
    author: str = "Alice Example <alice@example.com>",
    date: str | None = None,
) -> str:
    name, _, email = author.partition(" <")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email.rstrip(">"),
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email.rstrip(">"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def make_git_repo(
    source: Path | None,
    target: Path,
    commits: Iterable[tuple[str, list[str]]] = (),
) -> Path:
    """Copy ``source`` to ``target`` and commit it: each (author, globs) commit adds matching files.

    Whatever no commit named is committed last by the first author, so the tree is clean.
    """
    if source is not None:
        shutil.copytree(
            source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".prodready")
        )
    target.mkdir(parents=True, exist_ok=True)
    git(target, "init", "-q", "-b", "main")
    commits = list(commits)
    for index, (author, globs) in enumerate(commits):
        for pattern in globs:
            if pattern.startswith("+"):  # "+path": the file changes again (a line appended)
                pattern = pattern[1:]
                for path in sorted(target.glob(pattern)):
                    with path.open("a", encoding="utf-8") as handle:
                        handle.write("\n")
            for path in sorted(target.glob(pattern)):
                if ".git" not in path.relative_to(target).parts:
                    git(target, "add", "-f", str(path.relative_to(target)))
        if git(target, "status", "--porcelain"):
            git(
                target,
                "commit",
                "-q",
                "-m",
                f"change {index}",
                author=author,
                date=f"2026-01-{index + 1:02d}T10:00:00",
            )
    git(target, "add", "-A")
    if git(target, "status", "--porcelain"):
        first = commits[0][0] if commits else "Alice Example <alice@example.com>"
        git(target, "commit", "-q", "-m", "rest", author=first, date="2026-02-01T10:00:00")
    return target


@pytest.fixture
def example_repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Factory: an example project as a real git repo with a few commits by different authors."""

    def build(name: str) -> Path:
        source = EXAMPLES / name
        files = sorted(
            p.relative_to(source).as_posix()
            for p in source.rglob("*")
            if p.is_file() and ".prodready" not in p.parts
        )
        half = [path for path in files if path.endswith(".py")][::2]
        commits = [
            ("Alice Example <alice@example.com>", [p for p in files if not p.endswith(".py")]),
            ("Bob Builder <bob@example.com>", half),
            ("Carol Data <carol@example.com>", ["**/*.py"]),
        ]
        return make_git_repo(source, tmp_path / name, commits)

    return build
