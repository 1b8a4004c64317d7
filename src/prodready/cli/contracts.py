"""`prodready contracts`: the data contracts, their lint and their sample-data tests."""

from __future__ import annotations

import sys
from typing import Any

import click

from prodready.cli.options import audit_root, format_option, no_cache_option, path_argument


@click.command("contracts")
@path_argument()
@format_option(["text", "json"], default="text")
@no_cache_option()
def contracts_command(path: str, format_name: str, no_cache: bool) -> None:
    """List the data contracts with their lint and sample-data test results.

    Exits 1 when a contract has a problem, a sample cannot be read, or a data check fails
    (freshness and retention on samples are indicative and never fail).
    """
    from prodready.audit import run_audit
    from prodready.config import load_settings
    from prodready.contracts.report import failing, render_text
    from prodready.gate import contracts_exit_code

    root = audit_root(path)
    overrides: dict[str, Any] = {"select": ["DATA"]}
    if no_cache:
        overrides["cache"] = False
    settings = load_settings(root, overrides).model_copy(update={"baseline": None})
    reports = run_audit(root, settings).contracts
    if format_name == "json":
        import json

        payload = {"contracts": [report.model_dump(mode="json") for report in reports]}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(render_text(reports), nl=False)
    sys.exit(contracts_exit_code(any(failing(report) for report in reports)))


COMMANDS = (contracts_command,)
