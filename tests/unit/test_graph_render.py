"""Rendering: the SVG is valid XML with every label, GraphML round-trips, large graphs collapse."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from prodready.graph import build_graph
from prodready.graph.collapse import AUTO_GROUPS, auto_collapse, collapse
from prodready.graph.export import FORMATS, render, to_graphml
from prodready.graph.layout import layered_layout
from prodready.graph.summary import view
from prodready.graph.svg import render_svg
from tests.unit.test_graph_build import CYCLE_AND_ORPHAN, PIPELINE, repo

SVG = "{http://www.w3.org/2000/svg}"


def sample(tmp_path: Path) -> nx.DiGraph:
    files = {
        **PIPELINE,
        **CYCLE_AND_ORPHAN,
        "lib/__init__.py": "",
        "lib/util.py": "import app.c\n",
        "app/odd.py": 'import pandas as pd\n\npd.read_csv("data/r&d <q> \\"x\\".csv")\n',
    }
    return build_graph(repo(tmp_path, files))


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode())
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_svg_parses_and_contains_every_node_label_escaped(tmp_path: Path) -> None:
    graph = sample(tmp_path)
    svg = render_svg(graph, "demo <graph> & co", "subtitle")
    labels = texts(svg)
    for _, data in graph.nodes(data=True):
        assert data["label"] in labels
    assert 'data/r&d <q> "x".csv' in labels
    assert "<script" not in svg and "demo &lt;graph&gt; &amp; co" in svg


def test_cycle_edges_are_drawn_back_to_front(tmp_path: Path) -> None:
    graph = sample(tmp_path)
    layout = layered_layout(graph)
    assert set(layout.boxes) == set(graph.nodes)
    cycle = {
        ("module:app.a", "module:app.b"),
        ("module:app.b", "module:app.c"),
        ("module:app.c", "module:app.a"),
    }
    assert len(layout.back_edges & cycle) == 1  # the loop is broken once, drawn back up
    assert all(graph.has_edge(source, target) for source, target in layout.back_edges)
    svg = render_svg(graph, "t")
    assert svg.count("marker-end='url(#arrow-back)'") == len(layout.back_edges)


def test_graphml_round_trips_through_networkx(tmp_path: Path) -> None:
    graph = sample(tmp_path)
    loaded = nx.read_graphml(io.BytesIO(to_graphml(graph).encode()))
    assert set(loaded.nodes) == set(graph.nodes)
    assert set(loaded.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        assert loaded.nodes[node]["type"] == data["type"]
        assert loaded.nodes[node]["label"] == data["label"]
    for source, target, data in graph.edges(data=True):
        assert loaded.edges[source, target]["type"] == data["type"]


def test_every_format_renders(tmp_path: Path) -> None:
    graph = sample(tmp_path)
    outputs = {name: render(graph, name, "t") for name in FORMATS}
    document = json.loads(outputs["json"])
    assert {node["id"] for node in document["nodes"]} == set(graph.nodes)
    assert len(document["edges"]) == graph.number_of_edges()
    assert outputs["dot"].startswith("digraph prodready {")
    assert '"data/r&d <q> \\"x\\".csv"' in outputs["dot"]
    mermaid = outputs["mermaid"].splitlines()
    assert mermaid[0] == "flowchart TB"
    assert len(mermaid) == 1 + graph.number_of_nodes() + graph.number_of_edges()
    assert "#quot;x#quot;" in outputs["mermaid"]


def synthetic(modules: int = 3000) -> nx.DiGraph:
    """A repository-like graph: 3,000 modules in nested packages importing each other."""
    graph = nx.DiGraph()
    names = [f"acme.pkg{i % 30}.sub{i % 7}.mod{i}" for i in range(modules)]
    for name in names:
        graph.add_node(f"module:{name}", type="module", label=name, path=name.replace(".", "/"))
    for index, name in enumerate(names):
        for step in (1, 37, 401):
            target = names[(index * 7 + step) % modules]
            if target != name:
                graph.add_edge(
                    f"module:{name}", f"module:{target}", type="imports", types=["imports"]
                )
    graph.add_node("package:numpy", type="package", label="numpy")
    graph.add_edge(f"module:{names[0]}", "package:numpy", type="imports", types=["imports"])
    return graph


def test_three_thousand_modules_collapse_automatically_and_render() -> None:
    graph = synthetic()
    shown = auto_collapse(graph)
    assert shown.graph["collapsed"] is True
    groups = [n for n, d in shown.nodes(data=True) if d["type"] == "group"]
    assert 1 < len(groups) <= AUTO_GROUPS
    assert sum(shown.nodes[g]["members"] for g in groups) == 3000
    _, note = view(graph, None)
    assert note.startswith("collapsed automatically to package level (depth 2): 3000 modules")
    svg = render_svg(shown, "big", note)
    title = ET.fromstring(svg.encode()).find(f"{SVG}title")
    assert title is not None and "collapsed automatically to package level" in (title.text or "")
    labels = texts(svg)
    assert all(shown.nodes[node]["label"] in labels for node in shown.nodes)
    assert "package:numpy" in shown


def test_package_level_merges_into_top_packages(tmp_path: Path) -> None:
    graph = sample(tmp_path)
    shown = collapse(graph, 1)
    groups = sorted(d["label"] for _, d in shown.nodes(data=True) if d["type"] == "group")
    assert groups == ["app", "lib"]
    assert not any(d["type"] == "module" for _, d in shown.nodes(data=True))
    assert view(graph, "module")[0] is graph
    assert view(graph, None)[0] is graph  # small: stays at module level
