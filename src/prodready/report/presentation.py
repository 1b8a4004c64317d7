"""Shared wording and ordering for reporters: labels, not computation."""

from __future__ import annotations

from prodready.models import AuditResult, Band, Finding, RuleResult, Status

BAND_LABELS = {
    Band.READY: "Ready",
    Band.READY_WITH_CONDITIONS: "Ready with conditions",
    Band.NOT_READY: "Not ready",
    Band.UNKNOWN: "Unknown",
}


def failed_results(result: AuditResult) -> list[RuleResult]:
    """Failed rules, most severe first, then by id: the order every reporter lists blockers in."""
    failed = [r for r in result.results if r.status == Status.FAIL]
    return sorted(failed, key=lambda r: (-r.severity.rank, r.rule_id))


def top_findings(result: AuditResult, limit: int = 10) -> list[Finding]:
    ordered = [finding for rule in failed_results(result) for finding in rule.findings]
    return ordered[:limit]


def where(finding: Finding) -> str:
    location = finding.location
    if location.path is None:
        return "repository"
    return f"{location.path}:{location.line}" if location.line else location.path
