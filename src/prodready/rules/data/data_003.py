from __future__ import annotations

from prodready.contracts.lint import missing_owner
from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import DCS, ODCS, SCULLEY_2015
from prodready.rules.data._common import lint_verdict


class ContractHasOwner(Rule):
    meta = RuleMeta(
        id="DATA-003",
        title="Each data contract names an owner",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        rationale=(
            "A dataset without an accountable team is changed without anyone telling the model's owners, and when it breaks nobody is paged (Sculley et al. 2015, undeclared consumers; ODCS `team`)."
        ),
        passes_when="Every readable contract has an owner: ODCS `team` (a team name or members), DCS `info.owner`.",
        remediation="Add `team:` (ODCS) or `info.owner:` (DCS) naming the team that answers for the data.",
        references=(
            ODCS,
            DCS,
            SCULLEY_2015,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return lint_verdict(
            ctx,
            missing_owner,
            "{count} contract(s) without an owner",
            "every contract names an owner",
        )
