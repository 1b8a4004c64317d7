"""A comparison with the previous review, as text or Markdown (shared by `diff` and the Markdown report)."""

from __future__ import annotations

from prodready.models import Comparison, FindingSummary
from prodready.safe_text import markdown as markdown_text
from prodready.safe_text import markdown_code, visible


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _delta(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return ""
    change = round(after - before, 1)
    return f" ({'+' if change >= 0 else ''}{change:g})"


def _where(finding: FindingSummary) -> str:
    if finding.path is None:
        return "repository"
    return f"{finding.path}:{finding.line}" if finding.line else finding.path


def render_comparison(comparison: Comparison, markdown: bool = False, limit: int = 50) -> str:
    head = "### " if markdown else ""
    bullet = "- " if markdown else "  "
    text = markdown_text if markdown else visible
    code = markdown_code if markdown else visible
    lines = [
        f"{head}Since the previous review ({text(comparison.previous_generated_at)})",
        "",
        f"Score {_score(comparison.score_before)} -> {_score(comparison.score_after)}"
        f"{_delta(comparison.score_before, comparison.score_after)}; "
        f"{len(comparison.new)} new, {len(comparison.fixed)} fixed, {comparison.unchanged} unchanged finding(s)",
        "",
    ]
    if markdown:
        lines += ["| Category | Before | After |", "|---|---:|---:|"]
        lines += [
            f"| {c.category.value} | {_score(c.before)} | {_score(c.after)}{_delta(c.before, c.after)} |"
            for c in comparison.categories
        ]
    else:
        lines += [
            f"  {c.category.value:16} {_score(c.before):>6} -> {_score(c.after):>6}{_delta(c.before, c.after)}"
            for c in comparison.categories
        ]
    for title, findings in (("New findings", comparison.new), ("Fixed findings", comparison.fixed)):
        if not findings:
            continue
        lines += ["", f"{head}{title}" if markdown else f"{title}:"]
        lines += [
            f"{bullet}{f.severity.value} {code(f.rule_id)} {code(_where(f))}: {text(f.message)}"
            for f in findings[:limit]
        ]
        if len(findings) > limit:
            lines.append(f"{bullet}... and {len(findings) - limit} more")
    return "\n".join(lines) + "\n"
