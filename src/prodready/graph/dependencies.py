"""Imported-but-undeclared and declared-but-never-imported packages, with their evidence.

Guarded against the usual false alarms: imports under ``try`` or
``TYPE_CHECKING`` are optional; test and notebook imports only need to be
declared somewhere (a dev extra is fine); a runtime dependency never imported
may still be used as a command (``uvicorn`` in the Dockerfile), as a plugin or
stub package, or by another library (``pyarrow`` behind ``pandas.read_parquet``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prodready.graph.guards import Guard
from prodready.graph.names import import_names
from prodready.graph.queries import has_type, is_experimental, is_source, nodes_of
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import RepoFacts

if TYPE_CHECKING:
    import networkx as nx

# Used by another library or a tool, not imported: never reported as unused.
IMPLICIT = frozenset(
    {
        "pyarrow", "fastparquet", "openpyxl", "xlrd", "xlsxwriter", "odfpy", "tables", "lxml",
        "html5lib", "tabulate", "psycopg2", "psycopg2-binary", "psycopg", "psycopg-binary",
        "pymysql", "mysqlclient", "pyodbc", "cx-oracle", "oracledb", "asyncpg", "aiosqlite",
        "python-multipart", "jinja2", "email-validator", "httpx", "requests-toolbelt", "uvloop",
        "httptools", "websockets", "watchfiles", "gunicorn", "uvicorn", "hypercorn", "waitress",
        "daphne", "granian", "gevent", "eventlet", "ipykernel", "ipywidgets", "jupyter",
        "jupyterlab", "notebook", "nbformat", "nbconvert", "setuptools", "wheel", "pip",
        "tensorboard", "sentencepiece", "tokenizers", "protobuf", "safetensors", "accelerate",
        "fsspec", "s3fs", "gcsfs", "adlfs", "certifi", "scipy", "threadpoolctl", "numexpr",
        "bottleneck", "tzdata", "python-dotenv", "dvc", "dvc-s3", "dvc-gs", "dvc-azure",
        "mlflow", "kaleido", "pydot", "graphviz", "triton", "nvidia-ml-py", "onnx",
    }
)  # fmt: skip
_PLUGIN = re.compile(
    r"^(types-.+|.+-stubs|pytest-.+|flake8-.+|pylint-.+|mypy-.+|sphinx.*|mkdocs.*|"
    r"pre-commit|tox|nox|coverage|black|ruff|isort|mypy|pylint|flake8|bandit|pytest|hypothesis)$"
)


@dataclass(frozen=True)
class Undeclared:
    package: str  # node id
    sites: list[tuple[str, int | None]]  # (path, line) of the imports
    shipping: bool  # imported by code that ships, so a runtime declaration is required


@dataclass(frozen=True)
class Unused:
    package: str
    dist: str
    manifest: str


def undeclared_imports(graph: nx.DiGraph) -> list[Undeclared]:
    found = []
    for package in nodes_of(graph, NodeType.PACKAGE):
        data = graph.nodes[package]
        if data.get("stdlib"):
            continue
        scopes = set(data.get("scopes", []))
        sites = _import_sites(graph, package)
        shipping = [s for s in sites if _ships(s[0])]
        if shipping and "runtime" not in scopes:
            found.append(Undeclared(package, shipping, True))
        elif sites and not shipping and not scopes - {"lock"}:
            found.append(Undeclared(package, sites, False))
    return found


def _import_sites(graph: nx.DiGraph, package: str) -> list[tuple[str, int | None]]:
    """Unconditional imports of ``package`` by repository code, as (path, line)."""
    sites = []
    for source in graph.predecessors(package):
        edge = graph.edges[source, package]
        if not has_type(graph, source, package, EdgeType.IMPORTS):
            continue
        if edge.get("guard") in (Guard.TRY, Guard.TYPE_CHECKING):
            continue
        path = graph.nodes[source].get("path")
        if path:
            sites.append((path, edge.get("line")))
    return sorted(sites, key=lambda site: (not _ships(site[0]), site[0], site[1] or 0))


def _ships(path: str) -> bool:
    return path.endswith(".py") and is_source(path) and not is_experimental(path)


def unused_declarations(graph: nx.DiGraph, facts: RepoFacts) -> list[Unused]:
    commands = _command_words(facts)
    found = []
    for package in nodes_of(graph, NodeType.PACKAGE):
        data = graph.nodes[package]
        if data.get("imported") or "runtime" not in data.get("scopes", []):
            continue
        for dist in data.get("dists", []):
            if dist in IMPLICIT or _PLUGIN.match(dist):
                continue
            if {dist, *import_names(dist)} & commands:
                continue
            manifest = next(
                (
                    graph.nodes[source]["label"]
                    for source in sorted(graph.predecessors(package))
                    if graph.edges[source, package].get("scope") == "runtime"
                    and not _conda(facts, graph.nodes[source]["label"])
                ),
                None,
            )
            if manifest is not None:  # conda environments also list system libraries
                found.append(Unused(package, dist, manifest))
    return found


def _conda(facts: RepoFacts, path: str) -> bool:
    config = facts.configs.get(path)
    return config is not None and config.kind == "conda-env"


_WORD = re.compile(r"[A-Za-z0-9_][\w.-]*")


def _command_words(facts: RepoFacts) -> set[str]:
    """Words of every command the repository runs: CI, Dockerfiles, Procfile, Makefile, scripts."""
    texts = [command.text for ci in facts.configs.ci for command in ci.commands]
    texts += [c for commands in facts.configs.task_commands.values() for c in commands]
    for path, config in facts.configs.parsed.items():
        if config.kind in (
            "dockerfile",
            "makefile",
            "sh",
            "mlproject",
            "dvc",
            "pre-commit",
            "tox",
        ) or path.rsplit("/", 1)[-1] in ("Procfile", "docker-compose.yml", "compose.yaml"):
            texts.append(facts.texts.get(path, ""))
    for path in facts.texts:
        if path.rsplit("/", 1)[-1] == "Procfile" or path.endswith(".sh"):
            texts.append(facts.texts[path])
    return {word.lower() for text in texts for word in _WORD.findall(text)}
