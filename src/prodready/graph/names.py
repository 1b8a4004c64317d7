"""Distribution names versus import names, and which imports are the standard library.

``pip install scikit-learn`` is ``import sklearn``: without this mapping every
such package would show up both as undeclared and as never imported. Both
tables are data shipped with prodready (``graph/data/*.toml``, each saying where
its facts come from), never read from the environment prodready runs in, so an
audit says the same on every machine.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from prodready.scanners.queries import normalize_dist

# Top-level names shared by many distributions: the package is the first two (or three) parts.
NAMESPACE_TOPS: dict[str, int] = {
    "google": 3,
    "azure": 3,
    "azureml": 2,
    "jaraco": 2,
    "backports": 2,
    "zope": 2,
    "ruamel": 2,
    "mpl_toolkits": 2,
    "hydra_plugins": 2,
    "jax_plugins": 2,
    "sphinxcontrib": 2,
    "opentelemetry": 2,
}


@cache
def _data(name: str) -> dict[str, list[str]]:
    return tomllib.loads(files("prodready.graph").joinpath("data", name).read_text("utf-8"))


@cache
def _stdlib() -> tuple[frozenset[str], frozenset[str]]:
    table = _data("stdlib.toml")
    return frozenset(table["python3"]), frozenset(table["python2"])


@cache
def _provided() -> dict[str, tuple[str, ...]]:
    return {dist: tuple(names) for dist, names in _data("import_names.toml")["provides"].items()}


@cache
def _providers() -> dict[str, tuple[str, ...]]:
    """Lowercased import name -> the distributions the data file lists for it."""
    found: dict[str, list[str]] = {}
    for dist, names in _provided().items():
        for name in names:
            found.setdefault(name.lower(), []).append(dist)
    return {name: tuple(dists) for name, dists in found.items()}


def is_stdlib(module: str) -> bool:
    return module.split(".")[0] in _stdlib()[0]


def is_python2_stdlib(module: str) -> bool:
    """``SocketServer``, ``urllib2``: standard library of Python 2 only (PEP 3108).

    Asked only of imports that resolve to no repository module, so a local
    ``commands.py`` stays a module of the repository.
    """
    return module.split(".")[0] in _stdlib()[1]


def import_names(dist: str) -> tuple[str, ...]:
    """Import names a distribution most likely provides, lowercased: the data file's, then the
    names its own spelling suggests."""
    norm = normalize_dist(dist)
    names = [name.lower() for name in _provided().get(norm, ())]
    return tuple(dict.fromkeys([*names, *_spelled(norm)]))


def primary_import(dist: str) -> str:
    """The one import name that stands for ``dist`` when nothing imports it."""
    norm = normalize_dist(dist)
    listed = _provided().get(norm, ())
    if len(listed) == 1:
        return listed[0]
    spelled = _spelled(norm)
    return spelled[-1] if norm.startswith(("python-", "py-")) else spelled[0]


def _spelled(norm: str) -> list[str]:
    """``azure-storage-blob`` -> ``azure.storage.blob``; ``python-dotenv`` -> ``dotenv`` too."""
    plain = [norm.replace("-", "_"), norm.replace("-", ".")]
    names = plain[::-1] if norm.split("-")[0] in NAMESPACE_TOPS else plain
    for prefix in ("python-", "py-"):
        if norm.startswith(prefix):
            names.append(norm.removeprefix(prefix).replace("-", "_"))
    return names


def distributions_of(key: str) -> tuple[str, ...]:
    """Distributions known to provide the import name ``key`` (for telling a user what to
    declare); empty when the name is the distribution's own."""
    parts = key.lower().split(".")
    for size in range(len(parts), 0, -1):
        found = _providers().get(".".join(parts[:size]))
        if found:
            return found
    return ()


def package_key(module: str, declared_keys: frozenset[str] = frozenset()) -> str:
    """The third-party node an import belongs to: the longest dotted prefix that a declared
    distribution provides, else its top-level name (more for namespace packages)."""
    parts = module.split(".")
    depth = NAMESPACE_TOPS.get(parts[0])
    shortest = 2 if depth else 1  # a bare namespace is never the package
    for size in range(min(len(parts), 4), shortest - 1, -1):
        candidate = ".".join(parts[:size])
        if candidate.lower() in declared_keys:
            return candidate
    return ".".join(parts[:depth]) if depth else parts[0]


def provides(dist: str, key: str) -> bool:
    """Whether ``dist`` plausibly provides the import-name ``key`` (case-insensitive)."""
    key = key.lower()
    return any(key == name or key.startswith(name + ".") for name in import_names(dist))
