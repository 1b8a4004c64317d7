"""The shared words of every stage: severities, statuses, categories, kinds, bands."""

from __future__ import annotations

from enum import StrEnum


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
