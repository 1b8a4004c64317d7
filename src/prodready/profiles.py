"""Scoring profiles: the default weighted readiness score, Google's ML Test Score, or a team's own.

A profile is YAML data in ``checklists/`` (or a file given with ``--profile``),
validated here; scoring reads it and never hard-codes what a profile can say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from prodready.errors import ConfigError, InputErrors
from prodready.inputs import read_yaml, yaml_problems
from prodready.models import Severity
from prodready.models.references import resolve


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bands(_Strict):
    ready: float = Field(80.0, ge=0, le=100)
    ready_with_conditions: float = Field(60.0, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.ready_with_conditions > self.ready:
            raise ValueError("ready_with_conditions must not be above ready")
        return self


class Evidence(_Strict):
    """Rules that must pass and checklist claims (field prefixes) that must stand."""

    rules: list[str] = []
    claims: list[str] = []

    @property
    def empty(self) -> bool:
        return not self.rules and not self.claims


class RubricTest(_Strict):
    id: str
    title: str
    automated: Evidence = Evidence()
    manual: Evidence = Evidence()


class RubricBand(_Strict):
    up_to: float | None = Field(
        None, description="Upper bound of the final score for this band; None for the last."
    )
    label: str


class Rubric(_Strict):
    version: str = Field(description="The paper version the points and bands come from.")
    reference: str = Field(description="A URL, or a short name of prodready.models.references.")
    points: dict[str, float] = Field(description="Points for none, manual and automated.")
    sections: dict[str, list[RubricTest]]
    bands: list[RubricBand]

    @field_validator("reference")
    @classmethod
    def _url(cls, reference: str) -> str:
        return resolve(reference)


class Profile(_Strict):
    name: str
    description: str = ""
    weights: dict[Severity, float] = Field(
        default_factory=lambda: {
            Severity.CRITICAL: 10.0,
            Severity.HIGH: 7.5,
            Severity.MEDIUM: 5.0,
            Severity.LOW: 2.5,
            Severity.INFO: 0.0,
        }
    )
    bands: Bands = Bands()
    required_sections: list[str] = Field(
        default_factory=list,
        description="Checklist sections that must be stated and uncontradicted for any band above not_ready.",
    )
    must_pass: list[str] = Field(
        default_factory=list,
        description="Rules whose failure means not ready whatever the score (a must-have).",
    )
    partial_credit: list[str] = Field(
        default_factory=list,
        description="Rules measuring the code module by module: a failure costs the rule's weight "
        "times the share of source modules it affects, not the whole weight.",
    )
    select: list[str] = []
    ignore: list[str] = []
    rubric: Rubric | None = None
    kind: Literal["weighted", "ml_test_score"] = "weighted"

    @model_validator(mode="after")
    def _complete_weights(self) -> Profile:
        missing = [s.value for s in Severity if s not in self.weights]
        if missing:
            raise ValueError(f"weights missing for: {', '.join(missing)}")
        if self.kind == "ml_test_score" and self.rubric is None:
            raise ValueError("an ml_test_score profile needs a rubric")
        return self


def load_profile(name_or_path: str) -> Profile:
    """A built-in profile by name, or a profile YAML file; ConfigError names the file and field."""
    from prodready.resources import data_dir

    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        path = candidate
    else:
        path = data_dir("checklists") / f"{name_or_path}.yaml"
        if not path.is_file():
            known = sorted(p.stem for p in data_dir("checklists").glob("*.yaml"))
            raise ConfigError(
                f"unknown profile '{name_or_path}' (built-in: {', '.join(known)}; or give a YAML file)"
            )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{name_or_path}: not UTF-8 (byte {error.start})") from error
    except OSError as error:
        raise ConfigError(
            f"{name_or_path}: cannot read profile: {error.strerror or error}"
        ) from error
    data, node, problems = read_yaml(str(path), text)
    problems = problems or yaml_problems(str(path), data, node, Profile)
    if problems:
        raise InputErrors(problems)
    return Profile.model_validate(data)
