"""Markdown summary for a pull request comment or a PRD page."""

from __future__ import annotations

from prodready.models import AuditResult
from prodready.report.presentation import BAND_LABELS, failed_results, where

MAX_CHARS = 60_000


def render(result: AuditResult) -> str:
    score = "n/a" if result.score is None else f"{result.score:g}/100"
    lines = [
        f"## Production readiness: {result.repo.name}",
        "",
        f"**{score} · {BAND_LABELS[result.band]}** ({result.band_reason})",
        "",
        "| Category | Score | Pass | Fail | Unknown |",
        "|---|---:|---:|---:|---:|",
    ]
    for c in result.categories:
        value = "n/a" if c.score is None else f"{c.score:g}"
        lines.append(f"| {c.category.value} | {value} | {c.passed} | {c.failed} | {c.unknown} |")
    failed = failed_results(result)
    if failed:
        lines += ["", "### Failed rules", ""]
    body: list[str] = []
    for rule in failed:
        body.append(
            f"- **{rule.severity.value}** `{rule.rule_id}` {_escape(rule.title)}: {_escape(rule.message)}"
        )
        body.extend(f"  - `{_escape(where(f))}` {_escape(f.message)}" for f in rule.findings[:10])
        if len(rule.findings) > 10:
            body.append(f"  - ... and {len(rule.findings) - 10} more")
    text = "\n".join(lines)
    kept = 0
    for kept, line in enumerate(body):
        if len(text) + len(line) + 200 > MAX_CHARS:
            text += f"\n\n_... {len(body) - kept} more lines truncated_"
            break
        text += "\n" + line
    return text + "\n"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
