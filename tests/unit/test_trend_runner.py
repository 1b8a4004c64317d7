"""Auditing revisions: snapshots cleaned up whatever happens, failures stated, flips detected."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

import prodready.audit
from prodready.config import Settings
from prodready.models import AspectStatus
from prodready.trend import Selection, run_trend
from prodready.trend.model import FlipDirection, RevisionPoint
from prodready.trend.points import flips_between, with_flips
from tests.conftest import git
from tests.unit.test_trend_history import build_release_repo


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary folders of the run land here, so the test can see what is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture(scope="module")
def release_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_release_repo(tmp_path_factory.mktemp("runner") / "churn")


def test_scratch_area_removed_after_a_run(release_repo: Path, private_tmp: Path) -> None:
    result = run_trend(release_repo, Selection(revs=["v0.1", "v0.6"]), Settings(), jobs=1)
    assert [p.rev for p in result.revisions] == ["v0.1", "v0.6"]
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_scratch_area_removed_on_interrupt(
    release_repo: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch, error: type
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        assert any(private_tmp.iterdir())  # the snapshot exists while auditing
        raise error()

    monkeypatch.setattr(prodready.audit, "run_audit", interrupted)
    with pytest.raises(error):
        run_trend(release_repo, Selection(last=3), Settings(), jobs=1)
    assert list(private_tmp.iterdir()) == []


def test_a_revision_that_fails_is_stated_not_fatal(
    release_repo: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = prodready.audit.run_audit
    broken = git(release_repo, "rev-parse", "v0.3^{commit}").strip()

    def flaky(root: Path, *args: object, **kwargs: object) -> object:
        if git(root, "rev-parse", "HEAD").strip() == broken:
            raise RuntimeError("disk on fire\nsecond line")
        return real(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prodready.audit, "run_audit", flaky)
    result = run_trend(release_repo, Selection(revs=["v0.2", "v0.3", "v0.4"]), Settings(), jobs=1)
    middle = result.revisions[1]
    assert middle.problem == "could not be audited: RuntimeError: disk on fire"
    assert middle.score is None and middle.flips == []
    # The flip is measured against the last revision that could be audited.
    assert {f.aspect for f in result.revisions[2].flips} == {
        "testing.tests_present",
        "ownership.codeowners",
        "ownership.declared_owner",
    }
    assert any("1 revision(s) could not be audited: v0.3" in note for note in result.notes)
    assert list(private_tmp.iterdir()) == []


def test_threads_and_processes_agree(release_repo: Path) -> None:
    selection = Selection(last=4)
    by_process = run_trend(release_repo, selection, Settings(), jobs=2, processes=True)
    by_thread = run_trend(release_repo, selection, Settings(), jobs=2, processes=False)
    assert by_process.revisions == by_thread.revisions


def test_malformed_config_is_a_note_of_its_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "params.yaml").write_text("lr: 0.1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ok")
    (repo / "params.yaml").write_text("lr: [0.1\n")
    git(repo, "commit", "-qam", "broken")
    result = run_trend(repo, Selection(last=2), Settings(), jobs=1)
    first, second = result.revisions
    assert first.notes == []
    assert second.audited and any(
        note.startswith("malformed config params.yaml") for note in second.notes
    )


def _point(rev: str, **aspects: AspectStatus) -> RevisionPoint:
    return RevisionPoint(rev=rev, sha=rev * 8, short_sha=rev, date="2026-01-01", aspects=aspects)


def test_flip_directions_follow_inverted_aspects() -> None:
    before = _point(
        "a",
        **{
            "testing.tests_present": AspectStatus.NO,
            "hygiene.data_committed": AspectStatus.NO,
            "ownership.codeowners": AspectStatus.UNKNOWN,
        },
    )
    after = _point(
        "b",
        **{
            "testing.tests_present": AspectStatus.YES,
            "hygiene.data_committed": AspectStatus.YES,
            "ownership.codeowners": AspectStatus.YES,
        },
    )
    directions = {f.aspect: f.direction for f in flips_between(before, after)}
    assert directions == {
        "testing.tests_present": FlipDirection.IMPROVED,
        "hygiene.data_committed": FlipDirection.REGRESSED,  # committing data is the problem
        "ownership.codeowners": FlipDirection.CHANGED,
    }
    assert with_flips([before, after])[0].flips == []


def test_no_cache_leaves_the_repository_without_a_cache(tmp_path: Path, private_tmp: Path) -> None:
    repo = build_release_repo(tmp_path / "churn")
    result = run_trend(repo, Selection(revs=["v0.1", "v0.2"]), Settings(cache=False), jobs=1)
    assert all(point.audited for point in result.revisions)
    assert not (repo / ".prodready").exists()
    assert list(private_tmp.iterdir()) == []


def test_decoded_facts_are_reused_between_audits_when_asked(tmp_path: Path) -> None:
    from prodready.scanners import ScanOptions, collect, keep_decoded_facts

    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg/a.py").write_text("def f(x):\n    return x\n")
    options = ScanOptions(cache_dir=tmp_path / "cache", jobs=1)
    keep_decoded_facts()
    try:
        first = collect(repo, options)
        second = collect(repo, options)
    finally:
        keep_decoded_facts(False)
    assert second.python["pkg/a.py"] is first.python["pkg/a.py"]
    assert (second.parsed_files, second.cache_hits) == (0, 1)
    third = collect(repo, options)  # switched off: decoded again from the cache, equal
    assert third.python["pkg/a.py"] == first.python["pkg/a.py"]
    assert third.python["pkg/a.py"] is not first.python["pkg/a.py"]


@pytest.mark.parametrize(("window", "expected"), [(None, 5000), (12, 12)])
def test_each_revision_reads_a_bounded_history_unless_told(
    release_repo: Path, monkeypatch: pytest.MonkeyPatch, window: int | None, expected: int
) -> None:
    seen: list[int | None] = []

    def record(revisions, settings, *rest):  # type: ignore[no-untyped-def]
        seen.append(settings.git_window)
        raise KeyboardInterrupt  # enough: the settings every revision is audited with

    monkeypatch.setattr("prodready.trend.audit_all", record)
    with pytest.raises(KeyboardInterrupt):
        run_trend(release_repo, Selection(last=2), Settings(git_window=window), jobs=1)
    assert seen == [expected]
