"""Render a TrendResult: terminal table, CSV (and back), JSON, and a self-contained HTML page."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table

from prodready.models import AspectStatus, Band
from prodready.trend.chart import (
    OVERALL_COLOR,
    PALETTE,
    Flips,
    Series,
    line_chart_svg,
    small_multiples_svg,
)
from prodready.trend.model import SEVERITIES, AspectFlip, FlipDirection, RevisionPoint, TrendResult

FORMATS = ("table", "csv", "json", "html")
_ARROWS = {FlipDirection.IMPROVED: "+", FlipDirection.REGRESSED: "-", FlipDirection.CHANGED: "~"}
_BAND_SHORT = {
    Band.READY: "ready",
    Band.READY_WITH_CONDITIONS: "conditions",
    Band.NOT_READY: "not ready",
    Band.INSUFFICIENT_EVIDENCE: "thin evidence",
    Band.UNKNOWN: "unknown",
}
_BAND_STYLES = {
    Band.READY: "green",
    Band.READY_WITH_CONDITIONS: "yellow",
    Band.NOT_READY: "red",
    Band.INSUFFICIENT_EVIDENCE: "yellow",
    Band.UNKNOWN: "",
}


def render(result: TrendResult, format_name: str) -> str:
    if format_name == "json":
        return result.model_dump_json(indent=2) + "\n"
    if format_name == "csv":
        return to_csv(result)
    if format_name == "html":
        return to_html(result)
    buffer = io.StringIO()
    print_table(result, Console(file=buffer, width=160, no_color=True, highlight=False))
    return buffer.getvalue()


def deltas(points: list[RevisionPoint]) -> list[float | None]:
    """Score change since the previous audited point with a score."""
    changes: list[float | None] = []
    previous: float | None = None
    for point in points:
        if point.score is None or previous is None:
            changes.append(None)
        else:
            changes.append(round(point.score - previous, 1))
        if point.score is not None:
            previous = point.score
    return changes


def flip_text(flip: AspectFlip) -> str:
    return f"{_ARROWS[flip.direction]}{flip.aspect} ({flip.before.value}→{flip.after.value})"


def print_table(result: TrendResult, console: Console) -> None:
    """Scores per revision, then the aspects that flipped: long aspect names stay readable."""
    shallow = "  [yellow](shallow clone)[/yellow]" if result.shallow else ""
    console.print(
        f"[bold]prodready trend[/bold] {result.repo}  {result.selection}: "
        f"{' '.join(result.requested)}{shallow}",
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("revision", "date", "commit", "score", "Δ", "band", "crit/high/med/low"):
        table.add_column(column, justify="right" if column in ("score", "Δ") else "left")
    for point, change in zip(result.revisions, deltas(result.revisions), strict=True):
        extra = [tag for tag in point.tags if tag != point.rev]
        label = point.rev + (f" ({', '.join(extra)})" if extra else "")
        if not point.audited:
            table.add_row(
                label, point.date[:10], point.short_sha, "-", "", "[red]not audited[/red]", ""
            )
            continue
        band = point.band or Band.UNKNOWN
        style = _BAND_STYLES[band]
        table.add_row(
            label,
            point.date[:10],
            point.short_sha,
            "n/a" if point.score is None else f"{point.score:g}",
            "" if change is None else f"{change:+g}",
            f"[{style}]{_BAND_SHORT[band]}[/]" if style else _BAND_SHORT[band],
            "/".join(str(point.findings.get(s, 0)) for s in SEVERITIES[:4]),
        )
    console.print(table)
    flipped = [point for point in result.revisions if point.flips]
    if flipped:
        console.print("\n[bold]Aspects that flipped[/bold]")
    for point in flipped:
        for flip in point.flips:
            console.print(f"  {point.rev:12} {flip_text(flip)}", highlight=False)
    for point in result.revisions:
        for note in [*([point.problem] if point.problem else []), *point.notes]:
            console.print(f"[yellow]{point.rev}:[/yellow] {note}", highlight=False)
    for note in result.notes:
        console.print(f"[yellow]note:[/yellow] {note}", highlight=False)


# ----------------------------------------------------------------------------- CSV

_BASE = ("rev", "sha", "short_sha", "date", "tags", "score", "band", "kind")
_FORMULA_START = ("=", "+", "-", "@")


def csv_columns(result: TrendResult) -> list[str]:
    aspects = sorted({name for point in result.revisions for name in point.aspects})
    return [
        *_BASE,
        *(f"findings_{severity}" for severity in SEVERITIES),
        *(f"category:{name}" for name in result.categories),
        *(f"aspect:{name}" for name in aspects),
        "flips",
        "notes",
        "problem",
    ]


def _guard(text: str) -> str:
    """Tag names are free text: keep spreadsheets from reading one as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def to_csv(result: TrendResult) -> str:
    """One row per revision. Commit subjects are left out: free text, and JSON carries them."""
    columns = csv_columns(result)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for point in result.revisions:
        row = {
            "rev": _guard(point.rev),
            "sha": point.sha,
            "short_sha": point.short_sha,
            "date": point.date,
            "tags": _guard(" ".join(point.tags)),
            "score": _number(point.score) if point.audited else "",
            "band": point.band.value if point.band else "",
            "kind": point.kind or "",
            "flips": ";".join(
                f"{f.aspect}:{f.before.value}>{f.after.value}:{f.direction.value}"
                for f in point.flips
            ),
            "notes": "\n".join(point.notes),
            "problem": point.problem or "",
        }
        for severity in SEVERITIES:
            count = point.findings.get(severity)
            row[f"findings_{severity}"] = "" if count is None else str(count)
        for name in result.categories:
            row[f"category:{name}"] = (
                _number(point.categories[name]) if name in point.categories else ""
            )
        for column in columns:
            if column.startswith("aspect:"):
                status = point.aspects.get(column.removeprefix("aspect:"))
                row[column] = status.value if status else ""
        writer.writerow(row)
    return buffer.getvalue()


def from_csv(text: str) -> list[RevisionPoint]:
    """Read ``to_csv`` back (subjects aside): the CSV is a faithful export, not a lossy view."""
    points = []
    for row in csv.DictReader(io.StringIO(text)):
        categories: dict[str, float | None] = {}
        aspects: dict[str, AspectStatus] = {}
        findings: dict[str, int] = {}
        for column, value in row.items():
            if value == "":
                continue
            if column.startswith("category:"):
                categories[column.removeprefix("category:")] = _parse_number(value)
            elif column.startswith("aspect:"):
                aspects[column.removeprefix("aspect:")] = AspectStatus(value)
            elif column.startswith("findings_"):
                findings[column.removeprefix("findings_")] = int(value)
        flips = []
        for item in filter(None, row["flips"].split(";")):
            aspect, change, direction = item.rsplit(":", 2)
            before, after = change.split(">")
            flips.append(
                AspectFlip(
                    aspect=aspect,
                    before=AspectStatus(before),
                    after=AspectStatus(after),
                    direction=FlipDirection(direction),
                )
            )
        points.append(
            RevisionPoint(
                rev=_unguard(row["rev"]),
                sha=row["sha"],
                short_sha=row["short_sha"],
                date=row["date"],
                tags=_unguard(row["tags"]).split(),
                score=_parse_number(row["score"]) if row["score"] else None,
                band=Band(row["band"]) if row["band"] else None,
                kind=row["kind"] or None,
                categories=categories,
                aspects=aspects,
                findings=findings,
                notes=row["notes"].split("\n") if row["notes"] else [],
                flips=flips,
                problem=row["problem"] or None,
            )
        )
    return points


def _parse_number(text: str) -> float | None:
    return None if text == "n/a" else float(text)


# ----------------------------------------------------------------------------- HTML


def axis_label(point: RevisionPoint) -> str:
    """A tag when the revision has one, else its date: ``HEAD~124`` tells a reader nothing."""
    return point.tags[0] if point.tags else point.date[:10]


def chart_for(result: TrendResult) -> str:
    """The overall score alone on the main chart: categories get small multiples of their own."""
    points = result.revisions
    overall = Series("overall", [p.score for p in points], OVERALL_COLOR, 3.0)
    flips = [
        Flips(
            [f.aspect for f in p.flips if f.direction == FlipDirection.IMPROVED],
            [f.aspect for f in p.flips if f.direction == FlipDirection.REGRESSED],
        )
        for p in points
    ]
    labels = [axis_label(p) for p in points]
    names = [f"{p.rev} ({p.date[:10]})" for p in points]
    return line_chart_svg(labels, [overall], [p.tags for p in points], flips, names=names)


def categories_for(result: TrendResult) -> str | None:
    points = result.revisions
    if not result.categories:
        return None
    series = [
        Series(name, [p.categories.get(name) for p in points], PALETTE[index % len(PALETTE)])
        for index, name in enumerate(result.categories)
    ]
    overall = Series("overall", [p.score for p in points], OVERALL_COLOR)
    return small_multiples_svg([axis_label(p) for p in points], series, overall)


def to_html(result: TrendResult) -> str:
    from markupsafe import Markup

    from prodready.report.templating import template_environment

    environment = template_environment("prodready.trend")
    template = environment.get_template("trend.html.j2")
    return template.render(
        result=result,
        rows=list(zip(result.revisions, deltas(result.revisions), strict=True)),
        chart=Markup(chart_for(result)),  # built by chart.py, which escapes every text it embeds
        multiples=Markup(categories_for(result) or ""),
        arrows=_ARROWS,
        severities=SEVERITIES,
        flip_text=flip_text,
    )
