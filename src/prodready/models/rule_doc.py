"""A rule's documentation as the result carries it."""

from __future__ import annotations

from prodready.models.base import FrozenModel
from prodready.models.vocabulary import Category, Severity


class RuleDoc(FrozenModel):
    """A rule's explanation: the one source for `explain`, the HTML report and SARIF rules[]."""

    id: str
    title: str
    category: Category
    severity: Severity
    rationale: str
    passes_when: str
    remediation: str
    references: list[str] = []
    help_uri: str | None = None
