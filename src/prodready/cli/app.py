"""The root command group and the entry point that turns every failure into one line and a code."""

from __future__ import annotations

import sys

import click

from prodready import __version__
from prodready.errors import InputErrors, ProdreadyError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prodready")
def cli() -> None:
    """Tell an ML team whether its project is ready for production, and what debt it carries."""


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
        count = len(error.problems)
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
