"""The model floor: every document schema the stages hand each other, one module per subject.

``from prodready.models import X`` works for every name, so callers need not know the module.
"""

from __future__ import annotations

from prodready.models.checklist_report import Approval, ChecklistReport, Claim, ClaimStatus
from prodready.models.comparison import CategoryDelta, Comparison, FindingSummary
from prodready.models.contract_report import (
    ContractDataTest,
    ContractProblem,
    ContractReport,
    ContractSample,
)
from prodready.models.debt import (
    BaselineEntry,
    BaselineReport,
    ChangedScope,
    SuppressionNote,
    SuppressionReport,
)
from prodready.models.findings import Finding, Location, RuleResult, Suppression
from prodready.models.gate import GateResult, GateStatus
from prodready.models.graph import GraphSummary
from prodready.models.maturity import (
    CriterionStatus,
    MaturityAssessment,
    MaturityCriterion,
    MaturityLevel,
)
from prodready.models.project import (
    Aspect,
    FactsSummary,
    Hotspot,
    KindEvidence,
    ProjectInfo,
    RepoInfo,
)
from prodready.models.result import (
    SCHEMA_VERSION,
    AuditResult,
    CategoryScore,
    EngineError,
    ScoringInfo,
)
from prodready.models.rubric import RubricOutcome, RubricResult, RubricSection, RubricTestResult
from prodready.models.rule_doc import RuleDoc
from prodready.models.vocabulary import (
    SEVERITY_ORDER,
    AspectStatus,
    Band,
    Category,
    ProjectKind,
    Severity,
    Status,
)

__all__ = [
    "SCHEMA_VERSION",
    "SEVERITY_ORDER",
    "Approval",
    "Aspect",
    "AspectStatus",
    "AuditResult",
    "Band",
    "BaselineEntry",
    "BaselineReport",
    "Category",
    "CategoryDelta",
    "CategoryScore",
    "ChangedScope",
    "ChecklistReport",
    "Claim",
    "ClaimStatus",
    "Comparison",
    "ContractDataTest",
    "ContractProblem",
    "ContractReport",
    "ContractSample",
    "CriterionStatus",
    "EngineError",
    "FactsSummary",
    "Finding",
    "FindingSummary",
    "GateResult",
    "GateStatus",
    "GraphSummary",
    "Hotspot",
    "KindEvidence",
    "Location",
    "MaturityAssessment",
    "MaturityCriterion",
    "MaturityLevel",
    "ProjectInfo",
    "ProjectKind",
    "RepoInfo",
    "RubricOutcome",
    "RubricResult",
    "RubricSection",
    "RubricTestResult",
    "RuleDoc",
    "RuleResult",
    "ScoringInfo",
    "Severity",
    "Status",
    "Suppression",
    "SuppressionNote",
    "SuppressionReport",
]
