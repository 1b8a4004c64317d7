"""Generated docs stay in step with the code."""

from __future__ import annotations

import yaml

from prodready.engine.registry import discover
from prodready.report.catalog import render_catalog
from tests.conftest import REPO_ROOT


def test_docs_rules_md_is_generated_from_the_catalog() -> None:
    metas = [rule.meta for rule in discover(plugins=False).sorted()]
    assert (REPO_ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_catalog(metas), (
        "run: prodready rules --format markdown > docs/rules.md"
    )


def test_pre_commit_hooks_run_real_cli_flags() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    from click.testing import CliRunner

    from prodready.cli import cli

    for hook in hooks:
        args = hook["entry"].split()[1:]
        assert args[0] == "audit"
        # --help after the flags proves click accepts every option the hook passes
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, result.output


def test_readme_defines_every_aspect_in_one_line() -> None:
    from prodready.aspects import ASPECTS

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rows = {line.split("`")[1] for line in readme.splitlines() if line.startswith("| `")}
    assert set(ASPECTS) <= rows
