"""The headline means what it says: the gate, the baseline, changed files and the chosen profile."""

from __future__ import annotations

import json
from pathlib import Path

from prodready.models import AuditResult, GateStatus
from tests.conftest import make_git_repo
from tests.e2e.test_audit_cli import run_cli

UNSAFE = "import yaml\n\n\ndef load(path):\n    return yaml.load(open(path))\n"


def _repo(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return make_git_repo(None, root)


def _reports(repo: Path, out: Path, *extra: str) -> tuple[dict[str, str], list[str], int]:
    """JSON, HTML, Markdown and text reports of one audit, its stdout lines and its exit code."""
    names = {"json": "r.json", "html": "r.html", "markdown": "r.md", "text": "r.txt"}
    args = [arg for fmt, name in names.items() for arg in ("--format", fmt, "-o", str(out / name))]
    done = run_cli("audit", str(repo), *args, *extra)
    assert done.returncode in (0, 1), done.stderr
    texts = {fmt: (out / name).read_text(encoding="utf-8") for fmt, name in names.items()}
    return texts, done.stdout.splitlines(), done.returncode


def test_no_gate_set_says_so_everywhere(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"app.py": UNSAFE})
    texts, lines, code = _reports(repo, tmp_path)
    assert code == 0
    assert lines[-1] == "no gate set: use --fail-under/--fail-on or fail_under in [tool.prodready]"
    assert not any("Gate passed" in line for line in lines)
    gate = AuditResult.model_validate_json(texts["json"]).gate
    assert gate is not None and gate.status == GateStatus.NO_GATE and gate.passed is None
    assert json.loads(texts["json"])["gate"]["status"] == "no gate"
    assert 'CI gate: <strong id="gate">no gate</strong>' in texts["html"]
    assert "CI gate: **no gate**" in texts["markdown"]
    assert (
        texts["text"]
        .rstrip()
        .endswith("no gate set: use --fail-under/--fail-on or fail_under in [tool.prodready]")
    )
    assert "Gate passed" not in texts["text"] and "passed" not in texts["markdown"]


def test_a_set_gate_reports_passed_or_failed(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo", {"app.py": UNSAFE})
    texts, lines, code = _reports(repo, tmp_path, "--fail-on", "high", "--select", "SEC")
    assert code == 1 and lines[-2:] == [
        "Gate failed:",
        "  - 1 finding(s) at or above high severity (SEC-002)",
    ]
    assert "CI gate: **failed**" in texts["markdown"]
    (repo / "pyproject.toml").write_text("[tool.prodready]\nfail_under = 0\n", encoding="utf-8")
    texts, lines, code = _reports(repo, tmp_path)
    assert code == 0 and lines[-1] == "Gate passed"
    assert 'CI gate: <strong id="gate">passed</strong>' in texts["html"]
