"""The CLI as a package: commands registered once, choices from the enums, the gate after the memo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from prodready.cli import COMMAND_MODULES, cli


def _invoke(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(cli, list(args))
    return done.exit_code, done.output


def test_every_command_module_registers_its_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        for command in importlib.import_module(f"prodready.cli.{name}").COMMANDS:
            assert cli.commands[command.name] is command


def test_choices_come_from_the_enums_and_the_reporter_registry() -> None:
    from prodready.models import ProjectKind, Severity
    from prodready.report import REPORTERS

    options = {param.name: param for param in cli.commands["audit"].params}
    assert set(options["formats"].type.choices) == set(REPORTERS)
    assert set(options["fail_on"].type.choices) == {severity.value for severity in Severity}
    kinds = {kind.value for kind in ProjectKind} - {"unknown"}
    assert set(options["kind"].type.choices) == kinds
    code, output = _invoke("audit", ".", "--fail-on", "severe")
    assert code == 2 and "'severe' is not one of 'critical', 'high'" in output


def test_start_up_loads_neither_pydantic_nor_rich() -> None:
    code = "import sys, prodready.cli; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "'pydantic'" not in done.stdout and "'rich'" not in done.stdout


def test_a_new_fail_under_reuses_the_whole_audit(
    example_repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = example_repo("churn-notebook-poc")
    out = str(tmp_path / "r.json")
    first, _ = _invoke("audit", str(repo), "-q", "--fail-under", "1", "--format", "json", "-o", out)
    assert first == 0

    def no_second_scan(*_: object, **__: object) -> None:
        raise AssertionError("the audit ran again although only the gate changed")

    monkeypatch.setattr("prodready.audit.collect", no_second_scan)
    again, output = _invoke(
        "audit", str(repo), "-q", "--fail-under", "99", "--fail-on", "high", "-o", "-",
        "--format", "json",
    )  # fmt: skip
    assert again == 1, output
    assert "is below --fail-under 99" in output
    args = ["audit", str(repo), "-q", "--select", "SEC", "--format", "json", "-o", out]
    changed = CliRunner().invoke(cli, args)  # a setting that shapes the result keys the memo
    assert isinstance(changed.exception, AssertionError)
