from __future__ import annotations

from pathlib import PurePosixPath

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.rules.test_suite._common import modules_with_tests

# Packaging and task files, not code under test.
_NOT_UNDER_TEST = frozenset({"__init__.py", "__main__.py", "setup.py", "noxfile.py", "conftest.py"})


class EnoughTests(Rule):
    """A rough size check: test modules per source module, never a coverage measurement."""

    class Options(NoOptions):
        min_ratio: float = Field(0.2, ge=0, description="Test modules per source module.")
        min_modules: int = Field(3, ge=1, description="Smaller projects are not judged.")

    meta = RuleMeta(
        id="TEST-004",
        title="Tests keep pace with the code",
        category=Category.TESTING,
        severity=Severity.LOW,
        rationale=(
            "A handful of tests for a large codebase leaves most feature, training and serving "
            "code unchecked; the ratio of test modules to source modules is a cheap signal that "
            "testing has not kept up (ML Test Score, Infra 2 and Model 7)."
        ),
        passes_when="Test modules (with at least one test) number at least `min_ratio` (0.2) of "
        "the source modules; projects with fewer than `min_modules` (3) source modules are "
        "not judged.",
        remediation="Add test modules for the untested source modules, starting with feature "
        "engineering, data validation and the serving entry point.",
        references=(ML_TEST_SCORE,),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        sources = sorted(
            path
            for path, unit in ctx.source_units.items()
            if path.endswith(".py")
            and PurePosixPath(path).name not in _NOT_UNDER_TEST
            and unit.statements > 0
        )
        minimum = self.options.min_modules
        if len(sources) < minimum:
            return Verdict.not_applicable(
                f"{len(sources)} source module(s), fewer than {minimum}: too small to judge"
            )
        tests = modules_with_tests(ctx)
        ratio = len(tests) / len(sources)
        summary = f"{len(tests)} test module(s) for {len(sources)} source module(s) ({ratio:.2f})"
        if ratio >= self.options.min_ratio:
            return Verdict.passed(summary, sorted(tests)[:10])
        return Verdict.failed(
            f"{summary}, below {self.options.min_ratio:g}", evidence=[summary, *sorted(tests)[:5]]
        )
