from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.scanners.configs import CI_SYSTEMS


class CiConfigured(Rule):
    """A CI configuration of any system is committed (the CI facts' list of systems)."""

    meta = RuleMeta(
        id="TEST-002",
        title="Continuous integration is configured",
        category=Category.TESTING,
        severity=Severity.HIGH,
        rationale=(
            "Without CI, tests, linters and builds run only when someone remembers to run them "
            "on their own machine; regressions in feature code, training or serving reach the "
            "main branch unchecked (ML Test Score, Infra 2-3: tests run automatically on every "
            "change; OpenSSF Scorecard's CI-Tests check)."
        ),
        passes_when="A CI configuration is committed: GitHub Actions workflows, GitLab CI, "
        "Azure Pipelines (wherever its YAML lives, recognised by its shape), a Jenkinsfile, "
        "CircleCI, Travis CI, Buildkite or Bitbucket Pipelines.",
        remediation="Add a workflow that installs the locked dependencies and runs the tests on "
        "every push and pull request, e.g. .github/workflows/ci.yml with `run: pytest -q`.",
        references=(
            ML_TEST_SCORE,
            "https://github.com/ossf/scorecard/blob/main/docs/checks.md#ci-tests",
            "https://docs.github.com/en/actions/automating-builds-and-tests/building-and-testing-python",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        configs = ctx.facts.configs.ci
        if configs:
            return Verdict.passed(
                f"{len(configs)} CI file(s): {', '.join(sorted({c.system for c in configs}))}",
                [f"{ci.path} ({ci.system})" for ci in configs[:10]],
            )
        return Verdict.failed(
            "no CI configuration",
            [
                FindingDraft(
                    message="no CI configuration is committed",
                    evidence=(f"looked for: {', '.join(CI_SYSTEMS)}",),
                )
            ],
        )
