"""The graph as text: DOT, GraphML, JSON, Mermaid and SVG, each a pure function of the graph."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from prodready.safe_text import xml

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("svg", "dot", "graphml", "json", "mermaid")


def render(graph: nx.DiGraph, format_name: str, title: str = "", subtitle: str = "") -> str:
    if format_name == "svg":
        from prodready.graph.svg import render_svg

        return render_svg(graph, title, subtitle)
    renderers = {"dot": to_dot, "graphml": to_graphml, "json": to_json, "mermaid": to_mermaid}
    return renderers[format_name](graph)


def scalar_attrs(data: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Attributes GraphML can hold: lists joined with commas, None dropped."""
    clean: dict[str, str | int | float | bool] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set):
            clean[key] = ",".join(str(item) for item in value)
        elif isinstance(value, str | int | float | bool):
            clean[key] = value
        else:
            clean[key] = json.dumps(value, default=str)
    return clean


def to_graphml(graph: nx.DiGraph) -> str:
    import networkx as nx

    plain = nx.DiGraph()
    plain.graph.update({k: v for k, v in _xml_attrs(graph.graph).items() if k in ("root", "level")})
    for node, data in graph.nodes(data=True):
        plain.add_node(xml(node), **_xml_attrs(data))
    for source, target, data in graph.edges(data=True):
        plain.add_edge(xml(source), xml(target), **_xml_attrs(data))
    return "\n".join(nx.generate_graphml(plain, prettyprint=True)) + "\n"


def _xml_attrs(data: dict[str, Any]) -> dict[str, Any]:
    """Scalar attributes, text without what XML 1.0 forbids (a control character in a name)."""
    return {
        key: xml(value) if isinstance(value, str) else value
        for key, value in scalar_attrs(data).items()
    }


def to_json(graph: nx.DiGraph) -> str:
    document = {
        "graph": {k: v for k, v in graph.graph.items() if k != "root"},
        "nodes": [{"id": node, **data} for node, data in sorted(graph.nodes(data=True))],
        "edges": [
            {"source": source, "target": target, **data}
            for source, target, data in sorted(graph.edges(data=True))
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, default=str) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_DOT_SHAPES = {
    "module": "box",
    "notebook": "note",
    "group": "box3d",
    "package": "component",
    "manifest": "tab",
    "stage": "hexagon",
    "params": "folder",
    "data": "cylinder",
    "model": "cylinder",
    "metrics": "cylinder",
    "contract": "tab",
    "entrypoint": "cds",
}


def to_dot(graph: nx.DiGraph) -> str:
    lines = ["digraph prodready {", "  rankdir=TB;", "  node [fontname=Helvetica, fontsize=10];"]
    for node, data in sorted(graph.nodes(data=True)):
        shape = _DOT_SHAPES.get(str(data["type"]), "box")
        label = _dot_quote(str(data.get("label", node)))
        lines.append(f"  {_dot_quote(node)} [label={label}, shape={shape}];")
    for source, target, data in sorted(graph.edges(data=True)):
        kind = str(data["type"])
        extra = "" if kind == "imports" else f", label={_dot_quote(kind)}"
        lines.append(
            f"  {_dot_quote(source)} -> {_dot_quote(target)} [type={_dot_quote(kind)}{extra}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_SHAPES = {
    "data": ('[("', '")]'),
    "model": ('[("', '")]'),
    "metrics": ('[("', '")]'),
    "stage": ('{{"', '"}}'),
    "entrypoint": ('(["', '"])'),
    "package": ('[/"', '"/]'),
}


def _mermaid_text(text: str) -> str:
    """Mermaid labels are quoted; quotes and markup characters become entity codes."""
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )


def to_mermaid(graph: nx.DiGraph) -> str:
    ids = {node: f"n{index}" for index, node in enumerate(sorted(graph.nodes))}
    lines = ["flowchart TB"]
    for node, data in sorted(graph.nodes(data=True)):
        start, end = _MERMAID_SHAPES.get(str(data["type"]), ('["', '"]'))
        lines.append(f"  {ids[node]}{start}{_mermaid_text(str(data.get('label', node)))}{end}")
    for source, target, data in sorted(graph.edges(data=True)):
        kind = str(data["type"])
        arrow = "-->" if kind == "imports" else f"-- {kind} -->"
        if kind == "declares":
            arrow = "-. declares .->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    return "\n".join(lines) + "\n"
