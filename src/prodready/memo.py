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
    """prodready's own code and data, and the rule plugins installed beside it, so an upgrade,
    a local edit (a declarative rule in a source checkout too) or a new plugin release never
    reuses stale results."""
    digest = hashlib.sha256()
    folders = {_PACKAGE, *(_data_folder(name) for name in ("rules", "checklists"))}
    for folder in sorted(folder for folder in folders if folder is not None):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".j2"):
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
                )
    for plugin in _plugins():
        digest.update(f"{plugin}\n".encode())
    return digest.hexdigest()


def _data_folder(name: str) -> Path | None:
    """A data folder outside the package (a source checkout's ``rules/``); None when inside."""
    from prodready.resources import data_dir

    try:
        folder = data_dir(name).resolve()
    except FileNotFoundError:
        return None
    return None if folder.is_relative_to(_PACKAGE) else folder


def _plugins() -> list[str]:
    """Each rule plugin as name, target and its distribution's version (metadata only: a
    plugin's code is never imported to key the memo)."""
    from importlib.metadata import entry_points

    from prodready.engine.registry import ENTRY_POINT_GROUP

    found = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        dist = entry.dist
        version = f"{dist.metadata['Name']}=={dist.version}" if dist is not None else "?"
        found.append(f"{entry.name}={entry.value} {version}")
    return sorted(found)


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
