"""The result model: the one contract between the engine, scoring and every reporter.

The JSON output is this model dumped as is, so its shape is versioned by
``SCHEMA_VERSION`` and printed as JSON Schema by ``prodready schema``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.2"


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
    TRAINING = "training"
    LIBRARY = "library"
    TEMPLATE = "template"
    NOTEBOOKS = "notebooks"
    UNKNOWN = "unknown"


class Band(StrEnum):
    READY = "ready"
    READY_WITH_CONDITIONS = "ready_with_conditions"
    NOT_READY = "not_ready"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
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
    owners: list[str] = Field(
        default_factory=list, description="Who owns the file (CODEOWNERS) or the model (checklist)."
    )


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


class KindEvidence(_Model):
    kind: ProjectKind
    weight: float
    reason: str = Field(description="What was seen, with the file that shows it.")


class ProjectInfo(_Model):
    kind: ProjectKind
    reason: str
    overridden: bool = False
    runner_up: ProjectKind | None = Field(
        None, description="The kind with the next most evidence, when there is one."
    )
    evidence: list[KindEvidence] = Field(
        default_factory=list, description="Every signal weighed, strongest first."
    )


class RepoInfo(_Model):
    name: str
    is_git: bool
    commit: str | None = None
    branch: str | None = None
    dirty: bool | None = None
    shallow: bool | None = None
    config_sha256: str | None = Field(
        None, description="pyproject.toml that may hold [tool.prodready]."
    )
    checklist_sha256: str | None = None


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


class GateStatus(StrEnum):
    """What the CI gate did: with no threshold set it judged nothing, so it never says passed."""

    PASSED = "passed"
    FAILED = "failed"
    NO_GATE = "no gate"


class GateResult(_Model):
    passed: bool | None = Field(description="None when no gate is set: nothing was judged.")
    status: GateStatus = Field(
        GateStatus.PASSED, description="passed, failed, or 'no gate' when no threshold is set."
    )
    reasons: list[str] = []
    fail_under: float | None = None
    fail_on: Severity | None = None

    @model_validator(mode="before")
    @classmethod
    def _status_of_old_reports(cls, data: Any) -> Any:
        """A 1.0 report has only ``passed``: its status follows from it."""
        if isinstance(data, dict) and "status" not in data and data.get("passed") is False:
            return {**data, "status": GateStatus.FAILED}
        return data


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


class Approval(_Model):
    name: str
    role: str | None = None
    decision: str
    date: str | None = None


class ChecklistReport(_Model):
    path: str | None = Field(
        None, description="The checklist file, repo-relative; None when there is none."
    )
    error: str | None = None
    claims: list[Claim] = []
    approvers: list[Approval] = []
    owners: list[str] = Field(
        default_factory=list, description="model.owners.technical as declared."
    )


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


class ChangedScope(_Model):
    """--changed-since: the finding list is limited, the score and band are the whole repository's."""

    ref: str
    files: int = Field(description="Files changed since the ref.")
    hidden: int = Field(description="Findings in files not changed since the ref: not listed.")
    hidden_fingerprints: list[str] = Field(
        default_factory=list,
        description="Their fingerprints, so a comparison never calls a hidden finding fixed.",
    )


class CategoryDelta(_Model):
    category: Category
    before: float | None
    after: float | None


class FindingSummary(_Model):
    rule_id: str
    severity: Severity
    path: str | None
    line: int | None = None
    message: str
    fingerprint: str


class Comparison(_Model):
    """This audit against a previous one, findings matched by fingerprint (robust to line moves)."""

    previous_generated_at: str
    previous_commit: str | None = None
    score_before: float | None
    score_after: float | None
    band_before: Band
    categories: list[CategoryDelta]
    new: list[FindingSummary]
    fixed: list[FindingSummary]
    unchanged: int


class ContractProblem(_Model):
    """A schema, parse or lint problem in a data contract, at the field that is wrong."""

    rule_id: str | None = Field(
        None, description="The DATA rule that reported it; None for schema and parse errors."
    )
    field: str | None = Field(
        None, description="Path in the contract, e.g. schema[0].properties[2].logicalType."
    )
    line: int | None = None
    message: str


class ContractDataTest(_Model):
    """One check of sample data against its contract."""

    check: str = Field(description="required, unique, type, enum, range, quality:nullValues ...")
    target: str = Field(description="table or table.column")
    status: Status = Field(description="pass, fail or unknown (could not be run, with why).")
    message: str = ""
    rows: int | None = Field(None, description="Rows checked.")
    failed: int | None = Field(None, description="Rows (or the metric value) that failed.")
    examples: list[str] = Field(
        default_factory=list,
        description="Up to five failing rows (1-based, header excluded); PII values masked.",
    )
    indicative: bool = Field(
        False, description="Only indicative on a sample (freshness, retention): never a failure."
    )
    field: str | None = Field(None, description="The contract field the check comes from.")


class ContractSample(_Model):
    path: str
    table: str | None = None
    format: str | None = None
    source: str = Field("", description="What ties the sample to the contract.")
    rows: int = 0
    sampled: str | None = Field(
        None, description="How a file above the size limit was read; None when read whole."
    )
    error: str | None = None
    tests: list[ContractDataTest] = []


class ContractReport(_Model):
    """A data contract: whether it is valid, its lint problems and its sample data tests."""

    path: str
    format: str = Field(description="odcs, dcs or unknown")
    version: str | None = None
    schema_checked: str | None = Field(
        None, description="The schema or model the file was validated with."
    )
    dataset: str | None = None
    valid: bool | None = Field(None, description="None when it could not be validated.")
    problems: list[ContractProblem] = []
    samples: list[ContractSample] = []


class GraphSummary(_Model):
    """The dependency graph in numbers, its analyses, and its drawing for the HTML report."""

    nodes: int = 0
    edges: int = 0
    nodes_by_type: dict[str, int] = {}
    edges_by_type: dict[str, int] = {}
    cycles: list[list[str]] = Field([], description="Import cycles, each once, as module names.")
    orphans: list[str] = Field([], description="Paths of modules nothing imports, runs or names.")
    lineage: list[list[str]] = Field(
        [], description="Paths from raw data through stages and the model to a serving app."
    )
    problems: list[str] = Field([], description="Inputs the graph had to leave out, and why.")
    level: str = Field("module", description="module, or package when the SVG is collapsed.")
    collapsed: bool = Field(False, description="True when the SVG merges modules into packages.")
    svg: str | None = Field(None, description="The graph drawn as a standalone SVG document.")
    error: str | None = None


class ScoringInfo(_Model):
    """How this result was scored: the profile's weights and band thresholds."""

    weights: dict[Severity, float]
    ready_at: float
    conditions_at: float
    required_sections: list[str] = []


class CriterionStatus(StrEnum):
    """A maturity criterion as the evidence shows it; ``unknown`` never counts as met."""

    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


class MaturityCriterion(_Model):
    id: str
    level: int
    text: str
    source: str = Field(description="The published model and the section the criterion is from.")
    status: CriterionStatus
    evidence: list[str] = Field(
        default_factory=list,
        description="path:line behind a met criterion; where it looked, or what could not be read.",
    )
    step: str = Field(description="What to do to meet it.")


class MaturityLevel(_Model):
    level: int
    name: str
    summary: str


class MaturityAssessment(_Model):
    """One published MLOps maturity model applied to the repository's evidence."""

    model: str = Field(description="google or microsoft")
    title: str
    reference: str
    level: int = Field(
        description="The highest level whose criteria, lower levels included, are met."
    )
    level_name: str
    levels: list[MaturityLevel]
    criteria: list[MaturityCriterion]
    next_level: int | None = Field(None, description="None at the model's top level.")
    next_steps: list[str] = Field(
        default_factory=list, description="The unmet or unknown criteria of the next level."
    )
    lower_bound: bool = Field(
        False, description="True when only unknown criteria keep the next level from being met."
    )
    not_assessed: list[str] = Field(
        default_factory=list, description="Published criteria a repository cannot show."
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
