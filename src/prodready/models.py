"""The result model: the one contract between the engine, scoring and every reporter.

The JSON output is this model dumped as is, so its shape is versioned by
``SCHEMA_VERSION`` and printed as JSON Schema by ``prodready schema``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Severity(StrEnum):
    """How much a failure hurts readiness; weights follow OpenSSF Scorecard's risk levels."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)


SEVERITY_ORDER: tuple[Severity, ...] = (
    Severity.INFO,
    Severity.LOW,
    Severity.MEDIUM,
    Severity.HIGH,
    Severity.CRITICAL,
)


class Status(StrEnum):
    """Outcome of one rule. ``unknown`` means undecidable and is never counted as a pass."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    SUPPRESSED = "suppressed"
    ERROR = "error"


class Category(StrEnum):
    REPRODUCIBILITY = "reproducibility"
    TESTING = "testing"
    CODE_HEALTH = "code_health"
    ML_SMELLS = "ml_smells"
    OWNERSHIP = "ownership"
    HYGIENE = "hygiene"
    DOCUMENTATION = "documentation"
    SECURITY = "security"
    DATA = "data"
    CHECKLIST = "checklist"
    ARCHITECTURE = "architecture"


class ProjectKind(StrEnum):
    """What the repository is; rules that only make sense for a deployed model skip the others."""

    MODEL_SERVICE = "model_service"
    LIBRARY = "library"
    TEMPLATE = "template"
    NOTEBOOKS = "notebooks"
    UNKNOWN = "unknown"


class Band(StrEnum):
    READY = "ready"
    READY_WITH_CONDITIONS = "ready_with_conditions"
    NOT_READY = "not_ready"
    UNKNOWN = "unknown"


class AspectStatus(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Location(_Model):
    path: str | None = Field(
        None, description="Repo-relative POSIX path; None for repo-wide findings."
    )
    line: int | None = None
    end_line: int | None = None


class Suppression(_Model):
    kind: str = Field(description="inline, config or baseline")
    reason: str | None = None
    until: str | None = None
    source: str | None = Field(None, description="Where the suppression is written, as path:line.")


class Finding(_Model):
    """One concrete problem a rule found: where, what, the evidence and how to fix it."""

    rule_id: str
    category: Category
    severity: Severity
    message: str
    location: Location = Location()
    evidence: list[str] = []
    remediation: str
    fingerprint: str = Field(
        "", description="Rule, file and a hash of the normalized code: stable when lines move."
    )
    suppression: Suppression | None = None


class RuleResult(_Model):
    """The verdict of one evaluated rule, with the findings that back a failure."""

    rule_id: str
    title: str
    category: Category
    severity: Severity
    status: Status
    original_status: Status | None = Field(
        None, description="The status before suppressions or the baseline were applied."
    )
    message: str = ""
    evidence: list[str] = []
    findings: list[Finding] = []


class CategoryScore(_Model):
    category: Category
    score: float | None = Field(description="0-100, None when no rule in it could be decided.")
    passed: int = 0
    failed: int = 0
    unknown: int = 0
    not_applicable: int = 0
    suppressed: int = 0
    errors: int = 0


class Aspect(_Model):
    status: AspectStatus
    evidence: list[str] = []


class ProjectInfo(_Model):
    kind: ProjectKind
    reason: str
    overridden: bool = False


class RepoInfo(_Model):
    name: str
    is_git: bool
    commit: str | None = None
    branch: str | None = None
    dirty: bool | None = None
    shallow: bool | None = None


class FactsSummary(_Model):
    files: int = 0
    files_by_kind: dict[str, int] = {}
    python_files: int = 0
    python_lines: int = 0
    notebooks: int = 0
    unparsable_files: int = 0
    commits_scanned: int = 0
    authors: int = 0
    cache_hits: int = 0
    parsed_files: int = 0


class Hotspot(_Model):
    path: str
    max_complexity: int
    maintainability: float | None
    churn: int
    commits: int


class GateResult(_Model):
    passed: bool
    reasons: list[str] = []
    fail_under: float | None = None
    fail_on: Severity | None = None


class EngineError(_Model):
    source: str
    message: str


class ClaimStatus(StrEnum):
    """How a checklist claim stands against the repository's evidence."""

    VERIFIED = "verified"
    CLAIMED = "claimed"
    CONTRADICTED = "contradicted"
    MISSING = "missing"


class Claim(_Model):
    section: str
    field: str = Field(description="Dotted path in prodready.yaml, e.g. latency.p99_ms.")
    statement: str = Field("", description="What the checklist says, as written.")
    status: ClaimStatus
    detail: str = Field("", description="Why this status: the evidence read or what is missing.")
    evidence: list[str] = []


class ChecklistReport(_Model):
    path: str | None = Field(
        None, description="The checklist file, repo-relative; None when there is none."
    )
    error: str | None = None
    claims: list[Claim] = []


class RubricOutcome(StrEnum):
    AUTOMATED = "automated"
    MANUAL = "manual"
    NONE = "none"
    UNDECIDED = "undecided"


class RubricTestResult(_Model):
    id: str
    title: str
    outcome: RubricOutcome
    points: float | None = Field(description="None when undecided: never silently scored.")
    evidence: list[str] = []


class RubricSection(_Model):
    name: str
    points: float
    undecided: int
    tests: list[RubricTestResult]


class RubricResult(_Model):
    """A rubric profile's own scoring, e.g. the ML Test Score: final score = minimum section sum."""

    profile: str
    version: str
    reference: str
    sections: list[RubricSection]
    final_score: float
    band: str
    lower_bound: bool = Field(description="True when undecided tests could raise the score.")


class RuleDoc(_Model):
    """A rule's explanation: the one source for `explain`, the HTML report and SARIF rules[]."""

    id: str
    title: str
    category: Category
    severity: Severity
    rationale: str
    passes_when: str
    remediation: str
    references: list[str] = []
    help_uri: str | None = None


class SuppressionNote(_Model):
    source: str = Field(description="path:line of an inline comment, or the config entry.")
    rules: list[str]
    problem: str = Field(description="unused, expired or missing reason")


class SuppressionReport(_Model):
    applied: int = 0
    notes: list[SuppressionNote] = []


class BaselineEntry(_Model):
    fingerprint: str
    rule_id: str
    path: str | None = None
    message: str


class BaselineReport(_Model):
    path: str
    baselined: int = Field(description="Findings accepted as known debt.")
    new: int = Field(description="Findings not in the baseline: the ones the gate judges.")
    fixed: list[BaselineEntry] = Field(
        default_factory=list, description="Baseline entries no longer found: prune them."
    )


class AuditResult(_Model):
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
    rule_docs: list[RuleDoc] = Field(
        default_factory=list, description="Metadata of every evaluated rule."
    )
    suppressions: SuppressionReport | None = None
    baseline: BaselineReport | None = None
    changed_since: str | None = Field(
        None, description="Findings limited to files changed since this git ref."
    )
    gate: GateResult | None = None
    errors: list[EngineError] = []
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Sections added by later stages."
    )

    def findings(self) -> list[Finding]:
        return [finding for result in self.results for finding in result.findings]
