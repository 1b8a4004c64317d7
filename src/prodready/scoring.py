"""Scores and bands: small pure functions over rule results and a profile.

The default profile follows OpenSSF Scorecard: each decided rule counts pass
(1) or fail (0), weighted by severity (critical 10, high 7.5, medium 5, low
2.5, info 0); a failing code measure the profile grades (``partial_credit``)
loses only the share of source modules it touches. ``unknown``,
``not_applicable``, ``suppressed`` and ``error`` leave the denominator and are
counted separately. Any blocker (critical failure, failing must-have) makes the
band ``not_ready`` and scales the number below the not-ready threshold.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from prodready.models import (
    Band,
    Category,
    CategoryScore,
    ChecklistReport,
    ClaimStatus,
    ProjectKind,
    RubricOutcome,
    RubricResult,
    RubricSection,
    RubricTestResult,
    RuleResult,
    Severity,
    Status,
)
from prodready.profiles import Evidence, Profile, Rubric

DEFAULT_PROFILE = Profile(name="default")
# A verdict needs enough of it decided: below either bound the band is insufficient_evidence.
MIN_DECIDED_SHARE = 0.6  # weight of pass+fail over pass+fail+unknown+error
MIN_DECIDED_WEIGHT = 50.0  # about seven high-severity rules decided
WEIGHTS: Mapping[Severity, float] = DEFAULT_PROFILE.weights

SCORING_EXPLANATION = f"""\
Scoring (default profile: the OpenSSF Scorecard convention)
  Each evaluated rule ends pass, fail, unknown, not_applicable, suppressed or error.
  Only pass and fail are scored: pass counts 1, fail counts 0, each weighted by severity:
    critical {WEIGHTS[Severity.CRITICAL]:g}, high {WEIGHTS[Severity.HIGH]:g}, medium {WEIGHTS[Severity.MEDIUM]:g}, low {WEIGHTS[Severity.LOW]:g}, info {WEIGHTS[Severity.INFO]:g} (shown, not scored).
  A failing code measure listed in the profile's partial_credit (complexity, maintainability,
  giant modules, wildcard imports, commented-out code, orphans) counts
  1 - the share of source modules its findings touch, so debt is counted in proportion.
  score = 100 * sum(weight x credit) / sum(weight of passed and failed rules)
  The same formula over one category's rules gives the category score.
  unknown, not_applicable, suppressed and error results leave the denominator and are counted
  separately: a rule that cannot decide never counts as a pass.
Bands
  ready                  score >= {DEFAULT_PROFILE.bands.ready:g} and no unsuppressed critical failure
  ready_with_conditions  score >= {DEFAULT_PROFILE.bands.ready_with_conditions:g} and no unsuppressed critical failure
  not_ready              below that, any unsuppressed critical failure, a failing must-have rule
                         of the profile (default: tests exist, CI is configured, CI runs them),
                         or a profile's required checklist section missing or contradicted
  insufficient_evidence  no critical failure, but the verdict would rest on too little: the kind
                         of project is unknown, the decided rules weigh under {MIN_DECIDED_WEIGHT:g},
                         or under {MIN_DECIDED_SHARE:.0%} of the weight of the rules that ran was decided
  unknown                no rule could be decided
  A blocker (critical failure, failing must-have, broken required section) also scales the score
  into the not-ready range (x {DEFAULT_PROFILE.bands.ready_with_conditions / 100:g}): the number never reads better than the band.
A missing checklist
  costs one high-severity failure (CHK-013); each checklist section is then credited when the
  repository shows it ("found, not declared") and otherwise left out of the score.
Profiles
  checklists/default.yaml holds these weights and bands; copy it to change them (--profile FILE).
  --profile ml-test-score adds Google's ML Test Score (Breck et al. 2017): each of its 28 tests
  scores 0 (none), 0.5 (manual: claimed in the checklist) or 1 (automated: rules pass and claims
  are verified); each section sums to 0-7 and the final score is the minimum over the four
  sections. Tests no evidence can decide are shown as undecided, never scored.
"""


def weighted_score(
    results: Iterable[RuleResult],
    weights: Mapping[Severity, float] = WEIGHTS,
    partial_credit: Collection[str] = (),
) -> float | None:
    """100 x earned / possible weight over pass and fail; ``partial_credit`` rules fail in part.

    A failing rule listed in ``partial_credit`` whose findings sit in source modules earns
    its weight times the share of source modules it leaves untouched: one complex function
    in a thousand modules is not the same debt as one in ten.
    """
    earned = possible = 0.0
    for result in results:
        if result.status not in (Status.PASS, Status.FAIL):
            continue
        weight = weights[result.severity]
        possible += weight
        earned += weight * credit(result, partial_credit)
    return round(100.0 * earned / possible, 1) if possible else None


def credit(result: RuleResult, partial_credit: Collection[str] = ()) -> float:
    """1 for a pass; for a failure 0, or the untouched share of the source for a graded rule."""
    if result.status == Status.PASS:
        return 1.0
    if result.rule_id in partial_credit and result.affected_share is not None:
        return 1.0 - result.affected_share
    return 0.0


def blockers(results: list[RuleResult], profile: Profile = DEFAULT_PROFILE) -> list[str]:
    """Failing rules that mean not ready whatever the score: any critical, and the must-haves."""
    return sorted({*critical_failures(results), *must_have_failures(results, profile)})


def critical_failures(results: list[RuleResult]) -> list[str]:
    return sorted(
        r.rule_id for r in results if r.status == Status.FAIL and r.severity == Severity.CRITICAL
    )


def must_have_failures(results: list[RuleResult], profile: Profile) -> list[str]:
    return sorted(
        r.rule_id for r in results if r.status == Status.FAIL and r.rule_id in profile.must_pass
    )


def bounded_score(
    score: float | None, blocked_by: list[str], profile: Profile = DEFAULT_PROFILE
) -> float | None:
    """The headline score never reads better than the band: a blocker scales it below the
    not-ready threshold, keeping the order among not-ready repositories."""
    if score is None or not blocked_by:
        return score
    floor = profile.bands.ready_with_conditions
    scaled = round(score * floor / 100.0, 1)
    return min(scaled, max(floor - 0.1, 0.0))


def category_scores(
    results: list[RuleResult],
    weights: Mapping[Severity, float] = WEIGHTS,
    partial_credit: Collection[str] = (),
) -> list[CategoryScore]:
    scores = []
    for category in Category:
        members = [result for result in results if result.category == category]
        if not members:
            continue
        counts = {status: sum(1 for r in members if r.status == status) for status in Status}
        scores.append(
            CategoryScore(
                category=category,
                score=weighted_score(members, weights, partial_credit),
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
    profile: Profile = DEFAULT_PROFILE,
    checklist: ChecklistReport | None = None,
    kind: ProjectKind | None = None,
) -> tuple[Band, str]:
    """The band; with ``kind`` given (an audit), thin evidence is never called ready."""
    critical = critical_failures(results)
    if critical:
        return Band.NOT_READY, f"unsuppressed critical failure: {', '.join(critical)}"
    must = must_have_failures(results, profile)
    if must:
        return Band.NOT_READY, f"a must-have fails: {', '.join(must)}"
    broken = required_sections_broken(profile, checklist)
    if broken:
        return (
            Band.NOT_READY,
            f"required checklist section(s) missing or contradicted: {', '.join(broken)}",
        )
    if score is None:
        return Band.UNKNOWN, "no rule could be decided"
    thin = evidence_gap(results, profile, kind) if kind is not None else None
    if thin:
        return Band.INSUFFICIENT_EVIDENCE, thin
    bands = profile.bands
    if score >= bands.ready:
        return Band.READY, f"score {score:g} >= {bands.ready:g} with no critical failure"
    if score >= bands.ready_with_conditions:
        return (
            Band.READY_WITH_CONDITIONS,
            f"score {score:g} is between {bands.ready_with_conditions:g} and {bands.ready:g}",
        )
    return Band.NOT_READY, f"score {score:g} < {bands.ready_with_conditions:g}"


def evidence_gap(results: list[RuleResult], profile: Profile, kind: ProjectKind) -> str | None:
    """Why the decided rules are too little to rest a verdict on, or None."""
    if kind == ProjectKind.UNKNOWN:
        return "the kind of project is unknown: the rules that judge it in context cannot run"
    weights = profile.weights
    decided = sum(weights[r.severity] for r in results if r.status in (Status.PASS, Status.FAIL))
    undecided = sum(
        weights[r.severity] for r in results if r.status in (Status.UNKNOWN, Status.ERROR)
    )
    if decided < MIN_DECIDED_WEIGHT:
        return f"the decided rules weigh {decided:g}, under {MIN_DECIDED_WEIGHT:g}"
    share = decided / (decided + undecided)
    if share < MIN_DECIDED_SHARE:
        return f"only {share:.0%} of the weight of the rules that ran was decided"
    return None


def required_sections_broken(profile: Profile, checklist: ChecklistReport | None) -> list[str]:
    if not profile.required_sections:
        return []
    if checklist is None or checklist.error:
        return list(profile.required_sections)
    bad = {ClaimStatus.MISSING, ClaimStatus.CONTRADICTED}
    return [
        section
        for section in profile.required_sections
        if any(claim.section == section and claim.status in bad for claim in checklist.claims)
    ]


def score_rubric(
    profile: Profile, results: list[RuleResult], checklist: ChecklistReport | None
) -> RubricResult | None:
    """Score a rubric profile (the ML Test Score) the way its paper does."""
    rubric = profile.rubric
    if rubric is None:
        return None
    by_id = {result.rule_id: result for result in results}
    claims = checklist.claims if checklist and not checklist.error else []
    sections = []
    for name, tests in rubric.sections.items():
        scored = [
            _score_test(rubric, test.id, test.title, test.automated, test.manual, by_id, claims)
            for test in tests
        ]
        sections.append(
            RubricSection(
                name=name,
                points=sum(t.points or 0.0 for t in scored),
                undecided=sum(1 for t in scored if t.points is None),
                tests=scored,
            )
        )
    final = min(section.points for section in sections) if sections else 0.0
    band = next(
        (b.label for b in rubric.bands if b.up_to is None or final <= b.up_to),
        rubric.bands[-1].label,
    )
    return RubricResult(
        profile=profile.name,
        version=rubric.version,
        reference=rubric.reference,
        sections=sections,
        final_score=final,
        band=band,
        lower_bound=any(section.undecided for section in sections),
    )


def _score_test(
    rubric: Rubric,
    test_id: str,
    title: str,
    automated: Evidence,
    manual: Evidence,
    by_id: dict[str, RuleResult],
    claims: list,
) -> RubricTestResult:  # type: ignore[type-arg]
    def outcome(evidence: Evidence, claim_ok: set[ClaimStatus]) -> tuple[bool | None, list[str]]:
        notes: list[str] = []
        decided = True
        satisfied = True
        for rule_id in evidence.rules:
            result = by_id.get(rule_id)
            if result is None or result.status not in (Status.PASS, Status.FAIL):
                decided = False
                notes.append(f"{rule_id}: {result.status.value if result else 'not evaluated'}")
                continue
            satisfied = satisfied and result.status == Status.PASS
            notes.append(f"{rule_id}: {result.status.value}")
        for prefix in evidence.claims:
            matching = [claim for claim in claims if claim.field.startswith(prefix)]
            good = bool(matching) and all(claim.status in claim_ok for claim in matching)
            satisfied = satisfied and good
            notes.extend(f"{claim.field}: {claim.status.value}" for claim in matching[:3])
            if not matching:
                notes.append(f"{prefix.rstrip('.')}: not stated")
        if not satisfied:
            return False, notes
        return (True if decided else None), notes

    if automated.empty and manual.empty:
        return RubricTestResult(
            id=test_id,
            title=title,
            outcome=RubricOutcome.UNDECIDED,
            points=None,
            evidence=["nothing in a repository can show this: assess it in the review"],
        )
    auto_ok, auto_notes = (
        outcome(automated, {ClaimStatus.VERIFIED}) if not automated.empty else (False, [])
    )
    if auto_ok:
        return RubricTestResult(
            id=test_id,
            title=title,
            outcome=RubricOutcome.AUTOMATED,
            points=rubric.points["automated"],
            evidence=auto_notes,
        )
    manual_ok, manual_notes = (
        outcome(manual, {ClaimStatus.VERIFIED, ClaimStatus.CLAIMED})
        if not manual.empty
        else (False, [])
    )
    if manual_ok:
        return RubricTestResult(
            id=test_id,
            title=title,
            outcome=RubricOutcome.MANUAL,
            points=rubric.points["manual"],
            evidence=manual_notes,
        )
    if auto_ok is None or manual_ok is None:
        return RubricTestResult(
            id=test_id,
            title=title,
            outcome=RubricOutcome.UNDECIDED,
            points=None,
            evidence=_unique(auto_notes + manual_notes),
        )
    return RubricTestResult(
        id=test_id,
        title=title,
        outcome=RubricOutcome.NONE,
        points=rubric.points["none"],
        evidence=_unique(auto_notes + manual_notes),
    )


def _unique(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))
