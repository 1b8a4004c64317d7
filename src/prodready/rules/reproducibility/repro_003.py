from __future__ import annotations

import re
from pathlib import PurePosixPath

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.scanners.facts import Dependency

_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_LEADING_NAME = re.compile(r"^[\s\-\"']*(?:[\w.\-]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)")
# pyproject tables whose entries the config scanner reads as dependencies.
_DEPENDENCY_TABLES = ("project", "tool.poetry.dependencies")


class DirectDependenciesPinned(Rule):
    """Applications pin what they run; libraries declare ranges, so they are left out."""

    meta = RuleMeta(
        id="REPRO-003",
        title="Direct dependencies are pinned",
        category=Category.REPRODUCIBILITY,
        severity=Severity.MEDIUM,
        rationale=(
            "A range such as `pandas>=1.5` or a bare `xgboost` installs whatever is newest on the "
            "day, so retraining or redeploying silently changes library versions and with them "
            "numerical results and pickled-model compatibility (ML Test Score, Infra 1; Sculley "
            "et al. 2015, dependency debt). Libraries are exempt: they should declare ranges."
        ),
        passes_when="A lock file is committed, or every declared dependency is pinned to one "
        "exact version (`==`).",
        remediation="Pin each direct dependency (`pandas==2.2.3`), or better, commit a lock file "
        "generated from the ranges (`uv lock`, `poetry lock`, `pip-compile`).",
        references=(
            "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
            ML_TEST_SCORE,
        ),
        applies_to=frozenset(
            {
                ProjectKind.MODEL_SERVICE,
                ProjectKind.TRAINING,
                ProjectKind.NOTEBOOKS,
                ProjectKind.UNKNOWN,
            }
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        configs = ctx.facts.configs
        if configs.lock_files:
            locks = list(configs.lock_files)
            return Verdict.passed(f"a lock file bounds every version: {', '.join(locks)}", locks)
        if not configs.dependencies:
            return Verdict.not_applicable("no declared dependencies to pin (see REPRO-001)")
        findings = [
            FindingDraft(
                message=_problem(dep),
                path=dep.source,
                line=requirement_line(ctx.facts.texts.get(dep.source, ""), dep),
                evidence=(f"{dep.source}: {dep.name} {dep.spec}".rstrip(),),
            )
            for dep in configs.dependencies
            if not dep.pinned and not _installer(ctx, dep)
        ]
        pinned = len(configs.dependencies) - len(findings)
        return Verdict.from_findings(
            findings,
            fail="{count} dependency declaration(s) not pinned, and no lock file",
            ok=f"all {pinned} declared dependencies are pinned to exact versions",
        )


def _installer(ctx: RuleContext, dep: Dependency) -> bool:
    """The bare ``pip`` entry of a conda environment installs the pip section; not a library."""
    config = ctx.facts.configs.get(dep.source)
    return dep.name == "pip" and config is not None and config.kind == "conda-env"


def _problem(dep: Dependency) -> str:
    if not dep.spec or dep.spec == "*":
        return f"`{dep.name}` has no version constraint"
    return f"`{dep.name} {dep.spec}` allows more than one version"


def requirement_line(text: str, dep: Dependency) -> int | None:
    """The line that declares ``dep``: the first line starting with its name, else one quoting it."""
    toml = PurePosixPath(dep.source).suffix == ".toml"
    name = "[-_.]+".join(re.escape(part) for part in dep.name.split("-"))
    quoted = re.compile(r"[\"']\s*" + name + r"(?![\w.-])", re.I)
    section = ""
    fallback = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER.match(line) if toml else None
        if header:
            section = header.group(1).replace('"', "").replace("'", "")
            continue
        if toml and section not in _DEPENDENCY_TABLES:
            continue
        match = _LEADING_NAME.match(line)
        if match and re.sub(r"[-_.]+", "-", match.group(1)).lower() == dep.name:
            return number
        if fallback is None and quoted.search(line):
            fallback = number
    return fallback
