"""The portfolio result: many audit reports read as one, the contract every portfolio output renders.

Kept apart from ``prodready.models`` so the audit report's schema does not change when the
portfolio's does; ``PORTFOLIO_SCHEMA_VERSION`` versions this shape. ``document`` marks a
portfolio JSON so that a folder holding both kinds of file is read without confusion.

``ReportView`` is the other direction: the few fields of an audit report a portfolio needs,
read leniently (unknown fields ignored), so reports of every compatible schema version load.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PORTFOLIO_SCHEMA_VERSION = "1.0"
PORTFOLIO_DOCUMENT = "prodready-portfolio"
NO_OWNER = "(no owner)"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _View(BaseModel):
    """Reads a report written by any compatible prodready: fields it does not know are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


# ----------------------------------------------------------------------------- input view


class RepoView(_View):
    name: str = Field(min_length=1)
    commit: str | None = Field(None, pattern="^[0-9a-f]{4,64}$")
    branch: str | None = None
    dirty: bool | None = None
    codeowners: list[str] = []


class ProjectView(_View):
    kind: str = "unknown"


class AspectView(_View):
    status: str


class RuleView(_View):
    rule_id: str
    title: str = ""
    category: str = ""
    severity: str = ""
    status: str


class ChecklistView(_View):
    owners: list[str] = []


class ReportView(_View):
    """What a portfolio reads of one audit report."""

    schema_version: str
    tool_version: str
    generated_at: str
    repo: RepoView
    project: ProjectView = ProjectView()
    profile: str = "default"
    score: float | None = None
    band: str = "unknown"
    aspects: dict[str, AspectView] = {}
    results: list[RuleView] = []
    checklist: ChecklistView | None = None

    @field_validator("generated_at")
    @classmethod
    def _iso_time(cls, value: str) -> str:
        datetime.fromisoformat(value)  # a ValueError names the field
        return value


# ----------------------------------------------------------------------------- output


class HistoryPoint(_Model):
    generated_at: str
    commit: str | None = None
    score: float | None = None
    band: str
    source: str = Field(description="The report file this point was read from.")


class AspectChange(_Model):
    aspect: str
    before: str
    after: str


class Changes(_Model):
    """What moved between a repository's previous report and its latest."""

    previous_generated_at: str
    previous_commit: str | None = None
    score_before: float | None = None
    score_after: float | None = None
    delta: float | None = None
    band_before: str
    band_after: str
    aspects: list[AspectChange] = []
    newly_failing: list[str] = Field(default_factory=list, description="Rule ids.")
    fixed: list[str] = Field(default_factory=list, description="Rule ids that failed, now pass.")


class RepoEntry(_Model):
    """One repository as its latest report shows it, with its history."""

    name: str
    kind: str
    score: float | None = None
    band: str
    maturity: str | None = Field(
        None, description="The MLOps maturity level, when the report carries one."
    )
    teams: list[str] = Field(description="CODEOWNERS owners of the repo, else model.owners.")
    team_source: Literal["codeowners", "checklist", "none"]
    generated_at: str
    commit: str | None = None
    branch: str | None = None
    tool_version: str
    schema_version: str
    profile: str = "default"
    source: str
    aspects: dict[str, str] = {}
    failing: list[str] = Field(default_factory=list, description="Rule ids that fail.")
    history: list[HistoryPoint] = Field(default_factory=list, description="Oldest first.")
    changes: Changes | None = None


class Rollup(_Model):
    """Repositories grouped by one key (a team or a kind)."""

    key: str
    repos: int
    scored: int = Field(description="Repositories with a score (the mean is over these).")
    mean_score: float | None = None
    min_score: float | None = None
    bands: dict[str, int] = {}
    failing_rules: int = Field(0, description="Failed rule results over these repositories.")
    names: list[str] = []


class RuleFailure(_Model):
    rule_id: str
    title: str
    category: str
    severity: str
    failing: int = Field(description="Repositories where the rule fails.")
    evaluated: int = Field(description="Repositories where it passed or failed.")
    repos: list[str] = []
    teams: list[str] = []


class ItemState(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"  # the report cannot tell: never counted as met
    EXEMPT = "exempt"  # the rule does not apply to this kind of repository


class CampaignItem(_Model):
    repo: str
    teams: list[str]
    requirement: str = Field(description="rule:ID or aspect:NAME.")
    state: ItemState
    detail: str = ""


class CampaignProgress(_Model):
    key: str
    repos: int
    met: int

    @property
    def percent(self) -> float:
        return round(100 * self.met / self.repos, 1) if self.repos else 100.0


class BurnupPoint(_Model):
    date: str
    met: int
    scope: int


class CampaignResult(_Model):
    name: str
    source: str
    due: str
    description: str = ""
    requirements: list[str]
    overdue: bool = Field(description="Past its date and not every repository meets it.")
    repos: list[str] = Field(description="Repositories in scope.")
    met_repos: list[str] = []
    overall: CampaignProgress
    teams: list[CampaignProgress] = []
    items: list[CampaignItem] = Field(
        default_factory=list, description="Every requirement of every repository in scope."
    )
    overdue_items: list[CampaignItem] = Field(
        default_factory=list, description="Unmet or unknown items once the date has passed."
    )
    burnup: list[BurnupPoint] = []


class AuditFailure(_Model):
    target: str
    message: str


class PortfolioResult(_Model):
    """Readiness across many repositories, each by its newest report."""

    document: Literal["prodready-portfolio"] = PORTFOLIO_DOCUMENT
    schema_version: str = PORTFOLIO_SCHEMA_VERSION
    tool_version: str
    generated_at: str
    as_of: str = Field(description="The date campaigns were judged at.")
    sources: list[str] = Field(description="What was read: folders, globs or URLs.")
    reports_read: int
    repos: list[RepoEntry] = []
    aspect_names: list[str] = Field(default_factory=list, description="Matrix columns.")
    teams: list[Rollup] = []
    kinds: list[Rollup] = []
    failing_rules: list[RuleFailure] = []
    campaigns: list[CampaignResult] = []
    failures: list[AuditFailure] = Field(
        default_factory=list, description="Audits audit-many could not complete."
    )
    superseded: list[str] = Field(
        default_factory=list,
        description="Reports not used: a newer report of the same repository and commit exists.",
    )
    notes: list[str] = Field(
        default_factory=list, description="Files skipped, newer schemas read, reports superseded."
    )
