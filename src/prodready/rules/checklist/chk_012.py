from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, ClaimStatus, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, claim_finding

# Claims that can and should point at evidence; prose fields (the problem, the business owner) cannot.
EVIDENCE_FIELDS = (
    "model.owners.technical",
    "objective.acceptance_threshold",
    "baseline.value",
    "evaluation.metrics",
    "reproducibility.seed",
    "latency.",
)


class ClaimsHaveEvidence(Rule):
    meta = RuleMeta(
        id="CHK-012",
        title="Measurable claims point at evidence",
        category=Category.CHECKLIST,
        severity=Severity.LOW,
        rationale=(
            "A number in a checklist that no file in the repository records is a promise, not a "
            "fact: it cannot be checked at review time or compared at the next release."
        ),
        passes_when="Every owner, threshold, baseline, metric, seed and latency claim is backed by a file "
        "in the repository (CODEOWNERS, a metrics file, a benchmark result, training code).",
        remediation="Add `evidence:` references (`path#/pointer`) to the claims, or commit the files that record them.",
        applies_to=MODEL_PROJECTS,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = ctx.checklist
        if report.error:
            return Verdict.unknown(f"the checklist cannot be read ({report.error})")
        if report.path is None:
            return Verdict.not_applicable("there is no checklist (see CHK-013)")
        stated = [
            c
            for c in report.claims
            if c.field.startswith(EVIDENCE_FIELDS) and c.status != ClaimStatus.MISSING
        ]
        if not stated:
            return Verdict.unknown("no measurable claim is stated yet (TODOs count as missing)")
        unbacked = [
            claim
            for claim in report.claims
            if claim.status == ClaimStatus.CLAIMED and claim.field.startswith(EVIDENCE_FIELDS)
        ]
        findings = [
            claim_finding(ctx, report, c, f"{c.field} has no evidence: {c.detail}")
            for c in unbacked
        ]
        return Verdict.from_findings(
            findings,
            "{count} measurable claim(s) without evidence",
            "every measurable claim has evidence",
        )
