"""Content-hash cache of per-file facts, stored as JSON in SQLite.

JSON and not pickle: the cache sits inside the audited repository, and loading
it must never be able to run code. An unusable cache (read-only folder,
corrupt database) silently degrades to no cache: it only costs time.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

CACHE_GITIGNORE = "# Created by prodready; the whole folder is a cache.\n*\n"


class FactCache:
    def __init__(self, directory: Path | None) -> None:
        self._connection: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str]] = []
        if directory is not None:
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
        return found

    def put(self, key: str, value: str) -> None:
        self._pending.append((key, value))

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
