from __future__ import annotations

from datetime import date

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity


class SuppressionsJustified(Rule):
    meta = RuleMeta(
        id="SUP-001",
        title="Inline suppressions give a reason and have not expired",
        category=Category.HYGIENE,
        severity=Severity.LOW,
        rationale=(
            "A suppression hides a finding from the gate. Without a written reason nobody can "
            "review the decision, and one past its expiry date was meant to be revisited: both "
            "turn accepted debt into forgotten debt."
        ),
        passes_when='Every `# prodready: ignore[RULE-ID]` comment has `reason="..."` and, if it has '
        "`until=YYYY-MM-DD`, that date is today or later.",
        remediation='Write why: `# prodready: ignore[SEC-001] reason="model files come from our registry"`; '
        "fix the finding or extend `until` when a suppression expires.",
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        entries = [entry for entries in ctx.facts.suppressions.values() for entry in entries]
        if not entries:
            return Verdict.not_applicable("no inline suppressions")
        today = date.today()
        findings = []
        for entry in entries:
            rules = ", ".join(entry.rules) or "no rule id"
            problem = None
            if not entry.reason:
                problem = f"suppression of {rules} has no reason, so it does not suppress"
            elif entry.until:
                try:
                    if date.fromisoformat(entry.until) < today:
                        problem = f"suppression of {rules} expired on {entry.until}"
                except ValueError:
                    problem = f"suppression of {rules} has an invalid until date {entry.until!r}"
            if problem:
                findings.append(FindingDraft(message=problem, path=entry.path, line=entry.line))
        return Verdict.from_findings(
            findings,
            "{count} suppression(s) without a reason or expired",
            f"{len(entries)} suppression(s), each with a current reason",
        )
