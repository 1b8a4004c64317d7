from __future__ import annotations

from prodready.contracts.lint import missing_status
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.data._common import CONTRACT_REFERENCES, lint_verdict


class ContractHasStatus(Rule):
    meta = RuleMeta(
        id="DATA-004",
        title="Each data contract states its status",
        category=Category.DATA,
        severity=Severity.LOW,
        rationale=(
            "Consumers must know whether a contract is a proposal, in force or deprecated before they build a model on it (ODCS `status`, DCS `info.status`)."
        ),
        passes_when="Every readable contract sets ODCS `status` or DCS `info.status`.",
        remediation="Set `status: active` (or proposed, deprecated, retired) in the contract.",
        references=CONTRACT_REFERENCES,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            missing_status,
            "{count} contract(s) without a status",
            "every contract states its status",
        )
