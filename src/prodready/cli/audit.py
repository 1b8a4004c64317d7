"""`prodready audit`: scan, judge, score, write the reports, and gate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from prodready.cli.options import (
    LazyChoice,
    audit_root,
    compare_option,
    fail,
    output_options,
    profile_option,
    project_kinds,
    severities,
    split,
)
from prodready.cli.outputs import load_result, progress, targets, write_reports


@click.command()
@click.argument("path", default=".", type=click.Path(file_okay=True, dir_okay=True))
@output_options()
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    help="Fail the gate when the score is below this.",
)
@click.option(
    "--fail-on",
    type=LazyChoice(severities),
    help="Fail the gate on any finding at or above this severity.",
)
@click.option("--select", multiple=True, help="Only these rule ids, prefixes or categories.")
@click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or categories.")
@click.option("--kind", type=LazyChoice(project_kinds), help="Override the detected project kind.")
@click.option("--jobs", type=click.IntRange(0), help="Parser processes (0: one per core).")
@click.option(
    "--no-cache", is_flag=True, help="Parse every file again; do not read or write the cache."
)
@click.option(
    "--checklist",
    "checklist_path",
    type=click.Path(dir_okay=False),
    help="Readiness checklist to use instead of PATH/prodready.yaml.",
)
@profile_option()
@click.option(
    "--baseline",
    help="Baseline of accepted debt: still in the score; --fail-on fails only on new findings.",
)
@compare_option()
@click.option(
    "--changed-since",
    metavar="REF",
    help="List only findings in files changed since this git ref (plus repo-level ones); "
    "the score and band stay the whole repository's.",
)
@click.option("--quiet", "-q", is_flag=True, help="No terminal summary; only the report paths.")
def audit(
    path: str,
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    output_dir: str,
    quiet: bool,
    no_cache: bool,
    checklist_path: str | None,
    changed_since: str | None,
    compare_path: str | None,
    **flags: Any,
) -> None:
    """Audit the repository at PATH and write its readiness reports."""
    from prodready.audit import run_audit
    from prodready.config import load_settings
    from prodready.gate import evaluate_gate, exit_code

    root = audit_root(path)
    paired = targets(formats, outputs, Path(output_dir), root.name, ("json", "html"))
    overrides = {
        key: split(value) if isinstance(value, tuple) else value for key, value in flags.items()
    }
    if no_cache:
        overrides["cache"] = False
    checklist = Path(checklist_path).resolve() if checklist_path else None
    if checklist is not None and not checklist.is_file():
        fail(f"{checklist_path}: checklist file not found")
    previous = load_result(compare_path) if compare_path else None
    settings = load_settings(root, overrides, checklist, check_checklist=True)
    with progress(quiet) as on_progress:
        result = run_audit(
            root,
            settings,
            progress=on_progress,
            checklist=checklist,
            changed_since=changed_since,
            previous=previous,
        )
    gate = evaluate_gate(result, settings.fail_under, settings.fail_on)
    result = result.model_copy(update={"gate": gate})
    written = write_reports(result, paired, repo=root)
    to_stdout = any(target == "-" for _, target in paired)
    if not quiet and not to_stdout:
        _print_summary(result)
    for path_written in written:
        click.echo(f"wrote {path_written}", err=to_stdout)
    _print_gate(gate, err=to_stdout)  # the verdict and its reasons are always the last lines
    sys.exit(exit_code(gate))


def _print_summary(result: Any) -> None:
    from rich.console import Console

    from prodready.report.terminal import print_summary

    print_summary(result, Console(highlight=False), show_gate=False)


def _print_gate(gate: Any, err: bool) -> None:
    from prodready.report.presentation import gate_lines

    for line in gate_lines(gate):
        click.echo(line, err=err)


COMMANDS = (audit,)
