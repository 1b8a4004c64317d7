from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class BaselineDeclared(SectionRule):
    section = "baseline"
    required = ("baseline.value",)
    meta = RuleMeta(
        id="CHK-003",
        title="A baseline is declared, recorded, and beaten",
        category=Category.CHECKLIST,
        severity=Severity.HIGH,
        rationale=(
            "Without a simple baseline (majority class, logistic regression, current rules) nobody knows whether the model adds value; ML Test Score Model 7 asks that a simpler model is not better."
        ),
        passes_when="`baseline.value` is stated, matches the value recorded at its evidence reference, and the model's metric beats it.",
        remediation="Train the simple baseline, record its metric in a file (e.g. metrics/baseline.json) and point `baseline.evidence` at it.",
        applies_to=MODEL_PROJECTS,
    )
