from __future__ import annotations

from prodready.contracts.lint import no_freshness_sla
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS
from prodready.rules.data._common import lint_verdict


class FreshnessSla(Rule):
    """Only a deployed model needs a promise on how old its input data may be."""

    meta = RuleMeta(
        id="DATA-008",
        title="Data feeding a live model has a freshness or latency SLA",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        rationale=(
            "A served model scores today's traffic with features computed from upstream data; when a "
            "feed silently stops, predictions go stale while the API keeps answering 200 OK. A "
            "freshness SLA is what a monitor can alert on (ML Test Score, Monitor 4: models are not "
            "too stale; Sculley et al. 2015, unstable data dependencies)."
        ),
        passes_when="In a model-service repository, every readable contract has an ODCS "
        "`slaProperties` entry `freshness` or `latency`, or a DCS `servicelevels.freshness` or "
        "`latency`.",
        remediation="Add e.g. `slaProperties: [{property: latency, value: 1, unit: d, element: "
        "table.updated_at}]` (ODCS) or `servicelevels.freshness` (DCS), and monitor it.",
        references=(
            ML_TEST_SCORE,
            ODCS,
        ),
        applies_to=frozenset({ProjectKind.MODEL_SERVICE}),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            no_freshness_sla,
            "{count} contract(s) without a freshness or latency SLA",
            "every contract promises freshness or latency",
        )
