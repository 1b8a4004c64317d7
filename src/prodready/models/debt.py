"""Debt the audit accepts or sets aside: suppressions, the baseline, --changed-since."""

from __future__ import annotations

from pydantic import Field

from prodready.models.base import FrozenModel


class SuppressionNote(FrozenModel):
    source: str = Field(description="path:line of an inline comment, or the config entry.")
    rules: list[str]
    problem: str = Field(description="unused, expired or missing reason")


class SuppressionReport(FrozenModel):
    applied: int = 0
    notes: list[SuppressionNote] = []


class BaselineEntry(FrozenModel):
    fingerprint: str
    rule_id: str
    path: str | None = None
    message: str


class BaselineReport(FrozenModel):
    path: str
    baselined: int = Field(description="Findings accepted as known debt.")
    new: int = Field(description="Findings not in the baseline: the ones the gate judges.")
    fixed: list[BaselineEntry] = Field(
        default_factory=list, description="Baseline entries no longer found: prune them."
    )


class ChangedScope(FrozenModel):
    """--changed-since: the finding list is limited, the score and band are the whole repository's."""

    ref: str
    files: int = Field(description="Files changed since the ref.")
    hidden: int = Field(description="Findings in files not changed since the ref: not listed.")
    hidden_fingerprints: list[str] = Field(
        default_factory=list,
        description="Their fingerprints, so a comparison never calls a hidden finding fixed.",
    )
