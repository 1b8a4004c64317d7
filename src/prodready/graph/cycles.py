"""Import cycles: each listed once, in its shortest form, starting at its smallest module.

Enumerating every simple cycle explodes on a tangled package, so for each
module of a strongly connected component only the shortest cycle through it
is taken (a breadth-first search), skipping modules already on a found cycle.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from prodready.graph.guards import Guard
from prodready.graph.schema import CODE_TYPES, EdgeType

if TYPE_CHECKING:
    import networkx as nx

MAX_SEARCHES_PER_COMPONENT = 200


def import_cycles(
    graph: nx.DiGraph, include_package_inits: bool = False, limit: int = 100
) -> list[list[str]]:
    """Cycles as node lists (the first node is not repeated at the end), sorted."""
    import networkx as nx

    code = _import_subgraph(graph, include_package_inits)
    cycles: set[tuple[str, ...]] = set()
    for component in nx.strongly_connected_components(code):
        if len(component) < 2:
            continue
        covered: set[str] = set()
        for searches, start in enumerate(sorted(component)):
            if start in covered:
                continue
            if searches >= MAX_SEARCHES_PER_COMPONENT or len(cycles) >= limit:
                break
            cycle = _shortest_cycle(code, start, component)
            if cycle:
                covered.update(cycle)
                cycles.add(_canonical(cycle))
    return [list(cycle) for cycle in sorted(cycles, key=lambda c: (len(c), c))][:limit]


def _import_subgraph(graph: nx.DiGraph, include_package_inits: bool) -> nx.DiGraph:
    """Runtime imports between repository code; ``TYPE_CHECKING`` imports never run."""
    import networkx as nx

    code = nx.DiGraph()
    for source, target, data in graph.edges(data=True):
        if (
            EdgeType.IMPORTS not in data["types"]
            or graph.nodes[source]["type"] not in CODE_TYPES
            or graph.nodes[target]["type"] not in CODE_TYPES
            or data.get("guard") == Guard.TYPE_CHECKING
        ):
            continue
        if not include_package_inits and _imports_own_package(graph, source, target):
            continue
        code.add_edge(source, target)
    return code


def _imports_own_package(graph: nx.DiGraph, source: str, target: str) -> bool:
    """``pkg/mod.py`` importing from ``pkg/__init__.py``: Python runs the package first anyway."""
    target_path = graph.nodes[target].get("path", "")
    if not target_path.endswith("__init__.py"):
        return False
    package = target_path.rsplit("/", 1)[0] + "/" if "/" in target_path else ""
    return graph.nodes[source].get("path", "").startswith(package)


def _shortest_cycle(code: nx.DiGraph, start: str, component: set[str]) -> list[str] | None:
    parents: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(code.successors(node)):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return path[::-1]
            if target in component and target not in parents:
                parents[target] = node
                queue.append(target)
    return None


def _canonical(cycle: list[str]) -> tuple[str, ...]:
    first = cycle.index(min(cycle))
    return tuple(cycle[first:] + cycle[:first])
