"""MLOps maturity: a published model's levels applied to the repository's evidence."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from prodready.models.base import FrozenModel


class CriterionStatus(StrEnum):
    """A maturity criterion as the evidence shows it; ``unknown`` never counts as met."""

    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"


class MaturityCriterion(FrozenModel):
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


class MaturityLevel(FrozenModel):
    level: int
    name: str
    summary: str


class MaturityAssessment(FrozenModel):
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
