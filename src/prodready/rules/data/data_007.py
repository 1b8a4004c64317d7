from __future__ import annotations

from prodready.contracts.lint import no_quality_rule
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS
from prodready.rules.data._common import lint_verdict


class QualityRuleDeclared(Rule):
    meta = RuleMeta(
        id="DATA-007",
        title="Each contract declares at least one quality rule",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        rationale=(
            "A schema says what the data looks like; quality rules say what it must satisfy (completeness, uniqueness, volume). Without one, nothing catches an empty or half-null extract before training (ML Test Score, Monitor 2: data invariants hold)."
        ),
        passes_when="Every readable contract has at least one `quality` entry at contract, table or property level.",
        remediation="Add a quality rule, e.g. `quality: [{type: library, metric: rowCount, mustBeGreaterThan: 0}]`.",
        references=(
            ML_TEST_SCORE,
            ODCS,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            no_quality_rule,
            "{count} contract(s) without a quality rule",
            "every contract declares quality rules",
        )
