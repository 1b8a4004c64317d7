"""Shared wording and ordering for reporters: labels, not computation."""

from __future__ import annotations

from prodready.models import AuditResult, Band, Finding, RuleResult, Status

BAND_LABELS = {
    Band.READY: "Ready",
    Band.READY_WITH_CONDITIONS: "Ready with conditions",
    Band.NOT_READY: "Not ready",
    Band.INSUFFICIENT_EVIDENCE: "Insufficient evidence",
    Band.UNKNOWN: "Unknown",
}


RECOMMENDATIONS = {
    Band.READY: "Go: the evidence supports a production release.",
    Band.READY_WITH_CONDITIONS: "Go with conditions: release once the blockers below have owners and dates.",
    Band.NOT_READY: "No go: fix the blockers below before the release review.",
    Band.INSUFFICIENT_EVIDENCE: "No decision: the verdict would rest on too little evidence; "
    "see why below and what could not be decided.",
    Band.UNKNOWN: "No decision: too little could be checked; see the undecided rules.",
}
CATEGORY_LABELS = {
    "reproducibility": "Reproducibility",
    "testing": "Testing",
    "code_health": "Code health",
    "ml_smells": "ML code smells",
    "ownership": "Ownership",
    "hygiene": "Repository hygiene",
    "documentation": "Documentation",
    "security": "Security",
    "data": "Data contracts",
    "checklist": "Readiness checklist",
    "architecture": "Architecture",
}
CLAIM_LABELS = {
    "verified": "Verified",
    "claimed": "Claimed, no evidence",
    "contradicted": "Contradicted",
    "missing": "Missing",
}


def blockers(result: AuditResult, limit: int = 5) -> list[tuple[RuleResult, Finding]]:
    """The most severe open finding of each failed rule, most severe rules first."""
    picked = []
    for rule in failed_results(result):
        open_findings = [f for f in rule.findings if f.suppression is None]
        if open_findings:
            picked.append((rule, open_findings[0]))
    return picked[:limit]


def grouped_findings(result: AuditResult) -> list[tuple[str, list[tuple[RuleResult, Finding]]]]:
    """Every finding, grouped by category, most severe first inside each group."""
    groups: dict[str, list[tuple[RuleResult, Finding]]] = {}
    for rule in sorted(
        result.results, key=lambda r: (r.category.value, -r.severity.rank, r.rule_id)
    ):
        if rule.status in (Status.FAIL, Status.SUPPRESSED):
            for finding in rule.findings:
                groups.setdefault(rule.category.value, []).append((rule, finding))
    return sorted(groups.items())


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
