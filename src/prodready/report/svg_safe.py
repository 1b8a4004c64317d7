"""The graph SVG rebuilt from an allow-list before it is inlined in the HTML report.

A saved JSON report is input like any other (``prodready report crafted.json``): its
``graph.svg`` may carry ``<script>``, event handlers, links or ``<foreignObject>``. Inlined
as is, that would run in the reader's browser. Only the elements and attributes prodready's
own renderer writes survive, values are re-serialised (so escaped), and a document that does
not parse is dropped.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

_SVG = "{http://www.w3.org/2000/svg}"
ELEMENTS = frozenset({"svg", "g", "title", "text", "rect", "path", "defs", "marker", "line"})
ATTRIBUTES = frozenset(
    {
        "class", "d", "fill", "font-family", "font-size", "font-weight", "height", "id",
        "marker-end", "markerHeight", "markerUnits", "markerWidth", "orient", "refX", "refY",
        "stroke", "stroke-dasharray", "stroke-opacity", "stroke-width", "text-anchor", "viewBox", "width", "x",
        "x1", "x2", "y", "y1", "y2", "rx", "ry", "opacity",
    }
)  # fmt: skip
_LOCAL_URL = re.compile(r"^url\(#[\w-]+\)$")


def safe_svg(svg: str) -> str | None:
    """The SVG with only allow-listed elements and attributes, or None when it does not parse."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return None
    if _name(root.tag) != "svg":
        return None
    clean = _copy(root)
    clean.set("xmlns", "http://www.w3.org/2000/svg")
    return ElementTree.tostring(clean, encoding="unicode")


def _copy(element: ElementTree.Element) -> ElementTree.Element:
    copy = ElementTree.Element(_name(element.tag))
    for key, value in element.attrib.items():
        if key in ATTRIBUTES and ("(" not in value or _LOCAL_URL.match(value)):
            copy.set(key, value)
    copy.text, copy.tail = element.text, element.tail
    copy.extend(_copy(child) for child in element if _name(child.tag) in ELEMENTS)
    return copy


def _name(tag: str) -> str:
    return tag.removeprefix(_SVG) if isinstance(tag, str) else ""


def http_url(url: object) -> str | None:
    """``url`` when it is an http(s) link, else None: no ``javascript:`` or ``data:`` links."""
    text = str(url or "").strip()
    return text if re.match(r"^https?://[^\s\"'<>]+$", text, re.IGNORECASE) else None
