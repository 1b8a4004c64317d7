"""The whole-audit memo key moves with everything that decides a verdict."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from prodready import memo


def test_a_declarative_rule_outside_the_package_keys_the_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = rules / "custom.yaml"
    rule.write_text("id: X-001\n", encoding="utf-8")
    monkeypatch.setattr(memo, "_data_folder", lambda name: rules if name == "rules" else None)
    before = memo.code_version()
    rule.write_text("id: X-001\nseverity: high\n", encoding="utf-8")  # same id, new content
    assert memo.code_version() != before


def test_a_plugin_release_keys_the_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    def plugins(version: str):  # type: ignore[no-untyped-def]
        dist = SimpleNamespace(metadata={"Name": "acme-rules"}, version=version)
        entry = SimpleNamespace(name="acme", value="acme_rules:RULES", dist=dist)
        return lambda group: [entry] if group == "prodready.rules" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", plugins("1.0"))
    first = memo.code_version()
    monkeypatch.setattr(importlib.metadata, "entry_points", plugins("1.1"))
    assert memo.code_version() != first
    assert memo._plugins() == ["acme=acme_rules:RULES acme-rules==1.1"]
