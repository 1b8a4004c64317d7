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
from prodready.scanners.facts import FileKind


def add_pipeline(builder: Builder) -> None:
    """Stages first (their outputs define tracked folders), then committed files and contracts."""
    for path, config in sorted(builder.facts.configs.parsed.items()):
        if config.kind == "dvc":
            _dvc(builder, path, config.data, config.error)
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


def _dvc(builder: Builder, path: str, data: Any, error: str | None) -> None:
    if error or not isinstance(data, dict) or not isinstance(data.get("stages"), dict):
        builder.problems.append(f"{path}: {error or 'no stages mapping'}; its stages are left out")
        return
    base = _folder(path)
    stages = data["stages"]
    bodies = {name: _stage_body(body) for name, body in stages.items()}
    nodes = {}
    for name, body in bodies.items():
        if body is None:
            builder.problems.append(f"{path}: stage {name!r} is not a mapping; left out")
            continue
        wdir = normalize_path(str(body.get("wdir") or "."), base)
        wdir = "" if wdir == "." else wdir
        key = str(name) if path == "dvc.yaml" else f"{path}:{name}"
        nodes[name] = (builder.node(NodeType.STAGE, key, source=path), body, wdir)
    for stage, body, wdir in nodes.values():  # outputs first, so deps inside them map to them
        for out, kind in _outputs(body):
            target = normalize_path(out, wdir)
            node = builder.artifact(target, kind, folder=builder.is_folder(target) or None)
            builder.edge(stage, node, EdgeType.PRODUCES)
    for stage, body, wdir in nodes.values():
        for dep in _strings(body.get("deps")):
            target = normalize_path(dep, wdir)
            if target in builder.code_nodes:
                builder.edge(stage, builder.code(target), EdgeType.IMPORTS, via="deps")
            elif target.endswith(".py"):
                continue  # code outside the scanned tree
            else:
                node = builder.artifact(target, folder=builder.is_folder(target) or None)
                builder.edge(stage, node, EdgeType.READS)
        for params_file, keys in _params(body.get("params")):
            node = builder.artifact(normalize_path(params_file, wdir), NodeType.PARAMS)
            builder.edge(stage, node, EdgeType.READS, keys=",".join(keys) or None)
        for command in _strings(body.get("cmd")):
            builder.graph.nodes[stage].setdefault("cmd", command)
            stage_module(builder, stage, command, wdir)


def _stage_body(body: Any) -> dict[str, Any] | None:
    if isinstance(body, dict) and isinstance(body.get("do"), dict):  # foreach / matrix stages
        return body["do"]
    return body if isinstance(body, dict) else None


def _outputs(body: dict[str, Any]) -> list[tuple[str, NodeType | None]]:
    found: list[tuple[str, NodeType | None]] = []
    for key, kind in (("outs", None), ("metrics", NodeType.METRICS), ("plots", NodeType.METRICS)):
        entries = body.get(key)
        for entry in entries if isinstance(entries, list) else []:
            name = next(iter(entry), None) if isinstance(entry, dict) else entry
            if isinstance(name, str) and name:
                found.append((name, kind))
    return found


def _params(value: Any) -> list[tuple[str, list[str]]]:
    """``[seed, {other.yaml: [a, b]}]`` -> ``[("params.yaml", ["seed"]), ("other.yaml", [...])]``."""
    default: list[str] = []
    files: list[tuple[str, list[str]]] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str):
            default.append(entry)
        elif isinstance(entry, dict):
            for name, keys in entry.items():
                files.append((str(name), [str(k) for k in keys] if isinstance(keys, list) else []))
    return ([("params.yaml", default)] if default else []) + files


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


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
