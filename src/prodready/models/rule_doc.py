"""A rule's metadata, which is its documentation: declared once, read by every output.

Python rules declare it as ``meta`` (``RuleMeta`` is this model); a YAML rule's spec extends
it with its check. ``prodready rules``, ``explain``, docs/rules.md, the HTML report and SARIF
``rules[]`` all read this one object, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import Field, field_validator, model_validator

from prodready.models.base import FrozenModel
from prodready.models.references import resolve, rule_help_uri
from prodready.models.vocabulary import Category, ProjectKind, Severity

RULE_ID_PATTERN = re.compile(r"^[A-Z]+-\d{3}$")


class RuleDoc(FrozenModel):
    """A rule's explanation: the one source for `explain`, the HTML report and SARIF rules[]."""

    id: str = Field(description="CAT-NNN", json_schema_extra={"pattern": RULE_ID_PATTERN.pattern})
    title: str
    category: Category
    severity: Severity
    rationale: str = Field(description="Why it matters for production.")
    passes_when: str = Field(description="The evidence that passes it.")
    remediation: str = Field(description="How to fix a failure.")
    references: tuple[str, ...] = Field((), description="Works it rests on, as URLs.")
    applies_to: tuple[ProjectKind, ...] | None = Field(
        None, description="Project kinds it judges; None for all (others: not applicable)."
    )
    help_uri: str | None = Field(None, description="Where its documentation lives.")

    @field_validator("id")
    @classmethod
    def _rule_id(cls, rule_id: str) -> str:
        if not RULE_ID_PATTERN.match(rule_id):
            raise ValueError(f"rule id {rule_id!r} must look like CAT-NNN")
        return rule_id

    @field_validator("title", "rationale", "passes_when", "remediation")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("must not be empty")
        return text

    @field_validator("references", mode="before")
    @classmethod
    def _urls(cls, references: Iterable[str]) -> tuple[str, ...]:
        return tuple(resolve(str(reference)) for reference in references)

    @field_validator("applies_to", mode="before")
    @classmethod
    def _sorted_kinds(cls, kinds: Iterable[Any] | None) -> tuple[ProjectKind, ...] | None:
        """Sorted, so the same rule dumps the same JSON whatever the set's hash order."""
        if kinds is None:
            return None
        return tuple(sorted({ProjectKind(kind) for kind in kinds}))

    @model_validator(mode="before")
    @classmethod
    def _help_uri(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("help_uri") is None and "id" in data:
            return {**data, "help_uri": rule_help_uri(str(data["id"]))}
        return data
