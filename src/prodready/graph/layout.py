"""A layered layout computed here, so drawing needs no Graphviz binary and no JavaScript.

Sugiyama-style, kept small: edges are turned to follow the flow (data into the
stage that reads it, the model into the app that serves it), cycles are broken
by a depth-first search whose back edges are drawn back to the front, layers
are the topological generations of what is left, crossings are reduced by a
few barycenter sweeps, and a layer wider than ``MAX_WIDTH`` wraps onto several rows.

Sizes are for print: a drawing at most ``MAX_WIDTH`` units wide, printed across an
A4 text column (about 180 mm), shows ``FONT_SIZE`` labels at about 10 pt, the body
size; a label longer than ``MAX_LABEL`` keeps its end (the full name is in the tooltip).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prodready.graph.schema import EdgeType, NodeType

if TYPE_CHECKING:
    import networkx as nx

FONT_SIZE = 18.0
CHAR_WIDTH = 10.4  # Helvetica averages about 0.55 em; wide enough for capitals and digits
BOX_HEIGHT = 34.0
H_GAP = 14.0
V_GAP = 46.0
MARGIN = 20.0
MAX_WIDTH = 900.0
MAX_LABEL = 30
SWEEPS = 4
_AGAINST_FLOW = (EdgeType.READS, EdgeType.SERVES)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2


@dataclass
class Layout:
    boxes: dict[str, Box] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    back_edges: set[tuple[str, str]] = field(default_factory=set)


def shown_label(data: dict, node: str) -> str:  # type: ignore[type-arg]
    """The label drawn in a box: its end when it is long, where module and file names differ."""
    label = str(data.get("label", node))
    return label if len(label) <= MAX_LABEL else "…" + label[-(MAX_LABEL - 1) :]


def box_width(label: str) -> float:
    return max(48.0, len(label) * CHAR_WIDTH + 20.0)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * CHAR_WIDTH * size / FONT_SIZE


def layered_layout(graph: nx.DiGraph, top: float = 0.0) -> Layout:
    import networkx as nx

    flow = nx.DiGraph()
    flow.add_nodes_from(sorted(graph.nodes))
    for source, target, data in graph.edges(data=True):
        if data["type"] in _AGAINST_FLOW:
            flow.add_edge(target, source, original=(source, target))
        else:
            flow.add_edge(source, target, original=(source, target))
    back = _back_edges(flow)
    flow.remove_edges_from(back)
    generations = [sorted(layer) for layer in nx.topological_generations(flow)]
    layers = _sink_sources(generations, flow, graph)
    _order(layers, flow)
    size = {node: box_width(shown_label(graph.nodes[node], node)) for node in graph.nodes}
    rows = [row for layer in layers for row in _wrap(layer, size)]
    layout = Layout(back_edges={flow_edge_original(graph, edge) for edge in back})
    widths = [sum(size[n] for n in row) + H_GAP * (len(row) - 1) for row in rows]
    widest = max(widths, default=0.0)
    for index, row in enumerate(rows):
        x = MARGIN + (widest - widths[index]) / 2
        y = top + MARGIN + index * (BOX_HEIGHT + V_GAP)
        for node in row:
            layout.boxes[node] = Box(x, y, size[node], BOX_HEIGHT)
            x += size[node] + H_GAP
    layout.width = widest + 2 * MARGIN
    layout.height = top + 2 * MARGIN + len(rows) * (BOX_HEIGHT + V_GAP) - V_GAP
    return layout


def _wrap(layer: list[str], size: dict[str, float]) -> list[list[str]]:
    """A layer cut into rows no wider than ``MAX_WIDTH`` (a box wider than that sits alone)."""
    room = MAX_WIDTH - 2 * MARGIN
    rows: list[list[str]] = [[]]
    used = 0.0
    for node in layer:
        width = size[node] + (H_GAP if rows[-1] else 0.0)
        if rows[-1] and used + width > room:
            rows.append([])
            used, width = 0.0, size[node]
        rows[-1].append(node)
        used += width
    return rows


def flow_edge_original(graph: nx.DiGraph, edge: tuple[str, str]) -> tuple[str, str]:
    """A flow edge back in the graph's own direction."""
    source, target = edge
    return (source, target) if graph.has_edge(source, target) else (target, source)


def _back_edges(flow: nx.DiGraph) -> list[tuple[str, str]]:
    """Edges to a node still on the depth-first stack: removing them leaves a DAG."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: list[tuple[str, str]] = []
    for root in flow.nodes:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(flow.successors(root))))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.append((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(flow.successors(child)))))
    return back


def _sink_sources(layers: list[list[str]], flow: nx.DiGraph, graph: nx.DiGraph) -> list[list[str]]:
    """Packages go to the bottom row; then each source moves down to just above its nearest
    successor, so the top row is not every test, manifest and entry point."""
    depth = {node: index for index, layer in enumerate(layers) for node in layer}
    bottom = len(layers) - 1
    for node in depth:
        if graph.nodes[node]["type"] == NodeType.PACKAGE and not any(
            True for _ in flow.successors(node)
        ):
            depth[node] = bottom
    for node in list(depth):
        successors = [depth[s] for s in flow.successors(node)]
        if successors and not any(True for _ in flow.predecessors(node)):
            depth[node] = max(depth[node], min(successors) - 1)
    moved: list[list[str]] = [[] for _ in layers]
    for node in sorted(depth):
        moved[depth[node]].append(node)
    return [layer for layer in moved if layer]


def _order(layers: list[list[str]], flow: nx.DiGraph) -> None:
    """Barycenter sweeps, down then up: each node moves toward its neighbours' mean position."""
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        sequence = range(1, len(layers)) if down else range(len(layers) - 2, -1, -1)
        for index in sequence:
            fixed = layers[index - 1] if down else layers[index + 1]
            position = {node: i for i, node in enumerate(fixed)}
            neighbours = flow.predecessors if down else flow.successors

            def barycenter(node: str, here: int, where=position, near=neighbours) -> float:  # type: ignore[no-untyped-def]
                spots = [where[n] for n in near(node) if n in where]
                return sum(spots) / len(spots) if spots else float(here)

            layer = layers[index]
            layers[index] = [
                node
                for _, _, node in sorted(
                    (barycenter(node, i), i, node) for i, node in enumerate(layer)
                )
            ]
