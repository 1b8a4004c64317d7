"""A rule's metadata is declared once and every output reads that one object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from prodready.audit import run_audit
from prodready.cli import cli
from prodready.config import Settings
from prodready.engine.declarative import DeclarativeSpec, load_declarative
from prodready.engine.registry import discover
from prodready.engine.rule import RuleMeta
from prodready.models import Category, ProjectKind, RuleDoc, Severity
from prodready.models.references import ML_TEST_SCORE, SCULLEY_2015
from prodready.report.sarif import render as render_sarif

ROOT = Path(__file__).resolve().parents[2]

META = {
    "id": "DOC-001",
    "title": "A title",
    "category": Category.DOCUMENTATION,
    "severity": Severity.LOW,
    "rationale": "Why.",
    "passes_when": "When.",
    "remediation": "How.",
}


def test_rule_meta_is_the_documentation_model() -> None:
    assert RuleMeta is RuleDoc
    assert issubclass(DeclarativeSpec, RuleDoc)
    meta = RuleMeta(**META, applies_to=frozenset({ProjectKind.TRAINING, ProjectKind.LIBRARY}))
    assert meta.applies_to == (ProjectKind.LIBRARY, ProjectKind.TRAINING)  # sorted: stable JSON
    assert meta.help_uri is not None and meta.help_uri.endswith("#doc-001")
    with pytest.raises(ValidationError, match="must look like CAT-NNN"):
        RuleMeta(**{**META, "id": "doc-1"})
    with pytest.raises(ValidationError, match="must not be empty"):
        RuleMeta(**{**META, "remediation": "  "})


def test_short_reference_names_resolve_to_the_one_url(tmp_path: Path) -> None:
    text = (
        "id: DOC-009\ntitle: t\ncategory: documentation\nseverity: low\nrationale: r\n"
        "passes_when: p\nremediation: f\nreferences: [ml-test-score, sculley-2015, "
        "https://example.org/x]\ncheck: {file_exists: [README.md]}\npass_message: ok\n"
        "fail_message: missing\n"
    )
    (tmp_path / "DOC-009.yaml").write_text(text, encoding="utf-8")
    meta = load_declarative(tmp_path / "DOC-009.yaml").meta
    assert type(meta) is RuleDoc
    assert meta.references == (ML_TEST_SCORE, SCULLEY_2015, "https://example.org/x")


def test_no_rule_copies_a_reference_url() -> None:
    copies = []
    for path in [
        *ROOT.joinpath("src/prodready/rules").rglob("*.py"),
        *ROOT.glob("rules/**/*.yaml"),
    ]:
        text = path.read_text(encoding="utf-8")
        copies += [path.name for url in (ML_TEST_SCORE, SCULLEY_2015) if url in text]
    assert not copies


def test_catalog_json_report_and_sarif_read_the_same_metadata(tmp_path: Path) -> None:
    catalog = discover(plugins=False)
    listed = json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).output)
    assert listed == [rule.meta.model_dump(mode="json") for rule in catalog.sorted()]
    (tmp_path / "README.md").write_text("# demo\n", encoding="utf-8")
    (tmp_path / "train.py").write_text("model.fit(x, y)\n", encoding="utf-8")
    result = run_audit(tmp_path, Settings(cache=False, select=["REPRO", "DOC"]), catalog)
    assert result.rule_docs and all(doc == catalog.rules[doc.id].meta for doc in result.rule_docs)
    sarif = json.loads(render_sarif(result))
    for entry in sarif["runs"][0]["tool"]["driver"]["rules"]:
        meta = catalog.rules[entry["id"]].meta
        assert entry["helpUri"] == meta.help_uri
        assert meta.remediation in entry["help"]["text"]
