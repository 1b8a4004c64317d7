"""Scoring, bands, aspects and the gate are pure functions: tested on hand-built results."""

from __future__ import annotations

import pytest

from prodready.gate import evaluate_gate, exit_code
from prodready.models import (
    AuditResult,
    Band,
    Category,
    FactsSummary,
    Finding,
    GateResult,
    GateStatus,
    ProjectInfo,
    ProjectKind,
    RepoInfo,
    RuleResult,
    Severity,
    Status,
)
from prodready.scoring import band_for, category_scores, weighted_score


def result(
    rule_id: str,
    status: Status,
    severity: Severity = Severity.MEDIUM,
    category: Category = Category.TESTING,
) -> RuleResult:
    findings = []
    if status == Status.FAIL:
        findings = [
            Finding(
                rule_id=rule_id,
                category=category,
                severity=severity,
                message="m",
                remediation="r",
                fingerprint="f",
            )
        ]
    return RuleResult(
        rule_id=rule_id,
        title="t",
        category=category,
        severity=severity,
        status=status,
        findings=findings,
    )


def test_weighted_mean_follows_scorecard_weights() -> None:
    results = [
        result("A-001", Status.PASS, Severity.CRITICAL),  # 10
        result("A-002", Status.FAIL, Severity.HIGH),  # 7.5
        result("A-003", Status.PASS, Severity.LOW),  # 2.5
        result("A-004", Status.FAIL, Severity.INFO),  # 0: shown, not scored
    ]
    assert weighted_score(results) == pytest.approx(100 * 12.5 / 20, abs=0.05)


def test_unknown_and_not_applicable_leave_the_denominator() -> None:
    decided = [result("A-001", Status.PASS), result("A-002", Status.FAIL)]
    undecided = [
        result("A-003", Status.UNKNOWN),
        result("A-004", Status.NOT_APPLICABLE),
        result("A-005", Status.ERROR),
        result("A-006", Status.SUPPRESSED),
    ]
    assert weighted_score(decided + undecided) == weighted_score(decided) == 50.0
    assert weighted_score(undecided) is None
    (scores,) = category_scores(decided + undecided)
    assert (
        scores.passed,
        scores.failed,
        scores.unknown,
        scores.not_applicable,
        scores.errors,
        scores.suppressed,
    ) == (1, 1, 1, 1, 1, 1)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (95.0, Band.READY),
        (80.0, Band.READY),
        (79.9, Band.READY_WITH_CONDITIONS),
        (60.0, Band.READY_WITH_CONDITIONS),
        (59.9, Band.NOT_READY),
        (None, Band.UNKNOWN),
    ],
)
def test_bands(score: float | None, band: Band) -> None:
    assert band_for(score, [])[0] == band


def test_a_critical_failure_means_not_ready_whatever_the_score() -> None:
    results = [result("SEC-004", Status.FAIL, Severity.CRITICAL)]
    band, reason = band_for(99.0, results)
    assert band == Band.NOT_READY and "SEC-004" in reason


def _audit(results: list[RuleResult], score: float | None) -> AuditResult:
    return AuditResult(
        tool_version="0",
        generated_at="2026-01-01T00:00:00+00:00",
        repo=RepoInfo(name="r", is_git=False),
        project=ProjectInfo(kind=ProjectKind.UNKNOWN, reason="test"),
        score=score,
        band=Band.UNKNOWN,
        band_reason="",
        categories=[],
        aspects={},
        results=results,
        facts=FactsSummary(),
    )


def test_gate_reasons() -> None:
    audit = _audit(
        [result("A-001", Status.FAIL, Severity.HIGH), result("A-002", Status.FAIL, Severity.LOW)],
        40.0,
    )
    failed = evaluate_gate(audit, 50, Severity.HIGH)
    assert not failed.passed
    assert failed.reasons == [
        "score 40 is below --fail-under 50",
        "1 finding(s) at or above high severity (A-001)",
    ]
    assert evaluate_gate(audit, 40, Severity.CRITICAL).passed
    assert not evaluate_gate(
        _audit([], None), 10, None
    ).passed  # an unknown score cannot pass a threshold


def test_no_gate_configured_is_no_gate_not_passed() -> None:
    audit = _audit([result("A-001", Status.FAIL, Severity.CRITICAL)], 10.0)
    gate = evaluate_gate(audit, None, None)
    assert gate.status == GateStatus.NO_GATE and gate.passed is None
    assert exit_code(gate) == 0
    assert exit_code(evaluate_gate(audit, 50, None)) == 1


def test_an_old_report_gate_keeps_its_verdict() -> None:
    assert GateResult.model_validate({"passed": False}).status == GateStatus.FAILED
    assert GateResult.model_validate({"passed": True}).status == GateStatus.PASSED


def test_a_failing_must_have_means_not_ready_whatever_the_score() -> None:
    from prodready.profiles import load_profile

    profile = load_profile("default")
    assert {"TEST-001", "TEST-002", "TEST-003"} <= set(profile.must_pass)
    results = [result("TEST-001", Status.FAIL, Severity.HIGH), result("DOC-001", Status.PASS)]
    band, reason = band_for(95.0, results, profile)
    assert band == Band.NOT_READY and "TEST-001" in reason
    assert band_for(95.0, [result("DOC-001", Status.PASS)], profile)[0] == Band.READY


def test_a_graded_failure_costs_the_share_of_source_it_touches() -> None:
    graded = result("CODE-001", Status.FAIL).model_copy(update={"affected_share": 0.25})
    passed = result("A-002", Status.PASS)  # both medium: weight 5
    assert weighted_score([graded, passed]) == 50.0  # not graded by default: the whole weight
    assert weighted_score([graded, passed], partial_credit={"CODE-001"}) == 87.5
    whole = graded.model_copy(update={"affected_share": None})  # a repository-level failure
    assert weighted_score([whole, passed], partial_credit={"CODE-001"}) == 50.0


def test_category_scores_grade_the_same_way() -> None:
    graded = result("CODE-001", Status.FAIL, category=Category.CODE_HEALTH).model_copy(
        update={"affected_share": 0.5}
    )
    [score] = category_scores([graded], partial_credit={"CODE-001"})
    assert score.score == 50.0 and score.failed == 1


def test_a_blocker_scales_the_score_below_the_not_ready_line_and_keeps_the_order() -> None:
    from prodready.profiles import Profile
    from prodready.scoring import blockers, bounded_score

    profile = Profile(name="p", must_pass=["TEST-001"])
    results = [result("TEST-001", Status.FAIL), result("A-002", Status.PASS, Severity.LOW)]
    assert blockers(results, profile) == ["TEST-001"]
    assert bounded_score(90.0, ["TEST-001"], profile) == 54.0
    assert bounded_score(50.0, ["TEST-001"], profile) == 30.0
    assert bounded_score(100.0, ["TEST-001"], profile) == 59.9  # never on the threshold
    assert bounded_score(90.0, [], profile) == 90.0
    assert bounded_score(None, ["TEST-001"], profile) is None
    critical = [result("SEC-009", Status.FAIL, Severity.CRITICAL)]
    assert blockers(critical, profile) == ["SEC-009"]
