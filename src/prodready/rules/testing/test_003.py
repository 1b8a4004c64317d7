from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.testing._common import modules_with_tests


class CiRunsTests(Rule):
    """At least one CI configuration runs the test suite, directly or through tox/nox/make."""

    meta = RuleMeta(
        id="TEST-003",
        title="CI runs the tests",
        category=Category.TESTING,
        severity=Severity.HIGH,
        rationale=(
            "Tests that no pipeline runs rot: they break unnoticed and stop protecting the "
            "model and feature code. Running them on every change is what turns them into a "
            "gate (ML Test Score, Infra 2-3: tests run automatically before a model ships)."
        ),
        passes_when="A CI configuration runs a test runner (pytest, unittest, nose2, "
        "`manage.py test`, `hatch test`), directly or through a tox/nox environment, a make "
        "target or a script that runs one.",
        remediation="Add a test step to the CI workflow, e.g. `run: pytest -q` in "
        ".github/workflows/ci.yml, or call the tox/nox/make target that runs pytest.",
        references=(
            "https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/",
            "https://docs.github.com/en/actions/automating-builds-and-tests/building-and-testing-python",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        configs = ctx.facts.configs.ci
        if not configs:
            return Verdict.not_applicable("no CI configuration (see TEST-002)")
        verdicts = {ci.path: (ci.runs_tests, ci.evidence) for ci in configs}
        running = [ci.path for ci in configs if verdicts[ci.path][0]]
        if running:
            return Verdict.passed(
                f"{running[0]} runs the tests: {verdicts[running[0]][1]}",
                [f"{path}: {verdicts[path][1]}" for path in running],
            )
        if not modules_with_tests(ctx):
            return Verdict.not_applicable("no tests to run (see TEST-001)")
        undecided = [ci.path for ci in configs if verdicts[ci.path][0] is None]
        if undecided:
            return Verdict.unknown(
                "no CI configuration visibly runs the tests, and some run commands whose "
                "content cannot be seen",
                [f"{path}: {verdicts[path][1]}" for path in undecided],
            )
        findings = [
            FindingDraft(
                message=f"{ci.path} ({ci.system}) runs no test command",
                path=ci.path,
                evidence=tuple(f"runs: {command}" for command in ci.commands[:5]),
            )
            for ci in configs
        ]
        return Verdict.failed(f"{len(configs)} CI configuration(s), none runs the tests", findings)
