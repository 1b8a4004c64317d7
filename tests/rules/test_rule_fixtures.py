"""Rule tests are data: tests/fixtures/rules/<ID>/<case>/ trees with an expected.yaml.

expected.yaml::

    cases:
      fail:                       # a folder beside expected.yaml (missing folder: empty repo)
        status: fail
        findings: [bad.py:3, notebook.ipynb, "<repo>"]   # exactly these path[:line] subjects
        kind: model_service       # optional project-kind override
        options: {max_complexity: 5}            # optional rule options
        message: "text"           # optional: must appear in the rule's message
        git:                      # optional: commit the tree as a git repo, in this order
          - {author: "Ann <ann@x.org>", paths: ["src/*.py"]}
      pass:
        status: pass
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from prodready.audit import rule_context
from prodready.config import Settings
from prodready.engine import evaluate_rule, select
from prodready.engine.kind import detect_kind
from prodready.engine.registry import discover
from prodready.models import ProjectKind, RuleResult, Status
from prodready.scanners import ScanOptions, collect
from tests.conftest import FIXTURES, make_git_repo

RULE_FIXTURES = FIXTURES / "rules"
CATALOG = discover(plugins=False)


def _cases() -> list[tuple[str, str, dict[str, Any]]]:
    cases = []
    for expected in sorted(RULE_FIXTURES.glob("*/expected.yaml")):
        spec = yaml.safe_load(expected.read_text(encoding="utf-8"))
        for case, want in spec["cases"].items():
            cases.append((expected.parent.name, case, want))
    return cases


def run_case(rule_id: str, case: str, want: dict[str, Any], tmp_path: Path) -> RuleResult:
    source = RULE_FIXTURES / rule_id / case
    target = tmp_path / case
    if want.get("git"):
        commits = [(step["author"], step["paths"]) for step in want["git"]]
        make_git_repo(source if source.is_dir() else None, target, commits)
    elif source.is_dir():
        shutil.copytree(source, target)
    else:
        target.mkdir()
    settings = Settings(select=[rule_id], rules={rule_id: want.get("options", {})})
    (rule,) = select(CATALOG, settings)
    facts = collect(target, ScanOptions(use_cache=False))
    kind = ProjectKind(want["kind"]) if want.get("kind") else None
    ctx = rule_context(facts, detect_kind(facts, kind))
    return evaluate_rule(rule, ctx)


def subjects(result: RuleResult) -> list[str]:
    return sorted(
        f"{f.location.path}:{f.location.line}" if f.location.line else (f.location.path or "<repo>")
        for f in result.findings
    )


@pytest.mark.parametrize(
    ("rule_id", "case", "want"), _cases(), ids=[f"{r}-{c}" for r, c, _ in _cases()]
)
def test_rule_fixture(rule_id: str, case: str, want: dict[str, Any], tmp_path: Path) -> None:
    result = run_case(rule_id, case, want, tmp_path)
    assert result.status == Status(want["status"]), result.message
    if "findings" in want:
        assert subjects(result) == sorted(want["findings"])
    if "message" in want:
        assert want["message"] in result.message
    for finding in result.findings:
        assert finding.message and finding.remediation and finding.fingerprint


def test_every_rule_has_docs_and_a_passing_and_failing_case() -> None:
    covered: dict[str, set[str]] = {}
    for rule_id, _case, want in _cases():
        covered.setdefault(rule_id, set()).add(want["status"])
    missing = [
        rule_id for rule_id in CATALOG.rules if not {"pass", "fail"} <= covered.get(rule_id, set())
    ]
    assert not missing, f"rules without a passing and a failing fixture: {missing}"
    assert not CATALOG.errors, CATALOG.errors
