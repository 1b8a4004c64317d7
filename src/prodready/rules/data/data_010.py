from __future__ import annotations

from prodready.contracts.lint import missing_description
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.data._common import CONTRACT_REFERENCES, lint_verdict


class ContractDescribed(Rule):
    meta = RuleMeta(
        id="DATA-010",
        title="Each data contract describes its data",
        category=Category.DATA,
        severity=Severity.LOW,
        rationale=(
            "The purpose, usage and limitations of a dataset are what a model builder needs to avoid misusing it (e.g. labels that arrive late); ODCS `description`, DCS `info.description`."
        ),
        passes_when="Every readable contract has an ODCS `description` (purpose, usage or limitations) or DCS `info.description`.",
        remediation="Add `description: {purpose: ..., usage: ..., limitations: ...}` (ODCS) or `info.description` (DCS).",
        references=CONTRACT_REFERENCES,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            missing_description,
            "{count} contract(s) without a description",
            "every contract describes its data",
        )
