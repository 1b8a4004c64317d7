"""Pipeline stages and artifacts: DVC stages, MLproject entry points, params, data and models.

Malformed pipeline files are recorded as problems on the graph and skipped:
a broken dvc.yaml must not stop the rest of the graph from being drawn.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from prodready.graph.commands import command_targets
from prodready.graph.contracts import add_contracts
from prodready.graph.core import PARAMS_NAMES, Builder, normalize_path
from prodready.graph.modules import Origin
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import DvcStage, FileKind


def add_pipeline(builder: Builder) -> None:
    """Stages first (their outputs define tracked folders), then committed files and contracts."""
    for path, config in sorted(builder.facts.configs.parsed.items()):
        if config.kind == "dvc":
            _dvc(builder, path)
        elif config.kind == "mlproject":
            _mlproject(builder, path, config.data, config.error)
    for path in builder.facts.configs.dvc_tracked:
        builder.artifact(path, dvc_tracked=True, folder=builder.is_folder(path) or None)
    for path, fact in sorted(builder.facts.files.items()):
        if fact.kind in (FileKind.DATA, FileKind.MODEL) or PurePosixPath(path).name in PARAMS_NAMES:
            builder.artifact(path, committed=True)
    add_contracts(builder)


def stage_module(builder: Builder, stage: str, command: str, base: str = "") -> None:
    """Link a stage (or entry point) to the repository modules its command runs."""
    for kind, target in command_targets(command):
        if kind == "module":
            found = builder.index.resolve(target, f"{base}/x.py" if base else "x.py", exact=True)
            path = found.path if found.origin == Origin.REPO else None
        else:
            candidate = normalize_path(target, base)
            path = candidate if candidate in builder.code_nodes else None
        if path is not None:
            builder.edge(stage, builder.code(path), EdgeType.IMPORTS, via="command")


# DVC -----------------------------------------------------------------------------


def _dvc(builder: Builder, path: str) -> None:
    """The stages of one dvc.yaml: all outputs first, so deps inside them map to them."""
    configs = builder.facts.configs
    builder.problems.extend(p for p in configs.dvc_problems if p.startswith(f"{path}: "))
    stages = [stage for stage in configs.dvc_stages if stage.path == path]
    nodes = [(_stage_node(builder, stage), stage) for stage in stages]
    for node, stage in nodes:
        for outputs, kind in _OUTPUT_KINDS:
            for out in getattr(stage, outputs):
                artifact = builder.artifact(out, kind, folder=builder.is_folder(out) or None)
                builder.edge(node, artifact, EdgeType.PRODUCES)
    for node, stage in nodes:
        _stage_inputs(builder, node, stage)


_OUTPUT_KINDS = (("outs", None), ("metrics", NodeType.METRICS), ("plots", NodeType.METRICS))


def _stage_node(builder: Builder, stage: DvcStage) -> str:
    key = stage.name if stage.path == "dvc.yaml" else f"{stage.path}:{stage.name}"
    return builder.node(NodeType.STAGE, key, source=stage.path)


def _stage_inputs(builder: Builder, node: str, stage: DvcStage) -> None:
    for dep in stage.deps:
        if dep in builder.code_nodes:
            builder.edge(node, builder.code(dep), EdgeType.IMPORTS, via="deps")
        elif not dep.endswith(".py"):  # a .py dep not scanned is code outside the tree
            artifact = builder.artifact(dep, folder=builder.is_folder(dep) or None)
            builder.edge(node, artifact, EdgeType.READS)
    for params_file, keys in stage.params:
        artifact = builder.artifact(params_file, NodeType.PARAMS)
        builder.edge(node, artifact, EdgeType.READS, keys=",".join(keys) or None)
    for command in stage.cmd:
        builder.graph.nodes[node].setdefault("cmd", command)
        stage_module(builder, node, command, stage.wdir)


# MLproject -------------------------------------------------------------------------


def _mlproject(builder: Builder, path: str, data: Any, error: str | None) -> None:
    points = data.get("entry_points") if isinstance(data, dict) else None
    if error or not isinstance(points, dict):
        builder.problems.append(f"{path}: {error or 'no entry_points mapping'}; left out")
        return
    base = _folder(path)
    for name, body in points.items():
        command = body.get("command") if isinstance(body, dict) else None
        stage = builder.node(NodeType.STAGE, f"{path}:{name}", source=path, cmd=command)
        if isinstance(command, str):
            stage_module(builder, stage, command, base)


def _folder(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent
