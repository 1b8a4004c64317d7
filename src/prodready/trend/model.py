"""The trend result: one audited point per revision, the one contract every trend output renders.

Kept apart from ``prodready.models`` so the audit report's schema does not change
when the trend's does; ``TREND_SCHEMA_VERSION`` versions this shape.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from prodready.models import AspectStatus, Band

TREND_SCHEMA_VERSION = "1.0"
SEVERITIES = ("critical", "high", "medium", "low", "info")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FlipDirection(StrEnum):
    IMPROVED = "improved"
    REGRESSED = "regressed"
    CHANGED = "changed"  # to or from unknown: neither better nor worse


class AspectFlip(_Model):
    aspect: str
    before: AspectStatus
    after: AspectStatus
    direction: FlipDirection


class RevisionPoint(_Model):
    """One revision as audited; ``problem`` says why it could not be, and then nothing else is set."""

    rev: str = Field(description="The revision as selected: tag name, rev given, or short sha.")
    sha: str
    short_sha: str
    date: str = Field(description="Committer date, ISO 8601.")
    subject: str = ""
    tags: list[str] = []
    score: float | None = None
    band: Band | None = None
    kind: str | None = Field(None, description="Project kind detected at this revision.")
    categories: dict[str, float | None] = {}
    aspects: dict[str, AspectStatus] = {}
    findings: dict[str, int] = Field(
        default_factory=dict, description="Open (unsuppressed) findings by severity."
    )
    notes: list[str] = Field(
        default_factory=list, description="Malformed configs, checklist or engine errors."
    )
    flips: list[AspectFlip] = Field(
        default_factory=list, description="Aspects that changed since the previous audited point."
    )
    problem: str | None = Field(None, description="Why this revision could not be audited.")

    @property
    def audited(self) -> bool:
        return self.problem is None


class TrendResult(_Model):
    """Readiness over a series of revisions, oldest first."""

    schema_version: str = TREND_SCHEMA_VERSION
    tool_version: str
    generated_at: str
    repo: str
    branch: str | None = None
    head: str | None = None
    selection: Literal["tags", "last", "revs"]
    requested: list[str] = Field(description="The tags, revisions or count asked for.")
    profile: str = "default"
    shallow: bool = False
    notes: list[str] = Field(
        default_factory=list, description="Shallow history, skipped tags and the like."
    )
    categories: list[str] = Field(default_factory=list, description="Column order for outputs.")
    revisions: list[RevisionPoint] = []
