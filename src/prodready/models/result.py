"""The result model: the one contract between the engine, scoring and every reporter.

The JSON output is this model dumped as is, so its shape is versioned by
``SCHEMA_VERSION`` and printed as JSON Schema by ``prodready schema``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from prodready.models.base import FrozenModel
from prodready.models.checklist_report import ChecklistReport
from prodready.models.comparison import Comparison
from prodready.models.contract_report import ContractReport
from prodready.models.debt import BaselineReport, ChangedScope, SuppressionReport
from prodready.models.findings import Finding, RuleResult
from prodready.models.gate import GateResult
from prodready.models.graph import GraphSummary
from prodready.models.maturity import MaturityAssessment
from prodready.models.project import Aspect, FactsSummary, Hotspot, ProjectInfo, RepoInfo
from prodready.models.rubric import RubricResult
from prodready.models.rule_doc import RuleDoc
from prodready.models.vocabulary import Band, Category, Severity

SCHEMA_VERSION = "1.2"


class EngineError(FrozenModel):
    source: str
    message: str


class CategoryScore(FrozenModel):
    category: Category
    score: float | None = Field(description="0-100, None when no rule in it could be decided.")
    passed: int = 0
    failed: int = 0
    unknown: int = 0
    not_applicable: int = 0
    suppressed: int = 0
    errors: int = 0


class ScoringInfo(FrozenModel):
    """How this result was scored: the profile's weights and band thresholds."""

    weights: dict[Severity, float]
    ready_at: float
    conditions_at: float
    required_sections: list[str] = []
    partial_credit: list[str] = Field(
        [], description="Rules whose failure costs in proportion to the source it affects."
    )
    raw_score: float | None = Field(
        None, description="The weighted score before a blocker scaled it into the not-ready range."
    )
    blocked_by: list[str] = Field(
        [], description="Failing must-have or critical rules that scaled the score down."
    )


class AuditResult(FrozenModel):
    """Everything one audit decided. Reporters render this and compute nothing."""

    schema_version: str = SCHEMA_VERSION
    tool_version: str
    generated_at: str
    repo: RepoInfo
    project: ProjectInfo
    profile: str = "default"
    score: float | None
    band: Band
    band_reason: str
    categories: list[CategoryScore]
    aspects: dict[str, Aspect]
    results: list[RuleResult]
    facts: FactsSummary
    hotspots: list[Hotspot] = []
    checklist: ChecklistReport | None = None
    rubric: RubricResult | None = None
    scoring: ScoringInfo | None = None
    rule_docs: list[RuleDoc] = Field(
        default_factory=list, description="Metadata of every evaluated rule."
    )
    suppressions: SuppressionReport | None = None
    baseline: BaselineReport | None = None
    comparison: Comparison | None = None
    changed_since: str | None = Field(
        None, description="Findings limited to files changed since this git ref."
    )
    changed: ChangedScope | None = Field(
        None, description="What --changed-since left out of the finding list."
    )
    gate: GateResult | None = None
    contracts: list[ContractReport] = Field(
        default_factory=list, description="Data contracts found, linted and tested."
    )
    graph: GraphSummary | None = None
    maturity: list[MaturityAssessment] = Field(
        default_factory=list, description="MLOps maturity levels computed from the evidence."
    )
    errors: list[EngineError] = []
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Sections added by later stages."
    )

    def findings(self) -> list[Finding]:
        return [finding for result in self.results for finding in result.findings]
