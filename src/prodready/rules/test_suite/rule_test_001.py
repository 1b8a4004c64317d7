from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE
from prodready.rules.test_suite._common import modules_with_tests, unparsable_tests


class AutomatedTestsExist(Rule):
    """Test modules (test_*.py, *_test.py or under tests/) that define at least one test."""

    meta = RuleMeta(
        id="TEST-001",
        title="Automated tests exist",
        category=Category.TESTING,
        severity=Severity.HIGH,
        rationale=(
            "Without tests nobody can change feature code, training or serving logic with any "
            "confidence that it still works; ML code fails silently, producing a worse model "
            "rather than an error (ML Test Score, Infra 2 and Model 7: unit tests for model "
            "and feature code; Sculley et al. 2015)."
        ),
        passes_when="At least one test module (test_*.py, *_test.py, or a module under a "
        "tests/ folder) defines a `test*` function or a `test*` method of a TestCase.",
        remediation="Add pytest tests under tests/ for the feature and training code, e.g. "
        "`tests/test_features.py` with `def test_features_have_no_nans(): ...`.",
        references=(
            ML_TEST_SCORE,
            "https://docs.pytest.org/en/stable/explanation/goodpractices.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.facts.python and not ctx.facts.notebooks:
            return Verdict.not_applicable("no Python code or notebooks in the repository")
        modules = modules_with_tests(ctx)
        if modules:
            total = sum(modules.values())
            return Verdict.passed(
                f"{total} test function(s) in {len(modules)} test module(s)",
                [f"{path}: {count} test(s)" for path, count in sorted(modules.items())][:10],
            )
        unparsable = unparsable_tests(ctx)
        if unparsable:
            return Verdict.unknown(
                "no test function found, but some test modules could not be parsed", unparsable
            )
        test_files = sorted(path for path in ctx.facts.python if ctx.is_test_path(path))
        if test_files:
            return Verdict.failed(
                f"{len(test_files)} test-path module(s) but none defines a test function",
                evidence=test_files[:10],
            )
        return Verdict.failed("no test modules in the repository")
