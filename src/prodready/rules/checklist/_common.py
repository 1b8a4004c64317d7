"""Shared logic of the checklist rules: the audit's one cross-check (``ctx.checklist``), judged section by section."""

from __future__ import annotations

import re
from typing import ClassVar

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, Verdict
from prodready.models import ChecklistReport, Claim, ClaimStatus, ProjectKind

MODEL_PROJECTS = frozenset({ProjectKind.MODEL_SERVICE, ProjectKind.TRAINING, ProjectKind.NOTEBOOKS})


def claim_line(ctx: RuleContext, report: ChecklistReport, claim: Claim) -> int | None:
    """The line of the claim's key in the checklist, found in the text already read."""
    text = ctx.facts.texts.get(report.path or "")
    if not text:
        return None
    key = re.sub(r"\[.*?\]", "", claim.field).split(".")[-1]
    section = claim.field.split(".")[0]
    in_section = False
    section_line = None
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^{re.escape(section)}\s*:", line):
            in_section = True
            section_line = number
        elif in_section and re.match(r"^\S", line) and not line.startswith("#"):
            in_section = False
        if in_section and re.match(
            rf"^\s*(-\s*)?(name\s*:\s*)?{re.escape(key)}\s*:?", line.strip() + ":"
        ):
            return number
    return section_line


def claim_finding(
    ctx: RuleContext, report: ChecklistReport, claim: Claim, message: str
) -> FindingDraft:
    if report.path is None:
        return FindingDraft(message=message, evidence=(claim.detail,))
    return FindingDraft(
        message=message,
        path=report.path,
        line=claim_line(ctx, report, claim),
        evidence=tuple([claim.detail, *claim.evidence]),
    )


class SectionRule(Rule):
    """Pass when the section's required claims are stated and none is contradicted by evidence."""

    section: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()
    need_verified: ClassVar[bool] = False

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = ctx.checklist
        if report.error:
            return Verdict.unknown(f"the checklist cannot be read ({report.error})")
        claims = [claim for claim in report.claims if claim.section == self.section]
        findings = [
            claim_finding(ctx, report, claim, _problem(claim))
            for claim in claims
            if claim.status == ClaimStatus.CONTRADICTED
            or (claim.status == ClaimStatus.MISSING and self._required(claim))
        ]
        if findings:
            return Verdict.failed(
                f"{self.section}: {len(findings)} claim(s) missing or contradicted", findings
            )
        verified = [c for c in claims if c.status == ClaimStatus.VERIFIED]
        if self.need_verified and not verified:
            stated = [c for c in claims if c.status == ClaimStatus.CLAIMED]
            message = f"{self.section}: declared, but nothing in the repository implements it"
            return Verdict.failed(
                message, [claim_finding(ctx, report, stated[0], message)] if stated else None
            )
        counts = {status: sum(1 for c in claims if c.status == status) for status in ClaimStatus}
        summary = ", ".join(f"{n} {status.value}" for status, n in counts.items() if n)
        return Verdict.passed(
            f"{self.section}: {summary}", [f"{c.field}: {c.detail}" for c in verified][:5]
        )

    def _required(self, claim: Claim) -> bool:
        if claim.field == self.section:  # the whole section is missing
            return True
        return not self.required or any(claim.field.startswith(prefix) for prefix in self.required)


def _problem(claim: Claim) -> str:
    if claim.status == ClaimStatus.MISSING:
        return f"{claim.field} is not stated: {claim.detail}"
    return f"{claim.field} is contradicted by the repository: {claim.detail}"
