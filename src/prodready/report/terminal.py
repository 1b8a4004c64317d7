"""Terminal summary with rich: score, band, category bars, top findings with their fixes.

Repository text is never rich markup: it goes through ``safe_text.terminal`` (markup
escaped, control characters such as ESC made visible) wherever it is printed.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from prodready.models import AuditResult, Band
from prodready.report.maturity import maturity_line
from prodready.report.presentation import (
    BAND_LABELS,
    changed_banner,
    debt_summary,
    failed_results,
    gate_lines,
    top_findings,
    where,
)
from prodready.safe_text import terminal as _t
from prodready.safe_text import visible

BAND_STYLES = {
    Band.READY: "bold green",
    Band.READY_WITH_CONDITIONS: "bold yellow",
    Band.NOT_READY: "bold red",
    Band.INSUFFICIENT_EVIDENCE: "bold yellow",
    Band.UNKNOWN: "bold",
}


def _bar(score: float | None, width: int = 20) -> str:
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def print_summary(
    result: AuditResult, console: Console, top: int = 8, show_gate: bool = True
) -> None:
    score = "n/a" if result.score is None else f"{result.score:g}/100"
    console.print(
        f"[bold]prodready[/bold] {_t(result.repo.name)}  ({result.project.kind.value}: {_t(result.project.reason)})"
    )
    if result.rubric is not None:  # the chosen profile's own verdict leads
        _print_rubric(result, console)
        console.print()
    label = "Readiness" if result.rubric is None else "Default readiness score"
    console.print(
        f"{label} [bold]{score}[/bold]  [{BAND_STYLES[result.band]}]{BAND_LABELS[result.band]}[/]"
        f"  ({_t(result.band_reason)})"
    )
    for note in (debt_summary(result), changed_banner(result)):
        if note:
            console.print(visible(note), highlight=False, markup=False)
    _print_maturity(result, console)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("category", "score", "", "pass", "fail", "unknown", "n/a"):
        table.add_column(column, justify="right" if column not in ("category", "") else "left")
    for category in result.categories:
        value = "n/a" if category.score is None else f"{category.score:g}"
        table.add_row(
            category.category.value,
            value,
            _bar(category.score),
            str(category.passed),
            str(category.failed),
            str(category.unknown),
            str(category.not_applicable),
        )
    console.print(table)
    findings = [f for f in top_findings(result, top * 3) if f.suppression is None][:top]
    failed = failed_results(result)
    total = sum(1 for rule in failed for f in rule.findings if f.suppression is None)
    if findings:
        console.print(f"\n[bold]Top findings[/bold] ({total} in {len(failed)} failed rules)")
        for finding in findings:
            console.print(
                f"  [bold]{finding.severity.value.upper():8}[/bold] {finding.rule_id:10} {_t(where(finding))}\n"
                f"           {_t(finding.message)}\n           [dim]fix:[/dim] {_t(finding.remediation)}",
                highlight=False,
            )
    if result.baseline is not None and result.baseline.fixed:
        console.print(
            f"\nBaseline {_t(result.baseline.path)}: {len(result.baseline.fixed)} entries fixed "
            "(prune with `prodready baseline update --prune`)",
            highlight=False,
        )
    if result.suppressions is not None:
        for note in result.suppressions.notes:
            console.print(
                f"[yellow]suppression[/yellow] {_t(note.source)} {_t('[' + ', '.join(note.rules) + ']')}: {_t(note.problem)}",
                highlight=False,
            )
    for error in result.errors:
        console.print(f"[yellow]engine:[/yellow] {_t(error.source)}: {_t(error.message)}")
    if show_gate and result.gate is not None:
        console.print()
        for line in gate_lines(result.gate):
            console.print(visible(line), highlight=False, markup=False)


def _print_maturity(result: AuditResult, console: Console) -> None:
    """The MLOps maturity levels in one line (the criteria are in the HTML and JSON)."""
    line = maturity_line(result)
    if line:
        console.print(visible(line), highlight=False, markup=False)


def _print_rubric(result: AuditResult, console: Console) -> None:
    rubric = result.rubric
    assert rubric is not None
    bound = " (lower bound: some tests are undecided)" if rubric.lower_bound else ""
    console.print(
        f"[bold]{_t(rubric.profile)}[/bold] ({_t(rubric.version)}): final score "
        f"[bold]{rubric.final_score:g}[/bold]{bound}"
    )
    console.print(f"  {_t(rubric.band)}", highlight=False)
    for section in rubric.sections:
        marks = " ".join(
            {"automated": "1", "manual": "½", "none": "0", "undecided": "?"}[test.outcome.value]
            for test in section.tests
        )
        console.print(f"  {_t(section.name):15} {section.points:>4g}/7   {marks}", highlight=False)
