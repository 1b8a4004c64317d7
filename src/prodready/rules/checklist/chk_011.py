from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, ClaimStatus, Severity
from prodready.rules.checklist._common import FOLDED, MODEL_PROJECTS, claim_finding, undeclared


class SignoffComplete(Rule):
    meta = RuleMeta(
        id="CHK-011",
        title="Every approver has signed off",
        category=Category.CHECKLIST,
        severity=Severity.LOW,
        rationale=(
            "A release decision needs named approvers with a recorded decision and date; an "
            "undecided or rejected approval means the review is not finished."
        ),
        passes_when="`signoff.approvers` names at least one approver and every one has `decision: approved` with a date.",
        remediation="Record each approver's decision and date under `signoff.approvers` once the review is held.",
        applies_to=MODEL_PROJECTS,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = ctx.checklist
        if report.error:
            return Verdict.unknown(f"the checklist cannot be read ({report.error})")
        if undeclared(ctx, "signoff"):  # one finding of CHK-013, not one more here
            where = "there is no readiness checklist" if report.path is None else "no sign-off"
            return Verdict.not_applicable(f"{FOLDED}: {where}; only a checklist can state it")
        claims = [claim for claim in report.claims if claim.section == "signoff"]
        open_claims = [claim for claim in claims if claim.status != ClaimStatus.VERIFIED]
        if not open_claims:
            return Verdict.passed(
                f"{len(claims)} approver(s) signed off", [c.statement for c in claims]
            )
        findings = [
            claim_finding(ctx, report, claim, f"{claim.statement or claim.field}: {claim.detail}")
            for claim in open_claims
        ]
        return Verdict.failed(
            f"sign-off incomplete: {len(open_claims)} of {len(claims)} open", findings
        )
