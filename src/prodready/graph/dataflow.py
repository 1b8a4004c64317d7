"""What code reads and writes, and which model a serving app serves.

Only what the syntax proves becomes an edge: a read or write call with a
literal path, or (for serving) a literal path of a known model artifact in the
app's own code, or a Dockerfile that copies the model and runs the app.
Paths built at run time are left out rather than guessed.
"""

from __future__ import annotations

import ast
import re
from pathlib import PurePosixPath

from prodready.graph.commands import command_targets
from prodready.graph.core import Builder, looks_like_artifact, normalize_path
from prodready.graph.modules import Origin
from prodready.graph.schema import CODE_TYPES, EdgeType, NodeType
from prodready.scanners.facts import CallFact, PythonFacts

READ_NAMES = frozenset(
    {
        "read_csv", "read_parquet", "read_json", "read_excel", "read_feather", "read_table",
        "read_pickle", "read_hdf", "read_orc", "read_fwf", "read_ipc", "read_avro", "read_delta",
        "read_ndjson", "scan_csv", "scan_parquet", "scan_ndjson", "scan_ipc", "load", "loadtxt",
        "genfromtxt", "fromfile", "load_from_disk", "imread", "TFRecordDataset", "load_model",
        "read_text", "read_bytes", "load_file", "InferenceSession",
    }
)  # fmt: skip
WRITE_NAMES = frozenset(
    {
        "to_csv", "to_parquet", "to_json", "to_excel", "to_feather", "to_pickle", "to_hdf",
        "to_orc", "write_csv", "write_parquet", "write_json", "write_ipc", "write_ndjson",
        "save", "savez", "savez_compressed", "savetxt", "dump", "save_model", "save_pretrained",
        "imwrite", "write_text", "write_bytes", "save_file",
    }
)  # fmt: skip
PATH_KWARGS = (
    "path", "filepath_or_buffer", "fname", "file", "f", "filename", "path_or_buf", "io",
    "source", "uri", "filepath", "model_file", "model_uri",
)  # fmt: skip
OPEN_CALLS = frozenset({"open", "io.open", "gzip.open", "bz2.open", "lzma.open", "codecs.open"})
MODEL_LIBS = frozenset(
    {
        "joblib", "pickle", "dill", "cloudpickle", "torch", "keras", "tensorflow", "tf_keras",
        "mlflow", "xgboost", "lightgbm", "catboost", "onnxruntime", "transformers", "bentoml",
        "safetensors", "skops", "sentence_transformers",
    }
)  # fmt: skip
MODEL_LOADS = frozenset(
    {"load", "load_model", "from_pretrained", "InferenceSession", "load_file", "get", "Booster"}
)
_QUOTED = re.compile(r"([\"'])((?:\./)?[\w./-]{3,200})\1")
_DOCKER_COPY = re.compile(r"^\s*(?:COPY|ADD)\s+(?:--\S+\s+)*(.+)$", re.I | re.M)
_DOCKER_RUN = re.compile(r"^\s*(?:CMD|ENTRYPOINT|RUN)\s+(.+)$", re.I | re.M)


def add_dataflow(builder: Builder, units: dict[str, PythonFacts]) -> None:
    for path, unit in sorted(units.items()):
        node = builder.code(path)
        loads = []
        for call in unit.calls:
            _call_edges(builder, path, node, call)
            if _is_model_load(call):
                loads.append(f"{path}:{call.line} {call.name}")
        if loads:
            builder.graph.nodes[node]["model_loads"] = loads


def _call_edges(builder: Builder, path: str, node: str, call: CallFact) -> None:
    last = call.name.rsplit(".", 1)[-1]
    if call.name in OPEN_CALLS:
        mode = _string(call.args[1] if len(call.args) > 1 else call.kwargs.get("mode")) or "r"
        kind = EdgeType.WRITES if set(mode) & set("wax") else EdgeType.READS
        literals = [_string(call.args[0] if call.args else call.kwargs.get("file"))]
    elif last in WRITE_NAMES:
        kind = EdgeType.WRITES
        literals = [_string(value) for value in [*call.args, *call.kwargs.values()]]
    elif last in READ_NAMES:
        kind = EdgeType.READS
        literals = [_string(call.args[0])] if call.args else []
        literals += [_string(call.kwargs.get(key)) for key in PATH_KWARGS]
    else:
        return
    for literal in literals:
        target = _artifact_path(builder, literal, path) if literal else None
        if target is not None:
            builder.edge(node, builder.artifact(target), kind, line=call.line)
            return


def _artifact_path(builder: Builder, literal: str, importer: str) -> str | None:
    """The artifact a literal names: known ones first (repo root, then the file's folder)."""
    if "\n" in literal or len(literal) > 260 or not literal.strip():
        return None
    folder = str(PurePosixPath(importer).parent)
    candidates = [normalize_path(literal)]
    if folder != ".":
        candidates.append(normalize_path(literal, folder))
    if importer.endswith(".ipynb"):  # a notebook's working folder is its own
        candidates.reverse()
    for candidate in candidates:
        if builder.known_artifact(candidate):
            return candidate
        if candidate in builder.facts.files:
            return candidate if looks_like_artifact(candidate) else None
    return candidates[0] if looks_like_artifact(candidates[0]) else None


def _is_model_load(call: CallFact) -> bool:
    parts = call.name.split(".")
    return parts[0] in MODEL_LIBS and parts[-1] in MODEL_LOADS and len(parts) > 1


def _string(value: str | None) -> str | None:
    """The text of a recorded string literal (``"'data/x.csv'"`` -> ``data/x.csv``)."""
    if not value or value[0] not in "'\"":
        return None
    try:
        text = ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return None
    return text if isinstance(text, str) else None


# serving ---------------------------------------------------------------------------


def link_serving(builder: Builder) -> None:
    """``serves`` edges from each serving app to the model artifacts its code names."""
    graph = builder.graph
    models = {
        data["path"]: node
        for node, data in graph.nodes(data=True)
        if data["type"] == NodeType.MODEL and data.get("path")
    }
    dockerfiles = _dockerfiles(builder)
    for entry, data in list(graph.nodes(data=True)):
        if data["type"] != NodeType.ENTRYPOINT or data.get("kind") != "serving":
            continue
        closure = code_closure(graph, entry)
        loads: list[str] = []
        for module in sorted(closure):
            loads.extend(graph.nodes[module].get("model_loads", []))
            for target in graph.successors(module):
                if graph.nodes[target]["type"] == NodeType.MODEL:
                    builder.edge(entry, target, EdgeType.SERVES, via="code")
            path = graph.nodes[module].get("path", "")
            if path.endswith(".py"):
                for literal in _literals(builder.facts.texts.get(path, "")):
                    model = builder.model_node(literal)
                    if model:
                        builder.edge(entry, model, EdgeType.SERVES, via="literal")
        names = {graph.nodes[m].get("label") for m in closure}
        names |= {graph.nodes[m].get("path") for m in closure}
        for copied, runs in dockerfiles:
            if runs & names:
                for path, model in models.items():
                    if any(path == src or path.startswith(src + "/") for src in copied):
                        builder.edge(entry, model, EdgeType.SERVES, via="Dockerfile")
        if loads:
            graph.nodes[entry]["model_loads"] = loads


def code_closure(graph, start: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Repository code reachable through ``imports`` edges from ``start``."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        for target in graph.successors(node):
            edge = graph.edges[node, target]
            if (
                target not in seen
                and graph.nodes[target]["type"] in CODE_TYPES
                and EdgeType.IMPORTS in edge["types"]
            ):
                seen.add(target)
                stack.append(target)
    return seen


def _literals(text: str) -> set[str]:
    return {normalize_path(match.group(2)) for match in _QUOTED.finditer(text)}


def _dockerfiles(builder: Builder) -> list[tuple[set[str], set[str]]]:
    """Per Dockerfile: what it copies into the image, and the modules its commands run."""
    found = []
    for config in builder.facts.configs.of_kind("dockerfile"):
        text = builder.facts.texts.get(config.path, "")
        copied: set[str] = set()
        for match in _DOCKER_COPY.finditer(text):
            words = match.group(1).replace("[", " ").replace("]", " ").replace(",", " ").split()
            copied.update(
                normalize_path(word.strip("\"'")) for word in words[:-1] if word.strip("\"'")
            )
        copied.discard(".")
        runs: set[str] = set()
        for match in _DOCKER_RUN.finditer(text):
            command = match.group(1).replace('", "', " ").replace("','", " ").strip("[]\"'")
            for kind, target in command_targets(command.replace('"', " ").replace(",", " ")):
                runs.add(target)
                if kind == "module":
                    found_module = builder.index.resolve(target, config.path, exact=True)
                    if found_module.origin == Origin.REPO and found_module.path:
                        runs.add(found_module.path)
        found.append((copied, runs))
    return found
