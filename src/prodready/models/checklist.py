"""Schema of ``prodready.yaml`` (the checklist input): what a team promises before a release review.

Every section is optional to write and scored when missing. Unknown keys are
errors (with a "did you mean"), so a typo never silently drops a promise.
``prodready checklist-schema`` prints this model as JSON Schema for editors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

EVIDENCE_HELP = "A repo-relative file, optionally with a JSON Pointer: metrics/scores.json#/auc"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Owners(_Section):
    technical: list[str] = Field(
        default_factory=list,
        description="Technical owners, as written in CODEOWNERS (@user, @org/team, email).",
    )
    business: str | None = None
    on_call: str | None = None


class ModelSection(_Section):
    name: str | None = None
    purpose: str | None = None
    version: str | None = None
    owners: Owners | None = None


class Objective(_Section):
    problem: str | None = None
    success_metric: str | None = None
    acceptance_threshold: float | None = Field(
        None, description="The value of success_metric agreed with the business."
    )
    direction: Direction = Direction.HIGHER
    cost_of_errors: str | None = None


class Baseline(_Section):
    model: str | None = Field(
        None,
        description="The simple model or rule to beat: majority class, logistic regression, current rules.",
    )
    metric: str | None = None
    value: float | None = None
    direction: Direction = Direction.HIGHER
    evidence: str | None = Field(None, description=EVIDENCE_HELP)


class Metric(_Section):
    name: str
    value: float | None = None
    direction: Direction = Direction.HIGHER
    evidence: str | None = Field(None, description=EVIDENCE_HELP)


class Evaluation(_Section):
    metrics: list[Metric] = Field(default_factory=list)
    test_set: str | None = None
    split: str | None = None
    slices: list[str] = Field(default_factory=list, description="Slices that must not regress.")


class Reproducibility(_Section):
    seed: int | None = None
    training_command: str | None = None
    data_version: str | None = Field(None, description="dvc, lfs, a dataset version or URI.")
    lock_file: str | None = None
    experiment_tracking: str | None = None


class Latency(_Section):
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    throughput_rps: float | None = Field(None, description="Minimum sustained requests per second.")
    model_size_mb: float | None = None
    memory_mb: float | None = None
    evidence: str | None = Field(
        None, description="Benchmark result file with the measured values under the same keys."
    )


class Monitoring(_Section):
    feature_drift: str | None = None
    prediction_drift: str | None = None
    performance_tracking: str | None = None
    ground_truth_delay: str | None = None
    alert_thresholds: str | None = None
    alert_channel: str | None = None
    dashboard: str | None = None
    retraining_trigger: str | None = None


class Rollout(_Section):
    strategy: str | None = Field(None, description="shadow, canary, A/B, blue-green ...")
    dry_run: str | None = None
    rollback: str | None = None


class DataSection(_Section):
    contracts: list[str] = Field(default_factory=list)
    samples: dict[str, str] = Field(
        default_factory=dict, description="Contract path -> sample data path."
    )
    labelling_source: str | None = None
    quality_checks: str | None = None


class Risks(_Section):
    model_card: str | None = None
    failure_modes: list[str] = Field(default_factory=list)
    fairness_slices: list[str] = Field(default_factory=list)


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    PENDING = "pending"


class Approver(_Section):
    name: str
    role: str | None = None
    decision: Decision = Decision.PENDING
    date: str | None = None


class Signoff(_Section):
    approvers: list[Approver] = Field(default_factory=list)


class Checklist(_Section):
    """The whole ``prodready.yaml``."""

    model: ModelSection | None = None
    objective: Objective | None = None
    baseline: Baseline | None = None
    evaluation: Evaluation | None = None
    reproducibility: Reproducibility | None = None
    latency: Latency | None = None
    monitoring: Monitoring | None = None
    rollout: Rollout | None = None
    data: DataSection | None = None
    risks: Risks | None = None
    signoff: Signoff | None = None
    settings: dict[str, Any] | None = Field(
        None, description="prodready settings; same keys as [tool.prodready]."
    )


SECTIONS: tuple[str, ...] = (
    "model",
    "objective",
    "baseline",
    "evaluation",
    "reproducibility",
    "latency",
    "monitoring",
    "rollout",
    "data",
    "risks",
    "signoff",
)
"""The sections of ``Checklist`` a release review asks for, in the order reports list them."""
