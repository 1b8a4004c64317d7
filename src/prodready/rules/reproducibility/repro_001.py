from __future__ import annotations

import sys
from pathlib import PurePosixPath
from typing import Any

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.scanners.facts import ParsedConfig

# Requirement lines that name packages elsewhere: other files, editable installs, URLs.
_INDIRECT = ("-r", "--requirement", "-c", "--constraint", "-e", "--editable", "git+", ".")


class DependenciesDeclared(Rule):
    """The packages the code needs are written down somewhere an installer can read.

    A manifest that explicitly declares an empty list (``dependencies = []``, a poetry
    table with only ``python``, an empty Pipfile ``[packages]``) counts as declared only
    while the code imports nothing beyond the standard library and the repo's own modules;
    code with no manifest at all passes on the same condition, since it has nothing to declare.
    """

    meta = RuleMeta(
        id="REPRO-001",
        title="Dependencies are declared",
        category=Category.REPRODUCIBILITY,
        severity=Severity.HIGH,
        rationale=(
            "Code whose third-party packages are not declared can only be run on the machine it "
            "was written on: nobody can rebuild the training or serving environment (ML Test "
            "Score, Infra 1: training is reproducible; Sculley et al. 2015, dependency debt)."
        ),
        passes_when="Dependencies are declared in requirements*.txt, pyproject.toml "
        "([project].dependencies or [tool.poetry.dependencies]), environment.yml, setup.cfg or "
        "setup.py install_requires, or a Pipfile; or the code imports only the standard library "
        "and its own modules.",
        remediation="List the packages the code imports in pyproject.toml `[project].dependencies` "
        "(or requirements.txt / environment.yml), then lock them (see REPRO-002).",
        references=(
            "https://packaging.python.org/en/latest/guides/writing-pyproject-toml/#dependencies-and-requirements",
            ML_TEST_SCORE,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.facts.python and not ctx.facts.notebooks:
            return Verdict.not_applicable("no Python code or notebooks in the repository")
        configs = ctx.facts.configs
        sources = sorted({dep.source for dep in configs.dependencies})
        if sources:
            counts = [
                f"{source}: {sum(d.source == source for d in configs.dependencies)} dependencies"
                for source in sources
            ]
            return Verdict.passed(f"dependencies declared in {', '.join(sources)}", counts)
        folder = _requirements_folder(ctx)
        if folder:
            return Verdict.passed(f"dependencies declared in {', '.join(folder)}", folder)

        third_party = _third_party_imports(ctx)
        empty = _explicitly_empty(list(configs.parsed.values())) + _empty_setup_py(ctx)
        unparsable = ctx.unparsable_sources
        if not third_party and unparsable:
            return Verdict.unknown(
                "no dependency declaration found and some source files could not be parsed",
                unparsable[:10],
            )
        if not third_party:
            where = f" (declared empty in {', '.join(empty)})" if empty else ""
            return Verdict.passed(
                f"the code imports only the standard library and its own modules{where}", empty
            )
        imported = ", ".join(third_party[:8]) + (" ..." if len(third_party) > 8 else "")
        undecided = _undecided_manifests(ctx, list(configs.parsed.values()))
        if undecided:
            return Verdict.unknown(
                f"cannot read the declared dependencies: {'; '.join(undecided)}",
                [f"imports {imported}"],
            )
        if empty:
            return Verdict.failed(
                f"{', '.join(empty)} declare(s) no dependencies, but the code imports {imported}",
                evidence=empty,
            )
        return Verdict.failed(
            f"no dependency declaration found, but the code imports {imported}",
            evidence=[f"imports {imported}"],
        )


def _requirements_folder(ctx: RuleContext) -> list[str]:
    """``requirements/*.txt`` files, which the config scanner does not parse as requirements."""
    found = []
    for path, text in ctx.facts.texts.items():
        parent = PurePosixPath(path).parent.name
        if parent == "requirements" and path.endswith((".txt", ".in")):
            lines = [line.strip() for line in text.splitlines()]
            if any(line and not line.startswith("#") for line in lines):
                found.append(path)
    return sorted(found)


def _explicitly_empty(configs: list[ParsedConfig]) -> list[str]:
    """Manifests that state an empty dependency list on purpose (nothing was parsed from them)."""
    return sorted(config.path for config in configs if _declares_list(config))


def _declares_list(config: ParsedConfig) -> bool:
    data: Any = config.data
    if config.kind == "requirements":
        return isinstance(data, str)
    if config.error or not isinstance(data, dict):
        return False
    if config.kind == "pyproject":
        poetry = ((data.get("tool") or {}).get("poetry") or {}).get("dependencies")
        return "dependencies" in (data.get("project") or {}) or isinstance(poetry, dict)
    if config.kind == "pipfile":
        return isinstance(data.get("packages"), dict)
    if config.kind == "conda-env":
        return "dependencies" in data
    return config.kind == "setup.cfg" and "install_requires" in (data.get("options") or {})


def _empty_setup_py(ctx: RuleContext) -> list[str]:
    setup = ctx.facts.python.get("setup.py")
    if setup is None:
        return []
    for call in setup.calls:
        if call.name.endswith("setup") and call.kwargs.get("install_requires") in ("[]", "()"):
            return ["setup.py"]
    return []


def _undecided_manifests(ctx: RuleContext, configs: list[ParsedConfig]) -> list[str]:
    """Manifests whose dependencies exist but cannot be read without running or parsing more."""
    reasons = []
    for config in configs:
        if config.kind == "requirements" and isinstance(config.data, str):
            reasons += [
                f"{config.path} refers to `{line.strip()}`"
                for line in config.data.splitlines()
                if line.strip().startswith(_INDIRECT) or "://" in line
            ]
        elif config.kind in ("pyproject", "pipfile", "conda-env", "setup.cfg"):
            if config.error:
                reasons.append(f"{config.path}: {config.error}")
            elif config.kind == "pyproject" and isinstance(config.data, dict):
                dynamic = (config.data.get("project") or {}).get("dynamic") or []
                if "dependencies" in dynamic:
                    reasons.append(f"{config.path} declares its dependencies as dynamic")
    setup = ctx.facts.python.get("setup.py")
    if setup is not None:
        if setup.parse_error:
            reasons.append(f"setup.py: {setup.parse_error}")
        for call in setup.calls:
            if call.name.endswith("setup") and call.star_args:
                reasons.append("setup.py passes its arguments with ** unpacking")
            elif call.name.endswith("setup") and call.kwargs.get("install_requires", "") is None:
                reasons.append("setup.py computes install_requires")
    return sorted(reasons)


def _third_party_imports(ctx: RuleContext) -> list[str]:
    """Top-level modules the shipped code imports that are neither stdlib nor the repo's own."""
    local: set[str] = set()
    for path in [*ctx.facts.python, *ctx.facts.notebooks]:
        local.update(PurePosixPath(path).with_suffix("").parts)
    found: set[str] = set()
    for unit in ctx.source_units.values():
        for fact in unit.imports:
            if fact.level or not fact.module:
                continue
            top = fact.module.split(".")[0]
            if top not in sys.stdlib_module_names and top not in local:
                found.add(top)
    return sorted(found)
