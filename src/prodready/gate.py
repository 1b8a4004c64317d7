"""The CI gate: one pure function from a result and a policy to pass or fail, with reasons."""

from __future__ import annotations

from prodready.models import AuditResult, GateResult, Severity, Status

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def evaluate_gate(
    result: AuditResult, fail_under: float | None, fail_on: Severity | None
) -> GateResult:
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
            reasons.append(
                f"{len(blocking)} finding(s) at or above {fail_on.value} severity ({', '.join(rules)})"
            )
    return GateResult(passed=not reasons, reasons=reasons, fail_under=fail_under, fail_on=fail_on)


def exit_code(gate: GateResult) -> int:
    return EXIT_PASSED if gate.passed else EXIT_FAILED
