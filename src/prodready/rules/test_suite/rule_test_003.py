from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.rules.test_suite._common import modules_with_tests
from prodready.rules.test_suite.ci_chain import ci_test_runs


class CiRunsTests(Rule):
    """At least one CI configuration runs the test suite, followed through what it calls."""

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
        "`manage.py test`, `hatch test`), directly or through included templates, a "
        "make/tox/nox/just/hatch/poe/pdm/pixi target, a shell script, a job file it submits or "
        "a Python script calling `pytest.main`. Commented-out lines never count.",
        remediation="Add a test step to the CI workflow, e.g. `run: pytest -q` in "
        ".github/workflows/ci.yml, or call the tox/nox/make target that runs pytest.",
        references=(
            ML_TEST_SCORE,
            "https://docs.github.com/en/actions/automating-builds-and-tests/building-and-testing-python",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.facts.configs.ci:
            return Verdict.not_applicable("no CI configuration (see TEST-002)")
        found = ci_test_runs(ctx.facts)
        if found.runs:
            first = found.runs[0]
            return Verdict.passed(
                f"{first.config} runs the tests: {' -> '.join(first.chain)}",
                [run.evidence for run in found.runs[:10]],
            )
        if not modules_with_tests(ctx):
            return Verdict.not_applicable("no tests to run (see TEST-001)")
        if found.unresolved or found.broken:
            reasons = [f"cannot see what this runs: {c}" for c in found.unresolved]
            reasons += [f"{ci.path}: {ci.error}" for ci in found.broken]
            return Verdict.unknown(
                "no CI configuration visibly runs the tests, and some CI steps cannot be seen",
                reasons[:10],
            )
        findings = [
            FindingDraft(
                message=f"{ci.path} ({ci.system}) runs no test command",
                path=ci.path,
                evidence=tuple(
                    f"line {c.line}: {c.text}" if c.line else c.text for c in ci.commands[:5]
                )
                or ("no commands",),
            )
            for ci in found.entries
        ]
        return Verdict.failed(
            f"{len(found.entries)} CI configuration(s), none runs the tests", findings
        )
