from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class MonitoringPlanDeclared(SectionRule):
    section = "monitoring"
    required = ("monitoring",)
    need_verified = True
    meta = RuleMeta(
        id="CHK-007",
        title="A monitoring plan is declared and implemented in the repository",
        category=Category.CHECKLIST,
        severity=Severity.HIGH,
        rationale=(
            "Once live, models fail silently: drift and broken features return 200 OK. ML Test Score Monitor 1-7 ask for drift, staleness and quality monitoring with alerts."
        ),
        passes_when="`monitoring` is declared, at least one of its entries points at config or code in the repository, and none points at a missing file.",
        remediation="Declare drift checks, alert channel and retraining trigger under `monitoring`, with the path of the config or code that implements each.",
        applies_to=MODEL_PROJECTS,
    )
