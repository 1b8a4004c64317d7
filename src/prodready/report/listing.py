"""Every open finding on one line, the way ruff and flake8 print them, and per-rule statistics.

``path:line: SEVERITY RULE-ID message``, sorted by path then line, repository-wide findings as
``repository: ...`` first. prodready locates findings by line, so no column is printed rather
than an invented one; editors and CI problem matchers read ``path:line:`` as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from prodready.models import AuditResult, Finding, Severity
from prodready.report.presentation import open_findings, verdict_line
from prodready.safe_text import visible


@dataclass(frozen=True)
class Listed:
    """One line of the listing, in parts, so the terminal can colour and wrap them."""

    where: str
    severity: Severity
    rule_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.value.upper()} {self.rule_id} {self.message}"


def listing(result: AuditResult) -> list[Listed]:
    return [
        Listed(_where(finding), finding.severity, finding.rule_id, visible(finding.message))
        for finding in open_findings(result)
    ]


def _where(finding: Finding) -> str:
    location = finding.location
    if location.path is None:
        return "repository"
    path = visible(location.path)
    return f"{path}:{location.line}" if location.line else path


@dataclass(frozen=True)
class RuleCount:
    count: int
    rule_id: str
    severity: Severity
    title: str


def statistics(result: AuditResult) -> list[RuleCount]:
    """Open findings per rule, most first (ruff's --statistics), ties by severity then id."""
    titles = {rule.rule_id: rule.title for rule in result.results}
    counts: dict[str, tuple[int, Severity]] = {}
    for finding in open_findings(result):
        count, _ = counts.get(finding.rule_id, (0, finding.severity))
        counts[finding.rule_id] = (count + 1, finding.severity)
    rows = [
        RuleCount(count, rule_id, severity, visible(titles.get(rule_id, "")))
        for rule_id, (count, severity) in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, -row.severity.rank, row.rule_id))


def render(result: AuditResult) -> str:
    """The ``concise`` format: the listing, then the verdict as the last line."""
    lines = [str(line) for line in listing(result)]
    return "\n".join([*lines, verdict_line(result)]) + "\n"
