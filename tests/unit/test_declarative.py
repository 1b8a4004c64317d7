"""Declarative rules: validation of the YAML and three-valued evaluation of the check tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.audit import rule_context
from prodready.engine.context import RuleContext
from prodready.engine.declarative import evaluate_tree, load_declarative
from prodready.engine.kind import detect_kind
from prodready.models import Status
from prodready.scanners import ScanOptions, collect

RULE = """
id: DOC-900
title: A readme exists
category: documentation
severity: low
rationale: People need to know what this is.
passes_when: A README is at the root.
remediation: Write one.
check:
  any:
    - file_exists: [README.md, README.rst]
    - config_key: {file: pyproject.toml, key: project.readme}
pass_message: found
fail_message: missing
"""


def context(root: Path) -> RuleContext:
    facts = collect(root, ScanOptions(use_cache=False))
    return rule_context(facts, detect_kind(facts))


def test_yaml_rule_passes_fails_and_says_unknown(tmp_path: Path) -> None:
    rule_file = tmp_path / "DOC-900.yaml"
    rule_file.write_text(RULE, encoding="utf-8")
    rule = load_declarative(rule_file)()
    repo = tmp_path / "repo"
    repo.mkdir()
    assert rule.evaluate(context(repo)).status == Status.FAIL
    (repo / "pyproject.toml").write_text("[project\n", encoding="utf-8")  # unparsable: cannot tell
    assert rule.evaluate(context(repo)).status == Status.UNKNOWN
    (repo / "readme.MD").write_text("# hi\n", encoding="utf-8")
    assert rule.evaluate(context(repo)).status == Status.PASS


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("check:\n  file_exist: [README.md]\n", "unknown operator 'file_exist'"),
        ("severity: huge\n", "severity"),
        ("id: doc-1\n", "must look like CAT-NNN"),
        ("colour: red\n", "Extra inputs are not permitted"),
    ],
)
def test_invalid_rule_files_are_rejected_with_the_file_name(
    tmp_path: Path, change: str, message: str
) -> None:
    import yaml

    data = yaml.safe_load(RULE)
    data.update(yaml.safe_load(change))
    rule_file = tmp_path / "BAD-001.yaml"
    rule_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"BAD-001\.yaml") as error:
        load_declarative(rule_file)
    assert message in str(error.value) or message in str(error.value.__cause__)


def test_kleene_logic(tmp_path: Path) -> None:
    (tmp_path / "prodready.yaml").write_text("model: [not, a, mapping]\n", encoding="utf-8")
    ctx = context(tmp_path)
    unknown = {"checklist_field": "reproducibility.seed"}  # an invalid checklist cannot tell
    false = {"file_exists": ["nope"]}
    assert evaluate_tree(ctx, {"any": [unknown, false]})[0] is None
    assert evaluate_tree(ctx, {"all": [unknown, false]})[0] is False
    assert evaluate_tree(ctx, {"not": false})[0] is True
    assert evaluate_tree(ctx, {"not": unknown})[0] is None


@pytest.mark.parametrize(
    ("checklist", "expected"),
    [
        ("reproducibility:\n  seed: 42\n", True),
        ("reproducibility:\n  lock_file: uv.lock\n", False),
        ("reproducibility:\n  seed: TODO set the training seed\n", False),
        (None, False),
        ("reproducibility: [1, 2]\n", None),
    ],
)
def test_checklist_field_reads_the_checklist(
    tmp_path: Path, checklist: str | None, expected: bool | None
) -> None:
    if checklist is not None:
        (tmp_path / "prodready.yaml").write_text(checklist, encoding="utf-8")
    outcome, evidence = evaluate_tree(
        context(tmp_path), {"checklist_field": "reproducibility.seed"}
    )
    assert outcome is expected
    if expected:
        assert evidence == ["prodready.yaml: reproducibility.seed = 42"]
