from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class RisksDocumented(SectionRule):
    section = "risks"
    required = ("risks.model_card",)
    meta = RuleMeta(
        id="CHK-010",
        title="Risks are documented with a model card",
        category=Category.CHECKLIST,
        severity=Severity.LOW,
        rationale=(
            "Known failure modes and fairness slices that are not written down are not reviewed (Mitchell et al. 2019, Model Cards; ML Test Score Data 5 and Model 6)."
        ),
        passes_when="`risks.model_card` names a model card that exists in the repository.",
        remediation="Write a model card (MODEL_CARD.md) and reference it under `risks.model_card`, with failure modes and fairness slices.",
        applies_to=MODEL_PROJECTS,
    )
