"""The checklist cross-check's section of the result: each claim against the evidence."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from prodready.models.base import FrozenModel


class ClaimStatus(StrEnum):
    """How a checklist claim stands against the repository's evidence."""

    VERIFIED = "verified"
    CLAIMED = "claimed"
    CONTRADICTED = "contradicted"
    MISSING = "missing"


class Claim(FrozenModel):
    section: str
    field: str = Field(description="Dotted path in prodready.yaml, e.g. latency.p99_ms.")
    statement: str = Field("", description="What the checklist says, as written.")
    status: ClaimStatus
    detail: str = Field("", description="Why this status: the evidence read or what is missing.")
    evidence: list[str] = []


class Approval(FrozenModel):
    name: str
    role: str | None = None
    decision: str
    date: str | None = None


class ChecklistReport(FrozenModel):
    path: str | None = Field(
        None, description="The checklist file, repo-relative; None when there is none."
    )
    error: str | None = None
    claims: list[Claim] = []
    approvers: list[Approval] = []
    owners: list[str] = Field(
        default_factory=list, description="model.owners.technical as declared."
    )
