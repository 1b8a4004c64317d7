"""Entry points found from the facts: serving apps, ``__main__`` scripts, console scripts.

A serving app is proven by the AST: the module imports a serving framework and
constructs its app (``FastAPI()``, ``Flask(__name__)``, ``bentoml.Service``...),
or uses a framework that exists only to serve (BentoML, Ray Serve, LitServe).
"""

from __future__ import annotations

import re
from typing import Any

from prodready.graph.core import Builder
from prodready.graph.modules import Origin
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import PythonFacts
from prodready.scanners.queries import is_test_path

APP_CONSTRUCTORS: dict[str, str] = {
    "fastapi.FastAPI": "fastapi",
    "flask.Flask": "flask",
    "starlette.applications.Starlette": "starlette",
    "sanic.Sanic": "sanic",
    "aiohttp.web.Application": "aiohttp",
    "litserve.LitServer": "litserve",
    "bentoml.Service": "bentoml",
    "bentoml.service": "bentoml",
    "ray.serve.deployment": "ray_serve",
    "ray.serve.run": "ray_serve",
    "gradio.Interface": "gradio",
    "gradio.Blocks": "gradio",
    "kserve.ModelServer": "kserve",
}
# Frameworks whose only use is serving, often through a bare decorator (no call recorded).
SERVING_ONLY = {"bentoml": "bentoml", "ray.serve": "ray_serve", "litserve": "litserve"}
_ENTRY_SPEC = re.compile(r"^\s*([A-Za-z_][\w.]*)(?::([\w.]+))?")


def add_entries(builder: Builder, units: dict[str, PythonFacts]) -> None:
    for path, unit in sorted(units.items()):
        if is_test_path(path):
            continue
        notebook = path.endswith(".ipynb")
        framework, line = (None, None) if notebook else serving_framework(unit)
        module = builder.code(path)
        label = builder.graph.nodes[module]["label"]
        if framework:
            entry = builder.node(
                NodeType.ENTRYPOINT,
                f"{label}:{framework}",
                kind="serving",
                framework=framework,
                path=path,
                line=line,
            )
            builder.edge(entry, module, EdgeType.IMPORTS)
        if unit.has_main_guard and not notebook:
            entry = builder.node(NodeType.ENTRYPOINT, f"{label}:__main__", kind="main", path=path)
            builder.edge(entry, module, EdgeType.IMPORTS)
    _declared_scripts(builder)


def serving_framework(unit: PythonFacts) -> tuple[str | None, int | None]:
    """The framework a module serves with and the line of its app, from the AST facts."""
    for call in unit.calls:
        framework = APP_CONSTRUCTORS.get(call.name)
        if framework:
            return framework, call.line
    imported = {f.module for f in unit.imports if not f.level} | {
        f"{f.module}.{name}" for f in unit.imports if not f.level for name in f.names
    }
    for module, framework in SERVING_ONLY.items():
        if module in imported:
            line = next(
                (f.line for f in unit.imports if (f.module + ".").startswith(module + ".")), None
            )
            if line is None:
                line = next(
                    (f.line for f in unit.imports if module.split(".")[0] == f.module), None
                )
            return framework, line
    return None, None


def _declared_scripts(builder: Builder) -> None:
    """Console scripts and plugin entry points from pyproject, setup.cfg and setup.py."""
    for path, config in sorted(builder.facts.configs.parsed.items()):
        specs: dict[str, Any] = {}
        if config.kind == "pyproject" and isinstance(config.data, dict):
            project = _dict(config.data.get("project"))
            specs.update(_dict(project.get("scripts")))
            specs.update(_dict(project.get("gui-scripts")))
            for group in _dict(project.get("entry-points")).values():
                specs.update(_dict(group))
            specs.update(_dict(_dict(_dict(config.data.get("tool")).get("poetry")).get("scripts")))
        elif config.kind == "setup.cfg" and isinstance(config.data, dict):
            for lines in _dict(config.data.get("options.entry_points")).values():
                specs.update(_ini_entries(str(lines)))
        for name, spec in specs.items():
            if isinstance(spec, dict):  # poetry's {reference = "...", type = "file"}
                spec = spec.get("reference") or spec.get("callable")
            if isinstance(spec, str):
                _script(builder, path, str(name), spec)
    setup = builder.facts.python.get("setup.py")
    for call in setup.calls if setup is not None else []:
        if call.name.endswith("setup") and call.kwargs.get("entry_points"):
            for name, spec in _setup_entries(call.kwargs["entry_points"]):
                _script(builder, "setup.py", name, spec)


def _script(builder: Builder, manifest: str, name: str, spec: str) -> None:
    match = _ENTRY_SPEC.match(spec)
    entry = builder.node(
        NodeType.ENTRYPOINT, f"script:{name}", kind="console_script", spec=spec, path=manifest
    )
    builder.edge(builder.node(NodeType.MANIFEST, manifest, path=manifest), entry, EdgeType.DECLARES)
    if match is None:
        return
    found = builder.index.resolve(match.group(1), manifest)
    if found.origin == Origin.REPO and found.path:
        builder.edge(entry, builder.code(found.path), EdgeType.IMPORTS)


def _ini_entries(text: str) -> dict[str, str]:
    entries = {}
    for line in text.splitlines():
        name, sep, spec = line.partition("=")
        if sep and name.strip():
            entries[name.strip()] = spec.strip()
    return entries


def _setup_entries(text: str) -> list[tuple[str, str]]:
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return []
    found = []
    for group in value.values() if isinstance(value, dict) else []:
        for line in group if isinstance(group, list | tuple) else []:
            name, sep, spec = str(line).partition("=")
            if sep:
                found.append((name.strip(), spec.strip()))
    return found


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
