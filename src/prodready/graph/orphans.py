"""Orphan modules: shipping code that nothing imports, runs or names ("dead experimental paths").

A module is not an orphan when anything imports it (code, tests, a pipeline
stage, an entry point), when it is run as a script (``__main__`` guard, a
scripts folder, top-level statements outside a package), when a conventional
name says a tool loads it (``conftest``, ``setup``, ``noxfile``...), or when
any non-Python file names it (docs, CI, Makefile, Dockerfile, Procfile).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from prodready.graph.modules import dotted
from prodready.graph.queries import importers, is_experimental, is_source, nodes_of
from prodready.graph.schema import NodeType
from prodready.scanners.facts import PythonFacts, RepoFacts

if TYPE_CHECKING:
    import networkx as nx

TOOL_NAMES = frozenset(
    {
        "__init__",
        "__main__",
        "hubconf",  # torch.hub loads it by name
        "conftest",
        "setup",
        "noxfile",
        "tasks",
        "fabfile",
        "dodo",
        "manage",
        "wsgi",
        "asgi",
        "_version",
        "version",
        "gunicorn_conf",
        "gunicorn_config",
        "celeryconfig",
        "celery",
        "sitecustomize",
        "usercustomize",
    }
)
SCRIPT_DIRS = frozenset(
    {"scripts", "script", "bin", "tools", "tool", "cli", "jobs", "migrations", "alembic", "hooks"}
)
# Django loads these by convention, never by an import you can see.
DJANGO_NAMES = frozenset(
    {"models", "admin", "apps", "urls", "views", "forms", "serializers", "signals", "settings"}
)
_TOKEN = re.compile(r"[\w][\w./-]*")


@dataclass(frozen=True)
class Orphans:
    modules: list[str]  # node ids
    uncertain: str = ""  # why some module might still be loaded in a way the facts cannot show


def find_orphans(graph: nx.DiGraph, facts: RepoFacts, library: bool = False) -> Orphans:
    """Orphaned shipping modules; in a ``library`` every module inside a package is its API."""
    mentioned = _mentions(facts)
    basenames: dict[str, int] = {}
    for path in facts.python:
        name = PurePosixPath(path).name
        basenames[name] = basenames.get(name, 0) + 1
    django = "package:django" in graph
    packages = {str(PurePosixPath(p).parent) for p in facts.python if p.endswith("__init__.py")}
    orphans = []
    for node in nodes_of(graph, NodeType.MODULE):
        data = graph.nodes[node]
        path = data.get("path", "")
        if importers(graph, node) or not is_source(path) or _tool_loaded(path, django):
            continue
        unit = facts.python.get(path)
        if unit is not None and _runs_as_script(path, unit, packages):
            continue
        if _named(path, data["label"], mentioned, basenames):
            continue
        if library and str(PurePosixPath(path).parent) in packages:
            continue
        orphans.append(node)
    return Orphans(orphans, _uncertainty(graph, facts) if orphans else "")


def _tool_loaded(path: str, django: bool) -> bool:
    pure = PurePosixPath(path)
    folders = {part.lower() for part in pure.parent.parts}
    return (
        pure.stem in TOOL_NAMES
        or bool(folders & SCRIPT_DIRS)
        or (django and pure.stem in DJANGO_NAMES)
    )


def _runs_as_script(path: str, unit: PythonFacts, packages: set[str]) -> bool:
    """Top-level statements outside a package: a script, unless it sits in an experiment folder."""
    if unit.has_main_guard:
        return True
    if is_experimental(path) or str(PurePosixPath(path).parent) in packages:
        return False
    spans = [(f.line, f.end_line) for f in unit.functions]
    return any(not any(a <= call.line <= b for a, b in spans) for call in unit.calls)


def _named(path: str, label: str, mentioned: set[str], basenames: dict[str, int]) -> bool:
    name = PurePosixPath(path).name
    short = path.split("/", 1)[1] if path.startswith("src/") else path
    return (
        path in mentioned
        or short in mentioned
        or ("." in label and label in mentioned)
        or (basenames.get(name) == 1 and name in mentioned)
        or dotted(path) in mentioned
    )


def _mentions(facts: RepoFacts) -> set[str]:
    """Words that look like paths or dotted names in every non-Python text of the repository."""
    words: set[str] = set()
    for path, text in facts.texts.items():
        if path.endswith(".py"):
            continue
        for token in _TOKEN.findall(text):
            token = token.rstrip(".-/")
            words.add(token.removeprefix("./"))
    return words


def _uncertainty(graph: nx.DiGraph, facts: RepoFacts) -> str:
    unknown = graph.graph.get("unknown_imports") or []
    if unknown:
        return f"dynamic imports of computed names ({', '.join(unknown[:3])}) may load them"
    broken = sorted(path for path, unit in facts.python.items() if unit.parse_error)
    if broken:
        return f"unparsable modules ({', '.join(broken[:3])}) may import them"
    return ""
