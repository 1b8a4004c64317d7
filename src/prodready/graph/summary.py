"""The graph's part of the audit result: counts, analyses and the SVG the HTML report embeds."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from prodready.models import GraphSummary

if TYPE_CHECKING:
    import networkx as nx

    from prodready.scanners.facts import RepoFacts


def view(graph: nx.DiGraph, level: str | None) -> tuple[nx.DiGraph, str]:
    """The graph at ``level`` (None: module level unless too large), and a note saying which."""
    from prodready.graph.collapse import auto_collapse, code_count, collapse

    if level == "package":
        shown = collapse(graph, 1)
    elif level == "module":
        shown = graph
    else:
        shown = auto_collapse(graph)
    note = f"{shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges"
    if shown.graph.get("collapsed"):
        groups = sum(1 for _, d in shown.nodes(data=True) if d["type"] == "group")
        how = "" if level == "package" else "automatically "
        note = (
            f"collapsed {how}to package level (depth {shown.graph['depth']}): "
            f"{code_count(graph)} modules in {groups} packages; {note}"
        )
    return shown, note


def graph_title(name: str) -> str:
    return f"{name}: dependency graph"


def graph_summary(
    graph: nx.DiGraph | None, facts: RepoFacts, name: str, library: bool, error: str | None = None
) -> GraphSummary:
    """Summarize the audit's graph; a failure is reported in the summary, never raised.

    Cycles and orphans follow the same policy as ARCH-001 and ARCH-002 (in a library,
    package modules are its API), so the report never lists what the rules accept.
    """
    if graph is None:
        return GraphSummary(error=error or "the dependency graph was not built")
    try:
        return _summary(graph, facts, name, library)
    except Exception as error:  # the graph is an addition: it must not cost the audit
        return GraphSummary(error=f"{type(error).__name__}: {error}")


def _summary(graph: nx.DiGraph, facts: RepoFacts, name: str, library: bool) -> GraphSummary:
    from prodready.graph.cycles import import_cycles
    from prodready.graph.lineage import serving_lineage
    from prodready.graph.orphans import find_orphans
    from prodready.graph.svg import render_svg

    labels = {node: str(data.get("label", node)) for node, data in graph.nodes(data=True)}
    shown, note = view(graph, None)
    problems = list(graph.graph.get("problems", []))
    problems += [f"{site}: import of a computed name" for site in graph.graph["unknown_imports"]]
    problems += [f"{site}: unresolved" for site in graph.graph["unresolved_imports"]]
    return GraphSummary(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        nodes_by_type=dict(sorted(Counter(d["type"] for _, d in graph.nodes(data=True)).items())),
        edges_by_type=dict(sorted(Counter(d["type"] for *_, d in graph.edges(data=True)).items())),
        cycles=[[labels[n] for n in cycle] for cycle in import_cycles(graph)],
        orphans=[graph.nodes[n]["path"] for n in find_orphans(graph, facts, library).modules],
        lineage=[[labels[n] for n in path] for path in serving_lineage(graph)],
        problems=problems,
        level=str(shown.graph.get("level", "module")),
        collapsed=bool(shown.graph.get("collapsed")),
        svg=render_svg(shown, graph_title(name), note),
    )
