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
from collections.abc import Iterator
from functools import cache
from pathlib import Path

CACHE_GITIGNORE = "# Created by prodready; the whole folder is a cache.\n*\n"
_CHUNK = 500  # keys per SELECT (SQLite allows 999 parameters on old builds)
_FLUSH_CHARS = 8_000_000  # pending text written once it grows past this


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
        self._pending_chars = 0
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
        found: dict[str, str] = {}
        for chunk in self.chunks(keys):
            found.update(chunk)
        return found

    def chunks(self, keys: list[str]) -> Iterator[dict[str, str]]:
        """The verified values of ``keys``, a few hundred at a time: a caller that decodes each
        chunk before asking for the next never holds every cached text at once."""
        if self._connection is None:
            return
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._connection.execute(
                    f"SELECT key, value FROM facts WHERE key IN ({marks})", chunk
                ).fetchall()
            except sqlite3.Error:  # a damaged row costs its chunk, never the rest
                continue
            yield {name: value for name, stored in rows if (value := self._verified(name, stored))}

    def _verified(self, name: str, stored: object) -> str | None:
        """The value when its tag is this user's, else None (forged, foreign or damaged)."""
        if self._key is None or not isinstance(stored, str):
            return None
        tag, _, value = stored.partition(":")
        if len(tag) != 64 or not tag.isascii():  # compare_digest refuses non-ASCII text
            return None
        return value if hmac.compare_digest(tag, _tag(self._key, name, value)) else None

    def put(self, key: str, value: str) -> None:
        """Stored at ``close``, or sooner once a few megabytes wait: a cold audit of a large
        repository never holds every module's facts twice, as objects and as text."""
        if self._connection is None or self._key is None:
            return
        self._pending.append((key, f"{_tag(self._key, key, value)}:{value}"))
        self._pending_chars += len(value)
        if self._pending_chars >= _FLUSH_CHARS:
            self._flush()

    def _flush(self) -> None:
        if self._connection is not None and self._pending:
            with contextlib.suppress(sqlite3.Error), self._connection:
                self._connection.executemany(
                    "INSERT OR REPLACE INTO facts (key, value) VALUES (?, ?)", self._pending
                )
        self._pending = []
        self._pending_chars = 0

    def close(self) -> None:
        if self._connection is None:
            return
        self._flush()
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        self._connection = None
