from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS


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
        passes_when="prodready.yaml exists at the repository root (or is given with --checklist) and is valid.",
        remediation="Run `prodready init` to write a prefilled prodready.yaml, then fill in its TODOs.",
        applies_to=MODEL_PROJECTS,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = ctx.checklist
        if report.path is None:
            return Verdict.failed("no prodready.yaml readiness checklist")
        if report.error:
            return Verdict.failed(
                "the checklist is not valid", [FindingDraft(message=report.error, path=report.path)]
            )
        return Verdict.passed(f"{report.path} is present and valid", [report.path])
