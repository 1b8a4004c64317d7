"""A rubric profile's own scoring (the ML Test Score): its section of the result."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from prodready.models.base import FrozenModel


class RubricOutcome(StrEnum):
    AUTOMATED = "automated"
    MANUAL = "manual"
    NONE = "none"
    UNDECIDED = "undecided"


class RubricTestResult(FrozenModel):
    id: str
    title: str
    outcome: RubricOutcome
    points: float | None = Field(description="None when undecided: never silently scored.")
    evidence: list[str] = []


class RubricSection(FrozenModel):
    name: str
    points: float
    undecided: int
    tests: list[RubricTestResult]


class RubricResult(FrozenModel):
    """A rubric profile's own scoring, e.g. the ML Test Score: final score = minimum section sum."""

    profile: str
    version: str
    reference: str
    sections: list[RubricSection]
    final_score: float
    band: str
    lower_bound: bool = Field(description="True when undecided tests could raise the score.")
