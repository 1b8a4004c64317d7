"""End-to-end: `prodready contracts` and the contracts section of `prodready audit`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from prodready.models import AuditResult, Status
from tests.conftest import EXAMPLES
from tests.e2e.test_audit_cli import run_cli


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(".prodready"))
    return target


def test_contracts_text_on_the_prepared_example(tmp_path: Path) -> None:
    done = run_cli("contracts", str(_copy("fraud-detection", tmp_path)), "--no-cache")
    assert done.returncode == 0, done.stderr
    assert "contracts/transactions.odcs.yaml  [ODCS v3.0.2, valid]" in done.stdout
    assert "sample data/samples/transactions.csv (table transactions, csv, 30 rows)" in done.stdout
    assert "0 failed" in done.stdout and "indicative" in done.stdout


def test_contracts_json_reports_failures_and_exits_1(tmp_path: Path) -> None:
    root = _copy("fraud-detection", tmp_path)
    sample = root / "data" / "samples" / "transactions.csv"
    lines = sample.read_text().splitlines()
    lines[2] = lines[2].replace(",USD,", ",usd,").replace(",EUR,", ",eur,")
    sample.write_text("\n".join(lines) + "\n")
    (root / "contracts" / "transactions.odcs.yaml").write_text(
        (root / "contracts" / "transactions.odcs.yaml")
        .read_text()
        .replace("support:\n", "support_channels:\n")
    )
    done = run_cli("contracts", str(root), "--format", "json", "--no-cache")
    assert done.returncode == 1, done.stderr
    (report,) = json.loads(done.stdout)["contracts"]
    assert report["valid"] is False
    fields = {problem["field"] for problem in report["problems"]}
    assert "support_channels" in fields  # schema: unknown field
    assert any(problem["rule_id"] == "DATA-011" for problem in report["problems"])
    failing = [
        t for t in report["samples"][0]["tests"] if t["status"] == "fail" and not t["indicative"]
    ]
    assert [(t["check"], t["target"], t["examples"]) for t in failing] == [
        ("pattern", "transactions.currency", ["row 2: currency='usd'"])
    ] or [(t["check"], t["target"], t["examples"]) for t in failing] == [
        ("pattern", "transactions.currency", ["row 2: currency='eur'"])
    ]


def test_contracts_on_a_repo_without_contracts(tmp_path: Path) -> None:
    done = run_cli("contracts", str(_copy("churn-notebook-poc", tmp_path)), "--no-cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("no data contract found")


def test_audit_json_carries_the_contracts_section_and_aspects(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    root = _copy("fraud-detection", tmp_path)
    done = run_cli("audit", str(root), "--format", "json", "-o", str(out), "--no-cache", "-q")
    assert done.returncode in (0, 1), done.stderr
    result = AuditResult.model_validate_json(out.read_text(encoding="utf-8"))
    (report,) = result.contracts
    assert report.path == "contracts/transactions.odcs.yaml" and report.valid is True
    assert report.dataset == "card_transactions" and report.problems == []
    assert report.samples[0].rows == 30
    statuses = {r.rule_id: r.status for r in result.results if r.rule_id.startswith("DATA-")}
    assert statuses["DATA-001"] == Status.PASS and statuses["DATA-020"] == Status.PASS
    assert result.aspects["data.contracts_present"].status.value == "yes"
    assert result.aspects["data.samples_valid"].status.value == "yes"


def test_audit_of_the_poc_flags_missing_contracts(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    done = run_cli(
        "audit",
        str(_copy("churn-notebook-poc", tmp_path)),
        "--format",
        "json",
        "-o",
        str(out),
        "-q",
    )
    assert done.returncode in (0, 1), done.stderr
    result = AuditResult.model_validate_json(out.read_text(encoding="utf-8"))
    by_rule = {r.rule_id: r for r in result.results}
    assert by_rule["DATA-001"].status == Status.FAIL
    assert ("train.py", 12) in {
        (f.location.path, f.location.line) for f in by_rule["DATA-030"].findings
    }
    assert result.aspects["data.contracts_present"].status.value == "no"
    assert result.contracts == []
