"""`prodready graph`: the dependency graph drawn or exported."""

from __future__ import annotations

from pathlib import Path

import click

from prodready.cli.options import audit_root, format_option, no_cache_option, path_argument
from prodready.cli.outputs import write_or_fail

GRAPH_FORMATS = {"svg": "svg", "dot": "dot", "graphml": "graphml", "json": "json", "mermaid": "mmd"}


@click.command("graph")
@path_argument()
@format_option(GRAPH_FORMATS, default="svg")
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
@no_cache_option()
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
    from prodready.scanners import collect

    root = audit_root(path)
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
    write_or_fail(target, text, root)
    click.echo(f"wrote {target} ({note})")


COMMANDS = (graph_command,)
