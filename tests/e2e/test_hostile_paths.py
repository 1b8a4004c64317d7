"""Output paths: atomic only for regular files, devices written through, symlinks never
replaced or written through inside the audited repository, all outputs or none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.hostile import run_cli, small_repo


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path) -> None:
    import os
    import stat
    import threading

    repo = small_repo(tmp_path / "repo")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    code, _, err = run_cli(
        "audit", str(repo), "--no-cache", "-q", "--format", "json", "-o", str(fifo)
    )
    reader.join(30)
    assert code in (0, 1), err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["repo"]["name"] == "repo"


def test_a_symlinked_output_outside_the_repo_is_followed_not_replaced(tmp_path: Path) -> None:
    import os

    repo = small_repo(tmp_path / "repo")
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    os.symlink(real, link)
    code, _, err = run_cli(
        "audit", str(repo), "--no-cache", "-q", "--format", "json", "-o", str(link)
    )
    assert code in (0, 1), err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["repo"]["name"] == "repo"


def test_a_committed_reports_symlink_is_never_written_through(tmp_path: Path) -> None:
    import os

    repo = small_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, repo / "reports")
    code, _, err = run_cli("audit", ".", "--no-cache", "-q", cwd=repo)
    assert code == 2 and "symlink inside the audited repository" in err, err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("link", [".prodready", ".prodready/.gitignore", ".prodready/cache"])
def test_a_committed_cache_symlink_is_never_written_through(tmp_path: Path, link: str) -> None:
    import os

    repo = small_repo(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    target = outside if link != ".prodready/.gitignore" else outside / "excludes"  # dangling
    os.symlink(target, repo / link)
    code, _, err = run_cli("audit", str(repo), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert code in (0, 1), err
    assert list(outside.iterdir()) == []


def test_outputs_are_written_all_or_none(tmp_path: Path) -> None:
    repo = small_repo(tmp_path / "repo")
    first = tmp_path / "first.json"
    first.write_text("previous", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = run_cli(
        "audit", str(repo), "--no-cache", "-q",
        "--format", "json", "-o", str(first),
        "--format", "html", "-o", str(blocker / "second.html"),
        "--format", "markdown", "-o", "-",
    )  # fmt: skip
    assert code == 2 and "second.html" in err, err
    assert first.read_text(encoding="utf-8") == "previous"
    assert out == ""  # nothing on stdout either
    assert not list(tmp_path.glob(".first.json.*.tmp"))


def test_write_all_writes_devices_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prodready.report import output

    seen: list[Path] = []
    monkeypatch.setattr(output, "_stage", lambda path, text: seen.append(path) or "")
    real_open = open
    written: dict[str, str] = {}

    class _Sink:
        def __init__(self, path: str) -> None:
            self.path = path

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def write(self, text: str) -> None:
            written[self.path] = text

    def fake_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        return _Sink(str(path)) if str(path) == "/dev/null" else real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    output.write_all([(Path("/dev/null"), "report")])
    assert seen == [] and written == {"/dev/null": "report"}  # never a temp file in /dev


def test_python_m_prodready_inside_the_repo_loads_nothing_of_it(tmp_path: Path) -> None:
    """The working directory is not on the import path: a repo's yaml.py or plugin never runs."""
    import subprocess
    import sys

    repo = tmp_path / "repo"
    repo.mkdir()
    marker = tmp_path / "ran"
    payload = f"open({str(marker)!r}, 'w').write('x')\n"
    (repo / "yaml.py").write_text(payload, encoding="utf-8")
    (repo / "evil.py").write_text(payload, encoding="utf-8")
    info = repo / "evil-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[prodready.rules]\nevil = evil:Rule\n", encoding="utf-8"
    )
    (repo / "app.py").write_text("x = 1\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "prodready", "audit", ".", "--format", "json", "-o", "-", "-q"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    assert not marker.exists()


def test_a_forged_cache_entry_is_a_miss_never_a_verdict(tmp_path: Path) -> None:
    """A committed cache cannot turn a failing SEC-001 into a pass: entries carry the user's HMAC."""
    import sqlite3

    from prodready.scanners import ScanOptions, collect

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "serve.py").write_text("import pickle\n\nm = pickle.load(open('m.pkl', 'rb'))\n")
    collect(repo, ScanOptions())
    database = repo / ".prodready" / "cache" / "facts.sqlite3"
    with sqlite3.connect(database) as connection:
        rows = list(connection.execute("SELECT key, value FROM facts"))
        assert rows
        for key, stored in rows:  # what an attacker commits: the entry with the call taken out
            payload = stored[65:] if stored[64:65] == ":" else stored
            forged = payload.replace("pickle.load", "print")
            assert forged != payload
            connection.execute("UPDATE facts SET value = ? WHERE key = ?", (forged, key))
    facts = collect(repo, ScanOptions())
    assert "pickle.load" in {call.name for call in facts.python["serve.py"].calls}
    assert facts.cache_hits == 0


def test_committed_symlinks_out_of_the_repo_are_never_read(tmp_path: Path) -> None:
    from prodready.audit import run_audit
    from prodready.config import load_settings

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "pyproject.toml").write_text("[tool.prodready]\nfail_under = 99\n")
    (outside / "secret.py").write_text("TOKEN = 'outside the repository'\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "app.py").write_text("x = 1\n")
    (repo / "pyproject.toml").symlink_to(outside / "pyproject.toml")
    (repo / "vendor").symlink_to(outside, target_is_directory=True)
    (repo / "copied.py").symlink_to(outside / "secret.py")
    assert load_settings(repo, {}).fail_under is None  # the settings outside are not the repo's
    result = run_audit(repo, load_settings(repo, {}))
    assert "outside the repository'" not in result.model_dump_json()
    facts = result.facts
    assert facts.python_files <= 2  # app.py, and at most the unread link as an unreadable module
