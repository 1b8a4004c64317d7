"""Terminal summary with rich: the headline, category bars, top findings with their fixes, then
every finding one per line (or per-rule statistics), and the verdict as the last lines.

Repository text is never rich markup: it goes through ``safe_text.terminal`` (markup
escaped, control characters such as ESC made visible) or into a ``Text`` as plain text.
Wrapping is the console's business only on a terminal: there, long lines wrap at its width
with a hanging indent; anywhere else (a CI log, a file) a line is never broken.
"""

from __future__ import annotations

from typing import Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from prodready.models import AuditResult, Band, GateStatus, Severity
from prodready.report.listing import listing, statistics
from prodready.report.maturity import maturity_line
from prodready.report.presentation import (
    BAND_LABELS,
    changed_banner,
    compare_line,
    debt_summary,
    failed_results,
    gate_lines,
    open_findings,
    score_text,
    top_findings,
    where,
)
from prodready.safe_text import terminal as _t
from prodready.safe_text import visible

Details = Literal["listing", "statistics", "none"]

BAND_STYLES = {
    Band.READY: "bold green",
    Band.READY_WITH_CONDITIONS: "bold yellow",
    Band.NOT_READY: "bold red",
    Band.INSUFFICIENT_EVIDENCE: "bold yellow",
    Band.UNKNOWN: "bold",
}
SEVERITY_STYLES = {
    Severity.CRITICAL: "bold red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
GATE_STYLES = {
    GateStatus.PASSED: "bold green",
    GateStatus.FAILED: "bold red",
    GateStatus.NO_GATE: "",
}
FINDING_INDENT = 11  # where a top finding's message and fix start
LISTING_INDENT = 4


def _bar(score: float | None, width: int = 20) -> Text:
    if score is None:
        return Text("·" * width, style="dim")
    filled = round(score / 100 * width)
    style = "green" if score >= 80 else "yellow" if score >= 60 else "red"
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


def hanging(text: Text, width: int, indent: int) -> Text:
    """``text`` broken at spaces to ``width`` columns, continuation lines indented by ``indent``.

    A word longer than a line is left whole, never broken mid-word.
    """
    plain = text.plain
    starts, start, room = [], 0, width
    while len(plain) - start > room:
        cut = plain.rfind(" ", start, start + room + 1)
        if cut <= start:
            cut = plain.find(" ", start + room)
            if cut == -1:
                break
        start = cut + 1
        while start < len(plain) and plain[start] == " ":
            start += 1
        if start >= len(plain):
            break
        starts.append(start)
        room = max(width - indent, 20)
    if not starts:
        return text
    pieces = text.divide(starts)
    for piece in pieces:
        piece.rstrip()
    return Text("\n" + " " * indent).join(pieces)


def _print(console: Console, text: Text, indent: int) -> None:
    """One logical line: wrapped with a hanging indent on a terminal, whole anywhere else."""
    if not console.soft_wrap:
        text = hanging(text, console.width, indent)
    console.print(text, soft_wrap=True)


def print_summary(
    result: AuditResult,
    console: Console,
    top: int = 8,
    show_gate: bool = True,
    details: Details = "listing",
) -> None:
    """Everything but the verdict, then the verdict unless ``show_gate`` is False (the CLI
    prints the files it wrote first, then calls ``print_verdict``)."""
    console.print(
        f"[bold]prodready[/bold] {_t(result.repo.name)}  ({result.project.kind.value}: {_t(result.project.reason)})"
    )
    if result.rubric is not None:  # the chosen profile's own verdict leads
        _print_rubric(result, console)
        console.print()
    _print_headline(result, console)
    for note in (debt_summary(result), changed_banner(result)):
        if note:
            _print(console, Text(visible(note)), LISTING_INDENT)
    _print_maturity(result, console)
    _print_categories(result, console)
    _print_top(result, console, top)
    if details == "listing":
        _print_listing(result, console)
    elif details == "statistics":
        _print_statistics(result, console)
    _print_notes(result, console)
    if show_gate:
        print_verdict(result, console)


def print_verdict(result: AuditResult, console: Console, headline: bool = True) -> None:
    """The last lines, whatever came before: score, band, the --compare delta and the gate."""
    if headline:
        console.print()
        if result.rubric is not None:
            rubric = result.rubric
            _print(
                console,
                Text(f"{visible(rubric.profile)}: final score {rubric.final_score:g}  ")
                + Text(visible(rubric.band), style="bold"),
                LISTING_INDENT,
            )
        _print_headline(result, console)
        delta = compare_line(result)
        if delta:
            _print(console, Text(visible(delta)), LISTING_INDENT)
    if result.gate is None:
        return
    style = GATE_STYLES[result.gate.status]
    for index, line in enumerate(gate_lines(result.gate)):
        _print(console, Text(visible(line), style=style if index == 0 else ""), LISTING_INDENT)


def _print_headline(result: AuditResult, console: Console) -> None:
    label = "Readiness" if result.rubric is None else "Default readiness score"
    line = Text(f"{label} ") + Text(score_text(result.score), style="bold") + Text("  ")
    line += Text(BAND_LABELS[result.band], style=BAND_STYLES[result.band])
    line += Text(f"  ({visible(result.band_reason)})")
    _print(console, line, LISTING_INDENT)


def _print_categories(result: AuditResult, console: Console) -> None:
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


def _print_top(result: AuditResult, console: Console, top: int) -> None:
    findings = [f for f in top_findings(result, top * 3) if f.suppression is None][:top]
    if not findings:
        return
    failed = failed_results(result)
    total = len(open_findings(result))
    console.print(f"\n[bold]Top findings[/bold] ({total} in {len(failed)} failed rules)")
    pad = " " * FINDING_INDENT
    for finding in findings:
        severity = finding.severity.value.upper()
        head = Text("  ") + Text(f"{severity:8}", style=SEVERITY_STYLES[finding.severity])
        head += Text(f" {finding.rule_id:10} {visible(where(finding))}")
        _print(console, head, FINDING_INDENT)
        _print(console, Text(pad + visible(finding.message)), FINDING_INDENT)
        fix = Text(pad) + Text("fix: ", style="dim") + Text(visible(finding.remediation))
        _print(console, fix, FINDING_INDENT)


def _print_listing(result: AuditResult, console: Console) -> None:
    lines = listing(result)
    if not lines:
        return
    console.print(f"\n[bold]All findings[/bold] ({len(lines)}, by file and line)")
    for line in lines:
        text = Text(f"{line.where}: ") + Text(
            line.severity.value.upper(), style=SEVERITY_STYLES[line.severity]
        )
        text += Text(f" {line.rule_id} {line.message}")
        _print(console, text, LISTING_INDENT)


def _print_statistics(result: AuditResult, console: Console) -> None:
    rows = statistics(result)
    if not rows:
        return
    console.print("\n[bold]Findings per rule[/bold]")
    for row in rows:
        text = Text(f"{row.count:>5}  {row.rule_id:10} ")
        text += Text(f"{row.severity.value:8}", style=SEVERITY_STYLES[row.severity])
        text += Text(f" {row.title}")
        _print(console, text, LISTING_INDENT + 14)


def _print_notes(result: AuditResult, console: Console) -> None:
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


def _print_maturity(result: AuditResult, console: Console) -> None:
    """The MLOps maturity levels in one line (the criteria are in the HTML and JSON)."""
    line = maturity_line(result)
    if line:
        _print(console, Text(visible(line)), LISTING_INDENT)


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
