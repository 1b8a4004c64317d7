"""Options, arguments and checks shared by the commands, declared once.

Choice lists are read from the enums and the reporter registry when click first needs them
(help, completion, a given value), so start-up imports neither pydantic nor a reporter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import click

from prodready.errors import ProdreadyError

Decorator = Callable[[Any], Any]

EXIT_CODES_HELP = """\b
Exit codes:
  0  the gate passed, or no gate is set
  1  the gate failed (the reasons are the last lines printed)
  2  a usage or input error (one line naming the file or flag)
  3  an internal error (a bug in prodready, never a verdict)
"""


def fail(message: str) -> NoReturn:
    """An invocation problem: one line on stderr, exit 2 (see ``app.main``)."""
    raise ProdreadyError(message)


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A click.Choice whose values are loaded on first use."""

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load
        self.case_sensitive = True

    @cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._load())


def report_formats() -> list[str]:
    from prodready.report import REPORTERS

    return list(REPORTERS)


def severities() -> list[str]:
    from prodready.models import SEVERITY_ORDER

    return [severity.value for severity in reversed(SEVERITY_ORDER)]


def project_kinds() -> list[str]:
    from prodready.models import ProjectKind

    return [kind.value for kind in ProjectKind if kind != ProjectKind.UNKNOWN]


def stack(*decorators: Decorator) -> Decorator:
    """Several options as one decorator, applied in the order written."""

    def apply(function: Any) -> Any:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


def path_argument() -> Decorator:
    return click.argument("path", default=".", type=click.Path())


def format_option(choices: Iterable[str], default: str) -> Decorator:
    return click.option(
        "--format",
        "format_name",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
    )


def compare_option() -> Decorator:
    return click.option(
        "--compare",
        "compare_path",
        type=click.Path(dir_okay=False),
        help="A previous JSON report to compare with.",
    )


def profile_option() -> Decorator:
    return click.option(
        "--profile", help="Scoring profile: default, ml-test-score, or a profile YAML file."
    )


def no_cache_option(help: str = "Parse every file again; do not use the cache.") -> Decorator:
    return click.option("--no-cache", is_flag=True, help=help)


def output_options() -> Decorator:
    """--format/-o pairs and --output-dir, shared by every command that writes reports."""
    return stack(
        click.option(
            "--format",
            "formats",
            multiple=True,
            type=LazyChoice(report_formats),
            help="Report format; repeat for several (pairs with -o in order).",
        ),
        click.option(
            "-o",
            "--output",
            "outputs",
            multiple=True,
            help="Output file for the matching --format; '-' for stdout.",
        ),
        click.option(
            "--output-dir",
            default="reports",
            show_default=True,
            help="Folder for reports without an explicit -o.",
        ),
    )


def audit_root(path: str) -> Path:
    """The repository folder to audit, resolved; anything else is a usage error."""
    root = Path(path)
    if not root.exists():
        fail(f"{path}: no such file or directory")
    if not root.is_dir():
        fail(f"{path}: not a directory (give the repository folder)")
    return root.resolve()


def split(values: tuple[str, ...]) -> list[str]:
    """Repeated or comma-separated: `--select SEC --select CODE-001` or `--select SEC,CODE-001`."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def color_option() -> Decorator:
    return click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the terminal output; auto follows the terminal, NO_COLOR and FORCE_COLOR.",
    )
