"""``imports`` edges: every import fact resolved to a repository module or a package node."""

from __future__ import annotations

import re

from prodready.graph.core import Builder
from prodready.graph.guards import Guard
from prodready.graph.magics import extension_imports, written_modules
from prodready.graph.modules import Origin, Resolution
from prodready.graph.names import NAMESPACE_TOPS, is_python2_stdlib, package_key
from prodready.graph.queries import has_type
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import ImportFact, PythonFacts

# Helpers that import (or look for) a module named by a string.
_NAMED_IMPORTERS = frozenset(
    {
        "LazyLoader", "lazy_import", "LazyImport", "find_spec", "importorskip", "module_available",
        "package_available", "is_package_available", "_is_package_available", "RequirementCache",
        "try_import", "optional_import", "__import__",
    }
)  # fmt: skip
_MODULE_NAME = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*$")
# An edge carries its least guarded import: one unconditional import makes the dependency so.
_WEAKEST_FIRST = (None, Guard.LAZY, Guard.CONDITIONAL, Guard.TRY, Guard.TYPE_CHECKING)


def add_imports(
    builder: Builder,
    units: dict[str, PythonFacts],
    declared_keys: frozenset[str],
    include_stdlib: bool = False,
) -> None:
    unknown: list[str] = builder.graph.graph.setdefault("unknown_imports", [])
    unresolved: list[str] = builder.graph.graph.setdefault("unresolved_imports", [])
    generated = {name for nb in builder.facts.notebooks.values() for name in written_modules(nb)}
    for path, unit in sorted(units.items()):
        source = builder.code(path)
        notebook = builder.facts.notebooks.get(path)
        facts = [
            *unit.imports,
            *named_imports(unit),
            *(extension_imports(notebook) if notebook else []),
        ]
        for fact in facts:
            if fact.dynamic and not fact.module:
                unknown.append(f"{path}:{fact.line}")
                continue
            guard = fact.guard
            for found in _targets(builder, path, fact, declared_keys):
                if found.origin == Origin.REPO and found.path == path:
                    # a module never imports itself: `import git` inside git.py is the library
                    found = Resolution(Origin.THIRD_PARTY)
                if fact.dynamic and found.how == "folder" and _in_package(builder, path):
                    # a name given to the import system inside a package is absolute: the
                    # importer's own folder is on the path only for a script run from there
                    found = Resolution(Origin.THIRD_PARTY)
                if found.origin == Origin.THIRD_PARTY and _not_a_package(fact.module, generated):
                    continue
                target = _target_node(builder, found, fact, declared_keys, include_stdlib)
                if target is None:
                    if found.origin == Origin.FIRST_PARTY and fact.level:
                        unresolved.append(f"{path}:{fact.line} {'.' * fact.level}{fact.module}")
                    continue
                _link(builder, source, target, fact, guard.value if guard else None)


def named_imports(unit: PythonFacts) -> list[ImportFact]:
    """Imports by a module's name as a string (``LazyModule("tree")``, ``find_spec("wandb")``,
    ``pytest.importorskip("torch")``): the package is used, and optional."""
    found = []
    for call in unit.calls:
        helper = call.name.rsplit(".", 1)[-1]
        if helper not in _NAMED_IMPORTERS and not helper.endswith("LazyModule"):
            continue
        position = 2 if helper == "LazyLoader" else 0  # LazyLoader("tf", globals(), "tensorflow")
        arg = call.args[position] if len(call.args) > position else None
        module = arg[1:-1] if arg and arg[:1] in "'\"" and arg[-1:] == arg[:1] else ""
        if _MODULE_NAME.match(module):
            found.append(ImportFact(module=module, line=call.line, guard=Guard.TRY, dynamic=True))
    return found


def _in_package(builder: Builder, path: str) -> bool:
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return f"{folder}/__init__.py" in builder.facts.python if folder else False


def _not_a_package(module: str, generated: set[str]) -> bool:
    """Python 2's standard library, a module a notebook writes (``%%writefile helper.py``), or
    protoc output (``person_pb2``): nothing to install."""
    top = module.split(".")[0]
    return is_python2_stdlib(top) or top in generated or top.endswith(("_pb2", "_pb2_grpc"))


def _targets(
    builder: Builder, path: str, fact: ImportFact, declared: frozenset[str]
) -> list[Resolution]:
    """One resolution per imported submodule, plus the module itself for imported names."""
    index = builder.index
    names = [name for name in fact.names if name != "*"]
    found: list[Resolution] = []
    rest = not names
    for name in names:
        dotted = f"{fact.module}.{name}" if fact.module else name
        if fact.level:
            hit = index.resolve_relative(dotted, fact.level, path, exact=True)
        else:
            hit = index.resolve(dotted, path, exact=True, declared=declared)
        if hit.origin == Origin.REPO:
            found.append(hit)
        else:
            rest = True
    if rest or fact.star:
        if fact.level:
            found.append(index.resolve_relative(fact.module, fact.level, path, exact=True))
        else:
            found.append(index.resolve(fact.module, path, declared=declared))
    return found


def _target_node(
    builder: Builder,
    found: Resolution,
    fact: ImportFact,
    declared: frozenset[str],
    include_stdlib: bool,
) -> str | None:
    if found.origin == Origin.REPO and found.path:
        return builder.code(found.path)
    if found.origin == Origin.THIRD_PARTY and fact.module and not fact.level:
        return builder.node(NodeType.PACKAGE, package_key(_full(fact), declared), imported=True)
    if found.origin == Origin.STDLIB and include_stdlib:
        return builder.node(NodeType.PACKAGE, fact.module.split(".")[0], stdlib=True)
    return None


def _link(builder: Builder, source: str, target: str, fact: ImportFact, guard: str | None) -> None:
    graph = builder.graph
    known = graph.has_edge(source, target) and has_type(graph, source, target, EdgeType.IMPORTS)
    builder.edge(
        source,
        target,
        EdgeType.IMPORTS,
        line=fact.line,
        guard=guard,
        dynamic=True if fact.dynamic else None,
    )
    if not known:
        return
    data = graph.edges[source, target]
    if _WEAKEST_FIRST.index(guard) < _WEAKEST_FIRST.index(data.get("guard")):
        # the least guarded import decides whether the dependency is needed, and is the one shown
        data["line"] = fact.line
        if guard is None:
            data.pop("guard", None)
        else:
            data["guard"] = guard
    if not fact.dynamic:
        data.pop("dynamic", None)


def _full(fact: ImportFact) -> str:
    """``from google.cloud import storage`` names the package ``google.cloud.storage``."""
    names = [name for name in fact.names if name != "*"]
    if names and fact.module.split(".")[0] in NAMESPACE_TOPS:
        return f"{fact.module}.{names[0]}"
    return fact.module
