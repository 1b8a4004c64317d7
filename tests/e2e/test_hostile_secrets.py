"""A secret SEC-004 would recognise is masked in every report, the cache and every message."""

from __future__ import annotations

import json
from pathlib import Path

from prodready.audit import run_audit
from prodready.config import Settings
from tests.e2e.hostile import run_cli, sample_of, small_repo

TOKEN = "ghp_" + "A1b2C3d4E5" * 4  # the shape of a GitHub token, not a real one
FORMATS = ["json", "html", "markdown", "text", "sarif", "junit", "github"]


def _secret_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "train.py").write_text("import os\n", encoding="utf-8")
    (root / "metrics").mkdir()
    (root / "metrics" / "scores.json").write_text(json.dumps({"auc": TOKEN}), encoding="utf-8")
    (root / "prodready.yaml").write_text(
        f"model:\n  name: x\n  purpose: 'call with {TOKEN}'\n"
        "evaluation:\n  metrics:\n    - name: auc\n      value: 0.9\n"
        "      evidence: metrics/scores.json#/auc\n",
        encoding="utf-8",
    )
    return root


def test_a_secret_in_checklist_values_and_evidence_is_masked_everywhere(tmp_path: Path) -> None:
    repo = _secret_repo(tmp_path / "repo")
    out = tmp_path / "out"
    args = [a for f in FORMATS for a in ("--format", f, "-o", str(out / f"r.{f}"))]
    code, stdout, stderr = run_cli("audit", str(repo), "--kind", "model_service", *args)
    assert code in (0, 1), stderr
    assert TOKEN not in stdout + stderr
    for name in FORMATS:
        assert TOKEN not in (out / f"r.{name}").read_text(encoding="utf-8"), name
    assert "<redacted github_token>" in (out / "r.json").read_text(encoding="utf-8")
    for stored in (repo / ".prodready").rglob("*"):  # the cache and memo
        if stored.is_file():
            assert TOKEN.encode() not in stored.read_bytes(), stored
    code, stdout, stderr = run_cli("report", str(out / "r.json"), "--format", "text", "-o", "-")
    assert code == 0 and TOKEN not in stdout


def test_a_secret_in_a_saved_report_is_masked_when_rendered_again(tmp_path: Path) -> None:
    from prodready.models import AuditResult
    from prodready.report import render

    result = run_audit(small_repo(tmp_path / "repo"), Settings(cache=False))
    data = json.loads(result.model_dump_json())
    data["band_reason"] = f"see {TOKEN}"
    crafted = AuditResult.model_validate(data)
    for name in FORMATS:
        assert TOKEN not in render(crafted, name), name


def test_a_secret_in_an_error_message_is_masked(tmp_path: Path) -> None:
    repo = small_repo(tmp_path / "repo")
    (repo / "prodready.yaml").write_text(f"settings:\n  fail_under: '{TOKEN}'\n", encoding="utf-8")
    code, stdout, stderr = run_cli("audit", str(repo), "--no-cache", "-q")
    assert code == 2 and "fail_under" in stderr
    assert TOKEN not in stdout + stderr


def test_a_secret_in_sample_data_examples_is_masked_before_it_is_shortened(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text(f"order_id\n{TOKEN}\n", encoding="utf-8")
    sample = sample_of(tmp_path, "data.csv")
    failing = [test for test in sample.tests if test.examples]
    assert failing, sample.tests
    dumped = sample.model_dump_json()
    assert TOKEN[:20] not in dumped and "redacted github_token" in dumped
