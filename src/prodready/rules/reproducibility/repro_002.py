from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE


class DependenciesLocked(Rule):
    """A lock file pins the whole dependency tree, transitive packages included."""

    meta = RuleMeta(
        id="REPRO-002",
        title="Dependencies are locked",
        category=Category.REPRODUCIBILITY,
        severity=Severity.HIGH,
        rationale=(
            "Without a lock file every install resolves a different set of transitive packages, so "
            "a model trained last month cannot be rebuilt bit for bit (ML Test Score, Infra 1: "
            "training is reproducible; Sculley et al. 2015, configuration and dependency debt)."
        ),
        passes_when="A lock file is committed: poetry.lock, uv.lock, Pipfile.lock, pdm.lock, "
        "conda-lock, pixi.lock, or a requirements file compiled by pip-compile / uv pip compile.",
        remediation="Generate and commit a lock file, e.g. `uv lock`, `poetry lock` or "
        "`pip-compile --generate-hashes -o requirements.lock pyproject.toml`.",
        # a library leaves pinning to the application that installs it
        applies_to=frozenset(
            {
                ProjectKind.MODEL_SERVICE,
                ProjectKind.TRAINING,
                ProjectKind.NOTEBOOKS,
                ProjectKind.UNKNOWN,
            }
        ),
        references=(ML_TEST_SCORE,),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        locks = ctx.facts.configs.lock_files
        if locks:
            return Verdict.passed(f"lock file committed: {', '.join(locks)}", list(locks))
        if not ctx.facts.python and not ctx.facts.notebooks:
            return Verdict.not_applicable("no Python code in the repository")
        return Verdict.failed("no dependency lock file is committed")
