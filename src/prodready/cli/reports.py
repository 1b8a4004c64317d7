"""`prodready report` and `prodready diff`: saved JSON reports rendered or compared, no audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from prodready.cli.options import color_option, compare_option, format_option, output_options
from prodready.cli.outputs import load_result, targets, write_reports


@click.command()
@click.argument("result_path", metavar="RESULT.json", type=click.Path(dir_okay=False))
@output_options()
@compare_option()
@color_option()
def report(
    result_path: str,
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    output_dir: str,
    compare_path: str | None,
    color: str,
) -> None:
    """Render a saved JSON report again, in any format, without auditing.

    --format text (or concise) with no -o prints to the terminal instead of writing a file.
    """
    from prodready.compare import compare

    result = load_result(result_path)
    if compare_path:
        result = result.model_copy(
            update={"comparison": compare(load_result(compare_path), result)}
        )
    if not outputs and len(formats) == 1 and formats[0] in TERMINAL_FORMATS:
        _print(result, formats[0], color)
        return
    paired = targets(formats, outputs, Path(output_dir), result.repo.name, ("html",))
    for written in write_reports(result, paired):
        click.echo(f"wrote {written}", err=any(target == "-" for _, target in paired))


TERMINAL_FORMATS = ("text", "concise")


def _print(result: Any, format_name: str, color: str) -> None:
    from prodready.cli.console import closed_pipe_exits, make_console
    from prodready.report.listing import listing
    from prodready.report.presentation import verdict_line
    from prodready.report.terminal import print_summary
    from prodready.secrets import masked

    console = make_console(color)
    with closed_pipe_exits(0):
        if format_name == "text":
            print_summary(masked(result), console)
        else:
            for line in listing(masked(result)):
                console.print(str(line), markup=False)
            console.print(verdict_line(result), markup=False)


@click.command()
@click.argument("old_path", metavar="OLD.json", type=click.Path(dir_okay=False))
@click.argument("new_path", metavar="NEW.json", type=click.Path(dir_okay=False))
@format_option(["text", "markdown", "json"], default="text")
def diff(old_path: str, new_path: str, format_name: str) -> None:
    """Compare two JSON reports: score deltas, findings new, fixed and unchanged."""
    from prodready.compare import compare

    comparison = compare(load_result(old_path), load_result(new_path))
    if format_name == "json":
        click.echo(comparison.model_dump_json(indent=2))
        return
    from prodready.report.comparison import render_comparison

    click.echo(render_comparison(comparison, markdown=format_name == "markdown"), nl=False)


COMMANDS = (report, diff)
