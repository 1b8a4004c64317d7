"""`prodready init`: a commented prodready.yaml prefilled from the repository."""

from __future__ import annotations

from pathlib import Path

import click

from prodready.cli.options import audit_root, fail, path_argument
from prodready.cli.outputs import write_or_fail


@click.command()
@path_argument()
@click.option("-o", "--output", help="Where to write the checklist (default: PATH/prodready.yaml).")
@click.option("--force", is_flag=True, help="Overwrite an existing checklist.")
def init(path: str, output: str | None, force: bool) -> None:
    """Write a commented prodready.yaml prefilled with what the repository shows."""
    from prodready.checklist.init import render_checklist
    from prodready.scanners import ScanOptions, collect

    root = audit_root(path)
    target = Path(output) if output else root / "prodready.yaml"
    if target.exists() and not force:
        fail(f"{target}: already exists (use --force to overwrite)")
    facts = collect(root, ScanOptions(use_cache=False))
    write_or_fail(target, render_checklist(facts, root.name), root)
    click.echo(f"wrote {target}; fill in its TODOs, then run `prodready audit`")


COMMANDS = (init,)
