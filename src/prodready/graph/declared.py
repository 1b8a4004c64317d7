"""Declared dependencies with their scope: runtime, optional (extras, dev and test groups), lock.

The config scanner lists runtime declarations; extras and dependency groups are
read here from the parsed manifests, because a test tool declared in a ``dev``
extra is declared, just not for production.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from prodready.graph.names import normalize_dist
from prodready.scanners.facts import RepoFacts

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
# requirements-dev.txt, environment-test.yml, requirements/lint.in: not what production installs
_OPTIONAL_FILE = re.compile(
    r"(^|[/_.-])(dev|develop|test|tests|testing|lint|docs?|ci|bench|tools?|extras?|optional|"
    r"style|typing|types|check|qa)([/_.-]|$)",
    re.I,
)


class Scope(StrEnum):
    RUNTIME = "runtime"
    OPTIONAL = "optional"
    LOCK = "lock"


@dataclass(frozen=True)
class Declared:
    name: str  # normalized distribution name
    source: str  # the manifest's repo path
    scope: Scope
    group: str = ""  # the extra or dependency group, when there is one


def declared_dependencies(facts: RepoFacts) -> list[Declared]:
    configs = facts.configs
    locks = set(configs.lock_files)
    found: list[Declared] = []
    for dep in configs.dependencies:
        if dep.source in locks:
            scope = Scope.LOCK
        elif _OPTIONAL_FILE.search(PurePosixPath(dep.source).name) or _OPTIONAL_FILE.search(
            str(PurePosixPath(dep.source).parent)
        ):
            scope = Scope.OPTIONAL
        else:
            scope = Scope.RUNTIME
        found.append(Declared(normalize_dist(dep.name), dep.source, scope))
    for path, config in sorted(configs.parsed.items()):
        if config.kind == "pyproject" and isinstance(config.data, dict):
            found.extend(_pyproject_optional(path, config.data))
        elif config.kind == "setup.cfg" and isinstance(config.data, dict):
            extras = config.data.get("options.extras_require") or {}
            for group, lines in extras.items():
                for name in _names(str(lines).splitlines()):
                    found.append(Declared(name, path, Scope.OPTIONAL, str(group)))
    found.extend(_setup_py_extras(facts))
    return found


def _pyproject_optional(path: str, data: dict[str, Any]) -> Iterator[Declared]:
    project = data.get("project") or {}
    tool = data.get("tool") or {}
    groups: dict[str, Any] = {}
    groups.update(_dict(project.get("optional-dependencies")))
    groups.update(_dict(data.get("dependency-groups")))
    poetry = _dict(tool.get("poetry"))
    for name, group in _dict(poetry.get("group")).items():
        groups[f"poetry:{name}"] = list(_dict(_dict(group).get("dependencies")))
    groups["poetry:dev"] = list(_dict(poetry.get("dev-dependencies")))
    for name, entries in _dict(_dict(tool.get("pdm")).get("dev-dependencies")).items():
        groups[f"pdm:{name}"] = entries
    groups["uv:dev"] = _dict(tool.get("uv")).get("dev-dependencies") or []
    for group, entries in groups.items():
        if isinstance(entries, list):
            for name in _names(entries):
                yield Declared(name, path, Scope.OPTIONAL, str(group))


def _setup_py_extras(facts: RepoFacts) -> Iterator[Declared]:
    import ast

    setup = facts.python.get("setup.py")
    for call in setup.calls if setup is not None else []:
        text = call.kwargs.get("extras_require") if call.name.endswith("setup") else None
        try:
            extras = ast.literal_eval(text) if text else {}
        except (ValueError, SyntaxError):
            continue
        for group, entries in extras.items() if isinstance(extras, dict) else []:
            if isinstance(entries, list | tuple):
                for name in _names(entries):
                    yield Declared(name, "setup.py", Scope.OPTIONAL, str(group))


def _names(entries: list[Any]) -> Iterator[str]:
    for entry in entries:
        if not isinstance(entry, str):
            continue  # {include-group = ...} tables and the like
        match = _NAME.match(entry.split(";")[0])
        if match and match.group(1).lower() != "python":
            yield normalize_dist(match.group(1))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
