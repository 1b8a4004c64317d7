"""``prodready portfolio`` and ``prodready audit-many``: the portfolio command group.

Only click is imported at start-up; everything else inside the commands, so the CLI starts
fast. Exit codes as everywhere: 0 done, 1 a campaign is past its date and unmet or an audit
failed, 2 a usage or input error (one line naming the file).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from prodready.errors import ProdreadyError

_FORMATS = ("html", "json", "csv", "markdown")
_EXTENSIONS = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv", ".md": "markdown"}


def _campaign_option(function: Any) -> Any:
    function = click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Judge campaigns as of this date (default: today).",
    )(function)
    return click.option(
        "--campaign",
        "campaign_paths",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="A campaign YAML (repeatable): progress, overdue items, burn-up.",
    )(function)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format", "format_name", type=click.Choice(_FORMATS), help="Default: from -o, else html."
)
@click.option(
    "-o",
    "--output",
    help="Output file or URL, '-' for stdout (default: portfolio.html; other formats print).",
)
@_campaign_option
def portfolio(
    sources: tuple[str, ...],
    format_name: str | None,
    output: str | None,
    campaign_paths: tuple[str, ...],
    today: Any,
) -> None:
    """Readiness across many repositories from their JSON reports (folders, globs or fsspec URLs).

    Rollups by team and kind, the rules failing most, each repository's history, and campaign
    progress. Exits 1 when a campaign is past its date and unmet.
    """
    from prodready.portfolio.render import render

    format_name = format_name or _format_of(output) or "html"
    if output is None:
        output = "portfolio.html" if format_name == "html" else "-"
    result = _build(list(sources), campaign_paths, today)
    text = render(result, format_name)
    if output == "-":
        click.echo(text, nl=False)
    else:
        _write(output, text)
        click.echo(f"wrote {output}", err=True)
    _finish(result, err=True)


@click.command("audit-many")
@click.argument("targets", metavar="PATHS.txt|FOLDER")
@click.option(
    "--output-dir",
    default="reports",
    show_default=True,
    help="Folder or fsspec URL for the reports.",
)
@click.option("--jobs", type=click.IntRange(0), default=0, help="Audits at once (0: one per core).")
@click.option(
    "--scheduler", metavar="ADDRESS", help="Run the audits on this Dask distributed scheduler."
)
@click.option(
    "--timeout", type=click.FloatRange(1), default=900, show_default=True, help="Seconds per audit."
)
@click.option("--profile", help="Scoring profile for every audit.")
@click.option("--no-cache", is_flag=True, help="Every audit parses everything again.")
@click.option(
    "--portfolio/--no-portfolio",
    "write_portfolio",
    default=True,
    help="Write portfolio.html and portfolio.json at the end.",
)
@_campaign_option
@click.option("--quiet", "-q", is_flag=True, help="No progress; only the summary.")
def audit_many(
    targets: str,
    output_dir: str,
    jobs: int,
    scheduler: str | None,
    timeout: float,
    profile: str | None,
    no_cache: bool,
    write_portfolio: bool,
    campaign_paths: tuple[str, ...],
    today: Any,
    quiet: bool,
) -> None:
    """Audit every repository listed in PATHS.txt (one a line) or in FOLDER, each in its own process.

    One JSON per repository in --output-dir, then the portfolio of every report there. A repository
    that cannot be audited is a line in the summary, never the end of the run; the exit code is
    then 1.
    """
    import os

    from prodready.portfolio.model import AuditFailure
    from prodready.portfolio.render import render
    from prodready.portfolio.runner import check_names, read_targets, run_dask, run_local
    from prodready.portfolio.storage import join

    paths = read_targets(targets)
    check_names(paths)
    campaigns = _campaigns(campaign_paths)  # refused before hours of audits, not after
    options = (*(("--profile", profile) if profile else ()), *(("--no-cache",) if no_cache else ()))
    listed = [str(path) for path in paths]
    if scheduler:
        outcomes = run_dask(listed, scheduler, options, timeout)
    else:
        outcomes = run_local(listed, jobs or os.cpu_count() or 1, options, timeout)
    failures = []
    with _Bar(len(listed), quiet) as bar:
        for outcome in outcomes:
            if outcome.ok:
                _write(join(output_dir, f"{outcome.name}.json"), outcome.report or "")
            else:
                failures.append(AuditFailure(target=outcome.target, message=outcome.message))
            bar.advance(outcome)
    done = len(listed) - len(failures)
    click.echo(f"audited {done} of {len(listed)} repositories into {output_dir}", err=True)
    for failure in sorted(failures, key=lambda f: f.target):
        click.echo(f"failed: {failure.target}: {failure.message}", err=True)
    result = None
    if write_portfolio and done:
        result = _build([output_dir], (), today, campaigns=campaigns, failures=failures)
        for format_name, name in (("html", "portfolio.html"), ("json", "portfolio.json")):
            _write(join(output_dir, name), render(result, format_name))
        click.echo(f"wrote {join(output_dir, 'portfolio.html')}", err=True)
        _finish(result, err=True)
    if failures:
        sys.exit(1)


def _format_of(output: str | None) -> str | None:
    if not output or output == "-":
        return None
    return _EXTENSIONS.get(Path(output.rsplit("/", 1)[-1]).suffix.lower())


def _campaigns(paths: tuple[str, ...]) -> list[Any]:
    from prodready.portfolio.campaigns import load_campaign

    return [load_campaign(path) for path in paths]


def _build(
    sources: list[str],
    campaign_paths: tuple[str, ...],
    today: Any,
    campaigns: list[Any] | None = None,
    failures: list[Any] | None = None,
) -> Any:
    from prodready.portfolio.loading import load_reports
    from prodready.portfolio.rollups import build_portfolio

    campaigns = campaigns if campaigns is not None else _campaigns(campaign_paths)
    loaded = load_reports(sources)
    if not loaded.reports:
        raise ProdreadyError(f"{', '.join(sources)}: no prodready JSON report found")
    as_of = today.date() if today else date.today()
    return build_portfolio(loaded, sources, as_of, campaigns, failures or [])


def _write(target: str, text: str) -> None:
    from prodready.portfolio.storage import write_text

    write_text(target, text)


def _finish(result: Any, err: bool) -> None:
    """One line per campaign, overdue ones last; exit 1 when one is past its date and unmet."""
    from prodready.safe_text import visible

    for campaign in sorted(result.campaigns, key=lambda c: c.overdue):
        state = f"OVERDUE since {campaign.due}" if campaign.overdue else f"due {campaign.due}"
        click.echo(
            f"campaign {visible(campaign.name)}: {campaign.overall.met} of "
            f"{campaign.overall.repos} repositories ({campaign.overall.percent:g}%), {state}",
            err=err,
        )
    if any(campaign.overdue for campaign in result.campaigns):
        sys.exit(1)


class _Bar:
    """A rich progress bar when stderr is a terminal; else a line per finished audit."""

    def __init__(self, total: int, quiet: bool) -> None:
        self._total, self._quiet, self._done = total, quiet, 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Bar:
        if not self._quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("auditing", total=self._total)
        return self

    def advance(self, outcome: Any) -> None:
        self._done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=outcome.name)
        elif not self._quiet:
            from prodready.safe_text import visible

            state = f"{outcome.seconds:.1f} s" if outcome.ok else f"FAILED: {outcome.message}"
            click.echo(f"[{self._done}/{self._total}] {visible(outcome.name)}: {state}", err=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


COMMANDS = (portfolio, audit_many)
