from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class RolloutPlanDeclared(SectionRule):
    section = "rollout"
    required = ("rollout.strategy", "rollout.rollback")
    meta = RuleMeta(
        id="CHK-008",
        title="A rollout strategy and rollback plan are declared",
        category=Category.CHECKLIST,
        severity=Severity.MEDIUM,
        rationale=(
            "Releasing a model to all traffic at once with no way back turns every regression into an incident (ML Test Score Infra 5 and 7: canary and rollback)."
        ),
        passes_when="`rollout.strategy` and `rollout.rollback` are stated, and any file they name exists.",
        remediation="Describe the rollout (shadow, canary, A/B) and the rollback procedure under `rollout`.",
        applies_to=MODEL_PROJECTS,
    )
