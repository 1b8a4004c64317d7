"""Small questions asked of the graph by several analyses: who imports whom, what is code."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from prodready.graph.schema import CODE_TYPES, EdgeType, NodeType
from prodready.scanners.queries import is_source_path as is_source

if TYPE_CHECKING:
    import networkx as nx

# Folders that hold exploration, not product code (Sculley et al. 2015: dead experimental paths).
EXPERIMENT_DIRS = frozenset(
    {
        "notebooks",
        "notebook",
        "nbs",
        "experiments",
        "experiment",
        "experimental",
        "scratch",
        "scratchpad",
        "sandbox",
        "playground",
        "prototype",
        "prototypes",
        "drafts",
        "spikes",
    }
)


def is_experimental(path: str, packages: frozenset[str] | None = None) -> bool:
    """Under an experiment folder; given the repo's packages (folders with ``__init__.py``), an
    ``experiments`` subpackage inside a regular package is shipped code, not exploration."""
    parts = PurePosixPath(path).parent.parts
    return any(
        part.lower() in EXPERIMENT_DIRS
        and (packages is None or "/".join(parts[:index]) not in packages)
        for index, part in enumerate(parts)
    )


def nodes_of(graph: nx.DiGraph, *types: NodeType) -> list[str]:
    wanted = {t.value for t in types}
    return sorted(node for node, data in graph.nodes(data=True) if data["type"] in wanted)


def has_type(graph: nx.DiGraph, source: str, target: str, kind: EdgeType) -> bool:
    return kind.value in graph.edges[source, target]["types"]


def importers(graph: nx.DiGraph, node: str) -> list[str]:
    """Everything with an ``imports`` edge into ``node``: code, stages and entry points."""
    return sorted(p for p in graph.predecessors(node) if has_type(graph, p, node, EdgeType.IMPORTS))


def fan_in(graph: nx.DiGraph, node: str) -> list[str]:
    """Shipping modules that import ``node`` (tests and notebooks do not make it central)."""
    return [
        p
        for p in importers(graph, node)
        if graph.nodes[p]["type"] == NodeType.MODULE and is_source(graph.nodes[p].get("path", ""))
    ]


def experimental_imports(graph: nx.DiGraph) -> list[tuple[str, str, int | None]]:
    """(importer, imported, line) where shipping code imports a notebook or experiment folder."""
    packages = frozenset(
        str(PurePosixPath(data["path"]).parent)
        for _, data in graph.nodes(data=True)
        if str(data.get("path", "")).endswith("__init__.py")
    )
    found = []
    for source, target, data in graph.edges(data=True):
        if EdgeType.IMPORTS not in data["types"]:
            continue
        src, tgt = graph.nodes[source], graph.nodes[target]
        if src["type"] != NodeType.MODULE or tgt["type"] not in CODE_TYPES:
            continue
        path = src.get("path", "")
        if not is_source(path) or is_experimental(path, packages):
            continue
        if tgt["type"] == NodeType.NOTEBOOK or is_experimental(tgt.get("path", ""), packages):
            found.append((source, target, data.get("line")))
    return sorted(found)
