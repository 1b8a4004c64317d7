"""The root command group and the entry point that turns every failure into one line and a code."""

from __future__ import annotations

import sys

import click

from prodready import __version__
from prodready.cli.options import EXIT_CODES_HELP
from prodready.errors import InputErrors, ProdreadyError

EPILOG = f"""\b
Examples:
  prodready audit                          audit . ; reports in reports/
  prodready audit repo --fail-under 70     gate CI on the score
  prodready audit -o readiness.html        the format follows the file name
  prodready audit --format concise -o -    one line per finding, to stdout
  prodready audit --statistics             findings counted per rule
  prodready explain SEC                    the security rules
  prodready report reports/x.json --format text

{EXIT_CODES_HELP}
\b
Shell completion (bash; zsh_source, fish_source likewise):
  eval "$(_PRODREADY_COMPLETE=bash_source prodready)"
"""


class _Group(click.Group):
    """Lists every command with its whole summary, wrapped under itself, never cut off."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (name, command.get_short_help_str(limit=300))
            for name, command in sorted(self.commands.items())
            if not command.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    invoke_without_command=True,
    no_args_is_help=False,
    epilog=EPILOG,
)
@click.version_option(__version__, "-V", "--version", prog_name="prodready")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Tell an ML team whether its project is ready for production, and what debt it carries."""
    if ctx.invoked_subcommand is None:  # bare `prodready`: help, not a usage error
        click.echo(ctx.get_help())


def main(argv: list[str] | None = None) -> None:
    """Entry point: every invocation problem is one line and exit code 2, a bug is exit 3."""
    try:
        cli.main(args=argv, prog_name="prodready", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:
        sys.exit(_failure(error))


def _failure(error: Exception) -> int:
    """Say what went wrong on stderr and return its exit code (called while handling it)."""
    from prodready import gate

    if isinstance(error, click.ClickException):
        click.echo(f"prodready: error: {said(error.format_message())}", err=True)
        return gate.EXIT_USAGE
    if isinstance(error, click.exceptions.Abort):
        click.echo("prodready: aborted", err=True)
        return gate.EXIT_ABORTED
    if isinstance(error, InputErrors):
        for problem in error.problems:
            click.echo(said(str(problem)), err=True)
        for note in error.notes:
            click.echo(f"prodready: error: {said(note)}", err=True)
        count = len(error.problems) + len(error.notes)
        click.echo(f"prodready: error: {count} problem(s) in the input; nothing audited", err=True)
        return gate.EXIT_USAGE
    if isinstance(error, ProdreadyError):
        for line in str(error).splitlines() or [""]:
            click.echo(f"prodready: error: {said(line)}", err=True)
        return gate.EXIT_USAGE
    import traceback  # a bug: its own exit code, so a crash never reads as a gate

    click.echo(said("".join(traceback.format_exc())), err=True, nl=False)
    click.echo(
        f"prodready: internal error: {type(error).__name__}: {said(str(error))}"
        " (a bug in prodready; please report it with the traceback above)",
        err=True,
    )
    return gate.EXIT_INTERNAL


def said(message: str) -> str:
    """An error line as printed: secrets masked, control characters visible (one line each)."""
    from prodready.safe_text import visible
    from prodready.secrets import mask_secrets

    return visible(mask_secrets(message), newlines=True)
