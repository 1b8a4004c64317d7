"""``imports`` edges: every import fact resolved to a repository module or a package node."""

from __future__ import annotations

from prodready.graph.core import Builder
from prodready.graph.guards import import_guard
from prodready.graph.modules import Origin, Resolution
from prodready.graph.names import NAMESPACE_TOPS, package_key
from prodready.graph.schema import EdgeType, NodeType
from prodready.scanners.facts import ImportFact, PythonFacts


def add_imports(
    builder: Builder,
    units: dict[str, PythonFacts],
    declared_keys: frozenset[str],
    include_stdlib: bool = False,
) -> None:
    unknown: list[str] = builder.graph.graph.setdefault("unknown_imports", [])
    unresolved: list[str] = builder.graph.graph.setdefault("unresolved_imports", [])
    for path, unit in sorted(units.items()):
        source = builder.code(path)
        lines = builder.facts.texts.get(path, "").splitlines() if path.endswith(".py") else []
        for fact in unit.imports:
            if fact.dynamic and not fact.module:
                unknown.append(f"{path}:{fact.line}")
                continue
            guard = import_guard(lines, fact.line) if lines else None
            for found in _targets(builder, path, fact, declared_keys):
                if found.origin == Origin.REPO and found.path == path:
                    # a module never imports itself: `import git` inside git.py is the library
                    found = Resolution(Origin.THIRD_PARTY)
                target = _target_node(builder, found, fact, declared_keys, include_stdlib)
                if target is None:
                    if found.origin == Origin.FIRST_PARTY and fact.level:
                        unresolved.append(f"{path}:{fact.line} {'.' * fact.level}{fact.module}")
                    continue
                _link(builder, source, target, fact, guard.value if guard else None)


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
    fresh = not graph.has_edge(source, target)
    builder.edge(
        source,
        target,
        EdgeType.IMPORTS,
        line=fact.line,
        guard=guard,
        dynamic=True if fact.dynamic else None,
    )
    data = graph.edges[source, target]
    if not fresh and guard is None:
        data.pop("guard", None)  # one unconditional import makes the dependency unconditional
    if not fresh and not fact.dynamic:
        data.pop("dynamic", None)


def _full(fact: ImportFact) -> str:
    """``from google.cloud import storage`` names the package ``google.cloud.storage``."""
    names = [name for name in fact.names if name != "*"]
    if names and fact.module.split(".")[0] in NAMESPACE_TOPS:
        return f"{fact.module}.{names[0]}"
    return fact.module
