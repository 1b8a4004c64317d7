"""The graph under construction and the small vocabulary every part of the builder shares."""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from prodready.graph.modules import ModuleIndex
from prodready.graph.schema import EDGE_PRIORITY, EdgeType, NodeType, node_id
from prodready.scanners.facts import RepoFacts
from prodready.scanners.files import DATA_SUFFIXES, MODEL_SUFFIXES

if TYPE_CHECKING:
    import networkx as nx

_MODEL_WORDS = ("model", "checkpoint", "weights", "estimator", "classifier", "regressor")
PARAMS_NAMES = frozenset({"params.yaml", "params.yml", "params.json", "params.toml"})


def normalize_path(path: str, base: str = "") -> str:
    """A repo-relative POSIX path; absolute paths and URLs stay as written."""
    path = path.strip().replace("\\", "/")
    if "://" in path or path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return path.rstrip("/")
    joined = posixpath.normpath(posixpath.join(base, path)) if base else posixpath.normpath(path)
    return joined.removeprefix("./").rstrip("/") or "."


def is_external(path: str) -> bool:
    return "://" in path or path.startswith(("/", "../")) or path == ".."


def artifact_kind(path: str) -> NodeType:
    """Model when its extension or its name says so, params for parameter files, else data."""
    pure = PurePosixPath(path.lower())
    suffixes = set(pure.suffixes)
    if pure.name in PARAMS_NAMES:
        return NodeType.PARAMS
    if suffixes & MODEL_SUFFIXES:
        return NodeType.MODEL
    if suffixes & DATA_SUFFIXES:
        return NodeType.DATA
    if any(word in part for part in pure.parts for word in _MODEL_WORDS):
        return NodeType.MODEL
    return NodeType.DATA


def looks_like_artifact(path: str) -> bool:
    """A literal worth a node: it has a data or model extension, or is a parameters file."""
    pure = PurePosixPath(path.lower())
    return bool(set(pure.suffixes) & (DATA_SUFFIXES | MODEL_SUFFIXES) or pure.name in PARAMS_NAMES)


class Builder:
    """Adds typed nodes and edges; one artifact path always maps to one node."""

    def __init__(self, facts: RepoFacts, graph: nx.DiGraph, index: ModuleIndex) -> None:
        self.facts = facts
        self.graph = graph
        self.index = index
        self.artifacts: dict[str, str] = {}
        self.code_nodes: dict[str, str] = {}
        self.problems: list[str] = graph.graph.setdefault("problems", [])
        self.folders = {
            str(parent) for path in facts.files for parent in PurePosixPath(path).parents
        } - {"."}

    def node(self, node_type: NodeType, key: str, /, **attrs: Any) -> str:
        node = node_id(node_type, key)
        if node not in self.graph:
            self.graph.add_node(node, type=node_type.value, label=key)
        data = self.graph.nodes[node]
        for name, value in attrs.items():
            if value is not None and name not in data:
                data[name] = value
        return node

    def edge(self, source: str, target: str, kind: EdgeType, /, **attrs: Any) -> None:
        if source == target:
            return
        if self.graph.has_edge(source, target):
            data = self.graph.edges[source, target]
            if kind.value not in data["types"]:
                data["types"].append(kind.value)
                data["type"] = min(data["types"], key=lambda t: EDGE_PRIORITY.index(EdgeType(t)))
            for name, value in attrs.items():
                if value is not None:
                    data.setdefault(name, value)
            return
        clean = {name: value for name, value in attrs.items() if value is not None}
        self.graph.add_edge(source, target, type=kind.value, types=[kind.value], **clean)

    def code(self, path: str) -> str:
        """The node of a repository module or notebook, by file path."""
        node = self.code_nodes.get(path)
        if node is None:
            kind = NodeType.NOTEBOOK if path.endswith(".ipynb") else NodeType.MODULE
            node = self.node(kind, self.index.name(path), path=path)
            self.code_nodes[path] = node
        return node

    def artifact(self, path: str, kind: NodeType | None = None, /, **attrs: Any) -> str:
        """The node of an artifact path, or of the tracked folder holding it."""
        path = normalize_path(path)
        node = self.artifacts.get(path) or self._container(path)
        if node is None:
            exists = path in self.facts.files or path in self.folders
            node = self.node(
                kind or artifact_kind(path),
                path,
                path=path,
                exists=exists,
                external=is_external(path),
                **attrs,
            )
            self.artifacts[path] = node
        else:
            for name, value in attrs.items():
                if value is not None:
                    self.graph.nodes[node].setdefault(name, value)
        return node

    def known_artifact(self, path: str) -> bool:
        return path in self.artifacts or self._container(path) is not None

    def model_node(self, path: str) -> str | None:
        """The model artifact a path names, itself or inside a tracked model folder."""
        node = self.artifacts.get(path) or self._container(path)
        return node if node and self.graph.nodes[node]["type"] == NodeType.MODEL else None

    def _container(self, path: str) -> str | None:
        parent = PurePosixPath(path).parent
        while str(parent) not in (".", "", "/"):
            node = self.artifacts.get(str(parent))
            if node is not None and self.graph.nodes[node].get("folder"):
                return node
            parent = parent.parent
        return None

    def is_folder(self, path: str) -> bool:
        """A folder of the repository, or a path without an extension (a DVC output folder)."""
        return path in self.folders or not PurePosixPath(path).suffix
