"""`prodready audit`: scan, judge, score, write the reports, and gate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from prodready.cli.console import closed_pipe_exits, make_console
from prodready.cli.options import (
    EXIT_CODES_HELP,
    LazyChoice,
    audit_root,
    color_option,
    compare_option,
    fail,
    output_options,
    profile_option,
    project_kinds,
    severities,
    split,
)
from prodready.cli.outputs import load_result, own_outputs, progress, targets, write_reports

AUDIT_EPILOG = (
    """\b
Examples:
  prodready audit . --fail-under 70 --fail-on high
  prodready audit . -o readiness.html -o readiness.sarif
  prodready audit . --format concise -o - | grep SEC-
  prodready audit . --changed-since origin/main --compare last.json
"""
    + EXIT_CODES_HELP
)


@click.command(epilog=AUDIT_EPILOG)
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
@click.option(
    "--statistics",
    is_flag=True,
    help="After the top findings, count findings per rule instead of listing each one.",
)
@color_option()
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
    statistics: bool,
    color: str,
    **flags: Any,
) -> None:
    """Audit the repository at PATH and write its readiness reports.

    The terminal shows the headline, category bars, the top findings with their fixes, then
    every finding on one line (path:line: SEVERITY RULE-ID message) or, with --statistics,
    a count per rule; the score, band and gate are always the last lines.
    """
    from prodready.audit import load_audit_settings as load_settings
    from prodready.audit import run_audit
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
            own_outputs=own_outputs(root, Path(output_dir), paired),
        )
    gate = evaluate_gate(result, settings.fail_under, settings.fail_on)
    result = result.model_copy(update={"gate": gate})
    code = exit_code(gate)
    to_stdout = any(target == "-" for _, target in paired)
    with closed_pipe_exits(code):
        written = write_reports(result, paired, repo=root)
        _print_terminal(result, written, color, quiet or to_stdout, to_stdout, statistics)
    sys.exit(code)


def _print_terminal(
    result: Any, written: list[str], color: str, brief: bool, err: bool, statistics: bool
) -> None:
    """The summary (unless ``brief``), the files written, and the verdict as the last lines."""
    from prodready.report.terminal import print_summary, print_verdict

    console = make_console(color, stderr=err)
    if not brief:
        details = "statistics" if statistics else "listing"
        print_summary(result, console, show_gate=False, details=details)
    for path_written in written:
        console.print(f"wrote {path_written}", markup=False)
    print_verdict(result, console, headline=not brief)


COMMANDS = (audit,)
