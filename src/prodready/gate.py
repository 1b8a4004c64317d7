"""The CI gate: one pure function from a result and a policy to pass, fail or "no gate", with reasons.

Every exit code prodready returns is defined here, so CI can rely on one table: 0 the gate
passed or none is set, 1 the gate failed (or ``prodready contracts`` found a failing contract),
2 a usage or input error, 3 an internal error (a bug, never a verdict), 130 interrupted.

``--fail-under`` gates the whole repository's score (baselined debt included:
the score is what it is); ``--fail-on`` gates only open findings, so
findings accepted in the baseline or suppressed with a reason never fail it.
"""

from __future__ import annotations

from prodready.models import AuditResult, GateResult, GateStatus, Severity, Status

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_ABORTED = 130
GATE_POLICY = frozenset({"fail_under", "fail_on"})  # settings that judge a result, never shape it
NO_GATE_HINT = "no gate set: use --fail-under/--fail-on or fail_under in [tool.prodready]"


def evaluate_gate(
    result: AuditResult, fail_under: float | None, fail_on: Severity | None
) -> GateResult:
    if fail_under is None and fail_on is None:
        return GateResult(passed=None, status=GateStatus.NO_GATE)
    reasons: list[str] = []
    if fail_under is not None:
        if result.score is None:
            reasons.append(
                f"score is unknown (no rule could be decided); --fail-under {fail_under:g} needs one"
            )
        elif result.score < fail_under:
            reasons.append(f"score {result.score:g} is below --fail-under {fail_under:g}")
    if fail_on is not None:
        blocking = [
            finding
            for rule in result.results
            if rule.status == Status.FAIL
            for finding in rule.findings
            if finding.suppression is None and finding.severity.rank >= fail_on.rank
        ]
        if blocking:
            rules = sorted({finding.rule_id for finding in blocking})
            new = "new " if result.baseline is not None else ""
            reasons.append(
                f"{len(blocking)} {new}finding(s) at or above {fail_on.value} severity ({', '.join(rules)})"
            )
    return GateResult(
        passed=not reasons,
        status=GateStatus.FAILED if reasons else GateStatus.PASSED,
        reasons=reasons,
        fail_under=fail_under,
        fail_on=fail_on,
    )


def exit_code(gate: GateResult) -> int:
    return EXIT_FAILED if gate.status == GateStatus.FAILED else EXIT_PASSED


def contracts_exit_code(failing: bool) -> int:
    """``prodready contracts``: a contract problem, unreadable sample or failing check fails."""
    return EXIT_FAILED if failing else EXIT_PASSED
