"""End-to-end: the CLI on real git repositories built from the example projects."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from prodready.models import AuditResult, Band, Status


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "prodready", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def audit_json(
    repo: Path, tmp_path: Path, *extra: str
) -> tuple[AuditResult, subprocess.CompletedProcess[str]]:
    out = tmp_path / "result.json"
    done = run_cli("audit", str(repo), "--format", "json", "-o", str(out), *extra)
    return AuditResult.model_validate_json(out.read_text(encoding="utf-8")), done


def statuses(result: AuditResult) -> dict[str, Status]:
    return {r.rule_id: r.status for r in result.results}


def test_prepared_example_scores_far_above_the_proof_of_concept(
    example_repo, tmp_path: Path
) -> None:
    prepared, done_prepared = audit_json(example_repo("fraud-detection"), tmp_path)
    poc, done_poc = audit_json(example_repo("churn-notebook-poc"), tmp_path)
    assert done_prepared.returncode == 0, done_prepared.stderr
    assert done_poc.returncode == 0, done_poc.stderr
    assert prepared.score is not None and poc.score is not None
    assert prepared.score >= 80 > poc.score
    assert prepared.band in (Band.READY, Band.READY_WITH_CONDITIONS)
    assert poc.band == Band.NOT_READY
    assert prepared.repo.is_git and prepared.repo.commit and prepared.repo.branch == "main"
    assert prepared.facts.authors == 3
    assert prepared.project.kind.value == "model_service"


def test_poc_failures_point_at_the_deliberate_flaws(example_repo, tmp_path: Path) -> None:
    result, _ = audit_json(example_repo("churn-notebook-poc"), tmp_path)
    by_rule = {r.rule_id: r for r in result.results}
    assert by_rule["REPRO-002"].status == Status.FAIL
    yaml_findings = [(f.location.path, f.location.line) for f in by_rule["SEC-002"].findings]
    assert ("churn_utils.py", 16) in yaml_findings
    assert result.aspects["reproducibility.locked_dependencies"].status.value == "no"
    for finding in result.findings():
        assert finding.rule_id and finding.category and finding.severity and finding.message
        assert finding.remediation and finding.fingerprint
        assert finding.location.path is None or not Path(finding.location.path).is_absolute()


def test_every_aspect_of_the_vocabulary_is_reported(example_repo, tmp_path: Path) -> None:
    result, _ = audit_json(example_repo("fraud-detection"), tmp_path)
    from prodready.aspects import ASPECTS

    assert set(result.aspects) == set(ASPECTS)
    assert result.aspects["reproducibility.locked_dependencies"].status.value == "yes"
    assert "requirements.lock" in result.aspects["reproducibility.locked_dependencies"].evidence


def test_default_run_writes_json_and_html_under_reports(example_repo, tmp_path: Path) -> None:
    repo = example_repo("fraud-detection")
    done = run_cli("audit", str(repo), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reports" / "fraud-detection.json").is_file()
    html = (tmp_path / "reports" / "fraud-detection.html").read_text(encoding="utf-8")
    assert "Production readiness: fraud-detection" in html
    assert re.search(r"<dd>\d+ commit\(s\), the whole history, by 3 author\(s\)</dd>", html)
    assert "wrote reports/fraud-detection.html" in done.stdout
    assert "Readiness" in done.stdout


def test_output_is_deterministic_apart_from_the_timestamp(example_repo, tmp_path: Path) -> None:
    repo = example_repo("churn-notebook-poc")
    first, _ = audit_json(repo, tmp_path, "--no-cache")
    audit_json(repo, tmp_path)  # fills the cache
    second, _ = audit_json(repo, tmp_path)
    assert first.model_dump(exclude={"generated_at", "facts"}) == second.model_dump(
        exclude={"generated_at", "facts"}
    )
    assert second.facts.cache_hits > 0 and second.facts.parsed_files == 0


def test_gate_fail_under_and_fail_on(example_repo, tmp_path: Path) -> None:
    repo = example_repo("churn-notebook-poc")
    result, done = audit_json(repo, tmp_path, "--fail-under", "70")
    assert done.returncode == 1
    assert result.gate is not None and not result.gate.passed
    assert done.stdout.strip().splitlines()[-2:] == [
        "Gate failed:",
        f"  - score {result.score:g} is below --fail-under 70",
    ]
    _, done = audit_json(repo, tmp_path, "--fail-on", "high")
    assert done.returncode == 1
    _, done = audit_json(repo, tmp_path, "--fail-under", "0")
    assert done.returncode == 0


def test_json_to_stdout(example_repo) -> None:
    done = run_cli("audit", str(example_repo("fraud-detection")), "--format", "json", "-o", "-")
    assert done.returncode == 0
    assert AuditResult.model_validate_json(done.stdout).repo.name == "fraud-detection"


def test_rules_explain_schema_and_version() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0 and "REPRO-002" in listing.stdout
    explained = run_cli("explain", "REPRO-002")
    assert "Why it matters" in explained.stdout and "How to fix" in explained.stdout
    assert "critical 10" in run_cli("explain", "--scoring").stdout
    schema = json.loads(run_cli("schema").stdout)
    assert schema["properties"]["schema_version"]["default"] == "1.2"
    assert run_cli("--version").stdout.startswith("prodready, version")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["audit", "/no/such/path"], "/no/such/path: no such file or directory"),
        (["explain", "NOPE-001"], "unknown rule NOPE-001"),
        (["audit", ".", "--fail-on", "huge"], "Invalid value for '--fail-on'"),
        (["audit", ".", "--bogus"], "No such option '--bogus'"),
        (["audit", ".", "-o", "x.out"], "x.out: cannot tell the format from the file name"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(
    args: list[str], expected: str, tmp_path: Path
) -> None:
    done = run_cli(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert expected in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_a_file_instead_of_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    done = run_cli("audit", str(target))
    assert done.returncode == 2 and "not a directory" in done.stderr


def test_bad_settings_in_pyproject_exit_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.prodready]\nfail_undr = 3\n", encoding="utf-8")
    done = run_cli("audit", str(tmp_path), "--output-dir", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "pyproject.toml:2:1: fail_undr: unknown key (did you mean 'fail_under'?)" in done.stderr
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_a_usage_error_without_partial_files(
    example_repo, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    done = run_cli(
        "audit",
        str(example_repo("fraud-detection")),
        "--format",
        "json",
        "-o",
        str(blocker / "r.json"),
    )
    assert done.returncode == 2
    assert "cannot write" in done.stderr


def test_the_report_says_how_much_history_a_window_read(example_repo, tmp_path: Path) -> None:
    from prodready.report.html import render

    result, _ = audit_json(example_repo("fraud-detection"), tmp_path)
    cut = result.model_copy(
        update={"facts": result.facts.model_copy(update={"commits_in_history": 9000})}
    )
    scanned = result.facts.commits_scanned
    assert f"the most recent {scanned} of 9000 commit(s) (the git_window setting)" in render(cut)
    assert "the whole history" in render(result) and "the whole history" not in render(cut)
    shallow = result.model_copy(update={"repo": result.repo.model_copy(update={"shallow": True})})
    assert "of a shallow clone (older history is absent)" in render(shallow)
    assert "the whole history" not in render(shallow)
    older = result.model_copy(
        update={"facts": result.facts.model_copy(update={"commits_in_history": None})}
    )  # a report written before the history's length was counted claims nothing
    assert "the whole history" not in render(older) and f"<dd>{scanned} commit(s) by" in render(
        older
    )
