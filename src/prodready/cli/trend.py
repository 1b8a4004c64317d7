"""`prodready trend`: readiness over past revisions (the work tree is never touched)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from prodready.cli.options import (
    audit_root,
    fail,
    format_option,
    no_cache_option,
    path_argument,
    profile_option,
)
from prodready.cli.outputs import progress, write_or_fail


class _RevsCommand(click.Command):
    """Lets `--revs A B C` take every revision up to the next option (click options take one)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        expanded: list[str] = []
        greedy = taken = False
        for index, arg in enumerate(args):
            if arg == "--":
                expanded += args[index:]
                break
            if arg == "--revs":
                greedy, taken = True, False
                continue
            if greedy and not arg.startswith("-"):
                expanded += ["--revs", arg]
                taken = True
                continue
            if greedy and not taken:
                expanded.append("--revs")  # click then says the option needs a value
            greedy = False
            expanded.append(arg)
        if greedy and not taken:
            expanded.append("--revs")
        return super().parse_args(ctx, expanded)


@click.command(cls=_RevsCommand)
@path_argument()
@click.option("--tags", is_flag=True, help="Every tag, oldest commit first.")
@click.option("--match", metavar="GLOB", help="With --tags: only tags matching GLOB, e.g. 'v*'.")
@click.option(
    "--last",
    type=click.IntRange(1),
    metavar="N",
    help="N commits evenly spaced over HEAD's first-parent history, HEAD included.",
)
@click.option(
    "--revs",
    multiple=True,
    metavar="REV...",
    help="These revisions, in this order (give PATH before --revs).",
)
@format_option(["table", "csv", "json", "html"], default="table")
@click.option("-o", "--output", help="Write to this file instead of stdout.")
@click.option(
    "--jobs",
    type=click.IntRange(0),
    help="CPU budget: revisions audited at once times parsers (0: one per core).",
)
@profile_option()
@no_cache_option("Share a cache only within this run.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def trend(
    path: str,
    tags: bool,
    match: str | None,
    last: int | None,
    revs: tuple[str, ...],
    format_name: str,
    output: str | None,
    jobs: int | None,
    profile: str | None,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Audit past revisions from git history and show how readiness moved (the work tree is never touched)."""
    from prodready.audit import load_audit_settings as load_settings
    from prodready.trend import Selection, run_trend
    from prodready.trend.render import print_table, render

    root = audit_root(path)
    if sum((tags, last is not None, bool(revs))) != 1:
        fail("choose exactly one of --tags, --last N or --revs REV...")
    if match and not tags:
        fail("--match only applies to --tags")
    overrides: dict[str, Any] = {"profile": profile}
    if no_cache:
        overrides["cache"] = False
    settings = load_settings(root, overrides)
    selection = Selection(tags=tags, match=match, last=last, revs=list(revs))
    with progress(quiet) as on_progress:
        budget = settings.jobs if jobs is None else jobs
        result = run_trend(root, selection, settings, jobs=budget, progress=on_progress)
    if output is None and format_name == "table":
        from rich.console import Console

        print_table(result, Console(highlight=False))
        return
    text = render(result, format_name)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_or_fail(Path(output), text, root)
        click.echo(f"wrote {output}", err=True)
    notes = [f"{p.rev}: {note}" for p in result.revisions for note in p.notes] + result.notes
    for note in notes:
        click.echo(f"prodready: note: {note}", err=True)


COMMANDS = (trend,)
