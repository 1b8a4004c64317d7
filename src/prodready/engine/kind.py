"""Decide what kind of project a repository is, by weighing evidence from its facts.

Every signal adds weight to one kind (library, template, notebooks, training, model
service) and names the file that shows it; the heaviest kind wins and the next one is
the runner-up. Code under examples/, benchmarks/, tests/ and docs/ is not evidence (a
library's examples train models; that does not make it a service). A packaged
distribution whose shipping code has no serving or pipeline entry point is a library,
whatever it calls internally. Below ``MIN_WEIGHT`` the kind is ``unknown``: the
evidence is too thin to say.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePosixPath

from prodready.models import KindEvidence, ProjectInfo, ProjectKind
from prodready.scanners.facts import FileKind, PythonFacts, RepoFacts
from prodready.scanners.queries import imported_modules, is_source_path, is_training_call

MIN_WEIGHT = 4.0
SERVING_MODULES = frozenset(
    {
        "fastapi",
        "flask",
        "starlette",
        "sanic",
        "aiohttp.web",
        "bentoml",
        "ray.serve",
        "litserve",
        "kserve",
        "seldon_core",
        "torchserve",
        "ts.torch_handler",
        "tritonclient",
        "mlserver",
    }
)
PIPELINE_MODULES = frozenset(
    {
        "zenml",
        "metaflow",
        "kfp",
        "airflow",
        "prefect",
        "flytekit",
        "dagster",
        "kedro",
        "azureml.pipeline",
        "sagemaker.workflow",
    }
)
PIPELINE_FILES = ("dvc.yaml", "MLproject", "conf/base/catalog.yml", "kedro.yml")
TEMPLATE_FILES = ("cookiecutter.json", "copier.yml", "copier.yaml")
TEMPLATE_PHRASE = re.compile(
    r"use this template|template repository|repository template|fork this repo"
    r"|(?:a|the) (?:clean |project |repository )?template (?:for|to)\b",
    re.IGNORECASE,
)
TITLE = re.compile(r"^\s*(?:#\s+(.+)|(.+)\n[=]{3,})\s*$", re.MULTILINE)
LESSON = re.compile(r"^\d{1,2}[-_. ]")
SCORING_FUNCTIONS = ({"init", "run"}, {"model_fn", "predict_fn"}, {"model_fn", "input_fn"})
TRAINING_LOOP = (".backward",)


def detect_kind(facts: RepoFacts, override: ProjectKind | None = None) -> ProjectInfo:
    if override is not None:
        return ProjectInfo(kind=override, reason="set in configuration", overridden=True)
    evidence = weigh(facts)
    totals: dict[ProjectKind, float] = defaultdict(float)
    for item in evidence:
        totals[item.kind] += item.weight
    ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0].value))
    if not ranked or ranked[0][1] < MIN_WEIGHT:
        return ProjectInfo(
            kind=ProjectKind.UNKNOWN,
            reason="too little evidence to tell what this repository is"
            + (f" (strongest: {ranked[0][0].value}, {ranked[0][1]:g})" if ranked else ""),
            runner_up=ranked[0][0] if ranked else None,
            evidence=evidence,
        )
    kind, weight = ranked[0]
    reasons = [item.reason for item in evidence if item.kind == kind][:3]
    runner_up = ranked[1][0] if len(ranked) > 1 else None
    close = f"; runner-up {runner_up.value} ({ranked[1][1]:g})" if runner_up else ""
    return ProjectInfo(
        kind=kind,
        reason=f"{'; '.join(reasons)} (weight {weight:g}{close})",
        runner_up=runner_up,
        evidence=evidence,
    )


def weigh(facts: RepoFacts) -> list[KindEvidence]:
    """Every signal found, strongest first (ties by kind and text, so the order is stable)."""
    units = {p: u for p, u in facts.code_units().items() if u.parse_error is None}
    lessons = lesson_folders(facts)
    shipping = {
        p: u
        for p, u in units.items()
        if is_source_path(p) and p.endswith(".py") and not p.startswith(lessons)
    }
    packages = package_folders(facts)
    serving = _serving(facts, shipping, packages)
    pipelines = _pipelines(facts, shipping, lessons)
    found = [
        *_template(facts),
        *serving,
        *pipelines,
        *_training(shipping, packages),
        *_notebooks(facts, shipping, lessons),
    ]
    entry_points = serving + pipelines
    if packages:
        found.append(
            KindEvidence(
                kind=ProjectKind.LIBRARY,
                weight=5.0 if entry_points else 8.0,
                reason=f"a packaged distribution ({', '.join(packages[:3])})"
                + ("" if entry_points else " with no serving or pipeline entry point"),
            )
        )
    return sorted(found, key=lambda e: (-e.weight, e.kind.value, e.reason))


def _template(facts: RepoFacts) -> list[KindEvidence]:
    found = []
    marker = next((name for name in TEMPLATE_FILES if name in facts.files), None)
    if marker:
        found.append(KindEvidence(kind=ProjectKind.TEMPLATE, weight=12, reason=f"{marker}"))
    templated = sorted(p for p in facts.files if "{{" in p)
    if templated:
        found.append(
            KindEvidence(
                kind=ProjectKind.TEMPLATE, weight=12, reason=f"templated paths ({templated[0]})"
            )
        )
    readme = next((p for p in ("README.md", "README.rst", "README") if p in facts.texts), None)
    text = facts.texts[readme][:5000] if readme else ""
    title = TITLE.search(text)
    if title and "template" in (title.group(1) or title.group(2) or "").lower():
        line = text.count("\n", 0, title.start()) + 1
        found.append(
            KindEvidence(
                kind=ProjectKind.TEMPLATE,
                weight=9,
                reason=f"{readme}:{line} names the project a template",
            )
        )
    match = TEMPLATE_PHRASE.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        found.append(
            KindEvidence(
                kind=ProjectKind.TEMPLATE,
                weight=5,
                reason=f"{readme}:{line} asks to be copied ('{match.group(0)}')",
            )
        )
    return found


def _serving(
    facts: RepoFacts, shipping: dict[str, PythonFacts], packages: list[str]
) -> list[KindEvidence]:
    """Serving code; the repo's own service when it is in its package or a container runs it."""
    servers = sorted(p for p, u in shipping.items() if imported_modules(u) & SERVING_MODULES)
    found = []
    if servers:
        owned = [
            p
            for p in servers
            if p.startswith(tuple(f"{name}/" for name in packages))
            or f"{PurePosixPath(p).parent}/__init__.py" in facts.python
        ]
        launched = _launched(facts, servers)
        main = (owned or launched or servers)[0]
        why = " in the package" if owned else " run by a container" if launched else ""
        found.append(
            KindEvidence(
                kind=ProjectKind.MODEL_SERVICE,
                weight=min(12.0, (10.0 if owned or launched else 6.0) + len(servers) - 1),
                reason=f"{main} imports a serving framework{why}"
                + (f" ({len(servers)} serving module(s))" if len(servers) > 1 else ""),
            )
        )
    scoring = sorted(p for p, u in shipping.items() if _scoring_script(u))
    if scoring:
        found.append(
            KindEvidence(
                kind=ProjectKind.MODEL_SERVICE,
                weight=7,
                reason=f"{scoring[0]} is a scoring script (init/run or model_fn entry points)",
            )
        )
    return found


def _launched(facts: RepoFacts, servers: list[str]) -> list[str]:
    """Serving modules a Dockerfile, Procfile or compose file starts (by path or module name)."""
    commands = " ".join(
        str(config.data)
        for config in facts.configs.parsed.values()
        if config.kind == "dockerfile"
        or config.path.endswith(("Procfile", "compose.yml", "compose.yaml"))
    )
    return [
        path
        for path in servers
        if path in commands
        or path.removesuffix(".py").replace("/", ".").removeprefix("src.") in commands
    ]


def _scoring_script(unit: PythonFacts) -> bool:
    top = {f.name for f in unit.functions if not f.is_method}
    return any(names <= top for names in SCORING_FUNCTIONS)


def _pipelines(
    facts: RepoFacts, shipping: dict[str, PythonFacts], lessons: tuple[str, ...]
) -> list[KindEvidence]:
    found = [
        KindEvidence(kind=ProjectKind.TRAINING, weight=7, reason=f"ML pipeline defined in {path}")
        for path in sorted(facts.files)
        if PurePosixPath(path).name in PIPELINE_FILES
        and is_source_path(path)
        and not path.startswith(lessons)
        and "{{" not in path
    ][:2]
    flows = sorted(p for p, u in shipping.items() if imported_modules(u) & PIPELINE_MODULES)
    if flows:
        found.append(
            KindEvidence(
                kind=ProjectKind.TRAINING,
                weight=6,
                reason=f"{flows[0]} defines a pipeline with an orchestrator",
            )
        )
    return found


def _training(shipping: dict[str, PythonFacts], packages: list[str]) -> list[KindEvidence]:
    """Modules that train, outside the distribution's own package (a library calls fit too)."""
    inside = tuple(f"{name}/" for name in packages)
    trainers = sorted(
        path
        for path, unit in shipping.items()
        if not path.startswith(inside)
        and any(is_training_call(c) or c.name.endswith(TRAINING_LOOP) for c in unit.calls)
    )
    if not trainers:
        return []
    return [
        KindEvidence(
            kind=ProjectKind.TRAINING,
            weight=min(8.0, 3.0 + len(trainers)),
            reason=f"{trainers[0]} trains a model ({len(trainers)} training module(s))",
        )
    ]


def _notebooks(
    facts: RepoFacts, shipping: dict[str, PythonFacts], lessons: tuple[str, ...]
) -> list[KindEvidence]:
    notebooks = sorted(
        p
        for p, f in facts.files.items()
        if f.kind == FileKind.NOTEBOOK and (is_source_path(p) or p.startswith(lessons))
    )
    found = []
    if notebooks:
        share = len(notebooks) / (len(notebooks) + len(shipping))
        weight = round(12 * share + min(3.0, len(notebooks) / 10), 1)
        found.append(
            KindEvidence(
                kind=ProjectKind.NOTEBOOKS,
                weight=weight,
                reason=f"{len(notebooks)} notebook(s) beside {len(shipping)} shipping Python "
                f"module(s) (e.g. {notebooks[0]})",
            )
        )
    if len(lessons) >= 3:
        found.append(
            KindEvidence(
                kind=ProjectKind.NOTEBOOKS,
                weight=6,
                reason=f"teaching material in {len(lessons)} numbered lesson folders "
                f"({', '.join(lesson.rstrip('/') for lesson in lessons[:3])}, ...)",
            )
        )
    return found


def lesson_folders(facts: RepoFacts) -> tuple[str, ...]:
    """Chapters of a course or book: three or more sibling folders numbered 01-, 02-, ...

    Their code is exercise material, like examples/: not what the repository ships.
    """
    children: dict[str, set[str]] = defaultdict(set)
    for path in facts.files:
        parts = path.split("/")[:-1]
        for depth in range(len(parts)):
            children["/".join(parts[:depth])].add(parts[depth])
    lessons = []
    for parent, names in children.items():
        numbered = sorted(name for name in names if LESSON.match(name))
        if len(numbered) >= 3:
            lessons.extend(f"{parent}/{name}/" if parent else f"{name}/" for name in numbered)
    return tuple(sorted(lessons))


def package_folders(facts: RepoFacts) -> list[str]:
    """Package folders of the distribution this repo builds (at the root or one folder down)."""
    found = []
    for base in distribution_roots(facts):
        prefix = f"{base}/" if base else ""
        for path in facts.python:
            if not path.startswith(prefix) or not path.endswith("/__init__.py"):
                continue
            inner = path[len(prefix) :]
            if inner.count("/") == 1 or (inner.startswith("src/") and inner.count("/") == 2):
                folder = path.removesuffix("/__init__.py")
                if is_source_path(folder + "/"):
                    found.append(folder)
        found = found or [f"{prefix}pyproject.toml".lstrip("/")]
    return sorted(set(found))


def distribution_roots(facts: RepoFacts) -> list[str]:
    """Folders ('' for the root) whose packaging metadata names a distribution."""
    roots = set()
    for path in facts.files:
        folder, _, name = path.rpartition("/")
        if folder.count("/") > 0 or not is_source_path(path) or "{{" in path:
            continue
        if name in ("pyproject.toml", "setup.cfg", "setup.py") and _names_distribution(facts, path):
            roots.add(folder)
    return sorted(roots)


def _names_distribution(facts: RepoFacts, path: str) -> bool:
    if path.endswith("setup.py"):
        setup = facts.python.get(path)
        return setup is not None and any(
            c.name.endswith("setup") and "name" in c.kwargs for c in setup.calls
        )
    config = facts.configs.get(path)
    data = config.data if config is not None and isinstance(config.data, dict) else {}
    if path.endswith("setup.cfg"):
        return bool((data.get("metadata") or {}).get("name"))
    project = data.get("project")
    poetry = (data.get("tool") or {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    return bool(
        (isinstance(project, dict) and project.get("name"))
        or (isinstance(poetry, dict) and poetry.get("name"))
    )
