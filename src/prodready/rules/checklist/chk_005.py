from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class ReproducibilityDeclared(SectionRule):
    section = "reproducibility"
    required = (
        "reproducibility.seed",
        "reproducibility.training_command",
        "reproducibility.lock_file",
    )
    meta = RuleMeta(
        id="CHK-005",
        title="Reproducibility claims hold",
        category=Category.CHECKLIST,
        severity=Severity.MEDIUM,
        rationale=(
            "A model that cannot be retrained to the same result cannot be debugged or audited (ML Test Score Infra 1; Sculley et al. 2015)."
        ),
        passes_when="The seed, training command and lock file are stated; the code sets seeds, the command's target exists, and the lock file is a real lock file.",
        remediation="State `reproducibility.seed`, `training_command` and `lock_file`, and make the code and repository match them.",
        applies_to=MODEL_PROJECTS,
    )
