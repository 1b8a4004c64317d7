"""Command line: the only module that touches click, the terminal and the exit code.

Exit codes: 0 gate passed or no gate set, 1 gate failed, 2 usage or input error, 3 internal
error (a bug of prodready, never a verdict on the repository: CI can tell it from a failed
gate). Heavy
libraries are imported inside the commands so ``prodready --version`` and a
pre-commit run start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from prodready import __version__
from prodready.errors import InputErrors, ProdreadyError

EXIT_USAGE = 2
EXIT_INTERNAL = 3


def _fail(message: str) -> None:
    raise ProdreadyError(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prodready")
def cli() -> None:
    """Tell an ML team whether its project is ready for production, and what debt it carries."""


def _audit_root(path: str) -> Path:
    root = Path(path)
    if not root.exists():
        _fail(f"{path}: no such file or directory")
    if not root.is_dir():
        _fail(f"{path}: not a directory (give the repository folder)")
    return root.resolve()


# The reporter registry's names, kept literal so start-up imports nothing heavy (a test checks them).
FORMAT_CHOICES = ("json", "html", "markdown", "text", "sarif", "junit", "github")


def output_options(function: Any) -> Any:
    """--format/-o pairs and --output-dir, shared by every command that writes reports."""
    for option in reversed(
        (
            click.option(
                "--format",
                "formats",
                multiple=True,
                type=click.Choice(FORMAT_CHOICES),
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
    ):
        function = option(function)
    return function


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=True, dir_okay=True))
@output_options
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    help="Fail the gate when the score is below this.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["critical", "high", "medium", "low", "info"]),
    help="Fail the gate on any finding at or above this severity.",
)
@click.option("--select", multiple=True, help="Only these rule ids, prefixes or categories.")
@click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or categories.")
@click.option(
    "--kind",
    type=click.Choice(["model_service", "training", "library", "template", "notebooks"]),
    help="Override the detected project kind.",
)
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
@click.option("--profile", help="Scoring profile: default, ml-test-score, or a profile YAML file.")
@click.option(
    "--baseline",
    help="Baseline of accepted debt: still in the score; --fail-on fails only on new findings.",
)
@click.option(
    "--compare",
    "compare_path",
    type=click.Path(dir_okay=False),
    help="A previous JSON report to compare with.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="List only findings in files changed since this git ref (plus repo-level ones); "
    "the score and band stay the whole repository's.",
)
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
    **flags: Any,
) -> None:
    """Audit the repository at PATH and write its readiness reports."""
    from prodready.audit import run_audit
    from prodready.config import load_settings
    from prodready.gate import evaluate_gate, exit_code

    root = _audit_root(path)
    if len(outputs) > len(formats):
        _fail("each -o/--output needs a --format before it")
    overrides = {
        key: _split(value) if isinstance(value, tuple) else value for key, value in flags.items()
    }
    if no_cache:
        overrides["cache"] = False
    checklist = Path(checklist_path).resolve() if checklist_path else None
    if checklist is not None and not checklist.is_file():
        _fail(f"{checklist_path}: checklist file not found")
    previous = _load_result(compare_path) if compare_path else None
    settings = load_settings(root, overrides, checklist, check_checklist=True)
    targets = _targets(formats or ("json", "html"), outputs, Path(output_dir), root.name)
    with _progress(quiet) as progress:
        result = run_audit(
            root,
            settings,
            progress=progress,
            checklist=checklist,
            changed_since=changed_since,
            previous=previous,
        )
    gate = evaluate_gate(result, settings.fail_under, settings.fail_on)
    result = result.model_copy(update={"gate": gate})
    written = _write_reports(result, targets, repo=root)
    to_stdout = any(target == "-" for _, target in targets)
    if not quiet and not to_stdout:
        _print_summary(result)
    for path_written in written:
        click.echo(f"wrote {path_written}", err=to_stdout)
    _print_gate(gate, err=to_stdout)  # the verdict and its reasons are always the last lines
    sys.exit(exit_code(gate))


def _split(values: tuple[str, ...]) -> list[str]:
    """Repeated or comma-separated: `--select SEC --select CODE-001` or `--select SEC,CODE-001`."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _targets(
    formats: tuple[str, ...], outputs: tuple[str, ...], output_dir: Path, name: str
) -> list[tuple[str, str]]:
    from prodready.report import REPORTERS

    targets = []
    for index, format_name in enumerate(formats):
        target = (
            outputs[index]
            if index < len(outputs)
            else str(output_dir / f"{name}.{REPORTERS[format_name].extension}")
        )
        targets.append((format_name, target))
    stdout_count = sum(1 for _, target in targets if target == "-")
    if stdout_count > 1:
        _fail("only one report can go to stdout ('-o -')")
    return targets


def _write_reports(
    result: Any, targets: list[tuple[str, str]], repo: Path | None = None
) -> list[str]:
    """Render every report, then write them all or none (stdout last, once files are in place)."""
    from prodready.report import render
    from prodready.report.output import write_all

    rendered = [(render(result, format_name), target) for format_name, target in targets]
    files = [(Path(target), text) for text, target in rendered if target != "-"]
    try:
        write_all(files, repo)
    except OSError as error:
        _fail(f"{error.filename}: cannot write report: {error.strerror or error}")
    for text, target in rendered:
        if target == "-":
            click.echo(text, nl=False)
    return [target for _, target in rendered if target != "-"]


def _print_summary(result: Any) -> None:
    from rich.console import Console

    from prodready.report.terminal import print_summary

    print_summary(result, Console(highlight=False), show_gate=False)


def _print_gate(gate: Any, err: bool) -> None:
    from prodready.report.presentation import gate_lines

    for line in gate_lines(gate):
        click.echo(line, err=err)


class _progress:
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


def _load_result(path: str) -> Any:
    """A saved JSON report; any problem is one line naming the file."""
    from pydantic import ValidationError

    from prodready.models import SCHEMA_VERSION, AuditResult

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        _fail(f"{path}: cannot read: {error.strerror or error}")
    except UnicodeDecodeError as error:
        _fail(f"{path}: not a prodready JSON report (not UTF-8, byte {error.start})")
    try:
        result = AuditResult.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        _fail(f"{path}: not a prodready JSON report ({where}: {first['msg']})")
    if result.schema_version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        _fail(
            f"{path}: report schema {result.schema_version} is not compatible with {SCHEMA_VERSION}"
        )
    return result


@cli.command()
@click.argument("result_path", metavar="RESULT.json", type=click.Path(dir_okay=False))
@output_options
@click.option(
    "--compare",
    "compare_path",
    type=click.Path(dir_okay=False),
    help="A previous JSON report to compare with.",
)
def report(
    result_path: str,
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    output_dir: str,
    compare_path: str | None,
) -> None:
    """Render a saved JSON report again, in any format, without auditing."""
    from prodready.compare import compare

    result = _load_result(result_path)
    if compare_path:
        result = result.model_copy(
            update={"comparison": compare(_load_result(compare_path), result)}
        )
    if len(outputs) > len(formats):
        _fail("each -o/--output needs a --format before it")
    targets = _targets(formats or ("html",), outputs, Path(output_dir), result.repo.name)
    for written in _write_reports(result, targets):
        click.echo(f"wrote {written}", err=any(target == "-" for _, target in targets))


@cli.command()
@click.argument("old_path", metavar="OLD.json", type=click.Path(dir_okay=False))
@click.argument("new_path", metavar="NEW.json", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
def diff(old_path: str, new_path: str, format_name: str) -> None:
    """Compare two JSON reports: score deltas, findings new, fixed and unchanged."""
    from prodready.compare import compare

    comparison = compare(_load_result(old_path), _load_result(new_path))
    if format_name == "json":
        click.echo(comparison.model_dump_json(indent=2))
        return
    from prodready.report.comparison import render_comparison

    click.echo(render_comparison(comparison, markdown=format_name == "markdown"), nl=False)


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


@cli.command(cls=_RevsCommand)
@click.argument("path", default=".", type=click.Path())
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
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["table", "csv", "json", "html"]),
    default="table",
    show_default=True,
)
@click.option("-o", "--output", help="Write to this file instead of stdout.")
@click.option(
    "--jobs",
    type=click.IntRange(0),
    help="CPU budget: revisions audited at once times parsers (0: one per core).",
)
@click.option("--profile", help="Scoring profile: default, ml-test-score, or a profile YAML file.")
@click.option("--no-cache", is_flag=True, help="Share a cache only within this run.")
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
    from prodready.config import load_settings
    from prodready.report.output import write_atomic
    from prodready.trend import Selection, run_trend
    from prodready.trend.render import print_table, render

    root = _audit_root(path)
    if sum((tags, last is not None, bool(revs))) != 1:
        _fail("choose exactly one of --tags, --last N or --revs REV...")
    if match and not tags:
        _fail("--match only applies to --tags")
    overrides: dict[str, Any] = {"profile": profile}
    if no_cache:
        overrides["cache"] = False
    settings = load_settings(root, overrides)
    selection = Selection(tags=tags, match=match, last=last, revs=list(revs))
    with _progress(quiet) as progress:
        budget = settings.jobs if jobs is None else jobs
        result = run_trend(root, selection, settings, jobs=budget, progress=progress)
    if output is None and format_name == "table":
        from rich.console import Console

        print_table(result, Console(highlight=False))
        return
    text = render(result, format_name)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(Path(output), text, root)
        except OSError as error:
            _fail(f"{output}: cannot write: {error.strerror or error}")
        click.echo(f"wrote {output}", err=True)
    notes = [f"{p.rev}: {note}" for p in result.revisions for note in p.notes] + result.notes
    for note in notes:
        click.echo(f"prodready: note: {note}", err=True)


@cli.group()
def baseline() -> None:
    """Accept today's findings as known debt, so the gate fails only on new ones."""


@baseline.command("create")
@click.argument("path", default=".", type=click.Path())
@click.option("-o", "--output", help="Baseline file (default: PATH/.prodready-baseline.json).")
@click.option("--force", is_flag=True, help="Overwrite an existing baseline.")
def baseline_create(path: str, output: str | None, force: bool) -> None:
    """Write the current findings, by stable fingerprint, sorted so the file diffs well."""
    from prodready.engine.baseline import BASELINE_FILE

    root = _audit_root(path)
    target = Path(output) if output else root / BASELINE_FILE
    if target.exists() and not force:
        _fail(f"{target}: already exists (use `prodready baseline update` or --force)")
    _write_baseline(root, target, prune=True, keep_existing=False)


@baseline.command("update")
@click.argument("path", default=".", type=click.Path())
@click.option("-o", "--output", help="Baseline file (default: PATH/.prodready-baseline.json).")
@click.option("--prune", is_flag=True, help="Drop entries whose findings are fixed.")
def baseline_update(path: str, output: str | None, prune: bool) -> None:
    """Add today's findings to the baseline; with --prune, also drop the fixed ones."""
    from prodready.engine.baseline import BASELINE_FILE

    root = _audit_root(path)
    target = Path(output) if output else root / BASELINE_FILE
    if not target.exists():
        _fail(f"{target}: no baseline yet (run `prodready baseline create`)")
    _write_baseline(root, target, prune=prune, keep_existing=True)


def _write_baseline(root: Path, target: Path, prune: bool, keep_existing: bool) -> None:
    import getpass
    from datetime import UTC, datetime

    from prodready.audit import run_audit
    from prodready.config import load_settings
    from prodready.engine import baseline as baseline_file
    from prodready.report.output import write_atomic

    settings = load_settings(root, {}, check_checklist=True).model_copy(update={"baseline": None})
    result = run_audit(root, settings)
    entries = baseline_file.entries_from(result.results)
    if keep_existing and not prune:
        current = {entry.fingerprint for entry in entries}
        entries += [e for e in baseline_file.load(target).entries if e.fingerprint not in current]
        entries.sort(key=lambda e: (e.rule_id, e.path or "", e.fingerprint, e.message))
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        write_atomic(target, baseline_file.render(entries, getpass.getuser(), stamp), root)
    except OSError as error:
        _fail(f"{target}: cannot write: {error.strerror or error}")
    click.echo(f"wrote {target}: {len(entries)} accepted finding(s)")


@cli.command("rules")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
def rules_command(format_name: str) -> None:
    """List the rule catalog: id, category, severity, title."""
    from prodready.engine.registry import discover

    catalog = discover()
    metas = [rule.meta for rule in catalog.sorted()]
    if format_name == "json":
        import json

        click.echo(json.dumps([_meta_dict(meta) for meta in metas], indent=2))
    elif format_name == "markdown":
        from prodready.report.catalog import render_catalog

        click.echo(render_catalog(metas), nl=False)
    else:
        for meta in metas:
            click.echo(
                f"{meta.id:10} {meta.category.value:16} {meta.severity.value:8} {meta.title}"
            )
    for error in catalog.errors:
        click.echo(f"warning: {error.source}: {error.message}", err=True)


def _meta_dict(meta: Any) -> dict[str, Any]:
    return meta.model_dump(mode="json")


@cli.command()
@click.argument("rule_id", required=False)
@click.option("--scoring", is_flag=True, help="Explain how scores and bands are computed.")
def explain(rule_id: str | None, scoring: bool) -> None:
    """Why a rule matters, what evidence passes it, and how to fix it."""
    if scoring:
        from prodready.scoring import SCORING_EXPLANATION

        click.echo(SCORING_EXPLANATION, nl=False)
        return
    if not rule_id:
        _fail("give a rule id (see `prodready rules`) or --scoring")
    from prodready.engine.registry import discover

    catalog = discover()
    rule = catalog.rules.get(rule_id.upper())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id.upper(), list(catalog.rules), n=1)
        _fail(f"unknown rule {rule_id}" + (f" (did you mean {close[0]}?)" if close else ""))
    meta = rule.meta
    applies = (
        ", ".join(sorted(k.value for k in meta.applies_to)) if meta.applies_to else "all projects"
    )
    click.echo(f"{meta.id}: {meta.title}\n")
    click.echo(
        f"category: {meta.category.value}   severity: {meta.severity.value}   applies to: {applies}\n"
    )
    click.echo(f"Why it matters\n  {meta.rationale}\n")
    click.echo(f"Passes when\n  {meta.passes_when}\n")
    click.echo(f"How to fix\n  {meta.remediation}")
    if meta.references:
        click.echo("\nReferences\n" + "\n".join(f"  {ref}" for ref in meta.references))


@cli.command()
@click.argument("path", default=".", type=click.Path())
@click.option("-o", "--output", help="Where to write the checklist (default: PATH/prodready.yaml).")
@click.option("--force", is_flag=True, help="Overwrite an existing checklist.")
def init(path: str, output: str | None, force: bool) -> None:
    """Write a commented prodready.yaml prefilled with what the repository shows."""
    from prodready.checklist.init import render_checklist
    from prodready.report.output import write_atomic
    from prodready.scanners import ScanOptions, collect

    root = _audit_root(path)
    target = Path(output) if output else root / "prodready.yaml"
    if target.exists() and not force:
        _fail(f"{target}: already exists (use --force to overwrite)")
    facts = collect(root, ScanOptions(use_cache=False))
    try:
        write_atomic(target, render_checklist(facts, root.name), root)
    except OSError as error:
        _fail(f"{target}: cannot write: {error.strerror or error}")
    click.echo(f"wrote {target}; fill in its TODOs, then run `prodready audit`")


GRAPH_FORMATS = {"svg": "svg", "dot": "dot", "graphml": "graphml", "json": "json", "mermaid": "mmd"}


@cli.command("graph")
@click.argument("path", default=".", type=click.Path())
@click.option(
    "--format",
    "format_name",
    type=click.Choice(list(GRAPH_FORMATS)),
    default="svg",
    show_default=True,
)
@click.option(
    "-o", "--output", help="Output file, '-' for stdout (default: reports/<repo>-graph.*)."
)
@click.option(
    "--level",
    type=click.Choice(["module", "package"]),
    help="module: every module; package: modules merged into their top package. "
    "Default: module, and for svg/mermaid package level when the graph is too large to read.",
)
@click.option("--stdlib", is_flag=True, help="Also show standard-library imports.")
@click.option("--no-cache", is_flag=True, help="Parse every file again; do not use the cache.")
def graph_command(
    path: str,
    format_name: str,
    output: str | None,
    level: str | None,
    stdlib: bool,
    no_cache: bool,
) -> None:
    """Draw or export the dependency graph: imports, packages, pipeline, data and models."""
    from prodready.audit import scan_options
    from prodready.config import load_settings
    from prodready.graph import build_graph
    from prodready.graph.export import render
    from prodready.graph.summary import graph_title, view
    from prodready.report.output import write_atomic
    from prodready.scanners import collect

    root = _audit_root(path)
    settings = load_settings(root, {"cache": False} if no_cache else {})
    graph = build_graph(collect(root, scan_options(settings)), include_stdlib=stdlib)
    visual = format_name in ("svg", "mermaid")
    shown, note = view(graph, level if level or visual else "module")
    text = render(shown, format_name, graph_title(root.name), note)
    if output == "-":
        click.echo(text, nl=False)
        click.echo(note, err=True)
        return
    target = Path(output or Path("reports") / f"{root.name}-graph.{GRAPH_FORMATS[format_name]}")
    try:
        write_atomic(target, text, root)
    except OSError as error:
        _fail(f"{target}: cannot write: {error.strerror or error}")
    click.echo(f"wrote {target} ({note})")


@cli.command("contracts")
@click.argument("path", default=".", type=click.Path())
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--no-cache", is_flag=True, help="Parse every file again; do not use the cache.")
def contracts_command(path: str, format_name: str, no_cache: bool) -> None:
    """List the data contracts with their lint and sample-data test results.

    Exits 1 when a contract has a problem, a sample cannot be read, or a data check fails
    (freshness and retention on samples are indicative and never fail).
    """
    from prodready.audit import run_audit
    from prodready.config import load_settings
    from prodready.contracts.report import failing, render_text

    root = _audit_root(path)
    overrides: dict[str, Any] = {"select": ["DATA"]}
    if no_cache:
        overrides["cache"] = False
    settings = load_settings(root, overrides).model_copy(update={"baseline": None})
    reports = run_audit(root, settings).contracts
    if format_name == "json":
        import json

        payload = {"contracts": [report.model_dump(mode="json") for report in reports]}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(render_text(reports), nl=False)
    sys.exit(1 if any(failing(report) for report in reports) else 0)


@cli.command("checklist-schema")
def checklist_schema() -> None:
    """Print the JSON Schema of prodready.yaml, for editor autocompletion."""
    import json

    from prodready.models.checklist import Checklist

    click.echo(json.dumps(Checklist.model_json_schema(), indent=2))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the JSON report (the result model)."""
    import json

    from prodready.models import AuditResult

    click.echo(json.dumps(AuditResult.model_json_schema(), indent=2))


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every invocation problem into one line and exit code 2."""
    try:
        cli.main(args=argv, prog_name="prodready", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        click.echo(f"prodready: error: {_said(error.format_message())}", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("prodready: aborted", err=True)
        sys.exit(130)
    except InputErrors as error:
        for problem in error.problems:
            click.echo(_said(str(problem)), err=True)
        count = len(error.problems)
        click.echo(f"prodready: error: {count} problem(s) in the input; nothing audited", err=True)
        sys.exit(EXIT_USAGE)
    except ProdreadyError as error:
        for line in str(error).splitlines() or [""]:
            click.echo(f"prodready: error: {_said(line)}", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as error:  # a bug: its own exit code, so a crash never reads as a gate
        import traceback

        click.echo(_said("".join(traceback.format_exc())), err=True, nl=False)
        click.echo(
            f"prodready: internal error: {type(error).__name__}: {_said(str(error))}"
            " (a bug in prodready; please report it with the traceback above)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


def _said(message: str) -> str:
    """An error line as printed: secrets masked, control characters visible (one line each)."""
    from prodready.safe_text import visible
    from prodready.secrets import mask_secrets

    return visible(mask_secrets(message), newlines=True)
