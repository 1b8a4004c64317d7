"""Reuse a whole audit when nothing it depends on has changed.

The key covers every input: each file's content hash (size for unread
binaries), git HEAD, the settings, profile, explicit checklist and baseline
files, the rule catalog, prodready's own code and today's date (suppressions
expire). A hit skips parsing, rules and scoring; a miss costs one lookup.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from prodready.models import AuditResult
from prodready.scanners.cache import FactCache

_PACKAGE = Path(__file__).resolve().parent


def code_version() -> str:
    """prodready's own code and data, so an upgrade or a local edit never reuses stale results."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".j2"):
            stat = path.stat()
            digest.update(
                f"{path.relative_to(_PACKAGE)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


def file_digest(path: Path | None) -> str:
    if path is None or not path.is_file():
        return "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def memo_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in (*parts, code_version(), date.today().isoformat()):
        digest.update(part.encode())
        digest.update(b"\0")
    return "audit:" + digest.hexdigest()


def recall(cache_dir: Path | None, key: str) -> AuditResult | None:
    if cache_dir is None:
        return None
    cache = FactCache(cache_dir)
    try:
        stored = cache.get_many([key]).get(key)
    finally:
        cache.close()
    if stored is None:
        return None
    try:
        return AuditResult.model_validate_json(stored)
    except ValueError:  # written by another version: recompute
        return None


def remember(cache_dir: Path | None, key: str, result: AuditResult) -> None:
    if cache_dir is None:
        return
    cache = FactCache(cache_dir)
    cache.put(key, result.model_dump_json())
    cache.close()
