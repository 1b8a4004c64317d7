"""Decide what kind of project a repository is, from its facts alone."""

from __future__ import annotations

from prodready.engine.context import imported_modules, is_test_path, is_training_call
from prodready.models import ProjectInfo, ProjectKind
from prodready.scanners.facts import FileKind, RepoFacts

SERVING_MODULES = frozenset(
    {
        "fastapi",
        "flask",
        "bentoml",
        "ray.serve",
        "litserve",
        "gradio",
        "streamlit",
        "starlette",
        "mlflow.pyfunc",
        "torchserve",
        "kserve",
        "seldon_core",
        "sanic",
        "aiohttp.web",
        "django",
    }
)
PIPELINE_FILES = ("dvc.yaml", "MLproject", "kedro.yml", "conf/base/catalog.yml")
TEMPLATE_FILES = ("cookiecutter.json", "copier.yml", "copier.yaml")


def detect_kind(facts: RepoFacts, override: ProjectKind | None = None) -> ProjectInfo:
    if override is not None:
        return ProjectInfo(kind=override, reason="set in configuration", overridden=True)
    files = facts.files
    template = next((name for name in TEMPLATE_FILES if name in files), None)
    if template or any("{{" in path for path in files):
        return ProjectInfo(
            kind=ProjectKind.TEMPLATE, reason=f"project template ({template or 'templated paths'})"
        )

    python_modules = [p for p in facts.python if not is_test_path(p)]
    notebooks = [p for p, fact in files.items() if fact.kind == FileKind.NOTEBOOK]
    if notebooks and len(python_modules) <= 1:
        return ProjectInfo(
            kind=ProjectKind.NOTEBOOKS,
            reason=f"{len(notebooks)} notebook(s) and almost no Python modules",
        )

    units = facts.code_units()
    serving = sorted(
        path
        for path, unit in units.items()
        if not is_test_path(path) and imported_modules(unit) & SERVING_MODULES
    )
    if serving:
        return ProjectInfo(
            kind=ProjectKind.MODEL_SERVICE,
            reason=f"serves predictions ({serving[0]} imports a serving framework)",
        )
    pipeline = next((name for name in PIPELINE_FILES if name in files), None)
    if pipeline:
        return ProjectInfo(
            kind=ProjectKind.MODEL_SERVICE, reason=f"ML pipeline defined in {pipeline}"
        )
    training = sorted(
        path
        for path, unit in units.items()
        if not is_test_path(path) and any(is_training_call(call) for call in unit.calls)
    )
    models = [p for p, fact in files.items() if fact.kind == FileKind.MODEL]
    if training or models:
        evidence = training[0] if training else models[0]
        return ProjectInfo(
            kind=ProjectKind.MODEL_SERVICE, reason=f"trains or ships a model ({evidence})"
        )
    if "pyproject.toml" in files or "setup.py" in files or "setup.cfg" in files:
        return ProjectInfo(
            kind=ProjectKind.LIBRARY,
            reason="a packaged library with no training, serving or pipeline code",
        )
    return ProjectInfo(
        kind=ProjectKind.UNKNOWN, reason="no evidence of a model, pipeline, package or notebooks"
    )
