"""`prodready init` on both examples: prefilled from evidence, valid, never overwriting."""

from __future__ import annotations

from pathlib import Path

import yaml

from prodready.checklist.crosscheck import cross_check
from prodready.models import ClaimStatus
from prodready.scanners import ScanOptions, collect
from tests.e2e.test_audit_cli import run_cli


def test_init_on_the_prepared_example_prefills_verified_claims(example_repo) -> None:
    repo = example_repo("fraud-detection")
    (repo / "prodready.yaml").unlink()
    done = run_cli("init", str(repo))
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load((repo / "prodready.yaml").read_text(encoding="utf-8"))
    assert written["model"]["owners"]["technical"] == ["@acme/fraud-ml", "@alice"]
    assert written["reproducibility"]["lock_file"] == "requirements.lock"
    assert written["reproducibility"]["seed"] == 42
    assert written["baseline"]["evidence"] == "metrics/baseline.json#/auc"
    report = cross_check(collect(repo, ScanOptions(use_cache=False)))
    status = {claim.field: claim.status for claim in report.claims}
    assert report.error is None
    assert status["baseline.value"] == ClaimStatus.VERIFIED
    assert status["evaluation.metrics[0].auc"] == ClaimStatus.VERIFIED
    assert status["reproducibility.lock_file"] == ClaimStatus.VERIFIED
    assert status["objective.acceptance_threshold"] == ClaimStatus.MISSING  # TODO is not a claim
    assert status["rollout.rollback"] == ClaimStatus.MISSING


def test_init_on_the_poc_leaves_todos_and_never_overwrites(example_repo) -> None:
    repo = example_repo("churn-notebook-poc")
    assert run_cli("init", str(repo)).returncode == 2  # the team's own checklist is kept
    (repo / "prodready.yaml").unlink()
    assert run_cli("init", str(repo)).returncode == 0
    text = (repo / "prodready.yaml").read_text(encoding="utf-8")
    assert text.count("TODO") >= 15
    assert "technical: []" in text
    again = run_cli("init", str(repo))
    assert again.returncode == 2 and "already exists (use --force to overwrite)" in again.stderr
    (repo / "prodready.yaml").write_text("# mine\n", encoding="utf-8")
    assert run_cli("init", str(repo)).returncode == 2
    assert (repo / "prodready.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert run_cli("init", str(repo), "--force").returncode == 0
    assert "TODO" in (repo / "prodready.yaml").read_text(encoding="utf-8")


def test_audit_uses_an_explicit_checklist(example_repo, tmp_path: Path) -> None:
    repo = example_repo("churn-notebook-poc")
    checklist = tmp_path / "elsewhere.yaml"
    checklist.write_text("model:\n  owners:\n    technical: ['@maria']\n", encoding="utf-8")
    out = tmp_path / "r.json"
    done = run_cli(
        "audit", str(repo), "--checklist", str(checklist), "--format", "json", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    from prodready.models import AuditResult

    result = AuditResult.model_validate_json(out.read_text(encoding="utf-8"))
    assert result.checklist is not None and result.checklist.path == "elsewhere.yaml"
    owners = next(c for c in result.checklist.claims if c.field == "model.owners.technical")
    assert owners.status == ClaimStatus.CLAIMED  # no CODEOWNERS to confirm it
    assert run_cli("audit", str(repo), "--checklist", str(tmp_path / "nope.yaml")).returncode == 2
