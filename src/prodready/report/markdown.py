"""Markdown summary for a pull request comment or a PRD page, kept under 60,000 characters.

Repository text (names, messages, owners, paths) goes through ``safe_text``: escaped inline
text or a literal code span, one line each, no @-mention that notifies anyone.
"""

from __future__ import annotations

from prodready.models import AuditResult, RubricResult
from prodready.report.comparison import render_comparison
from prodready.report.maturity import markdown_section
from prodready.report.presentation import (
    BAND_LABELS,
    CATEGORY_LABELS,
    GATE_LABELS,
    RECOMMENDATIONS,
    accepted_debt,
    blockers,
    changed_banner,
    debt_summary,
    failed_results,
    where,
)
from prodready.safe_text import markdown as _escape
from prodready.safe_text import markdown_code as _code

MAX_CHARS = 60_000


def render(result: AuditResult) -> str:
    score = "n/a" if result.score is None else f"{result.score:g}/100"
    head = [f"## Production readiness: {_escape(result.repo.name)}", ""]
    if result.rubric is not None:  # the chosen profile's own verdict leads
        head += [_rubric_line(result.rubric), "", "Default readiness score:", ""]
    head += [
        f"**{score} · {BAND_LABELS[result.band]}**: {RECOMMENDATIONS[result.band]}",
        "",
        f"_{_escape(result.band_reason)}; profile {_escape(result.profile)}_",
    ]
    for note in (debt_summary(result), changed_banner(result)):
        if note:
            head += ["", f"_{_escape(note)}._"]
    if result.gate is not None:
        head += [
            "",
            f"CI gate: **{GATE_LABELS[result.gate.status]}**"
            + "".join(f"; {_escape(r)}" for r in result.gate.reasons),
        ]
    top = blockers(result)
    if top:
        head += ["", "### Blockers", ""]
        head += [
            f"1. **{rule.severity.value}** `{rule.rule_id}` {_escape(rule.title)}: "
            + ("_(accepted debt)_ " if accepted_debt(f) else "")
            + f"{_escape(f.message)} "
            f"({_code(where(f))}; owner: {_escape(', '.join(f.owners) or 'unassigned')}). Fix: {_escape(f.remediation)}"
            for rule, f in top
        ]
    head += ["", "| Category | Score | Pass | Fail | Unknown |", "|---|---:|---:|---:|---:|"]
    for c in result.categories:
        value = "n/a" if c.score is None else f"{c.score:g}"
        head.append(
            f"| {CATEGORY_LABELS.get(c.category.value, c.category.value)} | {value} | {c.passed} | {c.failed} | {c.unknown} |"
        )
    head += markdown_section(result)
    if result.comparison is not None:
        head += ["", render_comparison(result.comparison, markdown=True, limit=25).rstrip()]
    body = ["", "### Findings", ""]
    for rule in failed_results(result):
        if not rule.findings:  # all in files --changed-since leaves out
            continue
        open_findings = [f for f in rule.findings if f.suppression is None]
        debt = sum(1 for f in rule.findings if accepted_debt(f))
        counts = f"{len(open_findings)}" + (f", {debt} accepted as known debt" if debt else "")
        body.append(
            f"- **{rule.severity.value}** `{rule.rule_id}` {_escape(rule.title)} ({counts})"
        )
        body.extend(f"  - {_code(where(f))} {_escape(f.message)}" for f in open_findings[:10])
        if len(open_findings) > 10:
            body.append(f"  - ... and {len(open_findings) - 10} more")
    return _fit("\n".join(head), body)


def _rubric_line(rubric: RubricResult) -> str:
    sections = ", ".join(f"{section.name} {section.points:g}/7" for section in rubric.sections)
    bound = " (lower bound)" if rubric.lower_bound else ""
    return (
        f"**{_escape(rubric.profile)} ({_escape(rubric.version)}): final score {rubric.final_score:g}{bound}**: "
        f"{_escape(rubric.band)} ({sections})"
    )


def _fit(text: str, body: list[str]) -> str:
    """Append the long tail line by line; past the limit, say how much was left out."""
    for index, line in enumerate(body):
        if len(text) + len(line) + 200 > MAX_CHARS:
            return (
                text
                + f"\n\n_... {len(body) - index} more lines left out to stay under {MAX_CHARS:,} characters; see the HTML or JSON report._\n"
            )
        text += "\n" + line
    return text + "\n"
