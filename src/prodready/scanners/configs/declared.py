"""Every declared dependency with its scope: runtime, extra, optional (dev and test), build, lock.

The manifests' whole-file entries are the config scanner's ``Dependency`` facts, their
scope decided by ``scopes``; extras, dependency groups and build requirements are read here
from the parsed manifests, because a test tool declared in a ``dev`` extra is declared,
just not for production, and ``[build-system] requires`` is installed to build the
package, never to run it. Conda environment files are recognised by their shape
(``conda.yaml``, ``conda_dependencies.yml``), ``setup.py`` wherever it sits, and a
notebook's own ``!pip install`` declares what that notebook needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.configs.installs import install_names, installed
from prodready.scanners.configs.scopes import ManifestScopes
from prodready.scanners.configs.setup_py import SetupCalls
from prodready.scanners.facts import (
    DeclaredDependency,
    Dependency,
    NotebookFacts,
    ParsedConfig,
    Scope,
)
from prodready.scanners.queries import normalize_dist

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
# Files whose commands set up an environment.
_INSTALLING_KINDS = frozenset({"dockerfile", "makefile", "sh", "tox"})
# Top-level keys of a conda environment file (and of MLflow's python_env.yaml).
_CONDA_KEYS = frozenset({"name", "channels", "dependencies", "prefix", "variables", "python"})
# requirements files the scanner does not read by name: dev-requirements.txt, test_requirements.in
_REQUIREMENTS_FILE = re.compile(r"^[\w.-]*[-_.]requirements?([-_.][\w.-]*)?\.(txt|in)$", re.I)


def declared_dependencies(
    parsed: dict[str, ParsedConfig],
    dependencies: Sequence[Dependency],
    scopes: ManifestScopes,
    texts: dict[str, str],
    setups: SetupCalls,
    notebooks: dict[str, NotebookFacts],
) -> list[DeclaredDependency]:
    found = [
        DeclaredDependency(dep.name, dep.source, dep.scope, conda=scopes.conda(dep.source))
        for dep in dependencies
    ]
    for path, config in sorted(parsed.items()):
        data = config.data
        if not isinstance(data, dict):
            continue
        if config.kind == "pyproject":
            found.extend(_pyproject(path, data))
        elif config.kind == "setup.cfg":
            found.extend(_setup_cfg(path, data))
        elif config.kind == "pipfile":
            for name in _names(list(_dict(data.get("dev-packages")))):
                found.append(DeclaredDependency(name, path, Scope.OPTIONAL, "dev-packages"))
        elif config.kind != "conda-env" and _conda_shaped(data):
            found.extend(_conda(path, data))
    for path, keywords in sorted(setups.items()):
        found.extend(_setup_call(path, keywords))
    known = {dep.source for dep in dependencies} | scopes.locks
    found.extend(_other_requirements(texts, known, scopes))
    for path, notebook in sorted(notebooks.items()):
        for name in _names(list(installed(notebook))):
            found.append(DeclaredDependency(name, path, Scope.OPTIONAL, "notebook"))
    found.extend(_install_commands(parsed, texts))
    return found


def _install_commands(
    parsed: dict[str, ParsedConfig], texts: dict[str, str]
) -> Iterator[DeclaredDependency]:
    """``pip install x`` in a CI job, a Dockerfile, a Makefile or a shell script: the environment
    that runs tests or builds an image is declared there too, though not as the package's."""
    for path, config in sorted(parsed.items()):
        if not (config.kind in _INSTALLING_KINDS or config.kind.startswith("ci:")):
            continue
        text = texts.get(path, "").replace("\\\n", " ")
        for line in text.splitlines():
            if not line.lstrip().startswith("#"):
                for name in _names(list(install_names(line))):
                    yield DeclaredDependency(name, path, Scope.OPTIONAL, "install command")


def _other_requirements(
    texts: dict[str, str], known: set[str], scopes: ManifestScopes
) -> Iterator[DeclaredDependency]:
    for path in sorted(texts):
        if path in known or not _REQUIREMENTS_FILE.match(PurePosixPath(path).name):
            continue
        for line in texts[path].splitlines():
            entry = line.split(" #")[0].strip()
            if entry and not entry.startswith("#") and "://" not in entry:
                for name in _names([entry]):
                    yield DeclaredDependency(name, path, scopes.scope(path, name))


# pyproject.toml -------------------------------------------------------------------


def _pyproject(path: str, data: dict[str, Any]) -> Iterator[DeclaredDependency]:
    project = _dict(data.get("project"))
    tool = _dict(data.get("tool"))
    for name in _names(_list(_dict(data.get("build-system")).get("requires"))):
        yield DeclaredDependency(name, path, Scope.BUILD, "build-system")
    for group, entries in _dict(project.get("optional-dependencies")).items():
        for name in _names(_list(entries)):
            yield DeclaredDependency(name, path, Scope.EXTRA, str(group))
    groups: dict[str, list[Any]] = {}

    def add(group: str, entries: Any) -> None:  # one group may come from two tables
        groups.setdefault(group, []).extend(_list(entries))

    for group, entries in _dict(data.get("dependency-groups")).items():  # PEP 735
        add(str(group), entries)
    poetry = _dict(tool.get("poetry"))
    for group, table in _dict(poetry.get("group")).items():
        add(f"poetry:{group}", list(_dict(_dict(table).get("dependencies"))))
    add("poetry:dev", list(_dict(poetry.get("dev-dependencies"))))
    for group, entries in _dict(_dict(tool.get("pdm")).get("dev-dependencies")).items():
        add(f"pdm:{group}", entries)
    add("uv:dev", _dict(tool.get("uv")).get("dev-dependencies"))
    for group, env in _dict(_dict(tool.get("hatch")).get("envs")).items():
        add(f"hatch:{group}", _dict(env).get("dependencies"))
        add(f"hatch:{group}", _dict(env).get("extra-dependencies"))
    for group, entries in groups.items():
        for name in _names(entries):
            yield DeclaredDependency(name, path, Scope.OPTIONAL, group)


# setup.cfg and setup.py ---------------------------------------------------------------


def _setup_cfg(path: str, data: dict[str, Any]) -> Iterator[DeclaredDependency]:
    for group, lines in _dict(data.get("options.extras_require")).items():
        for name in _names(str(lines).splitlines()):
            yield DeclaredDependency(name, path, Scope.EXTRA, str(group))
    options = _dict(data.get("options"))
    for key, scope in (("setup_requires", Scope.BUILD), ("tests_require", Scope.OPTIONAL)):
        for name in _names(str(options.get(key) or "").splitlines()):
            yield DeclaredDependency(name, path, scope, key)


def _setup_call(path: str, keywords: list[tuple[str, Any]]) -> Iterator[DeclaredDependency]:
    """``install_requires`` of every ``setup.py`` (the scanner's entries are the root one's),
    extras, ``setup_requires`` and ``tests_require``, as literals or names bound to literals."""
    for arg, entries in keywords:
        if arg == "install_requires":
            yield from _scoped(path, entries, Scope.RUNTIME, "")
        elif arg == "extras_require" and isinstance(entries, dict):
            for group, items in entries.items():
                yield from _scoped(path, items, Scope.EXTRA, str(group))
        elif arg == "setup_requires":
            yield from _scoped(path, entries, Scope.BUILD, "setup_requires")
        elif arg == "tests_require":
            yield from _scoped(path, entries, Scope.OPTIONAL, "tests_require")


def _scoped(path: str, entries: Any, scope: Scope, group: str) -> Iterator[DeclaredDependency]:
    if isinstance(entries, list | tuple):
        for name in _names(list(entries)):
            yield DeclaredDependency(name, path, scope, group)


# conda environments ---------------------------------------------------------------------


def _conda_shaped(data: dict[str, Any]) -> bool:
    """``name:``/``channels:`` and a ``dependencies:`` list, whatever the file is called."""
    return (
        isinstance(data.get("dependencies"), list)
        and bool(data.keys() & {"name", "channels", "python"})
        and data.keys() <= _CONDA_KEYS | {"build_dependencies"}
    )


def _conda(path: str, data: dict[str, Any]) -> Iterator[DeclaredDependency]:
    # a whole environment, not a list added on top of one: `ci_dependencies.yml` is what the
    # CI's jobs run in, so it declares their runtime whatever the file is called
    scope = Scope.RUNTIME
    for entry in data["dependencies"]:
        if isinstance(entry, dict):
            for name in _names(_list(entry.get("pip"))):
                yield DeclaredDependency(name, path, scope, conda=True)
        elif isinstance(entry, str):
            name = _NAME.match(entry.split("::")[-1])
            if name and name.group(1).lower() not in ("python", "pip"):
                yield DeclaredDependency(normalize_dist(name.group(1)), path, scope, conda=True)
    for name in _names(_list(data.get("build_dependencies"))):
        yield DeclaredDependency(name, path, Scope.BUILD, conda=True)


# entries ------------------------------------------------------------------------------


def _names(entries: list[Any]) -> Iterator[str]:
    for entry in entries:
        if not isinstance(entry, str):
            continue  # {include-group = ...} tables and the like
        match = _NAME.match(entry.split(";")[0])
        if match and match.group(1).lower() != "python" and not entry.lstrip().startswith("-"):
            yield normalize_dist(match.group(1))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
