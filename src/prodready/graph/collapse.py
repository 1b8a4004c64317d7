"""Package level: modules merged into their package, so 3,000 modules stay readable.

``--level package`` merges each module into its top package (depth 1). Above
``AUTO_MODULES`` code nodes the graph collapses by itself, to the deepest
package depth that keeps at most ``AUTO_GROUPS`` groups: a repository whose
code all sits under one top package still shows its subpackages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prodready.graph.schema import (
    ARTIFACT_TYPES,
    CODE_TYPES,
    EDGE_PRIORITY,
    EdgeType,
    NodeType,
    node_id,
)

if TYPE_CHECKING:
    import networkx as nx

AUTO_MODULES = 150
AUTO_GROUPS = 60
MAX_ARTIFACTS = 24  # beyond this, artifacts are merged by folder too


def code_count(graph: nx.DiGraph) -> int:
    return sum(1 for _, data in graph.nodes(data=True) if data["type"] in CODE_TYPES)


def auto_collapse(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph itself when it is small enough, else its package-level view."""
    if code_count(graph) <= AUTO_MODULES:
        return graph
    return collapse(graph, best_depth(graph))


def best_depth(graph: nx.DiGraph, limit: int = AUTO_GROUPS) -> int:
    labels = [d["label"] for _, d in graph.nodes(data=True) if d["type"] in CODE_TYPES]
    deepest = max((label.count(".") + 1 for label in labels), default=1)
    depth = 1
    for candidate in range(1, deepest + 1):
        if len({_prefix(label, candidate) for label in labels}) > limit:
            break
        depth = candidate
    return depth


def collapse(graph: nx.DiGraph, depth: int = 1) -> nx.DiGraph:
    """Merge code nodes (and their ``__main__`` entry points) into package groups."""
    import networkx as nx

    merged = nx.DiGraph(**graph.graph)
    merged.graph.update(collapsed=True, depth=depth, modules=code_count(graph), level="package")
    mapping: dict[str, str] = {}
    folders = _artifact_folders(graph)
    for node, data in graph.nodes(data=True):
        owner = _owner(graph, node, data)
        if owner is None and node in folders:
            folder = folders[node]
            mapping[node] = folder
            if folder not in merged:
                merged.add_node(folder, type=data["type"], label=_key(folder), members=0)
            merged.nodes[folder]["members"] += 1
            continue
        if owner is None:
            mapping[node] = node
            merged.add_node(node, **data)
            continue
        group = node_id(NodeType.GROUP, _prefix(graph.nodes[owner]["label"], depth))
        mapping[node] = group
        if group not in merged:
            merged.add_node(group, type=NodeType.GROUP.value, label=_key(group), members=0)
        if data["type"] in CODE_TYPES:
            merged.nodes[group]["members"] += 1
    for source, target, data in graph.edges(data=True):
        a, b = mapping[source], mapping[target]
        if a == b:
            continue
        if merged.has_edge(a, b):
            edge = merged.edges[a, b]
            edge["weight"] += 1
            edge["types"] = sorted(set(edge["types"]) | set(data["types"]), key=_rank)
            edge["type"] = edge["types"][0]
        else:
            merged.add_edge(a, b, type=data["type"], types=list(data["types"]), weight=1)
    return merged


def _artifact_folders(graph: nx.DiGraph) -> dict[str, str]:
    """Artifact -> folder node, when there are too many artifacts to draw one by one."""
    artifacts = [
        (node, data) for node, data in graph.nodes(data=True) if data["type"] in ARTIFACT_TYPES
    ]
    if len(artifacts) <= MAX_ARTIFACTS:
        return {}
    folders = {}
    for node, data in artifacts:
        path = str(data.get("path", data["label"]))
        if data.get("external"):
            folder = "(outside the repository)"
        else:
            folder = path.rsplit("/", 1)[0] + "/" if "/" in path else "(repository root)"
        folders[node] = node_id(NodeType(data["type"]), folder)
    return folders


def _owner(graph: nx.DiGraph, node: str, data: dict) -> str | None:  # type: ignore[type-arg]
    """The code node a node is merged with: itself for code, its module for a ``__main__``."""
    if data["type"] in CODE_TYPES:
        return node
    if data["type"] == NodeType.ENTRYPOINT and data.get("kind") == "main":
        targets = [t for t in graph.successors(node) if graph.nodes[t]["type"] in CODE_TYPES]
        return targets[0] if targets else None
    return None


def _prefix(label: str, depth: int) -> str:
    return ".".join(label.split(".")[:depth])


def _key(node: str) -> str:
    return node.split(":", 1)[1]


def _rank(kind: str) -> int:
    return EDGE_PRIORITY.index(EdgeType(kind))
