"""Reading saved reports and writing outputs, each in one place, so every command fails alike."""

from __future__ import annotations

import glob
import sys
from collections.abc import Sequence
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
    """Each output's format and file: ``-o`` pairs with ``--format`` in order, an ``-o`` beyond
    them takes the format its file name asks for, a ``--format`` beyond them writes a file named
    after the repository in ``output_dir``. A name that contradicts its format, stdout twice,
    or two outputs on one file is an error."""
    from prodready.report import REPORTERS, format_for

    formats = formats or (() if outputs else default)
    paired = []
    for index, target in enumerate(outputs):
        asked = None if target == "-" else format_for(target)
        if index < len(formats):
            format_name = formats[index]
            if asked is not None and not REPORTERS[format_name].fits(target):
                fail(f"{target}: the name asks for {asked}, not --format {format_name}")
        elif target == "-":
            fail("-o - needs a --format before it (stdout has no file name to tell it)")
        elif asked is None:
            fail(f"{target}: cannot tell the format from the file name; add --format")
        else:
            format_name = asked
        paired.append((format_name, target))
    for format_name in formats[len(outputs) :]:
        paired.append((format_name, str(output_dir / f"{name}.{REPORTERS[format_name].extension}")))
    if sum(1 for _, target in paired if target == "-") > 1:
        fail("only one report can go to stdout ('-o -')")
    _one_file_each(paired)
    return paired


def _one_file_each(paired: list[tuple[str, str]]) -> None:
    """Two outputs never write one file: one would silently replace the other."""
    seen: dict[Path, str] = {}
    for format_name, target in paired:
        if target == "-":
            continue
        key = Path(target).resolve()
        if key in seen:
            fail(f"{target}: both --format {seen[key]} and --format {format_name} would write it")
        seen[key] = format_name


def own_outputs(root: Path, output_dir: Path, paired: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Repo-relative paths prodready writes: each -o and, in the output folder, the name every
    format and graph would get. They are records of an audit, never evidence for the next one."""
    from prodready.cli.graph import GRAPH_FORMATS
    from prodready.report import REPORTERS

    name = root.name
    files = [Path(target) for _, target in paired if target != "-"]
    files += [output_dir / f"{name}.{spec.extension}" for spec in REPORTERS.values()]
    files += [output_dir / f"{name}-graph.{ending}" for ending in GRAPH_FORMATS.values()]
    inside = []
    for path in files:
        full = path.resolve()
        if full.is_relative_to(root):
            inside.append(glob.escape(full.relative_to(root).as_posix()))  # a path, not a glob
    return sorted(set(inside))


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
