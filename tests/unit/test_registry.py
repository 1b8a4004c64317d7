"""Rule discovery: built-ins, YAML rules, and third-party packs by entry point; broken ones are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from prodready.engine import registry
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity


class PluginRule(Rule):
    meta = RuleMeta(
        id="ACME-001",
        title="A plugin rule",
        category=Category.HYGIENE,
        severity=Severity.LOW,
        rationale="Teams add their own checks.",
        passes_when="Always.",
        remediation="Nothing to do.",
    )

    def evaluate(self, ctx):  # type: ignore[no-untyped-def]
        return Verdict.passed("ok")


class _EntryPoint:
    def __init__(self, name: str, loader) -> None:  # type: ignore[no-untyped-def]
        self.name, self.value, self._loader = name, f"acme:{name}", loader

    def load(self):  # type: ignore[no-untyped-def]
        return self._loader()


def _broken():  # type: ignore[no-untyped-def]
    raise ImportError("No module named 'acme_missing'")


def test_plugins_load_and_broken_ones_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    points = [
        _EntryPoint("good", lambda: PluginRule),
        _EntryPoint("broken", _broken),
        _EntryPoint("odd", lambda: [object()]),
    ]
    monkeypatch.setattr(
        registry,
        "entry_points",
        lambda group: points if group == registry.ENTRY_POINT_GROUP else [],
    )
    catalog = registry.discover()
    assert "ACME-001" in catalog.rules and "REPRO-002" in catalog.rules
    messages = {error.source.split()[1]: error.message for error in catalog.errors}
    assert "No module named 'acme_missing'" in messages["broken"]
    assert "is not a prodready Rule" in messages["odd"]


def test_a_bad_yaml_rule_file_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "BAD-001.yaml").write_text("id: BAD-001\n", encoding="utf-8")
    catalog = registry.discover(rules_dirs=[tmp_path], plugins=False)
    assert catalog.errors and catalog.errors[0].source == "BAD-001.yaml"
    assert "SEC-002" in catalog.rules  # built-ins still load


def test_a_crashing_rule_becomes_an_error_result(tmp_path: Path) -> None:
    from prodready.audit import rule_context
    from prodready.engine import evaluate_rule
    from prodready.engine.kind import detect_kind
    from prodready.models import Status
    from prodready.scanners import ScanOptions, collect

    class Crashes(PluginRule):
        def evaluate(self, ctx):  # type: ignore[no-untyped-def]
            raise KeyError("boom")

    facts = collect(tmp_path, ScanOptions(use_cache=False))
    result = evaluate_rule(Crashes(), rule_context(facts, detect_kind(facts)))
    assert result.status == Status.ERROR and "KeyError" in result.message
