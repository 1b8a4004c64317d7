"""History read incrementally: after new commits only they are read, and the facts equal a full read."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.scanners import ScanOptions, collect
from prodready.scanners import history as history_module
from tests.conftest import git, make_git_repo

ANN = "Ann Lee <ann@x.org>"
BEN = "Ben Ray <ben@x.org>"
ANN_AT_HOME = "Ann Lee <ann@home.example>"  # the same person: joined by name


def _commit(root: Path, author: str, date: str, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, author=author, date=date)


def _repo(root: Path) -> Path:
    (root / "src").mkdir(parents=True)
    (root / "src" / "model.py").write_text("x = 1\n" * 30, encoding="utf-8")
    (root / "src" / "old_name.py").write_text("y = 2\n" * 12, encoding="utf-8")
    (root / "notes.py").write_text("z = 3\n", encoding="utf-8")
    return make_git_repo(None, root, [(ANN, ["src/model.py"]), (BEN, ["src/old_name.py"])])


def _more_history(root: Path) -> None:
    """Edits, an addition, a deletion and a rename, by a new address of a known person."""
    with (root / "src" / "model.py").open("a", encoding="utf-8") as handle:
        handle.write("w = 4\n" * 5)
    _commit(root, BEN, "2026-03-01T10:00:00", "edit")
    (root / "src" / "added.py").write_text("v = 5\n" * 3, encoding="utf-8")
    (root / "notes.py").unlink()
    _commit(root, ANN_AT_HOME, "2026-03-02T10:00:00", "add and delete")
    git(root, "mv", "src/old_name.py", "src/new_name.py")
    _commit(root, BEN, "2026-03-03T10:00:00", "rename")


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    seen: list[str | None] = []
    real = history_module.read_log

    def spy(cwd, window, scoped, since=None):  # type: ignore[no-untyped-def]
        seen.append(since)
        return real(cwd, window, scoped, since)

    monkeypatch.setattr("prodready.scanners.git.read_log", spy)
    return seen


def test_new_commits_are_read_alone_and_the_facts_equal_a_full_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path / "repo")
    cache = tmp_path / "cache"
    first_head = git(root, "rev-parse", "HEAD").strip()
    collect(root, ScanOptions(cache_dir=cache))
    _more_history(root)
    reads = _reads(monkeypatch)

    incremental = collect(root, ScanOptions(cache_dir=cache)).git
    full = collect(root, ScanOptions(use_cache=False)).git

    assert reads == [first_head, None]
    assert incremental == full
    assert "src/new_name.py" in full.files and "src/old_name.py" not in full.files
    assert "ben@x.org" in full.files["src/new_name.py"].authors  # followed across the rename
    assert len(full.authors) == 2  # Ann's two addresses are one person


def test_a_window_keeps_the_newest_commits_when_read_incrementally(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    cache = tmp_path / "cache"
    collect(root, ScanOptions(cache_dir=cache, git_window=3))
    _more_history(root)

    incremental = collect(root, ScanOptions(cache_dir=cache, git_window=3)).git
    full = collect(root, ScanOptions(use_cache=False, git_window=3)).git

    assert incremental == full and incremental.commits == 3 and incremental.truncated


def test_rewritten_history_is_read_again_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _repo(tmp_path / "repo")
    cache = tmp_path / "cache"
    _more_history(root)
    collect(root, ScanOptions(cache_dir=cache))
    git(root, "reset", "-q", "--hard", "HEAD~2")
    (root / "src" / "other.py").write_text("u = 6\n", encoding="utf-8")
    _commit(root, ANN, "2026-04-01T10:00:00", "another line of history")
    reads = _reads(monkeypatch)

    again = collect(root, ScanOptions(cache_dir=cache)).git

    assert reads == [None]
    assert again == collect(root, ScanOptions(use_cache=False)).git


def test_a_commit_dated_before_the_last_read_is_read_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git lists by date: an older commit arriving later would sit among the earlier ones."""
    root = _repo(tmp_path / "repo")
    cache = tmp_path / "cache"
    _more_history(root)
    collect(root, ScanOptions(cache_dir=cache))
    (root / "src" / "late.py").write_text("t = 7\n", encoding="utf-8")
    _commit(root, BEN, "2025-12-01T10:00:00", "a commit with an old date")
    reads = _reads(monkeypatch)

    again = collect(root, ScanOptions(cache_dir=cache)).git

    assert reads == [None]
    assert again == collect(root, ScanOptions(use_cache=False)).git


def test_the_whole_history_is_read_unless_a_window_is_set(tmp_path: Path) -> None:
    root = _repo(tmp_path / "repo")
    _more_history(root)
    every = int(git(root, "rev-list", "--count", "--no-merges", "HEAD"))
    whole = collect(root, ScanOptions(use_cache=False)).git
    assert whole.window is None and not whole.truncated and every > 2
    assert whole.commits == whole.total_commits == len(whole.log) == every
    cut = collect(root, ScanOptions(use_cache=False, git_window=2)).git
    assert cut.truncated and (cut.commits, cut.total_commits) == (2, every)
