"""What a rule returns: its verdict and the findings that back it."""

from __future__ import annotations

from pydantic import Field

from prodready.models.base import FrozenModel
from prodready.models.vocabulary import Category, Severity, Status


class Location(FrozenModel):
    path: str | None = Field(
        None, description="Repo-relative POSIX path; None for repo-wide findings."
    )
    line: int | None = None
    end_line: int | None = None


class Suppression(FrozenModel):
    kind: str = Field(description="inline, config or baseline")
    reason: str | None = None
    until: str | None = None
    source: str | None = Field(None, description="Where the suppression is written, as path:line.")


class Finding(FrozenModel):
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


class RuleResult(FrozenModel):
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
    affected_share: float | None = Field(
        None,
        ge=0,
        le=1,
        description="For a failure whose findings sit in source modules: the share of the "
        "repository's source modules (and notebooks) they touch.",
    )
