from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class OwnersDeclared(SectionRule):
    section = "model"
    required = ("model.owners.technical",)
    meta = RuleMeta(
        id="CHK-001",
        title="Technical owners are declared and match CODEOWNERS",
        category=Category.CHECKLIST,
        severity=Severity.HIGH,
        rationale=(
            "Models nobody owns are the first to rot: ownership is the precondition of every later check (Sculley et al. 2015; ML Test Score asks who is alerted and who fixes it). A named owner absent from CODEOWNERS receives no review requests, so the claim is not backed by the repository."
        ),
        passes_when="`model.owners.technical` names at least one owner and every one of them appears in CODEOWNERS.",
        remediation="Add `model.owners.technical` to prodready.yaml and list the same handles in .github/CODEOWNERS.",
        applies_to=MODEL_PROJECTS,
    )
