"""Shared by the architecture rules: the audit's graph and how its nodes read in findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prodready.engine.context import RuleContext

if TYPE_CHECKING:
    import networkx as nx


def repo_graph(ctx: RuleContext) -> nx.DiGraph:
    """The audit's graph; a graph that could not be built makes the rule an error, with why."""
    if ctx.graph is None:
        raise RuntimeError(f"the dependency graph could not be built: {ctx.graph_error}")
    return ctx.graph


def label(graph: nx.DiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


def path_of(graph: nx.DiGraph, node: str) -> str | None:
    path = graph.nodes[node].get("path")
    return str(path) if path else None


def has_code(ctx: RuleContext) -> bool:
    return bool(ctx.facts.python or ctx.facts.notebooks)
