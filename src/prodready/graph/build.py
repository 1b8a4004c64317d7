"""Build the dependency graph from the facts, never by importing the audited code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prodready.graph.core import Builder
from prodready.graph.dataflow import add_dataflow, link_serving
from prodready.graph.entries import add_entries
from prodready.graph.imports import add_imports
from prodready.graph.modules import ModuleIndex
from prodready.graph.packages import add_declarations, declared_keys
from prodready.graph.pipeline import add_pipeline
from prodready.scanners.facts import RepoFacts

if TYPE_CHECKING:
    import networkx as nx


def build_graph(facts: RepoFacts, include_stdlib: bool = False) -> nx.DiGraph:
    """A typed ``DiGraph``: see ``prodready.graph.schema`` for its node and edge types."""
    import networkx as nx

    graph = nx.DiGraph(root=facts.root)
    units = {path: unit for path, unit in facts.code_units().items() if unit.parse_error is None}
    code_paths = sorted({*facts.python, *facts.notebooks})
    index = ModuleIndex(code_paths, source_roots(facts))
    builder = Builder(facts, graph, index)
    for path in code_paths:
        node = builder.code(path)
        unit = facts.python.get(path)
        notebook = facts.notebooks.get(path)
        error = (unit.parse_error if unit else None) or (notebook.parse_error if notebook else None)
        if error:
            graph.nodes[node]["parse_error"] = error
    declared = facts.configs.declared
    add_pipeline(builder)
    add_imports(builder, units, declared_keys(declared), include_stdlib)
    add_entries(builder, units)
    add_dataflow(builder, units)
    add_declarations(builder, declared)
    link_serving(builder)
    return graph


def source_roots(facts: RepoFacts) -> list[str]:
    """Folders that hold importable packages: ``src/`` and what packaging config names."""
    roots = {"src"} if any(path.startswith("src/") for path in facts.python) else set()
    for config in facts.configs.parsed.values():
        data = config.data if isinstance(config.data, dict) else {}
        if config.kind == "pyproject":
            tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
            setuptools = tool.get("setuptools") if isinstance(tool.get("setuptools"), dict) else {}
            packages = setuptools.get("packages")
            find = packages.get("find") if isinstance(packages, dict) else None
            if isinstance(find, dict):
                roots.update(str(where) for where in find.get("where") or [])
            package_dir = setuptools.get("package-dir")
            if isinstance(package_dir, dict) and isinstance(package_dir.get(""), str):
                roots.add(package_dir[""])
            poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
            for entry in poetry.get("packages") or []:
                if isinstance(entry, dict) and isinstance(entry.get("from"), str):
                    roots.add(entry["from"])
        elif config.kind == "setup.cfg":
            where = (data.get("options.packages.find") or {}).get("where")
            if isinstance(where, str):
                roots.add(where.strip())
    return sorted(root.strip("./") for root in roots if root.strip("./"))
