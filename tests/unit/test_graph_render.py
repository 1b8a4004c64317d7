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
    small = view(graph, None)[0]  # small: stays at module level (lineage marked on a copy)
    assert not small.graph.get("collapsed") and set(small.nodes) == set(graph.nodes)


def real_sized() -> nx.DiGraph:
    """Like a 600-module repository: 12 packages of 4 subpackages, a flat tests folder,
    30 third-party packages, data read from one folder, a trained and served model."""
    graph = nx.DiGraph()

    def add(node: str, node_type: str, **data: object) -> None:
        graph.add_node(node, type=node_type, label=node.split(":", 1)[1], **data)

    def link(a: str, b: str, kind: str = "imports") -> None:
        graph.add_edge(a, b, type=kind, types=[kind])

    names = [f"shop.part{i % 12}.layer{i % 4}.module_with_a_long_name_{i}" for i in range(560)]
    names += [f"tests.test_{i}" for i in range(40)]
    for name in names:
        add(f"module:{name}", "module", path=name.replace(".", "/") + ".py")
    for index, name in enumerate(names):
        for step in (1, 13, 97):
            link(f"module:{name}", f"module:{names[(index * 5 + step) % len(names)]}")
    for i in range(30):
        add(f"package:dep{i}", "package")
        link(f"module:{names[i]}", f"package:dep{i}")
    for i in range(20):
        add(f"data:data/table_{i}.csv", "data", path=f"data/table_{i}.csv")
        link(f"module:{names[i * 7]}", f"data:data/table_{i}.csv", "reads")
    add("stage:train", "stage")
    add("model:models/model.pkl", "model", path="models/model.pkl")
    add("entrypoint:shop.part0.layer0.serve:app", "entrypoint", kind="serving")
    link("stage:train", "data:data/table_0.csv", "reads")
    link("stage:train", "model:models/model.pkl", "produces")
    link("entrypoint:shop.part0.layer0.serve:app", "model:models/model.pkl", "serves")
    return graph


def _size(svg: str) -> tuple[float, float, ET.Element]:
    root = ET.fromstring(svg.encode())
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    return width, height, root


def test_default_view_of_a_real_sized_graph_is_legible_when_printed() -> None:
    from prodready.graph.layout import FONT_SIZE, MAX_WIDTH

    graph = real_sized()
    shown, note = view(graph, None)
    width, height, root = _size(render_svg(shown, "shop", note))
    assert 1 / 4 <= height / width <= 4
    # printed across an A4 text column (182 mm = 688 CSS px) at 10 pt (13.33 px) body text
    scale = min(1.0, 688 / width)
    assert width <= MAX_WIDTH + 1 and FONT_SIZE * scale >= 13.33
    sizes = [float(t.get("font-size", root.get("font-size", "0"))) for t in root.iter(f"{SVG}text")]
    assert sizes and min(sizes) >= FONT_SIZE
    groups = [d for _, d in shown.nodes(data=True) if d["type"] == "group"]
    assert len(groups) >= 3 and shown.number_of_nodes() <= 48
    assert any(d["label"] == "tests" for d in groups)  # a flat tests folder is one group
    folded = [d for _, d in shown.nodes(data=True) if d["type"] == "package"]
    assert [d["label"] for d in folded] == ["30 third-party packages"]
    assert sum(d["members"] for d in groups) == 600


def test_lineage_is_drawn_heavy_in_the_direction_data_flows() -> None:
    from prodready.graph.svg import LINEAGE_COLOUR

    shown, note = view(real_sized(), None)
    lineage = {(s, t) for s, t, d in shown.edges(data=True) if d.get("lineage")}
    assert ("stage:train", "model:models/model.pkl") in lineage
    assert ("entrypoint:shop.part0.layer0.serve:app", "model:models/model.pkl") in lineage
    svg = render_svg(shown, "shop", note)
    heavy = [
        p
        for p in ET.fromstring(svg.encode()).iter(f"{SVG}path")
        if p.get("stroke") == LINEAGE_COLOUR
    ]
    assert len(heavy) == len(lineage)
    served = next(p for p in heavy if "serves" in (p.findtext(f"{SVG}title") or ""))
    layout_y = [
        float(v.split(",")[1]) for v in served.attrib["d"].replace("M", "").replace("C", "").split()
    ]
    assert layout_y[0] < layout_y[-1]  # from the model down to the app that serves it


def test_legend_names_every_box_colour_and_line_style_drawn(tmp_path: Path) -> None:
    from prodready.graph.svg import EDGE_NAMES, NODE_NAMES

    graph = sample(tmp_path)
    labels = texts(render_svg(graph, "t"))
    for kind in {d["type"] for _, d in graph.nodes(data=True)}:
        assert NODE_NAMES.get(kind, kind) in labels
    for kind in {d["type"] for *_, d in graph.edges(data=True)}:
        assert EDGE_NAMES[kind] in labels
    assert "import cycle, drawn back up" in labels


def test_crowded_edges_are_left_out_and_counted() -> None:
    shown, note = view(synthetic(), None)
    hidden = shown.graph["hidden_edges"]
    assert hidden > 0 and shown.number_of_edges() <= 2 * shown.number_of_nodes()
    assert f"{hidden} weaker edge(s) not drawn" in " ".join(texts(render_svg(shown, "t", note)))
