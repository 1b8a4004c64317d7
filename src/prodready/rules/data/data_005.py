from __future__ import annotations

from prodready.contracts.lint import untyped_properties
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS
from prodready.rules.data._common import lint_verdict


class PropertiesTyped(Rule):
    meta = RuleMeta(
        id="DATA-005",
        title="Every contract property has a type",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        rationale=(
            "A column without a type cannot be checked, so a string sneaking into a numeric feature goes unnoticed until the model's outputs drift (ML Test Score, Data 1: feature expectations are captured in a schema)."
        ),
        passes_when="Every property (nested ones included) has an ODCS `logicalType` or `physicalType`, or a DCS `type` (or `$ref`).",
        remediation="Add `logicalType:` (string, integer, number, boolean, date, timestamp ...) to each property.",
        references=(
            ML_TEST_SCORE,
            ODCS,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx, untyped_properties, "{count} untyped propert(ies)", "every property has a type"
        )
