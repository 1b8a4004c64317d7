from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class ObjectiveDeclared(SectionRule):
    section = "objective"
    required = ("objective.problem", "objective.success_metric", "objective.acceptance_threshold")
    meta = RuleMeta(
        id="CHK-002",
        title="The business objective and acceptance threshold are declared",
        category=Category.CHECKLIST,
        severity=Severity.MEDIUM,
        rationale=(
            "A model without an agreed success metric and threshold cannot be accepted or rejected on evidence; teams ship or stall on opinion (Breck et al. 2017, Model 1-2; Google's Rules of ML, rule 2)."
        ),
        passes_when="`objective` states the problem, the success metric and the acceptance threshold, and the recorded value of that metric meets the threshold.",
        remediation="Agree the success metric and a realistic acceptance threshold with the business and write them under `objective`.",
        applies_to=MODEL_PROJECTS,
    )
