"""`prodready baseline create|update`: accept today's findings as known debt."""

from __future__ import annotations

from pathlib import Path

import click

from prodready.cli.options import audit_root, fail, path_argument
from prodready.cli.outputs import own_outputs, write_or_fail

_OUTPUT_HELP = "Baseline file (default: PATH/.prodready-baseline.json)."


@click.group()
def baseline() -> None:
    """Accept today's findings as known debt, so the gate fails only on new ones."""


@baseline.command("create")
@path_argument()
@click.option("-o", "--output", help=_OUTPUT_HELP)
@click.option("--force", is_flag=True, help="Overwrite an existing baseline.")
def baseline_create(path: str, output: str | None, force: bool) -> None:
    """Write the current findings, by stable fingerprint, sorted so the file diffs well."""
    root = audit_root(path)
    target = _target(root, output)
    if target.exists() and not force:
        fail(f"{target}: already exists (use `prodready baseline update` or --force)")
    _write_baseline(root, target, prune=True, keep_existing=False)


@baseline.command("update")
@path_argument()
@click.option("-o", "--output", help=_OUTPUT_HELP)
@click.option("--prune", is_flag=True, help="Drop entries whose findings are fixed.")
def baseline_update(path: str, output: str | None, prune: bool) -> None:
    """Add today's findings to the baseline; with --prune, also drop the fixed ones."""
    root = audit_root(path)
    target = _target(root, output)
    if not target.exists():
        fail(f"{target}: no baseline yet (run `prodready baseline create`)")
    _write_baseline(root, target, prune=prune, keep_existing=True)


def _target(root: Path, output: str | None) -> Path:
    from prodready.engine.baseline import BASELINE_FILE

    return Path(output) if output else root / BASELINE_FILE


def _write_baseline(root: Path, target: Path, prune: bool, keep_existing: bool) -> None:
    import getpass
    from datetime import UTC, datetime

    from prodready.audit import load_audit_settings as load_settings
    from prodready.audit import run_audit
    from prodready.engine import baseline as baseline_file

    settings = load_settings(root, {}, check_checklist=True).model_copy(update={"baseline": None})
    result = run_audit(root, settings, own_outputs=own_outputs(root, Path("reports")))
    existing = baseline_file.load(target) if keep_existing and not prune else None
    entries = baseline_file.merged(baseline_file.entries_from(result.results), existing)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    write_or_fail(target, baseline_file.render(entries, getpass.getuser(), stamp), root)
    click.echo(f"wrote {target}: {len(entries)} accepted finding(s)")


COMMANDS = (baseline,)
