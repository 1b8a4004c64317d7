"""Reading saved reports and writing outputs, each in one place, so every command fails alike."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from prodready.cli.options import fail


def write_or_fail(target: Path, text: str, repo: Path | None = None) -> None:
    """Write one output atomically; an OS error is one line naming the file."""
    write_all_or_fail([(target, text)], repo)


def write_all_or_fail(files: list[tuple[Path, str]], repo: Path | None = None) -> None:
    from prodready.report.output import write_all

    try:
        write_all(files, repo)
    except OSError as error:
        fail(f"{error.filename}: cannot write: {error.strerror or error}")


def targets(
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    output_dir: Path,
    name: str,
    default: tuple[str, ...],
) -> list[tuple[str, str]]:
    """Each format paired with its -o, or a file named after the repository in ``output_dir``."""
    from prodready.report import REPORTERS

    if len(outputs) > len(formats):
        fail("each -o/--output needs a --format before it")
    formats = formats or default
    paired = []
    for index, format_name in enumerate(formats):
        target = (
            outputs[index]
            if index < len(outputs)
            else str(output_dir / f"{name}.{REPORTERS[format_name].extension}")
        )
        paired.append((format_name, target))
    if sum(1 for _, target in paired if target == "-") > 1:
        fail("only one report can go to stdout ('-o -')")
    return paired


def write_reports(
    result: Any, paired: list[tuple[str, str]], repo: Path | None = None
) -> list[str]:
    """Render every report, then write them all or none (stdout last, once files are in place)."""
    from prodready.report import render

    rendered = [(render(result, format_name), target) for format_name, target in paired]
    write_all_or_fail([(Path(target), text) for text, target in rendered if target != "-"], repo)
    for text, target in rendered:
        if target == "-":
            click.echo(text, nl=False)
    return [target for _, target in rendered if target != "-"]


def load_result(path: str) -> Any:
    """A saved JSON report; any problem is one line naming the file."""
    from pydantic import ValidationError

    from prodready.models import SCHEMA_VERSION, AuditResult

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        fail(f"{path}: cannot read: {error.strerror or error}")
    except UnicodeDecodeError as error:
        fail(f"{path}: not a prodready JSON report (not UTF-8, byte {error.start})")
    try:
        result = AuditResult.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        fail(f"{path}: not a prodready JSON report ({where}: {first['msg']})")
    if result.schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        fail(
            f"{path}: report schema {result.schema_version} is not compatible with {SCHEMA_VERSION}"
        )
    return result


class progress:
    """A rich progress bar on stderr while scanning, only when stderr is a terminal."""

    def __init__(self, quiet: bool) -> None:
        self._enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Any:
        if not self._enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task("scanning", total=None)
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        self._bar.update(self._task, description=stage, completed=done, total=total or None)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
