"""Data contracts as nodes, linked to the datasets their servers point at.

The contract scanner's view (ODCS and the Data Contract Specification) is used
when the facts carry it; otherwise ODCS files are read from the parsed configs.
A contract covers an asset when a server path points at it (or at a folder or
glob holding it), or when a dataset, table or physical name equals the asset's
file stem or folder name, compared as the DATA rules do (case and punctuation
ignored).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath
from typing import Any

from prodready.graph.core import Builder, normalize_path
from prodready.graph.schema import EdgeType, NodeType

CONTRACT_GLOBS = ("*.odcs.yaml", "*.odcs.yml", "*datacontract*.yaml", "*datacontract*.yml")


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def add_contracts(builder: Builder) -> None:
    facts = getattr(builder.facts, "contracts", None)
    builder.graph.graph["contract_facts"] = facts is not None
    if facts is not None:
        for item in facts.files:
            view = item.contract
            if view is None:
                builder.node(NodeType.CONTRACT, item.path, path=item.path, readable=False)
                continue
            names = set(view.dataset_names())
            names.update(name for server in view.servers for name in server.names)
            places = [p for s in view.servers for p in (s.path, s.location) if p]
            _add(builder, item.path, names, places)
        return
    for path in sorted(builder.facts.files):
        if any(fnmatch.fnmatch(PurePosixPath(path).name.lower(), g) for g in CONTRACT_GLOBS):
            config = builder.facts.configs.get(path)
            data = config.data if config is not None and isinstance(config.data, dict) else {}
            _add(builder, path, _odcs_names(data), _odcs_places(data))


def _add(builder: Builder, path: str, names: set[str], places: list[str]) -> None:
    patterns = [place for place in places if any(c in place for c in "*?[{")]
    node = builder.node(
        NodeType.CONTRACT,
        path,
        path=path,
        readable=True,
        datasets=",".join(sorted({norm(n) for n in names if n} - {""})) or None,
        patterns=",".join(patterns) or None,
    )
    folder = str(PurePosixPath(path).parent)
    for place in places:
        if place in patterns:
            continue
        target = normalize_path(place)
        beside = normalize_path(place, "" if folder == "." else folder)
        if target not in builder.facts.files and beside in builder.facts.files:
            target = beside
        asset = builder.artifact(target, NodeType.DATA, folder=builder.is_folder(target) or None)
        builder.edge(node, asset, EdgeType.DECLARES)


def covering_contract(graph: Any, asset: str) -> str | None:
    """The contract node that covers a data asset, or None."""
    for source in graph.predecessors(asset):
        if graph.nodes[source]["type"] == NodeType.CONTRACT:
            return source
    path = str(graph.nodes[asset].get("path", ""))
    pure = PurePosixPath(path.split("://", 1)[-1])
    candidates = {norm(pure.name.split(".")[0]), norm(pure.parent.name)} - {""}
    for contract, data in sorted(graph.nodes(data=True)):
        if data["type"] != NodeType.CONTRACT:
            continue
        if candidates & set(str(data.get("datasets") or "").split(",")):
            return contract
        for pattern in str(data.get("patterns") or "").split(","):
            if pattern and fnmatch.fnmatch(path, pattern.replace("{model}", "*")):
                return contract
        for target in graph.successors(contract):
            place = str(graph.nodes[target].get("path", ""))
            if place and path.startswith(place.rstrip("/") + "/"):
                return contract
    return None


def _odcs_names(data: dict[str, Any]) -> set[str]:
    names = {str(data[key]) for key in ("dataProduct", "id", "name") if data.get(key)}
    for item in data.get("schema") or []:
        if isinstance(item, dict):
            names.update(str(item[key]) for key in ("name", "physicalName") if item.get(key))
    return names


def _odcs_places(data: dict[str, Any]) -> list[str]:
    return [
        str(server[key])
        for server in data.get("servers") or []
        if isinstance(server, dict)
        for key in ("path", "location")
        if isinstance(server.get(key), str) and server[key]
    ]
