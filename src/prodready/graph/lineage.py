"""Data and model lineage: from raw data through stages to the model a serving app serves.

Upstream of an artifact are its producers (stages that declare it as output,
code that writes it with a literal path); upstream of a producer are the data
and models it reads. A served model with no producer has no traceable lineage.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from prodready.graph.contracts import covering_contract
from prodready.graph.queries import has_type, is_experimental, is_source, nodes_of
from prodready.graph.schema import EdgeType, NodeType

if TYPE_CHECKING:
    import networkx as nx

MAX_PATHS = 20
_INPUTS = (NodeType.DATA, NodeType.MODEL)


def serving_entries(graph: nx.DiGraph) -> list[str]:
    return [
        node
        for node in nodes_of(graph, NodeType.ENTRYPOINT)
        if graph.nodes[node].get("kind") == "serving"
    ]


def served_models(graph: nx.DiGraph, entry: str) -> list[str]:
    return sorted(t for t in graph.successors(entry) if has_type(graph, entry, t, EdgeType.SERVES))


def producers(graph: nx.DiGraph, artifact: str) -> list[str]:
    return sorted(
        p
        for p in graph.predecessors(artifact)
        if has_type(graph, p, artifact, EdgeType.PRODUCES)
        or has_type(graph, p, artifact, EdgeType.WRITES)
    )


def inputs(graph: nx.DiGraph, producer: str) -> list[str]:
    return sorted(
        t
        for t in graph.successors(producer)
        if has_type(graph, producer, t, EdgeType.READS) and graph.nodes[t]["type"] in _INPUTS
    )


def lineage_paths(graph: nx.DiGraph, artifact: str, limit: int = MAX_PATHS) -> list[list[str]]:
    """Every path from a root input (nothing produces it) down to ``artifact``, up to ``limit``."""
    paths: list[list[str]] = []

    def walk(node: str, tail: list[str]) -> None:
        if len(paths) >= limit:
            return
        makers = [p for p in producers(graph, node) if p not in tail]
        if not makers:
            paths.append([node, *tail])
            return
        for maker in makers:
            sources = [i for i in inputs(graph, maker) if i not in tail and i != node]
            if not sources:
                paths.append([maker, node, *tail])
            for source in sources:
                walk(source, [maker, node, *tail])

    walk(artifact, [])
    return sorted(paths)


def serving_lineage(graph: nx.DiGraph) -> list[list[str]]:
    """Lineage paths ending at each serving entry point, through the model it serves."""
    found = []
    for entry in serving_entries(graph):
        for model in served_models(graph, entry):
            if producers(graph, model):
                found.extend([*path, entry] for path in lineage_paths(graph, model))
    return found[:MAX_PATHS]


# data assets without a producer ---------------------------------------------------------


class Coverage(StrEnum):
    CONTRACT = "contract"  # a contract points at it or names it
    NONE = "none"  # no data contract covers it
    UNKNOWN = "unknown"  # a contract could not be read, so it might cover it


@dataclass(frozen=True)
class Unproduced:
    asset: str
    readers: list[tuple[str, int | None]]  # (reader node, line)
    coverage: Coverage
    contract: str = ""


def unproduced_reads(graph: nx.DiGraph) -> list[Unproduced]:
    """Data that shipping code or a stage reads, that nothing in the repository produces."""
    contracts = nodes_of(graph, NodeType.CONTRACT)
    found = []
    for asset in nodes_of(graph, NodeType.DATA):
        if producers(graph, asset):
            continue
        readers = [
            (reader, graph.edges[reader, asset].get("line"))
            for reader in graph.predecessors(asset)
            if has_type(graph, reader, asset, EdgeType.READS) and _production_reader(graph, reader)
        ]
        if readers:
            coverage, contract = _coverage(graph, asset, contracts)
            found.append(Unproduced(asset, sorted(readers), coverage, contract))
    return found


def _production_reader(graph: nx.DiGraph, node: str) -> bool:
    data = graph.nodes[node]
    if data["type"] == NodeType.STAGE:
        return True
    path = data.get("path", "")
    return data["type"] == NodeType.MODULE and is_source(path) and not is_experimental(path)


def _coverage(graph: nx.DiGraph, asset: str, contracts: list[str]) -> tuple[Coverage, str]:
    contract = covering_contract(graph, asset)
    if contract is not None:
        return Coverage.CONTRACT, graph.nodes[contract]["label"]
    if not contracts:
        return Coverage.NONE, ""
    undecided = not graph.graph.get("contract_facts") or any(
        graph.nodes[c].get("readable") is False for c in contracts
    )
    return (Coverage.UNKNOWN if undecided else Coverage.NONE), ""
