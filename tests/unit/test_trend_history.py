"""Choosing revisions: tags in order, N commits spread over history, revs as given; bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prodready.errors import ProdreadyError
from prodready.trend.revisions import _spread, open_history, select_last, select_revs, select_tags
from tests.conftest import FIXTURES, git

CONTRACT_CASES = FIXTURES / "rules" / "DATA-020"
BASE_FILES = {
    "README.md": "# churn\n\nPredicts churn.\n",
    "pyproject.toml": (
        '[project]\nname = "churn"\nversion = "0.1.0"\n'
        'dependencies = ["pandas>=2.1", "scikit-learn>=1.3"]\n'
        # packaged, with no serving or pipeline entry point: it would read as a library
        '[tool.prodready]\nkind = "training"\n'
    ),
    "src/churn/__init__.py": "",
    "src/churn/train.py": (
        "import pandas as pd\n"
        "from sklearn.linear_model import LogisticRegression\n\n\n"
        "def train(path: str) -> LogisticRegression:\n"
        "    frame = pd.read_csv(path)\n"
        "    model = LogisticRegression(random_state=0)\n"
        "    return model.fit(frame[['amount']], frame['label'])\n"
    ),
}
CHECKLIST = """\
model:
  name: churn
  purpose: Predict which customers churn next month.
  owners:
    technical: ["@alice"]
objective:
  problem: Binary classification of churn.
  success_metric: auc
  acceptance_threshold: 0.7
evaluation:
  metrics:
    - name: auc
      value: 0.81
      evidence: metrics/scores.json#/auc
data:
  contracts:
    - contracts/orders.odcs.yaml
"""
# (tag, commit message, files added): each release adds one piece of readiness, the last breaks one.
RELEASES: list[tuple[str, str, dict[str, str]]] = [
    ("v0.1", "project", BASE_FILES),
    ("v0.2", "lock dependencies", {"requirements.lock": "pandas==2.2.2\nscikit-learn==1.5.0\n"}),
    (
        "v0.3",
        "add tests",
        {"tests/test_train.py": "def test_train_imports():\n    import churn.train\n"},
    ),
    ("v0.4", "add CODEOWNERS", {"CODEOWNERS": "* @alice\n"}),
    (
        "v0.5",
        "add readiness checklist",
        {"prodready.yaml": CHECKLIST, "metrics/scores.json": '{"auc": 0.81}\n'},
    ),
    ("v0.6", "new orders export", {}),  # the contract's sample stops satisfying it
]


def build_release_repo(target: Path) -> Path:
    """Six tagged commits: a base project, then a lock file, tests, CODEOWNERS, a checklist,
    then an orders sample that breaks its data contract."""
    target.mkdir(parents=True)
    git(target, "init", "-q", "-b", "main")
    (target / "contracts").mkdir()
    (target / "data").mkdir()
    shutil.copy(CONTRACT_CASES / "pass/contracts/orders.odcs.yaml", target / "contracts")
    shutil.copy(CONTRACT_CASES / "pass/data/orders.csv", target / "data")
    for day, (tag, message, files) in enumerate(RELEASES, start=1):
        for name, text in files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_text(text, encoding="utf-8")
        if tag == "v0.6":
            shutil.copy(CONTRACT_CASES / "fail/data/orders.csv", target / "data/orders.csv")
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", message, date=f"2026-01-{day:02d}T10:00:00")
        git(target, "tag", "-a", tag, "-m", f"release {tag}", date=f"2026-01-{day:02d}T10:00:00")
    return target


@pytest.fixture(scope="module")
def release_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_release_repo(tmp_path_factory.mktemp("trend") / "churn")


def test_tags_oldest_first_with_dates_and_subjects(release_repo: Path) -> None:
    revisions = select_tags(open_history(release_repo))
    assert [r.label for r in revisions] == [tag for tag, _, _ in RELEASES]
    assert revisions[1].subject == "lock dependencies"
    assert revisions[0].date.startswith("2026-01-01")


def test_tags_match_glob_and_version_order(tmp_path: Path, release_repo: Path) -> None:
    history = open_history(release_repo)
    assert [r.label for r in select_tags(history, "v0.[45]")] == ["v0.4", "v0.5"]
    with pytest.raises(ProdreadyError, match="no tag matches 'x\\*'"):
        select_tags(history, "x*")


def test_last_spreads_over_first_parent_history(release_repo: Path) -> None:
    history = open_history(release_repo)
    assert [r.label for r in select_last(history, 3)] == ["HEAD~5", "HEAD~2", "HEAD"]
    assert [r.tags for r in select_last(history, 1)] == [("v0.6",)]
    assert len(select_last(history, 50)) == 6
    assert any("asked for 50 revisions" in note for note in history.notes)


def test_spread_keeps_both_ends() -> None:
    assert _spread(10, 4) == [0, 3, 6, 9]
    assert _spread(3, 5) == [0, 1, 2]
    assert _spread(7, 1) == [6]


def test_revs_in_given_order_and_unknown_is_named(release_repo: Path) -> None:
    history = open_history(release_repo)
    revisions = select_revs(history, ["v0.5", "HEAD~5", "v0.5"])
    assert [r.label for r in revisions] == ["v0.5", "HEAD~5"]
    for bad in ("v9.9", "--output=x", ""):
        with pytest.raises(ProdreadyError, match=f"unknown revision '{bad}'"):
            select_revs(history, [bad])


def test_not_a_repo_no_commits_and_subfolder(tmp_path: Path, release_repo: Path) -> None:
    with pytest.raises(ProdreadyError, match="not a git repository"):
        open_history(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(ProdreadyError, match="has no commits yet"):
        open_history(empty)
    with pytest.raises(ProdreadyError, match="not the top of a git repository"):
        open_history(release_repo / "src")


def test_no_tags(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "a.py").write_text("x = 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    with pytest.raises(ProdreadyError, match="has no tags"):
        select_tags(open_history(repo))
