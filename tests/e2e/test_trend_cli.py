"""End-to-end: `prodready trend` on a repository whose releases add readiness and then lose some."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from prodready.trend.model import TrendResult
from prodready.trend.render import from_csv
from tests.conftest import git
from tests.unit.test_trend_history import RELEASES, build_release_repo

# What each release changed, exactly: (aspect, before, after) per tag after the first.
EXPECTED_FLIPS = {
    "v0.1": [],
    "v0.2": [("reproducibility.locked_dependencies", "no", "yes")],
    "v0.3": [("testing.tests_present", "no", "yes")],
    # CODEOWNERS names an owner: declared from v0.4 on (the checklist of v0.5 adds a second source)
    "v0.4": [("ownership.codeowners", "no", "yes"), ("ownership.declared_owner", "no", "yes")],
    "v0.5": [("evaluation.metrics_tracked", "no", "yes")],  # the checklist and metrics file
    "v0.6": [("data.samples_valid", "yes", "no")],
}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prodready", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def release_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_release_repo(tmp_path_factory.mktemp("trend-e2e") / "churn")


@pytest.fixture(scope="module")
def tags_trend(release_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> TrendResult:
    out = tmp_path_factory.mktemp("out") / "trend.json"
    done = run_cli("trend", str(release_repo), "--tags", "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return TrendResult.model_validate_json(out.read_text(encoding="utf-8"))


def snapshot(root: Path) -> dict[str, str]:
    """Every file outside .git and prodready's own cache folder, by content hash."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not {".git", ".prodready"} & set(path.relative_to(root).parts)
    }


def test_scores_rise_release_by_release_then_fall(tags_trend: TrendResult) -> None:
    points = tags_trend.revisions
    assert [p.rev for p in points] == [tag for tag, _, _ in RELEASES]
    assert all(p.audited for p in points)
    scores = [p.score for p in points]
    assert all(s is not None for s in scores)
    assert scores[:5] == sorted(scores[:5]) and len(set(scores[:5])) == 5, scores
    assert scores[5] < scores[4], scores
    assert points[5].findings["high"] > points[4].findings["high"]


def test_exactly_the_expected_aspects_flip(tags_trend: TrendResult) -> None:
    flips = {
        p.rev: [(f.aspect, f.before.value, f.after.value) for f in p.flips]
        for p in tags_trend.revisions
    }
    assert flips == EXPECTED_FLIPS
    last = tags_trend.revisions[-1].flips[0]
    assert last.direction.value == "regressed"


def test_last_point_matches_an_audit_of_head(
    release_repo: Path, tags_trend: TrendResult, tmp_path: Path
) -> None:
    out = tmp_path / "head.json"
    run_cli("audit", str(release_repo), "--format", "json", "-o", str(out), "-q")
    head = json.loads(out.read_text(encoding="utf-8"))
    assert tags_trend.revisions[-1].score == head["score"]


@pytest.mark.parametrize("dirty", [False, True])
def test_work_tree_index_and_status_unchanged(tmp_path: Path, dirty: bool) -> None:
    repo = build_release_repo(tmp_path / "churn")
    if dirty:  # staged, unstaged and untracked changes must all survive
        (repo / "README.md").write_text("# churn\n\nedited, not staged\n")
        (repo / "notes.txt").write_text("untracked\n")
        (repo / "src/churn/extra.py").write_text("x = 1\n")
        git(repo, "add", "src/churn/extra.py")
    before = (
        snapshot(repo),
        git(repo, "status", "--porcelain"),
        (repo / ".git/index").read_bytes(),
        git(repo, "rev-parse", "HEAD"),
        git(repo, "worktree", "list"),
    )
    done = run_cli("trend", str(repo), "--last", "3", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    after = (
        snapshot(repo),
        git(repo, "status", "--porcelain"),
        (repo / ".git/index").read_bytes(),
        git(repo, "rev-parse", "HEAD"),
        git(repo, "worktree", "list"),
    )
    assert after == before


def test_table_is_the_default(release_repo: Path) -> None:
    done = run_cli("trend", str(release_repo), "--revs", "v0.1", "v0.2", "-q")
    assert done.returncode == 0, done.stderr
    assert "v0.1" in done.stdout and "v0.2" in done.stdout
    assert "+reproducibility.locked_dependencies (no→yes)" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--revs", "v0.1", "v9.9"], "unknown revision 'v9.9'"),
        (["--tags", "--match", "release-*"], "no tag matches 'release-*'"),
        ([], "choose exactly one of --tags, --last N or --revs"),
        (["--tags", "--last", "2"], "choose exactly one"),
        (["--revs"], "--revs"),
    ],
)
def test_bad_revision_selection_exits_2(release_repo: Path, args: list[str], message: str) -> None:
    done = run_cli("trend", str(release_repo), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_no_commits_and_not_a_repo_exit_2(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    done = run_cli("trend", str(plain), "--last", "3")
    assert done.returncode == 2 and "not a git repository" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    done = run_cli("trend", str(empty), "--tags")
    assert done.returncode == 2 and "has no commits yet" in done.stderr


def test_shallow_clone_is_stated_and_what_exists_is_audited(
    release_repo: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{release_repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    done = run_cli("trend", str(clone), "--last", "5", "-q")
    assert done.returncode == 0, done.stderr
    assert "shallow clone" in done.stdout
    assert "asked for 5 revisions; the history has 2 commits" in done.stdout
    out = tmp_path / "shallow.json"
    run_cli("trend", str(clone), "--last", "5", "--format", "json", "-o", str(out))
    result = TrendResult.model_validate_json(out.read_text(encoding="utf-8"))
    assert result.shallow and [p.rev for p in result.revisions] == ["HEAD~1", "HEAD"]
    assert all(p.audited for p in result.revisions)
    done = run_cli("trend", str(clone), "--revs", "HEAD~4")
    assert done.returncode == 2 and "shallow clone" in done.stderr


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.references += [value or "" for name, value in attrs if name in ("src", "href")]


def test_html_is_self_contained_and_lists_flips(release_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "trend.html"
    done = run_cli("trend", str(release_repo), "--tags", "--format", "html", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    parser.close()
    assert parser.references == []
    assert "script" not in parser.tags and "link" not in parser.tags
    assert parser.tags.count("svg") == 2 and "polyline" in parser.tags  # the chart, the multiples
    assert "data.samples_valid" in page and "regressed" in page
    for tag, _, _ in RELEASES:
        assert f">{tag}<" in page


def test_csv_round_trips(release_repo: Path, tags_trend: TrendResult, tmp_path: Path) -> None:
    out = tmp_path / "trend.csv"
    done = run_cli("trend", str(release_repo), "--tags", "--format", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    points = from_csv(out.read_text(encoding="utf-8"))
    expected = [p.model_copy(update={"subject": ""}) for p in tags_trend.revisions]
    assert points == expected
