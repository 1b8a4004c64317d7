"""Helpers shared by the hygiene rules: where a file lives and whether git stores it."""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.scanners.facts import FileFact

_FIXTURE = r"tests?|testing|fixtures?|test[_-]?data|test[_-]?assets|test[_-]?resources"
_FIXTURE_DIR = re.compile(rf"(^|/)({_FIXTURE})/", re.IGNORECASE)
_SAMPLE_DIR = re.compile(rf"(^|/)({_FIXTURE}|samples?|examples?)/", re.IGNORECASE)


def is_fixture_path(path: str) -> bool:
    """Test code and test fixtures: small files kept there on purpose."""
    return RuleContext.is_test_path(path) or bool(_FIXTURE_DIR.search(path))


def is_sample_path(path: str) -> bool:
    """Fixtures plus sample and example folders, where small data files belong."""
    return is_fixture_path(path) or bool(_SAMPLE_DIR.search(path))


def stored_outside_git(ctx: RuleContext, fact: FileFact) -> str | None:
    """'git LFS' or 'DVC' when the file's content is not stored in git itself, else None."""
    if fact.lfs_pointer or lfs_tracked(fact.path, ctx.facts.configs.lfs_patterns):
        return "git LFS"
    if dvc_tracked(fact.path, ctx.facts.configs.dvc_tracked):
        return "DVC"
    return None


def lfs_tracked(path: str, patterns: tuple[str, ...]) -> bool:
    """gitattributes matching: a pattern without '/' matches the file name at any depth."""
    name = PurePosixPath(path).name
    for pattern in patterns:
        if "/" in pattern.rstrip("/"):
            if fnmatch.fnmatchcase(path, pattern.lstrip("/")):
                return True
        elif fnmatch.fnmatchcase(name, pattern):
            return True
    return False


def dvc_tracked(path: str, outputs: tuple[str, ...]) -> bool:
    """The file is a DVC output or lies inside an output directory."""
    return any(path == out or path.startswith(out.rstrip("/") + "/") for out in outputs)


def size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def listing_note(ctx: RuleContext) -> list[str]:
    """Evidence saying what 'committed' means when there is no git repository."""
    if ctx.facts.git.available:
        return []
    return [f"{ctx.facts.git.reason}: judged the files on disk as if they were committed"]
