from __future__ import annotations

from prodready.contracts.lint import missing_support
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.data._common import CONTRACT_REFERENCES, lint_verdict


class SupportChannel(Rule):
    meta = RuleMeta(
        id="DATA-011",
        title="Each data contract names a support channel",
        category=Category.DATA,
        severity=Severity.LOW,
        rationale=(
            "When a feed breaks at 3 a.m., the model's on-call needs to know where to ask; a contract without a support channel leaves consumers guessing (ODCS `support`, DCS `info.contact`)."
        ),
        passes_when="Every readable contract lists an ODCS `support` channel or a DCS `info.contact`.",
        remediation="Add `support: [{channel: '#data-team', url: ...}]` (ODCS) or `info.contact` (DCS).",
        references=CONTRACT_REFERENCES,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            missing_support,
            "{count} contract(s) without a support channel",
            "every contract names a support channel",
        )
