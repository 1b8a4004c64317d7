from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class MetricsTracked(SectionRule):
    section = "evaluation"
    required = ("evaluation.metrics",)
    meta = RuleMeta(
        id="CHK-004",
        title="Evaluation metrics are recorded in the repository",
        category=Category.CHECKLIST,
        severity=Severity.HIGH,
        rationale=(
            "Metrics quoted in a review but recorded nowhere cannot be reproduced or compared release to release (ML Test Score Model 2, Infra 1)."
        ),
        passes_when="Each metric in `evaluation.metrics` matches the value recorded at its evidence reference (e.g. a DVC metrics file).",
        remediation="Write metrics to a tracked file (`dvc metrics`, metrics/scores.json) and reference it as `evidence: metrics/scores.json#/auc`.",
        applies_to=MODEL_PROJECTS,
    )
