"""The dependency graph: code imports and data/model lineage in one networkx ``DiGraph``.

networkx is imported only when a graph is built, so the CLI starts without it.
The graph is built once per audit by ``run_audit`` and handed to rules as ``ctx.graph``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from prodready.scanners.facts import RepoFacts


def build_graph(facts: RepoFacts, include_stdlib: bool = False) -> nx.DiGraph:
    """Build the graph from the facts (see ``prodready.graph.build``)."""
    from prodready.graph.build import build_graph as build

    return build(facts, include_stdlib)
