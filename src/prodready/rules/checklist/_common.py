"""Shared logic of the checklist rules: the audit's one cross-check (``ctx.checklist``), judged section by section."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, Verdict
from prodready.models import Aspect, AspectStatus, ChecklistReport, Claim, ClaimStatus, ProjectKind
from prodready.rules import evidence

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


FOLDED = "folded under CHK-013"
# What the repository itself can show of each checklist section.
SECTION_EVIDENCE: dict[str, Callable[[RuleContext], Aspect]] = {
    "model": evidence.declared_owner,
    "baseline": evidence.baseline,
    "evaluation": evidence.metrics_tracked,
    "reproducibility": evidence.reproducibility,
    "latency": evidence.latency_targets,
    "monitoring": evidence.monitoring,
    "data": evidence.contracts_present,
    "risks": evidence.model_card,
}


def undeclared(ctx: RuleContext, section: str) -> bool:
    """The checklist does not state the section at all (or there is no checklist)."""
    report = ctx.checklist
    if report.path is None:
        return True
    return all(c.status == ClaimStatus.MISSING for c in report.claims if c.section == section)


def shown_by_repo(ctx: RuleContext, section: str) -> Aspect | None:
    """The repository's own evidence for the section, when it can show any."""
    finder = SECTION_EVIDENCE.get(section)
    found = finder(ctx) if finder is not None else None
    return found if found is not None and found.status == AspectStatus.YES else None


class SectionRule(Rule):
    """Pass when the section's required claims are stated and none is contradicted by evidence.

    A section the checklist does not declare (or no checklist at all) is one finding of
    CHK-013, not one per section: the section is then credited when the repository shows
    it ("found, not declared") and otherwise folded under CHK-013, out of the score. A
    declared section commits to its required claims: a TODO or a contradiction fails it.
    """

    section: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()
    need_verified: ClassVar[bool] = False

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = ctx.checklist
        if report.error:
            return Verdict.unknown(f"the checklist cannot be read ({report.error})")
        if undeclared(ctx, self.section):
            return self._undeclared(ctx)
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

    def _undeclared(self, ctx: RuleContext) -> Verdict:
        found = shown_by_repo(ctx, self.section)
        if found is not None:
            return Verdict.passed(
                f"{self.section}: found, not declared ({found.evidence[0]})",
                [f"found, not declared: {item}" for item in found.evidence[:5]],
            )
        if ctx.checklist.path is None:
            where = "there is no readiness checklist"
        else:
            where = f"the checklist does not declare {self.section}"
        shows = (
            "nothing in the repository shows it either"
            if self.section in SECTION_EVIDENCE
            else "only a checklist can state it"
        )
        return Verdict.not_applicable(f"{FOLDED}: {where}; {shows}")

    def _required(self, claim: Claim) -> bool:
        if claim.field == self.section:  # the whole section is missing
            return True
        return not self.required or any(claim.field.startswith(prefix) for prefix in self.required)


def _problem(claim: Claim) -> str:
    if claim.status == ClaimStatus.MISSING:
        return f"{claim.field} is not stated: {claim.detail}"
    return f"{claim.field} is contradicted by the repository: {claim.detail}"
