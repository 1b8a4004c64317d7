"""The fact cache reads and writes in bounded pieces and still keeps every entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.scanners import cache as cache_module
from prodready.scanners.cache import FactCache


def test_entries_written_in_batches_all_come_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "_FLUSH_CHARS", 50)  # a flush every few entries
    store = FactCache(tmp_path / "cache")
    assert store.enabled
    values = {f"key-{n:04d}": f"value {n} " * 3 for n in range(1200)}
    for key, value in values.items():
        store.put(key, value)
    assert len(store._pending) < 10  # written as it went, not held to the end
    store.close()

    reopened = FactCache(tmp_path / "cache")
    chunks = list(reopened.chunks(sorted(values)))
    assert len(chunks) == 3  # 1,200 keys read 500 at a time
    assert all(len(chunk) <= 500 for chunk in chunks)
    assert reopened.get_many([*sorted(values), "absent"]) == values
    reopened.close()


def test_a_cache_that_cannot_open_keeps_nothing_pending(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    store = FactCache(blocker)
    assert not store.enabled
    store.put("key", "value")
    assert store._pending == [] and store.get_many(["key"]) == {}
    store.close()


def test_a_planted_row_with_a_foreign_tag_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    import sqlite3

    store = FactCache(tmp_path / "cache")
    store.put("good", "kept")
    store.close()
    database = sqlite3.connect(tmp_path / "cache" / "facts.sqlite3")
    with database:
        database.executemany(
            "INSERT INTO facts (key, value) VALUES (?, ?)",
            [("accented", "é:{}"), ("short", "abc:{}"), ("bytes", b"\x00\xff")],
        )
    database.close()
    reopened = FactCache(tmp_path / "cache")
    assert reopened.get_many(["accented", "short", "bytes", "good"]) == {"good": "kept"}
    reopened.close()
