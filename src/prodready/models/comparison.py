"""This audit against a previous one: the --compare and diff section of the result."""

from __future__ import annotations

from prodready.models.base import FrozenModel
from prodready.models.vocabulary import Band, Category, Severity


class CategoryDelta(FrozenModel):
    category: Category
    before: float | None
    after: float | None


class FindingSummary(FrozenModel):
    rule_id: str
    severity: Severity
    path: str | None
    line: int | None = None
    message: str
    fingerprint: str


class Comparison(FrozenModel):
    """This audit against a previous one, findings matched by fingerprint (robust to line moves)."""

    previous_generated_at: str
    previous_commit: str | None = None
    score_before: float | None
    score_after: float | None
    band_before: Band
    categories: list[CategoryDelta]
    new: list[FindingSummary]
    fixed: list[FindingSummary]
    unchanged: int
