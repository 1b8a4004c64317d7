from __future__ import annotations

from prodready.engine.rule import RuleMeta
from prodready.models import Category, Severity
from prodready.rules.checklist._common import MODEL_PROJECTS, SectionRule


class LatencyTargetsDeclared(SectionRule):
    section = "latency"
    required = ("latency",)
    meta = RuleMeta(
        id="CHK-006",
        title="Latency targets are declared and met by the benchmark",
        category=Category.CHECKLIST,
        severity=Severity.MEDIUM,
        rationale=(
            "Serving latency that was never budgeted is discovered in production; ML Test Score Infra 6 and Monitor 6 ask that latency and throughput are tested and watched."
        ),
        passes_when="At least one latency or throughput target is declared, and no measured value in the benchmark evidence file breaks its target.",
        remediation="Declare p50/p95/p99 targets under `latency`, run a load benchmark, save its results (e.g. bench/latency.json) and set `latency.evidence`.",
        applies_to=MODEL_PROJECTS,
    )
