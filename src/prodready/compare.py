"""Compare two audits: score deltas per category, findings new, fixed and unchanged.

Findings match by fingerprint (rule + file + normalized code), so a finding
that only moved is unchanged. Duplicates are matched as many times as they occur.
"""

from __future__ import annotations

from collections import Counter

from prodready.models import AuditResult, CategoryDelta, Comparison, Finding, FindingSummary


def open_findings(result: AuditResult) -> list[Finding]:
    """Findings still in the code: accepted debt in a baseline is still there, never "fixed"."""
    return [
        finding
        for finding in result.findings()
        if finding.suppression is None or finding.suppression.kind == "baseline"
    ]


def compare(previous: AuditResult, current: AuditResult) -> Comparison:
    before = Counter(f.fingerprint for f in open_findings(previous))
    after = Counter(f.fingerprint for f in open_findings(current))
    new = _take(open_findings(current), after - before - _hidden(previous))
    fixed = _take(open_findings(previous), before - after - _hidden(current))
    scores_before = {c.category: c.score for c in previous.categories}
    scores_after = {c.category: c.score for c in current.categories}
    categories = [
        CategoryDelta(
            category=category, before=scores_before.get(category), after=scores_after.get(category)
        )
        for category in sorted(set(scores_before) | set(scores_after), key=lambda c: c.value)
    ]
    return Comparison(
        previous_generated_at=previous.generated_at,
        previous_commit=previous.repo.commit,
        score_before=previous.score,
        score_after=current.score,
        band_before=previous.band,
        categories=categories,
        new=new,
        fixed=fixed,
        unchanged=sum((after & before).values()),
    )


def _hidden(result: AuditResult) -> Counter[str]:
    """Findings --changed-since left out of the list: still there, so never new or fixed."""
    return Counter(result.changed.hidden_fingerprints if result.changed else [])


def _take(findings: list[Finding], wanted: Counter[str]) -> list[FindingSummary]:
    remaining = Counter(wanted)
    taken = []
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
            taken.append(
                FindingSummary(
                    rule_id=finding.rule_id,
                    severity=finding.severity,
                    path=finding.location.path,
                    line=finding.location.line,
                    message=finding.message,
                    fingerprint=finding.fingerprint,
                )
            )
    return sorted(taken, key=lambda f: (-f.severity.rank, f.rule_id, f.path or "", f.line or 0))
