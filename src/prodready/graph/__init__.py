"""The dependency graph: code imports and data/model lineage in one networkx ``DiGraph``.

networkx is imported only when a graph is built, so the CLI starts without it.
The graph is built once per audit and kept on the rule context (``graph_for``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from prodready.scanners.facts import RepoFacts

GRAPH_KEY = "graph"


def build_graph(facts: RepoFacts, include_stdlib: bool = False) -> nx.DiGraph:
    """Build the graph from the facts (see ``prodready.graph.build``)."""
    from prodready.graph.build import build_graph as build

    return build(facts, include_stdlib)


def graph_for(ctx: Any) -> nx.DiGraph:
    """The audit's graph, built on first use and cached in ``ctx.extras``."""
    graph = ctx.extras.get(GRAPH_KEY)
    if graph is None:
        graph = build_graph(ctx.facts)
        ctx.extras[GRAPH_KEY] = graph
    return graph
