"""List and classify the repository's files: from git when it is a repo, else a careful walk."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from prodready.scanners.facts import FileKind

if TYPE_CHECKING:
    from prodready.scanners.git import Checkout

WALK_IGNORES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "env",
        ".env",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        "build",
        "dist",
        ".eggs",
        ".ipynb_checkpoints",
        ".prodready",
        "site-packages",
        ".idea",
        ".vscode",
    }
)

DATA_SUFFIXES = frozenset(
    {
        ".csv",
        ".tsv",
        ".parquet",
        ".pq",
        ".feather",
        ".arrow",
        ".avro",
        ".orc",
        ".jsonl",
        ".ndjson",
        ".xlsx",
        ".xls",
        ".npy",
        ".npz",
        ".tfrecord",
        ".tfrecords",
        ".sqlite",
        ".sqlite3",
        ".obj",  # meshes and point clouds
        ".ply",
        ".stl",
        ".off",
        ".pcd",
        ".db",
        ".dta",
        ".sas7bdat",
    }
)
MODEL_SUFFIXES = frozenset(
    {
        ".pkl",
        ".pickle",
        ".joblib",
        ".pt",
        ".pth",
        ".h5",
        ".hdf5",
        ".keras",
        ".onnx",
        ".pb",
        ".tflite",
        ".safetensors",
        ".ckpt",
        ".mlmodel",
        ".sav",
        ".gguf",
        ".ggml",
        ".caffemodel",
        ".bst",
        ".cbm",
        ".mar",
    }
)
CONFIG_SUFFIXES = frozenset(
    {
        ".toml",
        ".cfg",
        ".ini",
        ".yaml",
        ".yml",
        ".json",
        ".lock",
        ".dvc",
        ".sh",
        ".in",
        ".env",
        ".tf",
    }
)
CONFIG_NAMES = frozenset(
    {
        "Dockerfile",
        "Makefile",
        "makefile",
        "GNUmakefile",
        "Jenkinsfile",
        "CODEOWNERS",
        ".gitattributes",
        ".gitignore",
        "MLproject",
        "Pipfile",
        ".flake8",
        ".pylintrc",
        ".dockerignore",
        ".dvcignore",
        "Procfile",
    }
)
DOC_SUFFIXES = frozenset({".md", ".rst", ".txt", ".adoc", ".pdf", ".html"})
LARGE_JSON_BYTES = 1_000_000


def classify(path: str, size: int) -> FileKind:
    name = PurePosixPath(path).name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".py":
        return FileKind.PYTHON
    if suffix == ".ipynb":
        return FileKind.NOTEBOOK
    if suffix in MODEL_SUFFIXES:
        return FileKind.MODEL
    if suffix in DATA_SUFFIXES or (suffix == ".json" and size > LARGE_JSON_BYTES):
        return FileKind.DATA
    if (
        name in CONFIG_NAMES
        or name.startswith(("Dockerfile", "requirements", ".env"))
        or ("/requirements/" in f"/{path}" and suffix in (".txt", ".in"))
        or suffix in CONFIG_SUFFIXES
    ):
        return FileKind.CONFIG
    if suffix in DOC_SUFFIXES or name.upper().startswith(
        ("README", "LICENSE", "LICENCE", "COPYING")
    ):
        return FileKind.DOC
    return FileKind.OTHER


def list_files(root: Path, exclude: list[str], checkout: Checkout | None) -> list[str]:
    """Paths relative to ``root``, POSIX, sorted; symlinks are skipped so a loop cannot trap the walk."""
    paths = _git_paths(checkout) if checkout is not None else None
    if paths is None:
        paths = _walk(root)
    kept = []
    for path in paths:
        if _excluded(path, exclude):
            continue
        full = root / path
        if full.is_symlink() or not full.is_file():
            continue
        kept.append(path)
    return sorted(set(kept))


def _git_paths(checkout: Checkout) -> list[str] | None:
    """What git tracks or would track in the audited folder (relative to it), or None."""
    from prodready.scanners.gitcmd import GitError

    try:
        output = checkout.run("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except GitError:  # git missing or broken repo: fall back to walking
        return None
    return [path for path in output.split("\0") if path]


def _walk(root: Path) -> list[str]:
    paths: list[str] = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(
            name for name in dirnames if name not in WALK_IGNORES and not name.endswith(".egg-info")
        )
        relative = Path(directory).relative_to(root)
        if relative.name == ".dvc":  # keep .dvc/config, skip DVC's cache of data
            dirnames[:] = [name for name in dirnames if name not in ("cache", "tmp")]
        for filename in filenames:
            paths.append((relative / filename).as_posix())
    return paths


def _excluded(path: str, patterns: list[str]) -> bool:
    parts = path.split("/")
    if any(part in (".prodready",) for part in parts):
        return True
    return any(
        fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, pattern.rstrip("/") + "/*")
        for pattern in patterns
    )
