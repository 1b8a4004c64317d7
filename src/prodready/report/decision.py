"""The release decision a sign-off page leads with, read off the band and the open items.

The band is the scorer's; this module only says it in the words a reviewer signs:
"Go" is printed only when nothing of medium severity or above is open, so a
contradicted target can never sit under a "Go". Open items are failed rules whose
findings are not suppressed (accepted debt stays open: it is still debt).
"""

from __future__ import annotations

from dataclasses import dataclass

from prodready.models import AuditResult, Band, Finding, RuleResult, Severity, Status
from prodready.report.presentation import accepted_debt, where

CONDITION_SEVERITIES = frozenset({Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM})


@dataclass(frozen=True)
class OpenItem:
    """One failed rule as a line of the sign-off page: what failed, where, who, how to fix."""

    rule: RuleResult
    findings: list[Finding]

    @property
    def accepted(self) -> bool:
        return bool(self.findings) and all(accepted_debt(f) for f in self.findings)

    @property
    def headline(self) -> str:
        """What failed: the rule's own message, never its pass condition (the title)."""
        return self.rule.message or (self.findings[0].message if self.findings else self.rule.title)

    @property
    def where(self) -> str:
        if not self.findings:
            return "repository"
        first = where(self.findings[0])
        more = len(self.findings) - 1
        return f"{first} and {more} more" if more else first

    @property
    def owners(self) -> list[str]:
        seen: dict[str, None] = {}
        for finding in self.findings:
            seen.update(dict.fromkeys(finding.owners))
        return list(seen)

    @property
    def fix(self) -> str:
        return self.findings[0].remediation if self.findings else ""

    @property
    def condition(self) -> bool:
        """Accepted debt is still debt: it conditions a release like any open item."""
        return self.rule.severity in CONDITION_SEVERITIES


@dataclass(frozen=True)
class Decision:
    verdict: str  # Go, Go with conditions, No go, No decision
    css: str
    explanation: str
    conditions: list[OpenItem]


def open_items(result: AuditResult) -> list[OpenItem]:
    """Failed rules with their open findings: the blockers that decide "not ready" first, then
    most severe first, new before accepted debt."""
    items = []
    for rule in result.results:
        if rule.status != Status.FAIL:
            continue
        shown = [f for f in rule.findings if f.suppression is None or accepted_debt(f)]
        if rule.findings and not shown:
            continue
        items.append(OpenItem(rule, sorted(shown, key=accepted_debt)))
    blocking = set(result.scoring.blocked_by) if result.scoring else set()
    return sorted(
        items,
        key=lambda i: (
            i.rule.rule_id not in blocking,
            -i.rule.severity.rank,
            i.accepted,
            i.rule.rule_id,
        ),
    )


def decide(result: AuditResult, items: list[OpenItem]) -> Decision:
    """The verdict line: the band, lowered to "with conditions" while anything serious is open."""
    conditions = [item for item in items if item.condition]
    if result.band == Band.NOT_READY:
        blocking = set(result.scoring.blocked_by) if result.scoring else set()
        blockers = [i for i in items if i.rule.rule_id in blocking]
        serious = [i for i in items if i.rule.severity in (Severity.CRITICAL, Severity.HIGH)]
        return Decision(
            "No go",
            "bad",
            "Fix the blockers below before the release review.",
            blockers or serious or items,
        )
    if result.band in (Band.INSUFFICIENT_EVIDENCE, Band.UNKNOWN):
        return Decision(
            "No decision",
            "warn",
            "The verdict would rest on too little evidence; see what could not be decided.",
            conditions,
        )
    if result.band == Band.READY and not conditions:
        rest = f" {len(items)} low-severity item(s) stay open." if items else ""
        return Decision("Go", "ok", "The evidence supports a production release." + rest, [])
    named = conditions or items
    return Decision(
        "Go with conditions",
        "warn",
        f"Release once {'this item is' if len(named) == 1 else 'these items are'} fixed "
        "or owned with a date:",
        named,
    )
