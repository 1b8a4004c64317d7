"""Content-hash cache of per-file facts, stored as JSON in SQLite, each entry authenticated.

JSON and not pickle: the cache sits inside the audited repository, and loading
it must never be able to run code. Anyone can commit a cache, so every entry
carries an HMAC with a key of the user running prodready (kept in their config
folder, never in a repository): a forged or foreign entry is a miss, never a
verdict. An unusable cache (read-only folder, corrupt database, no key) silently
degrades to no cache: it only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import sqlite3
from functools import cache
from pathlib import Path

CACHE_GITIGNORE = "# Created by prodready; the whole folder is a cache.\n*\n"


@cache
def user_key() -> bytes | None:
    """This user's cache key: ``$PRODREADY_CACHE_KEY_FILE`` or the config folder's ``cache.key``."""
    override = os.environ.get("PRODREADY_CACHE_KEY_FILE")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = Path(override) if override else config / "prodready" / "cache.key"
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # another process made it first
                descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(secrets.token_bytes(32))
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) >= 16 else None


def _tag(key: bytes, name: str, value: str) -> str:
    return hmac.new(key, f"{name}\0{value}".encode(), hashlib.sha256).hexdigest()


class FactCache:
    def __init__(self, directory: Path | None) -> None:
        self._connection: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str]] = []
        self._key = user_key() if directory is not None else None
        if directory is not None and self._key is not None:
            self._open(directory)

    def _open(self, directory: Path) -> None:
        ignore = directory.parent / ".gitignore"
        database = directory / "facts.sqlite3"
        inside = [directory.parent, ignore] if directory.parent.name == ".prodready" else []
        if any(path.is_symlink() for path in (*inside, directory, database)):
            return  # a committed symlink would make the cache write outside: no cache
        try:
            directory.mkdir(parents=True, exist_ok=True)
            if directory.parent.name == ".prodready" and not ignore.exists():
                ignore.write_text(CACHE_GITIGNORE, encoding="utf-8")
            connection = sqlite3.connect(directory / "facts.sqlite3", timeout=5)
            connection.execute(
                "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value TEXT)"
            )
            self._connection = connection
        except (OSError, sqlite3.Error):
            self._connection = None

    @property
    def enabled(self) -> bool:
        return self._connection is not None

    def get_many(self, keys: list[str]) -> dict[str, str]:
        if self._connection is None or not keys:
            return {}
        found: dict[str, str] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._connection.execute(
                    f"SELECT key, value FROM facts WHERE key IN ({marks})", chunk
                )
                found.update(rows)
        except sqlite3.Error:
            return {}
        return {
            name: value for name, stored in found.items() if (value := self._verified(name, stored))
        }

    def _verified(self, name: str, stored: object) -> str | None:
        """The value when its tag is this user's, else None (forged, foreign or damaged)."""
        if self._key is None or not isinstance(stored, str):
            return None
        tag, _, value = stored.partition(":")
        return value if hmac.compare_digest(tag, _tag(self._key, name, value)) else None

    def put(self, key: str, value: str) -> None:
        if self._key is not None:
            self._pending.append((key, f"{_tag(self._key, key, value)}:{value}"))

    def close(self) -> None:
        if self._connection is None:
            return
        with contextlib.suppress(sqlite3.Error):
            if self._pending:
                with self._connection:
                    self._connection.executemany(
                        "INSERT OR REPLACE INTO facts (key, value) VALUES (?, ?)", self._pending
                    )
            self._connection.close()
        self._connection = None
        self._pending = []
