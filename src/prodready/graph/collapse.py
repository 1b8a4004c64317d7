"""Package level and the default drawing: what is folded so a graph reads on a printed page.

``--level package`` merges each module into its top package (depth 1). The default
view (``auto_collapse``) is chosen for legibility, not by a module count alone: third-party
packages and dependency manifests fold into one node each when there are many; when more
than ``MAX_NODES`` nodes remain, modules merge into packages at the deepest depth that
fits (a repository whose code sits under one top package still shows its subpackages);
the lineage from raw data through features and the model to serving is marked and never
folded into a folder; and when edges still outnumber what a reader can follow, the weakest
import edges are left out, counted in ``hidden_edges``.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from itertools import pairwise
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

AUTO_GROUPS = 60
MAX_ARTIFACTS = 24  # beyond this, artifacts are merged by folder too
MAX_NODES = 48  # boxes a printed page holds with labels at body size
MIN_GROUPS = 3  # fewer packages than this say nothing about the structure
MAX_RATIO = 4.0  # the drawing pads its canvas to stay within this; layouts should not need it
PAGE_RATIO = 1.5  # height over width of an A4 text column, a little generous
HEADER = 160.0  # title, subtitle and legend above the boxes
MAX_DEPENDENCIES = 6  # third-party packages and manifests drawn one by one up to this
EDGES_PER_NODE = 2.0  # beyond this density lines stop being followable
TRAINING_PATHS = 5  # without a serving app, the lineage of a few trained models is drawn
_FOLDED = {
    NodeType.PACKAGE: "third-party packages",
    NodeType.MANIFEST: "dependency manifests",
}


def code_count(graph: nx.DiGraph) -> int:
    return sum(1 for _, data in graph.nodes(data=True) if data["type"] in CODE_TYPES)


def auto_collapse(graph: nx.DiGraph) -> nx.DiGraph:
    """The default drawing: the most detailed view that fits a printed page.

    Candidates run from module level to ever coarser package depths; the first one with at
    most ``MAX_NODES`` boxes and a page-shaped layout wins, else the best-shaped one. Small
    repositories come back as the graph itself, untouched.
    """
    paths = drawn_lineage(graph)
    keep = {node for path in paths for node in path}
    drawable: list[tuple[float, nx.DiGraph]] = []  # most detailed first
    for candidate in _candidates(graph, keep):
        if candidate.number_of_nodes() > MAX_NODES:
            continue
        shown = _finish(graph, candidate, paths)
        ratio = page_ratio(shown)
        if ratio <= PAGE_RATIO and code_count(shown) + _groups(shown) >= MIN_GROUPS:
            return shown
        drawable.append((ratio, shown))
    tall_enough = [shown for ratio, shown in drawable if ratio <= MAX_RATIO - 1]
    if tall_enough:
        return tall_enough[0]
    if drawable:
        return min(drawable, key=lambda pair: pair[0])[1]
    return _finish(graph, fold_dependencies(collapse(graph, 1, keep=keep)), paths)


def _groups(graph: nx.DiGraph) -> int:
    return sum(1 for _, data in graph.nodes(data=True) if data["type"] == NodeType.GROUP)


def _candidates(graph: nx.DiGraph, keep: set[str]) -> Iterator[nx.DiGraph]:
    yield fold_dependencies(graph)
    for depth in range(best_depth(graph), 0, -1):
        yield fold_dependencies(collapse(graph, depth, keep=keep))


def _finish(graph: nx.DiGraph, shown: nx.DiGraph, paths: list[list[str]]) -> nx.DiGraph:
    """Lineage marked and edges bounded, on a copy: the audit's own graph is never changed."""
    if shown is graph:
        crowded = graph.number_of_edges() > EDGES_PER_NODE * graph.number_of_nodes()
        if not paths and not crowded:
            return graph
        shown = graph.copy()
    mark_lineage(shown, paths)
    prune_imports(shown)
    return shown


def page_ratio(graph: nx.DiGraph) -> float:
    """Height over width of the drawing, title and legend included (about)."""
    from prodready.graph.layout import layered_layout

    layout = layered_layout(graph)
    return (layout.height + HEADER) / max(layout.width, 520.0)


def drawn_lineage(graph: nx.DiGraph) -> list[list[str]]:
    """The paths to draw prominently: raw data to serving, else raw data to each trained model."""
    from prodready.graph.lineage import lineage_paths, producers, serving_lineage

    paths = serving_lineage(graph)
    if paths:
        return paths
    models = sorted(
        node
        for node, data in graph.nodes(data=True)
        if data["type"] == NodeType.MODEL and not data.get("external") and producers(graph, node)
    )
    return [path for model in models for path in lineage_paths(graph, model)][:TRAINING_PATHS]


def fold_dependencies(graph: nx.DiGraph) -> nx.DiGraph:
    """Third-party packages and manifests as one node each, when they would crowd the page."""
    import networkx as nx

    folded = {
        node: node_id(NodeType(kind), f"({label})")
        for kind, label in _FOLDED.items()
        if len(members := [n for n, d in graph.nodes(data=True) if d["type"] == kind])
        > MAX_DEPENDENCIES
        for node in members
    }
    if not folded:
        return graph
    merged = nx.DiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        if node not in folded:
            merged.add_node(node, **data)
            continue
        group = folded[node]
        if group not in merged:
            merged.add_node(group, type=data["type"], members=0, names=[])
        merged.nodes[group]["members"] += 1
        merged.nodes[group]["names"].append(str(data.get("label", node)))
    for group in set(folded.values()):
        data = merged.nodes[group]
        data["label"] = f"{data['members']} {_FOLDED[NodeType(data['type'])]}"
        data["names"] = sorted(data["names"])
    _merge_edges(graph, merged, {node: folded.get(node, node) for node in graph})
    return merged


def mark_lineage(graph: nx.DiGraph, paths: list[list[str]]) -> None:
    """Flag the nodes and edges of the lineage paths, followed through any merge."""
    mapping = graph.graph.get("mapping", {})
    for path in paths:
        shown = [mapping.get(node, node) for node in path]
        for node in shown:
            if node in graph:
                graph.nodes[node]["lineage"] = True
        for a, b in pairwise(shown):
            for edge in ((a, b), (b, a)):
                if graph.has_edge(*edge):
                    graph.edges[edge]["lineage"] = True


def prune_imports(graph: nx.DiGraph) -> None:
    """Leave out the weakest edges beyond ``EDGES_PER_NODE``, imports first; lineage stays."""
    budget = max(int(EDGES_PER_NODE * graph.number_of_nodes()), graph.number_of_nodes())
    if graph.number_of_edges() <= budget:
        return
    ranked = sorted(
        (
            (bool(d.get("lineage")), d["type"] != EdgeType.IMPORTS, d.get("weight", 1), s, t)
            for s, t, d in graph.edges(data=True)
        ),
        reverse=True,
    )
    dropped = [(s, t) for *_, s, t in ranked[budget:]]
    graph.remove_edges_from(dropped)
    graph.graph["hidden_edges"] = graph.graph.get("hidden_edges", 0) + len(dropped)


def best_depth(graph: nx.DiGraph, limit: int = AUTO_GROUPS) -> int:
    labels = [_package(d) for _, d in graph.nodes(data=True) if d["type"] in CODE_TYPES]
    deepest = max((label.count(".") + 1 for label in labels), default=1)
    depth = 1
    for candidate in range(1, deepest + 1):
        if len({_prefix(label, candidate) for label in labels}) > limit:
            break
        depth = candidate
    return depth


def collapse(graph: nx.DiGraph, depth: int = 1, keep: Set[str] = frozenset()) -> nx.DiGraph:
    """Merge code nodes (and their ``__main__`` entry points) into package groups.

    Artifacts in ``keep`` (the lineage) stay themselves even when the others merge by folder.
    """
    import networkx as nx

    merged = nx.DiGraph(**graph.graph)
    merged.graph.update(collapsed=True, depth=depth, modules=code_count(graph), level="package")
    mapping: dict[str, str] = {}
    folders = {n: f for n, f in _artifact_folders(graph).items() if n not in keep}
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
        group = node_id(NodeType.GROUP, _prefix(_package(graph.nodes[owner]), depth))
        mapping[node] = group
        if group not in merged:
            merged.add_node(group, type=NodeType.GROUP.value, label=_key(group), members=0)
        if data["type"] in CODE_TYPES:
            merged.nodes[group]["members"] += 1
    _merge_edges(graph, merged, mapping)
    return merged


def _merge_edges(graph: nx.DiGraph, merged: nx.DiGraph, mapping: dict[str, str]) -> None:
    """Each edge onto its merged ends; parallel edges add up in ``weight``, kinds in ``types``."""
    for source, target, data in graph.edges(data=True):
        a, b = mapping[source], mapping[target]
        if a == b:
            continue
        weight = data.get("weight", 1)
        types = data.get("types", [data["type"]])
        if merged.has_edge(a, b):
            edge = merged.edges[a, b]
            edge["weight"] += weight
            edge["types"] = sorted(set(edge["types"]) | set(types), key=_rank)
            edge["type"] = edge["types"][0]
        else:
            merged.add_edge(a, b, type=data["type"], types=list(types), weight=weight)
    if "mapping" in graph.graph:  # a second merge: map the originals through both
        merged.graph["mapping"] = {
            node: mapping.get(middle, middle) for node, middle in graph.graph["mapping"].items()
        }
    else:
        merged.graph["mapping"] = mapping


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
            folder = f"({data['type']} outside the repository)"
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


def _package(data: dict) -> str:  # type: ignore[type-arg]
    """The package a module sits in (a package's ``__init__`` is the package itself).

    Grouping by it, not by the module's own name, keeps a flat ``tests/`` folder one group
    at every depth instead of one group per test module.
    """
    label = str(data["label"])
    path = str(data.get("path", ""))
    if "." not in label or path.endswith("__init__.py"):
        return label
    return label.rsplit(".", 1)[0]


def _prefix(label: str, depth: int) -> str:
    return ".".join(label.split(".")[:depth])


def _key(node: str) -> str:
    return node.split(":", 1)[1]


def _rank(kind: str) -> int:
    return EDGE_PRIORITY.index(EdgeType(kind))
