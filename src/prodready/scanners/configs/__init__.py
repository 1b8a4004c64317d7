"""Parse the repository's known config files once and derive the facts rules ask about.

One module per input: ``formats`` (one loader per format, YAML for every reader),
``kinds`` (what a file is), ``dependencies`` (declared, locked), ``scopes`` (what a
manifest's entries are installed for), ``declared`` (every declaration with its scope:
extras, groups, build requirements, setup.py, notebook and CI installs), ``distributions``
(what the repository builds), ``tasks`` (what make, tox, nox, just, hatch, poe, pdm and
pixi targets run), ``ci_files`` and ``ci`` (CI systems and the raw commands of their
files), ``dvc`` (pipeline stages, tracked data), ``ownership`` (CODEOWNERS, LFS, linters).
Nothing is executed: setup.py and noxfile.py are read through their syntax trees.
"""

from __future__ import annotations

from dataclasses import replace

from prodready.scanners.configs.ci import ci_configs
from prodready.scanners.configs.ci_files import CI_SYSTEMS, looks_like_azure_pipeline
from prodready.scanners.configs.declared import declared_dependencies
from prodready.scanners.configs.dependencies import (
    dependencies,
    is_lock_file,
    looks_like_conda_environment,
)
from prodready.scanners.configs.distributions import built_distributions
from prodready.scanners.configs.dvc import dvc_files, dvc_stages, dvc_tracked
from prodready.scanners.configs.formats import load_yaml_documents, load_yaml_text, parse_one
from prodready.scanners.configs.ownership import (
    CODEOWNERS_PATHS,
    codeowners,
    lfs_patterns,
    linters,
)
from prodready.scanners.configs.scopes import ManifestScopes
from prodready.scanners.configs.setup_py import setup_calls
from prodready.scanners.configs.tasks import task_commands
from prodready.scanners.facts import (
    CiConfig,
    ConfigFacts,
    FileFact,
    FileKind,
    NotebookFacts,
    ParsedConfig,
    PythonFacts,
)

__all__ = ["CI_SYSTEMS", "load_yaml_documents", "load_yaml_text", "parse_configs"]


def parse_configs(
    files: dict[str, FileFact],
    texts: dict[str, str],
    python: dict[str, PythonFacts],
    notebooks: dict[str, NotebookFacts],
) -> ConfigFacts:
    """``notebooks`` for what they install (``!pip install``), a declaration like any other."""
    parsed: dict[str, ParsedConfig] = {}
    for path, fact in files.items():
        if fact.kind != FileKind.CONFIG or path not in texts:
            continue
        config = parse_one(path, texts[path])
        if config is not None:
            parsed[path] = _recognised(config)
    ci = _with_included(parsed, texts)
    stages, problems = dvc_stages(parsed, texts)
    dvc_single = dvc_files(parsed)
    owners_path = next((p for p in CODEOWNERS_PATHS if p in texts), None)
    locks = tuple(sorted(path for path in files if is_lock_file(path, texts.get(path, ""))))
    scopes = ManifestScopes.of(parsed, locks)
    listed = dependencies(parsed, python, scopes)
    setups = setup_calls(texts, python)
    return ConfigFacts(
        parsed=parsed,
        dependencies=tuple(listed),
        declared=tuple(declared_dependencies(parsed, listed, scopes, texts, setups, notebooks)),
        distributions=tuple(built_distributions(parsed, setups)),
        lock_files=locks,
        ci=tuple(ci),
        task_commands=task_commands(parsed, texts, python),
        codeowners=codeowners(texts[owners_path]) if owners_path else (),
        codeowners_path=owners_path,
        lfs_patterns=lfs_patterns(texts.get(".gitattributes", "")),
        dvc_tracked=dvc_tracked(stages, dvc_single),
        dvc_stages=stages,
        dvc_files=dvc_single,
        dvc_problems=problems,
        linters=tuple(sorted(linters(parsed, texts))),
    )


def _with_included(parsed: dict[str, ParsedConfig], texts: dict[str, str]) -> list[CiConfig]:
    """CI files plus the repo files they include (GitLab ``include: local``, Azure templates),
    which belong to the including file's CI system whatever their name."""
    while True:
        configs = ci_configs(parsed, texts)
        adopted = {
            path: ci.system
            for ci in configs
            for path in ci.includes
            if path in parsed and not parsed[path].kind.startswith("ci:")
        }
        if not adopted:
            return configs
        for path, system in adopted.items():
            parsed[path] = replace(parsed[path], kind=f"ci:{system}")


def _recognised(config: ParsedConfig) -> ParsedConfig:
    """A YAML file anywhere that has the shape of an Azure pipeline is one."""
    if config.kind in ("yml", "yaml") and looks_like_azure_pipeline(config.data):
        return replace(config, kind="ci:azure-pipelines")
    if config.kind in ("yml", "yaml") and looks_like_conda_environment(config.data):
        return replace(config, kind="conda-env")
    return config
