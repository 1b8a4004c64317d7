"""Node and edge types of the dependency graph, and how node ids are spelled.

Ids carry their type as a prefix (``module:pkg.mod``, ``data:data/raw.csv``) so one
namespace holds code, packages and pipeline artifacts without collisions.
"""

from __future__ import annotations

from enum import StrEnum


class NodeType(StrEnum):
    MODULE = "module"  # a Python module of the repository
    NOTEBOOK = "notebook"  # a Jupyter notebook of the repository
    PACKAGE = "package"  # a third-party (or, on request, standard-library) package
    MANIFEST = "manifest"  # a file that declares dependencies
    STAGE = "stage"  # a DVC stage or an MLproject entry point
    PARAMS = "params"  # a parameters file such as params.yaml
    DATA = "data"  # a data asset: committed, DVC-tracked, named in code or a contract
    MODEL = "model"  # a model artifact
    METRICS = "metrics"  # metrics or plots a stage writes
    CONTRACT = "contract"  # a data contract file
    ENTRYPOINT = "entrypoint"  # a serving app, a __main__ script or a console script
    GROUP = "group"  # collapsed modules of one package (package level only)


class EdgeType(StrEnum):
    IMPORTS = "imports"  # code (or a stage/entry point running it) needs a module or package
    READS = "reads"  # a module or stage reads an artifact
    WRITES = "writes"  # a module writes an artifact (proven by a call with a literal path)
    PRODUCES = "produces"  # a pipeline stage declares the artifact as its output
    SERVES = "serves"  # a serving entry point serves a model artifact
    DECLARES = "declares"  # a manifest declares a package, a contract a dataset, a file a script


CODE_TYPES = frozenset({NodeType.MODULE, NodeType.NOTEBOOK})
ARTIFACT_TYPES = frozenset({NodeType.DATA, NodeType.MODEL, NodeType.METRICS, NodeType.PARAMS})
# When two kinds of edge join the same pair, the one that matters most for lineage is kept as
# ``type``; every kind stays listed in ``types``.
EDGE_PRIORITY = (
    EdgeType.PRODUCES,
    EdgeType.WRITES,
    EdgeType.SERVES,
    EdgeType.READS,
    EdgeType.IMPORTS,
    EdgeType.DECLARES,
)


def node_id(kind: NodeType, key: str) -> str:
    return f"{kind.value}:{key}"


def node_key(node: str) -> str:
    """The part of an id after its type prefix."""
    return node.split(":", 1)[1] if ":" in node else node
