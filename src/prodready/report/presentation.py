"""Shared wording and ordering for reporters: labels, not computation."""

from __future__ import annotations

from prodready.models import AuditResult, Band, Finding, GateResult, GateStatus, RuleResult, Status

BAND_LABELS = {
    Band.READY: "Ready",
    Band.READY_WITH_CONDITIONS: "Ready with conditions",
    Band.NOT_READY: "Not ready",
    Band.INSUFFICIENT_EVIDENCE: "Insufficient evidence",
    Band.UNKNOWN: "Unknown",
}

GATE_LABELS = {
    GateStatus.PASSED: "passed",
    GateStatus.FAILED: "failed",
    GateStatus.NO_GATE: "no gate",
}


def gate_lines(gate: GateResult) -> list[str]:
    """The gate's verdict and reasons as the terminal's last lines: never "passed" when unset."""
    from prodready.gate import NO_GATE_HINT

    if gate.status == GateStatus.NO_GATE:
        return [NO_GATE_HINT]
    if gate.status == GateStatus.PASSED:
        return ["Gate passed"]
    return ["Gate failed:", *(f"  - {reason}" for reason in gate.reasons)]


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


def accepted_debt(finding: Finding) -> bool:
    """Accepted in the baseline: still debt, still scored, only left out of the gate."""
    return finding.suppression is not None and finding.suppression.kind == "baseline"


def debt_summary(result: AuditResult) -> str | None:
    """The baseline in one line, or None without one."""
    baseline = result.baseline
    if baseline is None:
        return None
    return (
        f"{baseline.baselined} accepted as known debt ({baseline.path}), still counted in the "
        f"score; {baseline.new} new finding(s) not in the baseline"
    )


def changed_banner(result: AuditResult) -> str | None:
    """What --changed-since left out, said wherever findings are listed."""
    scope = result.changed
    if scope is None:
        return None
    return (
        f"Findings limited to the {scope.files} file(s) changed since {scope.ref} (plus "
        f"repository-wide ones): {scope.hidden} finding(s) in other files are not listed; "
        "the score and band are the whole repository's"
    )


def blockers(result: AuditResult, limit: int = 5) -> list[tuple[RuleResult, Finding]]:
    """The most severe finding of each failed rule, new before accepted debt, most severe rules first."""
    picked = []
    for rule in failed_results(result):
        shown = [f for f in rule.findings if f.suppression is None or accepted_debt(f)]
        if shown:
            picked.append((rule, min(shown, key=accepted_debt)))
    return sorted(picked, key=lambda pair: accepted_debt(pair[1]))[:limit]


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
    """Failed rules: the blockers that make the band not ready first, then most severe first,
    then by id: the order every reporter lists them in."""
    blocking = set(result.scoring.blocked_by) if result.scoring else set()
    failed = [r for r in result.results if r.status == Status.FAIL]
    return sorted(failed, key=lambda r: (r.rule_id not in blocking, -r.severity.rank, r.rule_id))


def top_findings(result: AuditResult, limit: int = 10) -> list[Finding]:
    ordered = [finding for rule in failed_results(result) for finding in rule.findings]
    return ordered[:limit]


def where(finding: Finding) -> str:
    location = finding.location
    if location.path is None:
        return "repository"
    return f"{location.path}:{location.line}" if location.line else location.path


def score_text(score: float | None) -> str:
    return "n/a" if score is None else f"{score:g}/100"


def open_findings(result: AuditResult) -> list[Finding]:
    """Findings of failed rules that nothing suppressed or accepted, by path, line and rule.

    Repository-wide findings (no path) come first.
    """
    findings = [
        finding
        for rule in result.results
        if rule.status == Status.FAIL
        for finding in rule.findings
        if finding.suppression is None
    ]
    return sorted(findings, key=_listing_order)


def _listing_order(finding: Finding) -> tuple[bool, str, int, str, str]:
    location = finding.location
    return (
        location.path is not None,
        location.path or "",
        location.line or 0,
        finding.rule_id,
        finding.message,
    )


def verdict_line(result: AuditResult) -> str:
    """Score, band, open findings and gate in one line: the last line of every listing."""
    parts = [
        f"{len(open_findings(result))} open finding(s)",
        f"readiness {score_text(result.score)}",
        BAND_LABELS[result.band],
    ]
    if result.rubric is not None:
        parts.insert(1, f"{result.rubric.profile} final score {result.rubric.final_score:g}")
    if result.gate is not None:
        status = result.gate.status
        parts.append("no gate" if status == GateStatus.NO_GATE else f"gate {GATE_LABELS[status]}")
    return "; ".join(parts)


def compare_line(result: AuditResult) -> str | None:
    """The --compare delta in one line, or None without a previous report."""
    comparison = result.comparison
    if comparison is None:
        return None
    before, after = comparison.score_before, comparison.score_after
    delta = ""
    if before is not None and after is not None:
        change = round(after - before, 1)
        delta = f" ({'+' if change >= 0 else ''}{change:g})"
    since = comparison.previous_commit or comparison.previous_generated_at
    return (
        f"Since {since[:12]}: score {score_text(before)} -> {score_text(after)}{delta}; "
        f"{len(comparison.new)} new, {len(comparison.fixed)} fixed, "
        f"{comparison.unchanged} unchanged finding(s)"
    )
