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


def test_a_remembered_audit_imports_no_rule(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "train.py").write_text("import numpy as np\nnp.random.seed(0)\n", encoding="utf-8")
    probe = (
        "import json, sys; from pathlib import Path\n"
        "from prodready.audit import run_audit\nfrom prodready.config import Settings\n"
        f"result = run_audit(Path({str(repo)!r}), Settings(jobs=1), cache_dir=Path({str(tmp_path / 'c')!r}))\n"
        "import re; rule = re.compile(r'^prodready\\.rules\\..*_\\d{3}$')\n"
        "rules = sorted(m for m in sys.modules if rule.match(m))\n"
        "print(json.dumps([result.score, result.facts.parsed_files, len(rules)]))\n"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}

    def run() -> list[float]:
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.splitlines()[-1])

    cold, warm = run(), run()
    assert cold[1] == 1 and cold[2] > 50  # the first audit parsed and ran every rule module
    assert warm[0] == cold[0] and warm[1] == 0 and warm[2] == 0  # the second was remembered
