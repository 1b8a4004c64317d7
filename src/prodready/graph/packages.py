"""``declares`` edges from dependency manifests to the package nodes they provide."""

from __future__ import annotations

from collections.abc import Sequence

from prodready.graph.core import Builder
from prodready.graph.names import import_names, primary_import, provides
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import DeclaredDependency, Scope


def declared_keys(declared: Sequence[DeclaredDependency]) -> frozenset[str]:
    """Lowercased import names of every declared distribution, lock files included, with the
    top-level name of each dotted one (``google.protobuf`` makes ``google`` third-party)."""
    names = {name for dep in declared for name in import_names(dep.name)}
    return frozenset(names | {name.split(".")[0] for name in names})


def add_declarations(builder: Builder, declared: Sequence[DeclaredDependency]) -> None:
    """Link each declaration to its package; a lock file only to packages already in the graph."""
    graph = builder.graph
    packages = {
        data["label"]: node
        for node, data in graph.nodes(data=True)
        if data["type"] == NodeType.PACKAGE and not data.get("stdlib")
    }
    for dep in declared:
        matches = [node for key, node in packages.items() if provides(dep.name, key)]
        if not matches:
            if dep.scope == Scope.LOCK:
                continue
            node = builder.node(NodeType.PACKAGE, primary_import(dep.name))
            packages[graph.nodes[node]["label"]] = node
            matches = [node]
        manifest = builder.node(NodeType.MANIFEST, dep.source, path=dep.source)
        if dep.conda:
            graph.nodes[manifest]["conda"] = True
        for node in matches:
            data = graph.nodes[node]
            dists = data.setdefault("dists", [])
            if dep.name not in dists:
                dists.append(dep.name)
            scopes = data.setdefault("scopes", [])
            if dep.scope.value not in scopes:
                scopes.append(dep.scope.value)
            builder.edge(
                manifest, node, EdgeType.DECLARES, scope=dep.scope.value, group=dep.group or None
            )
            if dep.scope == Scope.RUNTIME:  # which of the package's distributions it declares
                runtime = graph.edges[manifest, node].setdefault("runtime", [])
                if dep.name not in runtime:
                    runtime.append(dep.name)
