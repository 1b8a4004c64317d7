"""audit-many and portfolio end to end: twelve small repositories of five teams and four kinds,
audited twice (the second time on a Dask LocalCluster) with changes between the runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prodready.portfolio.model import PortfolioResult
from tests.conftest import git, make_git_repo
from tests.e2e.test_html_report import CHROMIUM, CHROMIUM_FLAGS

SERVING, RESEARCH, PLATFORM = "@acme/serving", "@acme/research", "@acme/platform"
TESTS = {
    "tests/test_core.py": "def test_adds():\n    assert 1 + 1 == 2\n",
    ".github/workflows/ci.yml": (
        "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: pip install -e . && pytest -q\n"
    ),
}


def _service(name: str) -> dict[str, str]:
    return {
        "pyproject.toml": f'[project]\nname = "{name}"\nversion = "1.0"\ndependencies = ["fastapi==0.110.0"]\n',
        "svc/__init__.py": "",
        "svc/app.py": 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/score")\ndef score() -> float:\n    return 0.5\n',
        "README.md": f"# {name}\n\nScores requests.\n",
    }


def _training(name: str) -> dict[str, str]:
    return {
        "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n",
        "train.py": "from sklearn.linear_model import LogisticRegression\n\n\ndef main(x, y):\n    return LogisticRegression(random_state=0).fit(x, y)\n",
        "requirements.txt": "scikit-learn==1.4.0\n",
        "README.md": f"# {name}\n",
    }


def _library(name: str) -> dict[str, str]:
    return {
        "pyproject.toml": f'[project]\nname = "{name}"\nversion = "0.3"\n',
        f"{name.replace('-', '_')}/__init__.py": "def mean(values):\n    return sum(values) / len(values)\n",
        "README.md": f"# {name}\n",
    }


def _notebooks(name: str) -> dict[str, str]:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": ["import pandas as pd\n", "df = pd.DataFrame({'a': [1]})\n"]}  # fmt: skip
    notebook = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    return {"eda.ipynb": notebook, "report.ipynb": notebook, "README.md": f"# {name}\n"}


# name: (kind builder, team in CODEOWNERS, has tests and CI)
REPOS: dict[str, tuple[Any, str | None, bool]] = {
    "svc-fraud": (_service, SERVING, True),
    "svc-reco": (_service, SERVING, True),
    "svc-search": (_service, SERVING, False),  # gains tests before the second run
    "svc-pricing": (_service, PLATFORM, False),
    "train-churn": (_training, RESEARCH, True),
    "train-ltv": (_training, RESEARCH, False),
    "train-demand": (_training, None, False),  # owner named only in prodready.yaml
    "lib-features": (_library, PLATFORM, True),
    "lib-metrics": (_library, PLATFORM, False),
    "lib-utils": (_library, None, True),
    "nb-eda": (_notebooks, RESEARCH, False),
    "nb-poc": (_notebooks, None, False),
}
KINDS = {"svc": "model_service", "train": "training", "lib": "library", "nb": "notebooks"}
CAMPAIGN = """\
name: Tests for every service
due: 2026-01-31
applies_to:
  kinds: [model_service]
require:
  aspects: [testing.tests_present]
  rules: [TEST-001]
"""


def _build(root: Path, name: str) -> Path:
    builder, team, tested = REPOS[name]
    target = root / name
    files = builder(name)
    if team:
        files[".github/CODEOWNERS"] = f"* {team}\n"
    if name == "train-demand":
        files["prodready.yaml"] = "model:\n  owners:\n    technical: ['@dana']\n"
    if tested:
        files.update(TESTS)
    for path, text in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text, encoding="utf-8")
    commits = [
        ("Alice Example <alice@example.com>", ["README.md", "*.toml", "*.yaml", "*.txt"]),
        ("Bob Builder <bob@example.com>", ["**/*.py", "*.ipynb"]),
    ]
    return make_git_repo(None, target, commits)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prodready", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )  # fmt: skip


def _stamp(folder: Path, when: str) -> None:
    """The first run happened on ``when``: its reports say so (the portfolio orders by it)."""
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "tool_version" in data and "repo" in data:
            data["generated_at"] = when
            path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Run 1 locally with --jobs 2, changes, run 2 on a Dask LocalCluster; then the portfolio."""
    distributed = pytest.importorskip("distributed")
    root = tmp_path_factory.mktemp("estate")
    repos = root / "repos"
    for name in REPOS:
        _build(repos, name)
    broken = repos / "zz-broken"
    broken.mkdir()
    (broken / "prodready.yaml").write_text("model: [unclosed\n", encoding="utf-8")
    listing = root / "repos.txt"
    listing.write_text(
        "# every repository of the estate\n"
        + "".join(f"repos/{name}\n" for name in [*REPOS, "zz-broken"]),
        encoding="utf-8",
    )
    first = cli("audit-many", str(listing), "--output-dir", str(root / "reports" / "run1"), "--jobs", "2")  # fmt: skip
    _stamp(root / "reports" / "run1", "2026-03-01T09:00:00+00:00")
    search = repos / "svc-search"
    for path, text in TESTS.items():
        (search / path).parent.mkdir(parents=True, exist_ok=True)
        (search / path).write_text(text, encoding="utf-8")
    git(search, "add", "-A")
    git(search, "commit", "-q", "-m", "tests", author="Carol Data <carol@example.com>")
    shutil.rmtree(broken)
    listing.write_text("".join(f"repos/{name}\n" for name in REPOS), encoding="utf-8")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://",
        dashboard_address=None,
    )  # fmt: skip
    try:
        second = cli(
            "audit-many", str(listing), "--output-dir", str(root / "reports" / "run2"),
            "--scheduler", cluster.scheduler_address, "--campaign", str(_campaign(root)),
            "--today", "2026-06-01",
        )  # fmt: skip
    finally:
        cluster.close()
    done = cli(
        "portfolio", str(root / "reports"), "--campaign", str(_campaign(root)),
        "--today", "2026-06-01", "--format", "json", "-o", str(root / "portfolio.json"),
    )  # fmt: skip
    result = PortfolioResult.model_validate_json((root / "portfolio.json").read_text("utf-8"))
    yield {"root": root, "first": first, "second": second, "done": done, "result": result}


def _campaign(root: Path) -> Path:
    path = root / "campaign.yaml"
    path.write_text(CAMPAIGN, encoding="utf-8")
    return path


def test_audit_many_isolates_a_broken_repository(estate: dict[str, Any]) -> None:
    first = estate["first"]
    assert first.returncode == 1, first.stderr  # one audit failed; the others are written
    assert "audited 12 of 13 repositories" in first.stderr
    assert f"failed: {estate['root'] / 'repos' / 'zz-broken'}: exit 2:" in first.stderr
    run1 = estate["root"] / "reports" / "run1"
    assert sorted(p.stem for p in run1.glob("*.json")) == sorted(
        [*REPOS, "portfolio"]
    )
    written = PortfolioResult.model_validate_json((run1 / "portfolio.json").read_text("utf-8"))
    assert [f.target.rsplit("/", 1)[-1] for f in written.failures] == ["zz-broken"]
    assert (run1 / "portfolio.html").read_text("utf-8").count("audit failed") == 1


def test_the_dask_run_audits_everything_and_gates_on_the_overdue_campaign(
    estate: dict[str, Any],
) -> None:
    second = estate["second"]
    assert "audited 12 of 12 repositories" in second.stderr, second.stderr
    assert "campaign Tests for every service: 3 of 4 repositories (75%), OVERDUE" in second.stderr
    assert second.returncode == 1  # past its date and unmet


def test_rollups_by_kind_and_team(estate: dict[str, Any]) -> None:
    result: PortfolioResult = estate["result"]
    assert estate["done"].returncode == 1, estate["done"].stderr
    assert [repo.name for repo in result.repos] == sorted(REPOS)
    for repo in result.repos:
        assert repo.kind == KINDS[repo.name.split("-")[0]], (repo.name, repo.kind)
    kinds = {r.key: r.repos for r in result.kinds}
    assert kinds == {"library": 3, "model_service": 4, "notebooks": 2, "training": 3}
    teams = {r.key: sorted(r.names) for r in result.teams}
    assert teams == {
        SERVING: ["svc-fraud", "svc-reco", "svc-search"],
        PLATFORM: ["lib-features", "lib-metrics", "svc-pricing"],
        RESEARCH: ["nb-eda", "train-churn", "train-ltv"],
        "@dana": ["train-demand"],
        "(no owner)": ["lib-utils", "nb-poc"],
    }
    by_name = {repo.name: repo for repo in result.repos}
    serving = next(r for r in result.teams if r.key == SERVING)
    scores = [by_name[name].score for name in teams[SERVING]]
    assert serving.mean_score == round(sum(scores) / 3, 1)  # type: ignore[arg-type]
    assert by_name["train-demand"].team_source == "checklist"
    untested = [name for name, (_, _, tested) in REPOS.items() if not tested]
    test_001 = next(f for f in result.failing_rules if f.rule_id == "TEST-001")
    assert test_001.repos == sorted(set(untested) - {"svc-search"})  # svc-search has tests now


def test_history_and_changes_since_the_previous_report(estate: dict[str, Any]) -> None:
    result: PortfolioResult = estate["result"]
    assert result.reports_read == 24
    by_name = {repo.name: repo for repo in result.repos}
    search = by_name["svc-search"]
    assert search.history[0].generated_at.startswith("2026-03-01")
    assert len(search.history) == 2 and search.history[0].commit != search.history[1].commit
    changes = search.changes
    assert changes is not None and changes.delta is not None and changes.delta > 0
    assert "TEST-001" in changes.fixed
    assert ("testing.tests_present", "no", "yes") in [
        (a.aspect, a.before, a.after) for a in changes.aspects
    ]
    # an unchanged repository audited twice at one commit is one point, the newest report
    fraud = by_name["svc-fraud"]
    assert len(fraud.history) == 1 and fraud.source.endswith("run2/svc-fraud.json")
    assert any(source.endswith("run1/svc-fraud.json") for source in result.superseded)
    assert not any(source.endswith("run1/svc-search.json") for source in result.superseded)


def test_campaign_progress_and_burnup(estate: dict[str, Any]) -> None:
    [campaign] = estate["result"].campaigns
    assert campaign.repos == ["svc-fraud", "svc-pricing", "svc-reco", "svc-search"]
    assert campaign.met_repos == ["svc-fraud", "svc-reco", "svc-search"]
    assert {t.key: (t.met, t.repos) for t in campaign.teams} == {SERVING: (3, 3), PLATFORM: (0, 1)}
    assert campaign.overdue and {i.repo for i in campaign.overdue_items} == {"svc-pricing"}
    assert [(p.met, p.scope) for p in campaign.burnup] == [(2, 4), (3, 4)]
    assert campaign.burnup[0].date == "2026-03-01"


def test_memory_filesystem_written_and_read_in_process(
    estate: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    fsspec = pytest.importorskip("fsspec")
    from prodready.cli import main

    root = estate["root"]
    listing = root / "two.txt"
    listing.write_text("repos/lib-utils\nrepos/nb-poc\n", encoding="utf-8")
    assert _main(main, "audit-many", str(listing), "--output-dir", "memory://estate/reports", "-q") == 0, capsys.readouterr().err  # fmt: skip
    fs = fsspec.filesystem("memory")
    try:
        assert sorted(p.rsplit("/", 1)[-1] for p in fs.ls("/estate/reports", detail=False)) == [
            "lib-utils.json", "nb-poc.json", "portfolio.html", "portfolio.json",
        ]  # fmt: skip
        assert _main(main, "portfolio", "memory://estate/reports", "-o", "memory://estate/p.csv") == 0  # fmt: skip
        rows = fs.cat("/estate/p.csv").decode().splitlines()
        assert rows[0].startswith("repo,kind,score") and len(rows) == 3
    finally:
        fs.rm("/estate", recursive=True)


def _main(main: Any, *args: str) -> int:
    """The CLI in this process (the memory filesystem is this process's): its exit code."""
    try:
        main(list(args))
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def test_bad_input_is_one_line_and_exit_2(estate: dict[str, Any], tmp_path: Path) -> None:
    root = estate["root"]
    clash = tmp_path / "clash.txt"
    (tmp_path / "a" / "svc-fraud").mkdir(parents=True)
    clash.write_text(f"{root / 'repos' / 'svc-fraud'}\na/svc-fraud\n", encoding="utf-8")
    for args, expected in [
        (("audit-many", str(clash)), "two repositories named svc-fraud"),
        (("audit-many", str(tmp_path / "none.txt")), "none.txt: no such file or directory"),
        (("portfolio", str(tmp_path / "a")), "no prodready JSON report found"),
        (("audit-many", str(root / "repos.txt"), "--scheduler", "tcp://127.0.0.1:9"), "cannot connect"),
    ]:  # fmt: skip
        done = cli(*args, env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1 and expected in lines[0], done.stderr


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package 'chromium')")
def test_portfolio_html_renders_in_chromium(estate: dict[str, Any]) -> None:
    root = estate["root"]
    page = root / "portfolio.html"
    done = cli(
        "portfolio", str(root / "reports"), "--campaign", str(root / "campaign.yaml"),
        "--today", "2026-06-01", "-o", str(page),
    )  # fmt: skip
    assert done.returncode == 1 and page.is_file(), done.stderr
    profile = root / "chromium-profile"

    def chromium(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "HOME": str(root)}
        command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)  # type: ignore[list-item]

    dom = chromium("--dump-dom").stdout
    assert 'id="count-repos">12<' in dom
    assert dom.count('<tr data-repo="') == 12 and dom.count('class="sparkline"') == 1
    assert 'class="burnup"' in dom and "Overdue items" in dom
    assert '<tr data-key="@acme/serving">' in dom
    shot = root / "portfolio.png"
    chromium("--window-size=1280,1800", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 30_000
