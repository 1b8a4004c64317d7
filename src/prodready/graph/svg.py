"""Draw the graph as a standalone SVG: boxes coloured by type, curves coloured by edge type.

No script, no external font or stylesheet: the file opens the same in a
browser, an image viewer and the HTML report. Every label is XML-escaped, and characters XML 1.0
forbids (a control character in a file name) are made visible first, so the file stays well-formed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from prodready.graph.layout import BOX_HEIGHT, MARGIN, Box, Layout, layered_layout
from prodready.graph.schema import EdgeType, NodeType
from prodready.safe_text import xml

if TYPE_CHECKING:
    import networkx as nx

NODE_COLOURS: dict[str, tuple[str, str]] = {  # fill, stroke
    NodeType.MODULE: ("#e8f0fe", "#4a6fa5"),
    NodeType.NOTEBOOK: ("#fff4e0", "#c77d12"),
    NodeType.GROUP: ("#dde7f7", "#2f4f86"),
    NodeType.PACKAGE: ("#f1f1f1", "#8a8a8a"),
    NodeType.MANIFEST: ("#fafafa", "#b0b0b0"),
    NodeType.STAGE: ("#e6f4ea", "#2e7d32"),
    NodeType.PARAMS: ("#f3e8fd", "#7b45b0"),
    NodeType.DATA: ("#e0f7fa", "#00838f"),
    NodeType.MODEL: ("#fde7e7", "#c62828"),
    NodeType.METRICS: ("#fffde7", "#9e9d24"),
    NodeType.CONTRACT: ("#ede7f6", "#4527a0"),
    NodeType.ENTRYPOINT: ("#fce4ec", "#ad1457"),
}
EDGE_COLOURS: dict[str, str] = {
    EdgeType.IMPORTS: "#7f8fa6",
    EdgeType.READS: "#00838f",
    EdgeType.WRITES: "#ef6c00",
    EdgeType.PRODUCES: "#2e7d32",
    EdgeType.SERVES: "#ad1457",
    EdgeType.DECLARES: "#b0b0b0",
}
BACK_COLOUR = "#d32f2f"
TITLE_HEIGHT = 72.0
FONT = "font-family='Helvetica, Arial, sans-serif'"


def escape(text: str) -> str:
    return _escape(xml(text))


def quoteattr(text: str) -> str:
    return _quoteattr(xml(text))


def render_svg(graph: nx.DiGraph, title: str, subtitle: str = "") -> str:
    layout = layered_layout(graph, top=TITLE_HEIGHT)
    legend = _legend(graph)
    width = max(layout.width, 640.0)
    height = layout.height + 40.0
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:.0f}' height='{height:.0f}' "
        f"viewBox='0 0 {width:.0f} {height:.0f}' {FONT} font-size='12'>",
        f"<title>{escape(f'{title} ({subtitle})' if subtitle else title)}</title>",
        _markers(),
        "<rect width='100%' height='100%' fill='#ffffff'/>",
        f"<text x='{MARGIN}' y='24' font-size='16' font-weight='bold'>{escape(title)}</text>",
    ]
    if subtitle:
        parts.append(f"<text x='{MARGIN}' y='42' fill='#555555'>{escape(subtitle)}</text>")
    parts.append(legend)
    parts.append("<g class='edges' fill='none'>")
    for source, target, data in sorted(graph.edges(data=True)):
        parts.append(_edge(layout, source, target, str(data["type"]), data.get("weight", 1)))
    parts.append("</g><g class='nodes'>")
    for node in sorted(layout.boxes):
        parts.append(_node(node, graph.nodes[node], layout.boxes[node]))
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def _node(node: str, data: dict, box: Box) -> str:  # type: ignore[type-arg]
    kind = str(data["type"])
    fill, stroke = NODE_COLOURS.get(kind, ("#ffffff", "#333333"))
    label = str(data.get("label", node))
    tip = f"{kind}: {data.get('path') or label}"
    if data.get("members"):
        unit = "modules" if kind == NodeType.GROUP else "files"
        tip += f" ({data['members']} {unit})"
    radius = 14 if kind in (NodeType.DATA, NodeType.MODEL, NodeType.METRICS) else 4
    dash = " stroke-dasharray='4 3'" if data.get("external") or data.get("exists") is False else ""
    return (
        f"<g class={quoteattr(kind)}><title>{escape(tip)}</title>"
        f"<rect x='{box.x:.1f}' y='{box.y:.1f}' width='{box.width:.1f}' height='{box.height:.1f}' "
        f"rx='{radius}' fill='{fill}' stroke='{stroke}'{dash}/>"
        f"<text x='{box.center:.1f}' y='{box.y + BOX_HEIGHT / 2 + 4:.1f}' "
        f"text-anchor='middle'>{escape(label)}</text></g>"
    )


def _edge(layout: Layout, source: str, target: str, kind: str, weight: int) -> str:
    a, b = layout.boxes[source], layout.boxes[target]
    back = (source, target) in layout.back_edges
    colour = BACK_COLOUR if back else EDGE_COLOURS.get(kind, "#999999")
    if b.y > a.y:
        x1, y1, x2, y2 = a.center, a.y + a.height, b.center, b.y
    elif b.y < a.y:
        x1, y1, x2, y2 = a.center, a.y, b.center, b.y + b.height
    else:  # same row: an arc below
        x1, y1, x2, y2 = a.center, a.y + a.height, b.center, b.y + b.height
    if y1 != y2:
        c1, c2 = y1 + (y2 - y1) / 2, y2 - (y2 - y1) / 2
    else:
        c1 = c2 = y1 + 36.0
    path = f"M{x1:.1f},{y1:.1f} C{x1:.1f},{c1:.1f} {x2:.1f},{c2:.1f} {x2:.1f},{y2:.1f}"
    style = " stroke-dasharray='6 4'" if back or kind == EdgeType.DECLARES else ""
    width = min(1.0 + math.log2(max(weight, 1)) * 0.5, 3.0)
    opacity = 0.45 if kind == EdgeType.IMPORTS and not back else 0.85
    marker = "back" if back else kind
    return (
        f"<path d='{path}' stroke='{colour}' stroke-width='{width:.2f}' "
        f"stroke-opacity='{opacity}'{style} marker-end='url(#arrow-{marker})'>"
        f"<title>{escape(f'{kind}: {source} -> {target}')}</title></path>"
    )


def _markers() -> str:
    colours = {**EDGE_COLOURS, "back": BACK_COLOUR}
    defs = "".join(
        f"<marker id='arrow-{name}' viewBox='0 0 10 10' refX='10' refY='5' markerWidth='8' "
        f"markerHeight='8' markerUnits='userSpaceOnUse' orient='auto-start-reverse'><path d='M0,0 L10,5 L0,10 z' "
        f"fill='{colour}'/></marker>"
        for name, colour in colours.items()
    )
    return f"<defs>{defs}</defs>"


def _legend(graph: nx.DiGraph) -> str:
    present = sorted({str(data["type"]) for _, data in graph.nodes(data=True)})
    items = []
    x = MARGIN
    y = TITLE_HEIGHT - 10
    for kind in present:
        fill, stroke = NODE_COLOURS.get(kind, ("#ffffff", "#333333"))
        items.append(
            f"<rect x='{x:.0f}' y='{y - 9:.0f}' width='12' height='10' fill='{fill}' "
            f"stroke='{stroke}'/><text x='{x + 16:.0f}' y='{y:.0f}' font-size='10'>{kind}</text>"
        )
        x += 24 + len(kind) * 6
    return f"<g class='legend'>{''.join(items)}</g>"
