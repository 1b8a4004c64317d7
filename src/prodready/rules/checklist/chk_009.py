from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class DataContractsListed(SectionRule):
    section = "data"
    required = ("data.contracts",)
    meta = RuleMeta(
        id="CHK-009",
        title="Data contracts are listed and exist",
        category=Category.CHECKLIST,
        severity=Severity.MEDIUM,
        rationale=(
            "Input data without a contract is an unstable data dependency (Sculley et al. 2015); ML Test Score Data 1 asks for a schema that is checked."
        ),
        passes_when="`data.contracts` lists at least one contract file and every listed path exists in the repository.",
        remediation="Write an ODCS data contract for each input dataset and list it under `data.contracts`.",
        applies_to=MODEL_PROJECTS,
    )
