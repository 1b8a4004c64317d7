from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, ClaimStatus, Severity
from prodready.models.checklist import SECTIONS
from prodready.rules.checklist._common import MODEL_PROJECTS, shown_by_repo, undeclared


class ChecklistPresent(Rule):
    meta = RuleMeta(
        id="CHK-013",
        title="A readiness checklist is kept in the repository",
        category=Category.CHECKLIST,
        severity=Severity.HIGH,
        rationale=(
            "The checklist is what the team promises before a release review: owners, baseline, "
            "reproducibility, latency, monitoring, rollout. Without it nothing can be cross-checked, "
            "and the review runs on memory (Breck et al. 2017)."
        ),
        passes_when="prodready.yaml exists at the repository root (or is given with --checklist), "
        "is valid, states at least one claim (TODOs are missing claims), and declares every "
        "section the repository cannot show by itself. This one rule carries the cost of what "
        "is not declared: the section rules then credit what the repository shows and leave "
        "the rest out of the score.",
        remediation="Run `prodready init` to write a prefilled prodready.yaml, then fill in its TODOs.",
        applies_to=MODEL_PROJECTS,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = ctx.checklist
        if report.path is None:
            return Verdict.failed(
                "no prodready.yaml readiness checklist",
                [
                    FindingDraft(
                        message="no readiness checklist: owners' names, targets, rollout and "
                        "sign-off are not declared (the checklist rules fold under this one)",
                        evidence=("looked for prodready.yaml, prodready.yml, .prodready.yaml",),
                    )
                ],
            )
        if report.error:
            return Verdict.failed(
                "the checklist is not valid", [FindingDraft(message=report.error, path=report.path)]
            )
        if not any(c.status != ClaimStatus.MISSING for c in report.claims):
            return Verdict.failed(
                "the checklist states nothing yet",
                [
                    FindingDraft(
                        message=f"{report.path} is an unfilled template: every claim is a TODO "
                        "or missing",
                        path=report.path,
                    )
                ],
            )
        missing = [
            section
            for section in SECTIONS
            if undeclared(ctx, section) and shown_by_repo(ctx, section) is None
        ]
        if missing:
            return Verdict.failed(
                f"{len(missing)} section(s) neither declared nor shown by the repository",
                [
                    FindingDraft(
                        message=f"{report.path} does not declare {', '.join(missing)}, and "
                        "nothing in the repository shows them",
                        path=report.path,
                    )
                ],
            )
        return Verdict.passed(f"{report.path} is present and valid", [report.path])
