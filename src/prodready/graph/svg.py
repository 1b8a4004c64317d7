"""Draw the graph as a standalone SVG: boxes coloured by type, curves coloured by edge type.

No script, no external font or stylesheet: the file opens the same in a
browser, an image viewer and the HTML report. Made to be printed: every text is at
least ``FONT_SIZE`` (body size across an A4 column), a legend names every box colour
and every line style, the lineage is drawn heavy, and the aspect ratio stays within
``MAX_RATIO`` (the canvas is padded rather than letting a strip shrink to nothing). Every label is XML-escaped, and characters XML 1.0
forbids (a control character in a file name) are made visible first, so the file stays well-formed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from prodready.graph.layout import (
    BOX_HEIGHT,
    FONT_SIZE,
    MARGIN,
    Box,
    Layout,
    layered_layout,
    shown_label,
    text_width,
)
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
LINEAGE_COLOUR = "#6a1b9a"
NODE_NAMES: dict[str, str] = {
    NodeType.GROUP: "package of modules",
    NodeType.PACKAGE: "third-party package",
    NodeType.STAGE: "pipeline stage",
    NodeType.CONTRACT: "data contract",
    NodeType.ENTRYPOINT: "entry point",
}
EDGE_NAMES: dict[str, str] = {
    EdgeType.IMPORTS: "imports",
    EdgeType.READS: "reads",
    EdgeType.WRITES: "writes",
    EdgeType.PRODUCES: "produces",
    EdgeType.SERVES: "serves",
    EdgeType.DECLARES: "declares",
}
TITLE_SIZE = 22.0
LINE = 26.0  # one line of header text
MIN_WIDTH = 520.0
MAX_RATIO = 4.0
MAX_NAMES = 40
FONT = "font-family='Helvetica, Arial, sans-serif'"


def escape(text: str) -> str:
    return _escape(xml(text))


def quoteattr(text: str) -> str:
    return _quoteattr(xml(text))


def render_svg(graph: nx.DiGraph, title: str, subtitle: str = "") -> str:
    layout = layered_layout(graph)
    width = max(layout.width, MIN_WIDTH)
    notes = [subtitle] if subtitle else []
    if graph.graph.get("hidden_edges"):
        notes.append(f"{graph.graph['hidden_edges']} weaker edge(s) not drawn")
    lines = [line for note in notes for line in _wrap_text(note, width - 2 * MARGIN)]
    legend, legend_height = _legend(graph, layout, width, MARGIN + LINE * (1 + len(lines)))
    top = MARGIN + LINE * (1 + len(lines)) + legend_height
    height = top + layout.height
    width, height = max(width, height / MAX_RATIO), max(height, width / MAX_RATIO)
    dx = (width - layout.width) / 2  # centred when the canvas is wider than the boxes
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:.0f}' height='{height:.0f}' "
        f"viewBox='0 0 {width:.0f} {height:.0f}' {FONT} font-size='{FONT_SIZE:g}'>",
        f"<title>{escape(f'{title} ({subtitle})' if subtitle else title)}</title>",
        _markers(),
        "<rect width='100%' height='100%' fill='#ffffff'/>",
        f"<text x='{MARGIN}' y='{MARGIN + 12:.0f}' font-size='{TITLE_SIZE:g}' "
        f"font-weight='bold'>{escape(title)}</text>",
    ]
    for index, line in enumerate(lines):
        y = MARGIN + 12 + LINE * (index + 1)
        parts.append(f"<text x='{MARGIN}' y='{y:.0f}' fill='#444444'>{escape(line)}</text>")
    parts.append(legend)
    boxes = {node: Box(b.x + dx, b.y + top, b.width, b.height) for node, b in layout.boxes.items()}
    parts.append("<g class='edges' fill='none'>")
    for source, target, data in sorted(
        graph.edges(data=True), key=lambda e: (bool(e[2].get("lineage")), e[0], e[1])
    ):
        parts.append(_edge(boxes, layout.back_edges, source, target, data))
    parts.append("</g><g class='nodes'>")
    for node in sorted(boxes):
        parts.append(_node(node, graph.nodes[node], boxes[node]))
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def _wrap_text(text: str, width: float) -> list[str]:
    """Words on lines that fit ``width`` at the body font size."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _node(node: str, data: dict, box: Box) -> str:  # type: ignore[type-arg]
    kind = str(data["type"])
    fill, stroke = NODE_COLOURS.get(kind, ("#ffffff", "#333333"))
    label = shown_label(data, node)
    tip = f"{NODE_NAMES.get(kind, kind)}: {data.get('path') or data.get('label', node)}"
    if data.get("names"):
        names = data["names"]
        tip += ": " + ", ".join(names[:MAX_NAMES]) + (" ..." if len(names) > MAX_NAMES else "")
    elif data.get("members"):
        unit = "modules" if kind == NodeType.GROUP else "files"
        tip += f" ({data['members']} {unit})"
    radius = 14 if kind in (NodeType.DATA, NodeType.MODEL, NodeType.METRICS) else 4
    dash = " stroke-dasharray='4 3'" if data.get("external") or data.get("exists") is False else ""
    lineage = data.get("lineage")
    stroke_width = " stroke-width='3'" if lineage else ""
    if lineage:
        stroke = LINEAGE_COLOUR
    weight = " font-weight='bold'" if lineage else ""
    return (
        f"<g class={quoteattr(kind)}><title>{escape(tip)}</title>"
        f"<rect x='{box.x:.1f}' y='{box.y:.1f}' width='{box.width:.1f}' height='{box.height:.1f}' "
        f"rx='{radius}' fill='{fill}' stroke='{stroke}'{stroke_width}{dash}/>"
        f"<text x='{box.center:.1f}' y='{box.y + BOX_HEIGHT / 2 + FONT_SIZE * 0.35:.1f}' "
        f"text-anchor='middle'{weight}>{escape(label)}</text></g>"
    )


def _edge(
    boxes: dict[str, Box],
    back_edges: set[tuple[str, str]],
    source: str,
    target: str,
    data: dict,  # type: ignore[type-arg]
) -> str:
    kind, weight = str(data["type"]), data.get("weight", 1)
    back = (source, target) in back_edges
    lineage = bool(data.get("lineage"))
    tip = f"{kind}: {source} -> {target}"
    if lineage and kind in (EdgeType.READS, EdgeType.SERVES):
        source, target = target, source  # the lineage is drawn the way data flows
    a, b = boxes[source], boxes[target]
    colour = (
        LINEAGE_COLOUR if lineage else BACK_COLOUR if back else EDGE_COLOURS.get(kind, "#999999")
    )
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
    width = 4.0 if lineage else min(1.0 + math.log2(max(weight, 1)) * 0.5, 3.0)
    opacity = 1.0 if lineage else 0.35 if kind == EdgeType.IMPORTS and not back else 0.85
    marker = "lineage" if lineage else "back" if back else kind
    return (
        f"<path d='{path}' stroke='{colour}' stroke-width='{width:.2f}' "
        f"stroke-opacity='{opacity}'{style} marker-end='url(#arrow-{marker})'>"
        f"<title>{escape(tip)}</title></path>"
    )


def _markers() -> str:
    colours = {**EDGE_COLOURS, "back": BACK_COLOUR, "lineage": LINEAGE_COLOUR}
    defs = "".join(
        f"<marker id='arrow-{name}' viewBox='0 0 10 10' refX='10' refY='5' markerWidth='{14 if name == 'lineage' else 9}' "
        f"markerHeight='{14 if name == 'lineage' else 9}' markerUnits='userSpaceOnUse' orient='auto-start-reverse'><path d='M0,0 L10,5 L0,10 z' "
        f"fill='{colour}'/></marker>"
        for name, colour in colours.items()
    )
    return f"<defs>{defs}</defs>"


def _legend(graph: nx.DiGraph, layout: Layout, width: float, top: float) -> tuple[str, float]:
    """Every box colour and line style the drawing uses, wrapped to its width; and its height."""
    items: list[tuple[float, Callable[[float, float], str]]] = []  # (width, draw at x, y)
    for kind in sorted({str(data["type"]) for _, data in graph.nodes(data=True)}):
        fill, stroke = NODE_COLOURS.get(kind, ("#ffffff", "#333333"))
        name = NODE_NAMES.get(kind, kind)
        items.append((26 + text_width(name), partial(_swatch, fill, stroke, name)))
    kinds = {str(data["type"]) for *_, data in graph.edges(data=True)}
    for kind in (k for k in EDGE_NAMES if k in kinds):
        dash = "6 4" if kind == EdgeType.DECLARES else ""
        items.append(
            (
                40 + text_width(EDGE_NAMES[kind]),
                partial(_stroke, EDGE_COLOURS[kind], 2, dash, EDGE_NAMES[kind]),
            )
        )
    if any(data.get("lineage") for *_, data in graph.edges(data=True)):
        items.append(
            (
                40 + text_width("lineage: data to model to serving"),
                partial(_stroke, LINEAGE_COLOUR, 4, "", "lineage: data to model to serving"),
            )
        )
    if layout.back_edges:
        items.append(
            (
                40 + text_width("import cycle, drawn back up"),
                partial(_stroke, BACK_COLOUR, 2, "6 4", "import cycle, drawn back up"),
            )
        )
    parts, x, y = [], MARGIN, top
    for item_width, draw in items:
        if x > MARGIN and x + item_width > width - MARGIN:
            x, y = MARGIN, y + LINE
        parts.append(f"<g class='legend-item'>{draw(x, y)}</g>")
        x += item_width + 18
    return f"<g class='legend'>{''.join(parts)}</g>", (y - top) + LINE + 8


def _swatch(fill: str, stroke: str, name: str, x: float, y: float) -> str:
    return (
        f"<rect x='{x:.0f}' y='{y:.0f}' width='18' height='14' rx='3' fill='{fill}' "
        f"stroke='{stroke}'/><text x='{x + 24:.0f}' y='{y + 13:.0f}'>{escape(name)}</text>"
    )


def _stroke(colour: str, width: float, dash: str, name: str, x: float, y: float) -> str:
    dashes = f" stroke-dasharray='{dash}'" if dash else ""
    return (
        f"<line x1='{x:.0f}' y1='{y + 7:.0f}' x2='{x + 32:.0f}' y2='{y + 7:.0f}' "
        f"stroke='{colour}' stroke-width='{width:g}'{dashes}/>"
        f"<text x='{x + 38:.0f}' y='{y + 13:.0f}'>{escape(name)}</text>"
    )
