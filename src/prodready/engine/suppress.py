"""Apply suppressions after the rules ran, keeping the original status underneath.

A suppression needs a reason; one without, or past its ``until`` date, does
not suppress and is reported, and so is one that matched no finding. A
suppressed finding stays in the result, marked with why.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from datetime import date

from prodready.config import ConfigSuppression
from prodready.models import (
    Finding,
    RuleResult,
    Status,
    Suppression,
    SuppressionNote,
    SuppressionReport,
)
from prodready.scanners.facts import RepoFacts
from prodready.scanners.suppressions import InlineSuppression


@dataclass
class _Tracked:
    source: str
    rules: tuple[str, ...]
    suppression: Suppression | None  # None when it cannot suppress (no reason, expired)
    problem: str | None
    comment_only: bool = False  # on its own line: it also covers the line below
    used: bool = False


def apply_suppressions(
    results: list[RuleResult], facts: RepoFacts, configured: list[ConfigSuppression], today: date
) -> tuple[list[RuleResult], SuppressionReport]:
    inline = {
        (entry.path, entry.line): _track_inline(entry, today)
        for entries in facts.suppressions.values()
        for entry in entries
    }
    config = [(_track_config(index, entry, today), entry) for index, entry in enumerate(configured)]
    applied = 0
    updated = []
    for result in results:
        if result.status != Status.FAIL:
            updated.append(result)
            continue
        findings = []
        for finding in result.findings:
            tracked = _inline_for(finding, inline) or _config_for(finding, config)
            if tracked is not None and tracked.suppression is not None:
                tracked.used = True
                applied += 1
                finding = finding.model_copy(update={"suppression": tracked.suppression})
            elif tracked is not None:
                tracked.used = True  # matched, but cannot suppress: reported below
            findings.append(finding)
        updated.append(with_findings(result, findings))
    evaluated = {result.rule_id for result in results}
    notes = [
        SuppressionNote(
            source=t.source, rules=list(t.rules), problem=t.problem or "unused: matched no finding"
        )
        for t in [*inline.values(), *(t for t, _ in config)]
        if t.problem or (not t.used and set(t.rules) <= evaluated)
    ]
    return updated, SuppressionReport(applied=applied, notes=sorted(notes, key=lambda n: n.source))


def with_findings(result: RuleResult, findings: list[Finding]) -> RuleResult:
    """The result with its findings replaced; suppressed when no unsuppressed finding is left."""
    open_findings = [f for f in findings if f.suppression is None]
    if result.status == Status.FAIL and findings and not open_findings:
        return result.model_copy(
            update={
                "findings": findings,
                "status": Status.SUPPRESSED,
                "original_status": Status.FAIL,
            }
        )
    return result.model_copy(update={"findings": findings})


def _track_inline(entry: InlineSuppression, today: date) -> _Tracked:
    source = f"{entry.path}:{entry.line}"
    problem = _problem(entry.reason, entry.until, today)
    suppression = (
        None
        if problem
        else Suppression(kind="inline", reason=entry.reason, until=entry.until, source=source)
    )
    return _Tracked(
        source=source,
        rules=entry.rules,
        suppression=suppression,
        problem=problem,
        comment_only=entry.comment_only,
    )


def _track_config(index: int, entry: ConfigSuppression, today: date) -> _Tracked:
    source = f"settings.suppress[{index}] ({entry.rule} in {', '.join(entry.paths)})"
    problem = _problem(entry.reason, entry.until, today)
    suppression = (
        None
        if problem
        else Suppression(kind="config", reason=entry.reason, until=entry.until, source=source)
    )
    return _Tracked(
        source=source, rules=(entry.rule.upper(),), suppression=suppression, problem=problem
    )


def _problem(reason: str | None, until: str | None, today: date) -> str | None:
    if not reason:
        return 'missing reason: write reason="..." (it does not suppress without one)'
    if until:
        try:
            expiry = date.fromisoformat(until)
        except ValueError:
            return f"invalid until date {until!r}: use YYYY-MM-DD"
        if expiry < today:
            return f"expired on {until}: it no longer suppresses"
    return None


def _inline_for(finding: Finding, inline: dict[tuple[str, int], _Tracked]) -> _Tracked | None:
    """A suppression on the finding's line, or a comment-only one on the line above."""
    path, line = finding.location.path, finding.location.line
    if path is None or line is None:
        return None
    same_line = inline.get((path, line))
    if same_line is not None and finding.rule_id in same_line.rules:
        return same_line
    above = inline.get((path, line - 1))
    if above is not None and above.comment_only and finding.rule_id in above.rules:
        return above
    return None


def _config_for(
    finding: Finding, config: list[tuple[_Tracked, ConfigSuppression]]
) -> _Tracked | None:
    path = finding.location.path
    for tracked, entry in config:
        if entry.rule.upper() != finding.rule_id:
            continue
        if path is None and ("*" in entry.paths or "." in entry.paths):
            return tracked
        if path is not None and any(fnmatch.fnmatch(path, pattern) for pattern in entry.paths):
            return tracked
    return None
