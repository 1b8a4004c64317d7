"""Declared dependencies with their scope: runtime, extra, optional (dev and test), build, lock.

The config scanner lists runtime declarations; extras, dependency groups and
build requirements are read here from the parsed manifests, because a test tool
declared in a ``dev`` extra is declared, just not for production, and
``[build-system] requires`` is installed to build the package, never to run it.
Conda environment files are recognised by their shape (``conda.yaml``,
``conda_dependencies.yml``), ``setup.py`` wherever it sits, and a notebook's own
``!pip install`` declares what that notebook needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from prodready.graph.magics import install_names, installed
from prodready.scanners.facts import RepoFacts
from prodready.scanners.queries import normalize_dist

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
# requirements-dev.txt, environment-test.yml, requirements/lint.in: not what production installs
_OPTIONAL_FILE = re.compile(
    r"(^|[/_.-])(dev|develop|test|tests|testing|lint|docs?|ci|bench|tools?|extras?|optional|"
    r"style|typing|types|check|qa)([/_.-]|$)",
    re.I,
)
# Files whose commands set up an environment.
_INSTALLING_KINDS = frozenset({"dockerfile", "makefile", "sh", "tox"})
# Top-level keys of a conda environment file (and of MLflow's python_env.yaml).
_CONDA_KEYS = frozenset({"name", "channels", "dependencies", "prefix", "variables", "python"})


class Scope(StrEnum):
    RUNTIME = "runtime"
    EXTRA = "extra"  # an extra of the distribution: `pip install pkg[extra]` installs it
    OPTIONAL = "optional"  # for development: dev groups and files, CI and notebook installs
    BUILD = "build"  # [build-system] requires, setup_requires: installed to build, not to run
    LOCK = "lock"


@dataclass(frozen=True)
class Declared:
    name: str  # normalized distribution name
    source: str  # the manifest's repo path
    scope: Scope
    group: str = ""  # the extra or dependency group, when there is one
    conda: bool = False  # from a conda environment, which also lists system libraries


@dataclass(frozen=True)
class Distribution:
    """A distribution the repository builds itself, and the folder its manifest sits in."""

    name: str | None  # normalized; None when setup.py computes it
    root: str  # "" for the repository root


def built_distributions(facts: RepoFacts) -> list[Distribution]:
    """``[project]``/Poetry metadata, setup.cfg ``[metadata]`` or a ``setup()`` call, anywhere."""
    found = []
    for path, config in sorted(facts.configs.parsed.items()):
        data = config.data if isinstance(config.data, dict) else {}
        if config.kind == "pyproject":
            tool = _dict(data.get("tool"))
            name = _dict(data.get("project")).get("name") or _dict(tool.get("poetry")).get("name")
        elif config.kind == "setup.cfg":
            name = _dict(data.get("metadata")).get("name")
        else:
            continue
        if isinstance(name, str) and name.strip():
            found.append(Distribution(normalize_dist(name.strip()), _folder(path)))
    for path in sorted(facts.python):
        if PurePosixPath(path).name == "setup.py" and path in facts.texts:
            keywords = dict(_setup_keywords(facts.texts[path]))
            if keywords:  # a setup() call, even with a computed name
                name = keywords.get("name")
                named = isinstance(name, str) and bool(name.strip())
                found.append(Distribution(normalize_dist(name) if named else None, _folder(path)))
    return found


def _folder(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


def declared_dependencies(facts: RepoFacts) -> list[Declared]:
    configs = facts.configs
    locks = set(configs.lock_files)
    optional_poetry = _optional_poetry(facts)
    found: list[Declared] = []
    for dep in configs.dependencies:
        name = normalize_dist(dep.name)
        conda = _kind(facts, dep.source) == "conda-env"
        if dep.source in locks:
            scope = Scope.LOCK
        elif name in optional_poetry.get(dep.source, ()):
            scope = Scope.EXTRA
        elif _optional_file(dep.source) and not conda:  # a conda file is a whole environment
            scope = Scope.OPTIONAL
        else:
            scope = Scope.RUNTIME
        found.append(Declared(name, dep.source, scope, conda=conda))
    for path, config in sorted(configs.parsed.items()):
        data = config.data
        if not isinstance(data, dict):
            continue
        if config.kind == "pyproject":
            found.extend(_pyproject(path, data))
        elif config.kind == "setup.cfg":
            found.extend(_setup_cfg(path, data))
        elif config.kind == "pipfile":
            for name in _names(list(_dict(data.get("dev-packages")))):
                found.append(Declared(name, path, Scope.OPTIONAL, "dev-packages"))
        elif config.kind != "conda-env" and _conda_shaped(data):
            found.extend(_conda(path, data))
    found.extend(_setup_py(facts))
    found.extend(_other_requirements(facts, {dep.source for dep in configs.dependencies} | locks))
    for path, notebook in sorted(facts.notebooks.items()):
        for name in _names(list(installed(notebook))):
            found.append(Declared(name, path, Scope.OPTIONAL, "notebook"))
    found.extend(_install_commands(facts))
    return found


def _install_commands(facts: RepoFacts) -> Iterator[Declared]:
    """``pip install x`` in a CI job, a Dockerfile, a Makefile or a shell script: the environment
    that runs tests or builds an image is declared there too, though not as the package's."""
    for path, config in sorted(facts.configs.parsed.items()):
        if not (config.kind in _INSTALLING_KINDS or config.kind.startswith("ci:")):
            continue
        text = facts.texts.get(path, "").replace("\\\n", " ")
        for line in text.splitlines():
            if not line.lstrip().startswith("#"):
                for name in _names(list(install_names(line))):
                    yield Declared(name, path, Scope.OPTIONAL, "install command")


def _optional_file(path: str) -> bool:
    return bool(
        _OPTIONAL_FILE.search(PurePosixPath(path).name)
        or _OPTIONAL_FILE.search(str(PurePosixPath(path).parent))
    )


def _kind(facts: RepoFacts, path: str) -> str | None:
    config = facts.configs.get(path)
    return config.kind if config is not None else None


# requirements files the scanner does not read by name: dev-requirements.txt, test_requirements.in
_REQUIREMENTS_FILE = re.compile(r"^[\w.-]*[-_.]requirements?([-_.][\w.-]*)?\.(txt|in)$", re.I)


def _other_requirements(facts: RepoFacts, known: set[str]) -> Iterator[Declared]:
    for path in sorted(facts.texts):
        if path in known or not _REQUIREMENTS_FILE.match(PurePosixPath(path).name):
            continue
        scope = Scope.OPTIONAL if _optional_file(path) else Scope.RUNTIME
        for line in facts.texts[path].splitlines():
            entry = line.split(" #")[0].strip()
            if entry and not entry.startswith("#") and "://" not in entry:
                for name in _names([entry]):
                    yield Declared(name, path, scope)


# pyproject.toml -------------------------------------------------------------------


def _pyproject(path: str, data: dict[str, Any]) -> Iterator[Declared]:
    project = _dict(data.get("project"))
    tool = _dict(data.get("tool"))
    for name in _names(_list(_dict(data.get("build-system")).get("requires"))):
        yield Declared(name, path, Scope.BUILD, "build-system")
    for group, entries in _dict(project.get("optional-dependencies")).items():
        for name in _names(_list(entries)):
            yield Declared(name, path, Scope.EXTRA, str(group))
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
            yield Declared(name, path, Scope.OPTIONAL, group)


def _optional_poetry(facts: RepoFacts) -> dict[str, set[str]]:
    """``foo = {version = "^1", optional = true}`` in Poetry's dependencies: an extra, not runtime."""
    found: dict[str, set[str]] = {}
    for path, config in facts.configs.parsed.items():
        if config.kind != "pyproject" or not isinstance(config.data, dict):
            continue
        poetry = _dict(_dict(config.data.get("tool")).get("poetry"))
        for name, spec in _dict(poetry.get("dependencies")).items():
            if isinstance(spec, dict) and spec.get("optional") is True:
                found.setdefault(path, set()).add(normalize_dist(name))
    return found


# setup.cfg and setup.py ---------------------------------------------------------------


def _setup_cfg(path: str, data: dict[str, Any]) -> Iterator[Declared]:
    for group, lines in _dict(data.get("options.extras_require")).items():
        for name in _names(str(lines).splitlines()):
            yield Declared(name, path, Scope.EXTRA, str(group))
    options = _dict(data.get("options"))
    for key, scope in (("setup_requires", Scope.BUILD), ("tests_require", Scope.OPTIONAL)):
        for name in _names(str(options.get(key) or "").splitlines()):
            yield Declared(name, path, scope, key)


def _setup_py(facts: RepoFacts) -> Iterator[Declared]:
    """Every ``setup.py``: ``install_requires`` (the scanner reads only the root one), extras,
    ``setup_requires`` and ``tests_require``, as literals or names bound to literals."""
    for path in sorted(facts.python):
        if PurePosixPath(path).name == "setup.py" and path in facts.texts:
            yield from _setup_call(path, facts.texts[path])


def _setup_keywords(text: str) -> Iterator[tuple[str, Any]]:
    """``setup()`` keywords whose value is a literal, or a module-level name bound to one."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    bound: dict[str, Any] = {}
    for node in tree.body:  # module-level `install_requires = [...]`
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                bound[target.id] = _literal(node.value)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node.func) == "setup":
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg:
                    literal = (
                        bound.get(value.id) if isinstance(value, ast.Name) else _literal(value)
                    )
                    yield keyword.arg, literal


def _setup_call(path: str, text: str) -> Iterator[Declared]:
    for arg, entries in _setup_keywords(text):
        if arg == "install_requires":
            yield from _scoped(path, entries, Scope.RUNTIME, "")
        elif arg == "extras_require" and isinstance(entries, dict):
            for group, items in entries.items():
                yield from _scoped(path, items, Scope.EXTRA, str(group))
        elif arg == "setup_requires":
            yield from _scoped(path, entries, Scope.BUILD, "setup_requires")
        elif arg == "tests_require":
            yield from _scoped(path, entries, Scope.OPTIONAL, "tests_require")


def _scoped(path: str, entries: Any, scope: Scope, group: str) -> Iterator[Declared]:
    if isinstance(entries, list | tuple):
        for name in _names(list(entries)):
            yield Declared(name, path, scope, group)


def _literal(node: Any) -> Any:
    import ast

    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _callee(func: Any) -> str | None:
    import ast

    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


# conda environments ---------------------------------------------------------------------


def _conda_shaped(data: dict[str, Any]) -> bool:
    """``name:``/``channels:`` and a ``dependencies:`` list, whatever the file is called."""
    return (
        isinstance(data.get("dependencies"), list)
        and bool(data.keys() & {"name", "channels", "python"})
        and data.keys() <= _CONDA_KEYS | {"build_dependencies"}
    )


def _conda(path: str, data: dict[str, Any]) -> Iterator[Declared]:
    # a whole environment, not a list added on top of one: `ci_dependencies.yml` is what the
    # CI's jobs run in, so it declares their runtime whatever the file is called
    scope = Scope.RUNTIME
    for entry in data["dependencies"]:
        if isinstance(entry, dict):
            for name in _names(_list(entry.get("pip"))):
                yield Declared(name, path, scope, conda=True)
        elif isinstance(entry, str):
            name = _NAME.match(entry.split("::")[-1])
            if name and name.group(1).lower() not in ("python", "pip"):
                yield Declared(normalize_dist(name.group(1)), path, scope, conda=True)
    for name in _names(_list(data.get("build_dependencies"))):
        yield Declared(name, path, Scope.BUILD, conda=True)


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
