"""Scores and bands: small pure functions over rule results.

Follows OpenSSF Scorecard: each decided rule counts pass (1) or fail (0),
weighted by severity (critical 10, high 7.5, medium 5, low 2.5, info 0).
``unknown``, ``not_applicable``, ``suppressed`` and ``error`` leave the
denominator and are counted separately. Any unsuppressed critical failure
makes the band ``not_ready`` whatever the number says.
"""

from __future__ import annotations

from collections.abc import Iterable

from prodready.models import Band, Category, CategoryScore, RuleResult, Severity, Status

WEIGHTS: dict[Severity, float] = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 7.5,
    Severity.MEDIUM: 5.0,
    Severity.LOW: 2.5,
    Severity.INFO: 0.0,
}
READY_AT = 80.0
CONDITIONS_AT = 60.0

SCORING_EXPLANATION = f"""\
Scoring (OpenSSF Scorecard convention)
  Each evaluated rule ends pass, fail, unknown, not_applicable, suppressed or error.
  Only pass and fail are scored: pass counts 1, fail counts 0, each weighted by severity:
    critical {WEIGHTS[Severity.CRITICAL]:g}, high {WEIGHTS[Severity.HIGH]:g}, medium {WEIGHTS[Severity.MEDIUM]:g}, low {WEIGHTS[Severity.LOW]:g}, info {WEIGHTS[Severity.INFO]:g} (shown, not scored).
  score = 100 * sum(weight of passed rules) / sum(weight of passed and failed rules)
  The same formula over one category's rules gives the category score.
  unknown, not_applicable, suppressed and error results leave the denominator and are counted
  separately: a rule that cannot decide never counts as a pass.
Bands
  ready                  score >= {READY_AT:g} and no unsuppressed critical failure
  ready_with_conditions  score >= {CONDITIONS_AT:g} and no unsuppressed critical failure
  not_ready              score < {CONDITIONS_AT:g}, or any unsuppressed critical failure
  unknown                no rule could be decided
"""


def weighted_score(results: Iterable[RuleResult]) -> float | None:
    earned = possible = 0.0
    for result in results:
        if result.status not in (Status.PASS, Status.FAIL):
            continue
        weight = WEIGHTS[result.severity]
        possible += weight
        earned += weight if result.status == Status.PASS else 0.0
    return round(100.0 * earned / possible, 1) if possible else None


def category_scores(results: list[RuleResult]) -> list[CategoryScore]:
    scores = []
    for category in Category:
        members = [result for result in results if result.category == category]
        if not members:
            continue
        counts = {status: sum(1 for r in members if r.status == status) for status in Status}
        scores.append(
            CategoryScore(
                category=category,
                score=weighted_score(members),
                passed=counts[Status.PASS],
                failed=counts[Status.FAIL],
                unknown=counts[Status.UNKNOWN],
                not_applicable=counts[Status.NOT_APPLICABLE],
                suppressed=counts[Status.SUPPRESSED],
                errors=counts[Status.ERROR],
            )
        )
    return scores


def band_for(
    score: float | None,
    results: list[RuleResult],
    ready_at: float = READY_AT,
    conditions_at: float = CONDITIONS_AT,
) -> tuple[Band, str]:
    critical = sorted(
        r.rule_id for r in results if r.status == Status.FAIL and r.severity == Severity.CRITICAL
    )
    if critical:
        return Band.NOT_READY, f"unsuppressed critical failure: {', '.join(critical)}"
    if score is None:
        return Band.UNKNOWN, "no rule could be decided"
    if score >= ready_at:
        return Band.READY, f"score {score:g} >= {ready_at:g} with no critical failure"
    if score >= conditions_at:
        return (
            Band.READY_WITH_CONDITIONS,
            f"score {score:g} is between {conditions_at:g} and {ready_at:g}",
        )
    return Band.NOT_READY, f"score {score:g} < {conditions_at:g}"
