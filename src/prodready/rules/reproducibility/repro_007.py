from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import AspectStatus, Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.rules.evidence import environment_spec


class EnvironmentSpecified(Rule):
    """A container, conda, devcontainer, compose, pixi or Nix environment is committed."""

    meta = RuleMeta(
        id="REPRO-007",
        title="The runtime environment is specified",
        category=Category.REPRODUCIBILITY,
        severity=Severity.MEDIUM,
        rationale=(
            "A model that was trained and tested in one environment and served in another breaks on differences nobody wrote down: the Python version, system libraries, CUDA, the OS. A container or environment file makes the environment itself reproducible (ML Test Score, Infra 1: training is reproducible, and Infra 5: the model is tested in the serving environment before release; Sculley et al. 2015, configuration debt)."
        ),
        passes_when="An environment specification is committed: a Dockerfile or Containerfile "
        "(any folder, any suffix), a conda environment file (recognised by its content, whatever "
        "its name), a .devcontainer configuration, a docker-compose / compose file, a pixi "
        "workspace, or a Nix flake or shell.",
        remediation=(
            "Add a Dockerfile that installs the locked dependencies on a pinned base image (`FROM python:3.11-slim`, `pip install -r requirements.lock`), or a conda environment.yml with the Python version and packages pinned."
        ),
        references=tuple(
            [
                ML_TEST_SCORE,
                "https://docs.docker.com/build/building/best-practices/",
                "https://conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#create-env-file-manually",
            ]
        ),
        applies_to=frozenset({ProjectKind.MODEL_SERVICE, ProjectKind.TRAINING}),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        found = environment_spec(ctx)
        if found.status == AspectStatus.YES:
            return Verdict.passed("an environment specification is committed", found.evidence)
        return Verdict.failed(
            "no environment specification is committed",
            [FindingDraft(message="no environment specification", evidence=tuple(found.evidence))],
        )
