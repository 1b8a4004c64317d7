"""The CI gate: SARIF, JUnit and GitHub formats, baseline, suppressions, changed-files mode."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema

from prodready.models import AuditResult, Status
from tests.conftest import FIXTURES, git, make_git_repo
from tests.e2e.test_audit_cli import run_cli

SARIF_SCHEMA = json.loads(
    (FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def test_sarif_validates_against_the_official_schema(example_repo, tmp_path: Path) -> None:
    repo = example_repo("churn-notebook-poc")
    out = tmp_path / "r.sarif"
    assert run_cli("audit", str(repo), "--format", "sarif", "-o", str(out)).returncode == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    run = document["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["SEC-002"]["defaultConfiguration"]["level"] == "error"
    assert rules["SEC-002"]["helpUri"].endswith("#sec-002")
    yaml_load = next(r for r in run["results"] if r["ruleId"] == "SEC-002")
    location = yaml_load["locations"][0]["physicalLocation"]
    assert (
        location["artifactLocation"]["uri"] == "churn_utils.py"
        and location["region"]["startLine"] == 16
    )
    assert yaml_load["partialFingerprints"]["prodready/v1"]
    assert run["tool"]["driver"]["rules"][yaml_load["ruleIndex"]]["id"] == "SEC-002"


def test_junit_one_case_per_rule_and_several_outputs_in_one_run(
    example_repo, tmp_path: Path
) -> None:
    repo = example_repo("churn-notebook-poc")
    junit, result_json = tmp_path / "r.xml", tmp_path / "r.json"
    done = run_cli(
        "audit",
        str(repo),
        "--format",
        "junit",
        "-o",
        str(junit),
        "--format",
        "json",
        "-o",
        str(result_json),
    )
    assert done.returncode == 0
    result = AuditResult.model_validate_json(result_json.read_text(encoding="utf-8"))
    suite = ElementTree.parse(junit).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len(result.results) == int(suite.get("tests", "0"))
    failed = sum(1 for r in result.results if r.status == Status.FAIL)
    skipped = sum(
        1
        for r in result.results
        if r.status in (Status.UNKNOWN, Status.NOT_APPLICABLE, Status.SUPPRESSED)
    )
    assert len(suite.findall("testcase/failure")) == failed == int(suite.get("failures", "0"))
    assert len(suite.findall("testcase/skipped")) == skipped == int(suite.get("skipped", "0"))


def test_github_annotations(example_repo) -> None:
    done = run_cli(
        "audit", str(example_repo("churn-notebook-poc")), "--format", "github", "-o", "-"
    )
    lines = done.stdout.splitlines()
    assert (
        "::error file=churn_utils.py,line=16,title=SEC-002 YAML is loaded with a safe loader::"
        in "\n".join(line[: line.index("::", 2) + 2] for line in lines)
    )
    assert lines[-1].startswith("::notice title=prodready::readiness")


SOURCE = "import yaml\n\n\ndef load(path):\n    return yaml.load(open(path))\n"


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return make_git_repo(None, tmp_path)


def _audit(repo: Path, tmp_path: Path, *extra: str) -> tuple[AuditResult, int, str]:
    out = tmp_path / "out.json"
    done = run_cli(
        "audit", str(repo), "--select", "SEC,SUP", "--format", "json", "-o", str(out), *extra
    )
    return (
        AuditResult.model_validate_json(out.read_text(encoding="utf-8")),
        done.returncode,
        done.stdout,
    )


def test_baseline_round_trip_only_new_findings_fail(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"app.py": SOURCE})
    assert run_cli("baseline", "create", str(repo)).returncode == 0
    baseline = json.loads((repo / ".prodready-baseline.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in baseline["entries"] if e["rule_id"] == "SEC-002"] == ["app.py"]
    assert baseline["entries"] == sorted(
        baseline["entries"],
        key=lambda e: (e["rule_id"], e["path"] or "", e["fingerprint"], e["message"]),
    )
    assert run_cli("baseline", "create", str(repo)).returncode == 2  # never overwrites silently
    result, code, _ = _audit(
        repo, tmp_path, "--baseline", ".prodready-baseline.json", "--fail-on", "low"
    )
    assert code == 0 and result.baseline is not None and result.baseline.baselined == 1
    # the old finding moves ten lines down, a new one appears
    (repo / "app.py").write_text("\n" * 10 + SOURCE, encoding="utf-8")
    (repo / "new.py").write_text("import yaml\nyaml.load(open('x'))\n", encoding="utf-8")
    result, code, stdout = _audit(
        repo, tmp_path, "--baseline", ".prodready-baseline.json", "--fail-on", "low"
    )
    assert code == 1
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    open_paths = [f.location.path for f in sec.findings if f.suppression is None]
    assert open_paths == ["new.py"]
    assert [f.suppression.kind for f in sec.findings if f.suppression] == ["baseline"]
    assert "1 new finding(s) at or above low severity (SEC-002)" in stdout
    # fix the old one: the baseline lists it as fixed, and --prune drops it
    (repo / "app.py").write_text("x = 1\n", encoding="utf-8")
    result, _, _ = _audit(repo, tmp_path, "--baseline", ".prodready-baseline.json")
    assert result.baseline is not None and [e.path for e in result.baseline.fixed] == ["app.py"]
    assert run_cli("baseline", "update", str(repo), "--prune").returncode == 0
    pruned = json.loads((repo / ".prodready-baseline.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in pruned["entries"] if e["rule_id"] == "SEC-002"] == ["new.py"]


def test_suppressions_with_reason_without_reason_expired_and_unused(tmp_path: Path) -> None:
    repo = _repo(
        tmp_path / "repo",
        {
            "a.py": "import yaml\nyaml.load(open('a'))  # prodready: ignore[SEC-002] reason=\"trusted file\"\n",
            "b.py": "import yaml\nyaml.load(open('b'))  # prodready: ignore[SEC-002]\n",
            "c.py": "import yaml\n# prodready: ignore[SEC-002] reason=\"old\" until=2001-01-01\nyaml.load(open('c'))\n",
            "d.py": 'x = 1  # prodready: ignore[SEC-003] reason="nothing here"\n',
        },
    )
    result, code, stdout = _audit(repo, tmp_path, "--fail-on", "high")
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    by_path = {f.location.path: f.suppression for f in sec.findings}
    assert by_path["a.py"] is not None and by_path["a.py"].reason == "trusted file"
    assert by_path["b.py"] is None and by_path["c.py"] is None
    assert code == 1
    notes = {
        (n.source, n.problem.split(":")[0].split(" on ")[0]) for n in result.suppressions.notes
    }
    assert notes == {("b.py:2", "missing reason"), ("c.py:2", "expired"), ("d.py:1", "unused")}
    sup = next(r for r in result.results if r.rule_id == "SUP-001")
    assert sorted(f.location.path for f in sup.findings) == ["b.py", "c.py"]
    assert "suppression d.py:1 [SEC-003]: unused" in stdout


def test_everything_suppressed_keeps_the_original_status(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"a.py": "import yaml\nyaml.load(open('a'))\n"})
    (repo / "pyproject.toml").write_text(
        '[tool.prodready]\nsuppress = [{rule = "SEC-002", paths = ["a.py"], reason = "fixture loader"}]\n',
        encoding="utf-8",
    )
    result, code, _ = _audit(repo, tmp_path, "--fail-on", "low")
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    assert code == 0
    assert (sec.status, sec.original_status) == (Status.SUPPRESSED, Status.FAIL)
    assert sec.findings[0].suppression.kind == "config"


def test_changed_files_mode(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"old.py": SOURCE})
    first = git(repo, "rev-parse", "HEAD").strip()
    (repo / "new.py").write_text(SOURCE, encoding="utf-8")
    git(repo, "add", "new.py")
    git(repo, "commit", "-qm", "second")
    result, _, _ = _audit(repo, tmp_path, "--changed-since", first)
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    assert [f.location.path for f in sec.findings] == ["new.py"]
    assert result.changed_since == first
    result, _, _ = _audit(repo, tmp_path, "--changed-since", "HEAD")
    sec = next(r for r in result.results if r.rule_id == "SEC-002")
    assert sec.status == Status.FAIL and not sec.findings  # still failing, just not listed
    assert "not changed since HEAD" in sec.message
    assert result.changed is not None and result.changed.hidden == 2
    done = run_cli(
        "audit", str(repo), "--changed-since", "no-such-branch", "-o", "-", "--format", "json"
    )
    assert done.returncode == 2 and "git ref 'no-such-branch' does not exist" in done.stderr
