"""prodready's own outputs are records of an audit, never evidence: a second run scores the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from prodready.models import AuditResult


def _audit(repo: Path, *args: str) -> AuditResult:
    done = subprocess.run(
        [sys.executable, "-m", "prodready", "audit", ".", "-q", *args],
        cwd=repo, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = next(Path(line.split(" ", 1)[1]) for line in done.stdout.splitlines()
                  if line.startswith("wrote ") and line.endswith(".json"))  # fmt: skip
    return AuditResult.model_validate_json((repo / report).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "args",
    [
        (),  # reports/<repo>.json and .html inside the repository
        ("--format", "sarif", "--format", "json", "-o", "audit/r.sarif", "--output-dir", "out"),
    ],
)
def test_a_second_run_does_not_audit_the_first_runs_reports(
    example_repo, args: tuple[str, ...]
) -> None:
    repo = example_repo("churn-notebook-poc")
    first = _audit(repo, "--no-cache", *args)
    second = _audit(repo, "--no-cache", *args)
    written = [
        p for p in repo.rglob("*") if p.is_file() and p.parts[-2] in ("reports", "audit", "out")
    ]
    assert len(written) >= 2  # the first run's reports sit in the repository
    assert second.facts.files == first.facts.files
    assert second.score == first.score
    assert [r.model_dump() for r in second.results] == [r.model_dump() for r in first.results]


def test_the_baseline_and_cache_are_not_audited(example_repo) -> None:
    repo = example_repo("churn-notebook-poc")
    subprocess.run([sys.executable, "-m", "prodready", "baseline", "create", "."], cwd=repo,
                   check=True, capture_output=True)  # fmt: skip
    first = _audit(repo, "--baseline", ".prodready-baseline.json")
    second = _audit(repo, "--baseline", ".prodready-baseline.json")
    assert (repo / ".prodready").is_dir() and (repo / ".prodready-baseline.json").is_file()
    assert second.facts.files == first.facts.files and second.score == first.score
