"""Errors that stop an invocation: the CLI prints them as one line (or one per problem) and exits 2."""

from __future__ import annotations

from dataclasses import dataclass


class ProdreadyError(Exception):
    """An invocation or input problem, stated in one line that names the file or flag."""


class ConfigError(ProdreadyError):
    """A bad setting in pyproject.toml, prodready.yaml or on the command line."""


class RuleOptionsError(ProdreadyError):
    """Unknown or invalid options given for a rule."""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class InputErrors(ConfigError):
    """Every problem found in prodready's inputs; the CLI prints one per line and exits 2.

    ``notes`` are problems with no file position (an unknown rule name in ``--select``);
    ``settings`` is what the valid parts of the input made, for checks that need it.
    """

    def __init__(
        self, problems: list[Problem], notes: list[str] | None = None, settings: object = None
    ) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
        self.notes = list(notes or [])
        self.settings = settings
        lines = [str(problem) for problem in self.problems] + self.notes
        super().__init__("\n".join(lines))
