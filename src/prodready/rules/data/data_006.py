from __future__ import annotations

from prodready.contracts.lint import tables_without_key
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS
from prodready.rules.data._common import lint_verdict


class TablesKeyed(Rule):
    meta = RuleMeta(
        id="DATA-006",
        title="Each contract table declares a key",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        rationale=(
            "Without a primary key or unique column, duplicated rows go unnoticed and silently reweight training examples; joins fan out (ML Test Score, Data 1)."
        ),
        passes_when="Each schema object with properties has a property with `primaryKey: true` or `unique: true`.",
        remediation="Mark the identifying column `primaryKey: true` (ODCS/DCS) or `unique: true`.",
        references=(
            ML_TEST_SCORE,
            ODCS,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx, tables_without_key, "{count} table(s) without a key", "every table declares a key"
        )
