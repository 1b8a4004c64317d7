"""Shared by the SKEW rules: which code serves, which project it belongs to, what is compared.

Skew is judged between serving code and the rest of the project it ships in, never across
unrelated projects of one repository (a course, a monorepo): a project is the nearest folder
above the serving module that holds a manifest (pyproject.toml, requirements, Pipfile, a
Dockerfile, ...), or the repository when none does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.graph.dataflow import code_closure
from prodready.graph.lineage import serving_entries
from prodready.graph.queries import is_experimental
from prodready.graph.schema import CODE_TYPES
from prodready.models.references import ML_TEST_SCORE, RULES_OF_ML_SKEW, SCULLEY_2015  # noqa: F401 (re-exported)
from prodready.scanners.facts import PythonFacts

RULES_OF_ML = RULES_OF_ML_SKEW
_MANIFESTS = frozenset(
    {
        "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "environment.yml",
        "environment.yaml", "env.yml", "conda.yaml", "conda.yml", "MLproject", "dvc.yaml", "Dockerfile", "bentofile.yaml",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Serving:
    """Each serving app's module and the repository modules it reaches through imports."""

    apps: dict[str, tuple[str, ...]]  # app module path -> the modules serving it runs

    @property
    def modules(self) -> set[str]:
        return {path for paths in self.apps.values() for path in paths}


def serving_code(ctx: RuleContext) -> Serving:
    """Serving apps in shipping code; a graph that could not be built makes the rule an error."""
    graph = ctx.graph
    if graph is None:
        raise RuntimeError(f"the dependency graph could not be built: {ctx.graph_error}")
    apps: dict[str, set[str]] = {}
    for entry in serving_entries(graph):
        app = graph.nodes[entry].get("path")
        if not app or not ctx.is_source_path(app):
            continue
        reached = apps.setdefault(app, {app})
        for node in code_closure(graph, entry):
            path = graph.nodes[node].get("path")
            if path and ctx.is_source_path(path):
                reached.add(path)
    return Serving(apps={app: tuple(sorted(paths)) for app, paths in sorted(apps.items())})


def project_root(ctx: RuleContext, path: str) -> str:
    """The nearest folder above ``path`` holding a manifest, "" for the repository's root."""
    manifests = {
        str(PurePosixPath(p).parent)
        for p in ctx.facts.files
        if PurePosixPath(p).name in _MANIFESTS
        or (PurePosixPath(p).name.startswith("requirements") and p.endswith((".txt", ".in")))
    }
    folder = PurePosixPath(path).parent
    while str(folder) not in ("", "."):
        if str(folder) in manifests:
            return str(folder)
        folder = folder.parent
    return ""


def in_project(root: str, path: str) -> bool:
    return not root or path.startswith(root + "/")


def counterparts(ctx: RuleContext, serving: Serving, app: str) -> dict[str, PythonFacts]:
    """Source code of the app's project that does not serve: what training and batch code run.

    Where the project trains in modules, notebooks and experiment folders are prototypes of
    that code, not what made the served model, and are left out.
    """
    root = project_root(ctx, app)
    serving_paths = serving.modules
    others = {
        path: unit
        for path, unit in ctx.source_units.items()
        if path not in serving_paths and in_project(root, path)
    }
    if any(path in ctx.training_units and not _exploratory(path) for path in others):
        others = {path: unit for path, unit in others.items() if not _exploratory(path)}
    return others


def _exploratory(path: str) -> bool:
    return path.endswith(".ipynb") or is_experimental(path)


def unparsable_note(ctx: RuleContext, serving: Serving | None = None) -> str | None:
    """Why "nothing found" would not be a pass: source files no rule could read (given
    ``serving``, only those in the projects its apps belong to)."""
    blind = ctx.unparsable_sources
    if serving is not None:
        roots = {project_root(ctx, app) for app in serving.apps}
        blind = [path for path in blind if any(in_project(root, path) for root in roots)]
    if not blind:
        return None
    shown = ", ".join(blind[:5]) + (" ..." if len(blind) > 5 else "")
    return f"{len(blind)} source file(s) could not be parsed (see CODE-007): {shown}"


def shared_modules(ctx: RuleContext, sources: dict[str, PythonFacts]) -> set[str]:
    """Modules the training code among ``sources`` imports, directly or not: what serving
    shares with training when it runs them too."""
    graph = ctx.graph
    if graph is None:
        return set()
    nodes = {
        data["path"]: node
        for node, data in graph.nodes(data=True)
        if data.get("path") and data["type"] in CODE_TYPES
    }
    shared: set[str] = set()
    for path in sources:
        node = nodes.get(path) if path in ctx.training_units else None
        if node is not None:
            shared |= {graph.nodes[n].get("path", "") for n in code_closure(graph, node)}
    return shared


def trains(ctx: RuleContext, sources: dict[str, PythonFacts]) -> bool:
    """Some of ``sources`` fits a model: there is training code to compare serving with."""
    return any(path in ctx.training_units for path in sources)
