"""Inline SVG charts drawn here, so reports stay self-contained: no script, no external resource.

Scores are always drawn on a fixed 0-100 scale, so two charts (or two sparklines
side by side) compare at a glance. A missing score (a revision that could not be
audited, a category nothing decided) breaks the line rather than being drawn as 0.
Every text that comes from the repository (tag names) is escaped here, because
the templates embed these strings as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Okabe-Ito first (readable by colour-blind readers), then a few more distinct hues.
PALETTE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#0072B2",
    "#CC79A7",
    "#8C6D1F",
    "#7F7F7F",
    "#BCBD22",
    "#6A3D9A",
    "#17BECF",
)
OVERALL_COLOR = "#1f2328"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    color: str
    width: float = 1.5


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive present points: a gap in the data is a gap in the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _polyline(run: list[tuple[float, float]], color: str, width: float, extra: str = "") -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="{width}" '
        f'stroke-linejoin="round" stroke-linecap="round"{extra}/>'
    )


def sparkline_svg(scores: list[float | None], width: int = 120, height: int = 28) -> str:
    """A small line of recent scores for the main report's header; the last point is marked."""
    pad = 3.0
    count = len(scores)
    step = (width - 2 * pad) / (count - 1) if count > 1 else 0.0

    def place(index: int, value: float | None) -> tuple[float, float] | None:
        if value is None:
            return None
        x = pad + index * step if count > 1 else width / 2
        return x, pad + (100 - max(0.0, min(100.0, value))) / 100 * (height - 2 * pad)

    points = [place(i, v) for i, v in enumerate(scores)]
    known = [v for v in scores if v is not None]
    summary = (
        f"Readiness over the last {count} revisions: {known[0]:g} to {known[-1]:g}"
        if known
        else "No readiness score in the last revisions"
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(summary)}"><title>{escape(summary)}</title>'
    ]
    parts += [_polyline(run, OVERALL_COLOR, 1.5) for run in _segments(points)]
    last = next((p for p in reversed(points) if p is not None), None)
    if last is not None:
        parts.append(
            f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="2.5" fill="{OVERALL_COLOR}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Frame:
    width: int = 860
    height: int = 340
    left: int = 44
    right: int = 24
    top: int = 30
    bottom: int = 78

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    def x(self, index: int, count: int) -> float:
        if count <= 1:
            return self.left + self.plot_width / 2
        return self.left + index * self.plot_width / (count - 1)

    def y(self, value: float) -> float:
        return self.top + (100 - value) / 100 * self.plot_height


CHAR = 6.6  # width of one character at the chart's 11 px font


def line_chart_svg(
    labels: list[str],
    series: list[Series],
    tags: list[list[str]],
    flips: list[Flips] | None = None,
    bands: tuple[float, float] = (60.0, 80.0),
    frame: Frame | None = None,
    names: list[str] | None = None,
) -> str:
    """Scores per revision: the lines, tags, flipped aspects, band thresholds and a legend
    that explains every mark drawn. ``labels`` go on the axis (tags or dates); ``names``
    (the revisions as selected) go in the tooltips."""
    f = frame or Frame()
    count = len(labels)
    names = names or labels
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" width="{f.width}" '
        f'height="{f.height}" viewBox="0 0 {f.width} {f.height}" role="img" '
        f'aria-label="Readiness score per revision, 0 to 100" font-family="system-ui, sans-serif" '
        f'font-size="11">'
    ]
    parts += _grid(f, bands)
    parts += _x_axis(f, labels, tags)
    parts += _flip_marks(f, count, flips or [])
    for line in series:
        parts += _line(f, line, names)
    parts += _legend(
        f, series, flips or [], any(tags), any(v is None for s in series for v in s.values), bands
    )
    parts.append("</svg>")
    return "".join(parts)


def _line(f: Frame, line: Series, names: list[str]) -> list[str]:
    count = len(line.values)
    points = [None if v is None else (f.x(i, count), f.y(v)) for i, v in enumerate(line.values)]
    parts = [_polyline(run, line.color, line.width) for run in _segments(points)]
    for index, point in enumerate(points):
        if point is None:
            continue
        tip = f"{line.name} at {names[index]}: {line.values[index]:g}"
        parts.append(
            f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="{line.width + 1:.1f}" '
            f'fill="{line.color}"><title>{escape(tip)}</title></circle>'
        )
    return parts


def small_multiples_svg(
    labels: list[str], series: list[Series], reference: Series, columns: int = 4
) -> str:
    """One small chart per category on the same 0-100 scale, the overall line faint behind it,
    so eleven categories never pile up on one plot."""
    cell_w, cell_h, gap = 205, 96, 10
    rows = -(-len(series) // columns)
    width, height = columns * cell_w + (columns - 1) * gap, rows * (cell_h + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-multiples" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Category scores per revision, 0 to 100" font-family="system-ui, sans-serif" '
        f'font-size="11">'
    ]
    for index, line in enumerate(series):
        x0 = (index % columns) * (cell_w + gap)
        y0 = (index // columns) * (cell_h + gap)
        f = Frame(width=cell_w, height=cell_h, left=28, right=8, top=20, bottom=8)
        last = next((v for v in reversed(line.values) if v is not None), None)
        shown = "n/a" if last is None else f"{last:g}"
        parts.append(
            f'<g class="multiple"><rect x="{x0}" y="{y0}" width="{cell_w}" height="{cell_h}" fill="none" stroke="#d0d7de"/>'
        )
        parts.append(
            f'<text x="{x0 + 6}" y="{y0 + 14}" font-weight="700">{escape(line.name.replace("_", " "))}</text>'
            f'<text x="{x0 + cell_w - 6}" y="{y0 + 14}" text-anchor="end">{shown}</text>'
        )
        for value in (0, 50, 100):
            y = y0 + f.y(value)
            parts.append(
                f'<line x1="{x0 + f.left}" y1="{y:.1f}" x2="{x0 + f.left + f.plot_width:.1f}" y2="{y:.1f}" stroke="#eaeef2"/>'
                f'<text x="{x0 + f.left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#57606a" font-size="9">{value}</text>'
            )
        for drawn, colour, width in ((reference, "#c0c4c8", 1.0), (line, line.color, 2.0)):
            count = len(drawn.values)
            points = [
                None if v is None else (x0 + f.x(i, count), y0 + f.y(v))
                for i, v in enumerate(drawn.values)
            ]
            parts += [_polyline(run, colour, width) for run in _segments(points)]
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def _grid(f: Frame, bands: tuple[float, float]) -> list[str]:
    parts = []
    for value in range(0, 101, 20):
        y = f.y(value)
        parts.append(
            f'<line x1="{f.left}" y1="{y:.1f}" x2="{f.left + f.plot_width:.1f}" y2="{y:.1f}" '
            f'stroke="#d0d7de" stroke-width="1"/>'
            f'<text x="{f.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#57606a">{value}</text>'
        )
    for value, name in zip(bands, ("ready with conditions", "ready"), strict=True):
        y = f.y(value)
        parts.append(
            f'<line x1="{f.left}" y1="{y:.1f}" x2="{f.left + f.plot_width:.1f}" y2="{y:.1f}" '
            f'stroke="#7d4e00" stroke-width="1" stroke-dasharray="6 4"><title>{name} from '
            f"{value:g}</title></line>"
        )
    return parts


def _x_axis(f: Frame, labels: list[str], tags: list[list[str]]) -> list[str]:
    """Tags or dates, horizontal, thinned so none overlaps; tagged revisions always labelled
    first, the ends anchored inward so nothing is clipped."""
    parts = []
    count = len(labels)
    base = f.top + f.plot_height
    for index in range(count):
        if index < len(tags) and tags[index]:
            x = f.x(index, count)
            names = escape(", ".join(tags[index]))
            parts.append(
                f'<line x1="{x:.1f}" y1="{f.top}" x2="{x:.1f}" y2="{base:.1f}" stroke="#8c959f" '
                f'stroke-width="1" stroke-dasharray="2 3"><title>tag {names}</title></line>'
            )
    tagged = [i for i in range(count) if i < len(tags) and tags[i]]
    order = [*tagged, count - 1, 0, *range(count)] if count else []
    taken: list[tuple[float, float]] = []
    for index in dict.fromkeys(order):
        label = labels[index]
        x = f.x(index, count)
        width = len(label) * CHAR
        anchor = (
            "start"
            if index == 0 and count > 1
            else "end"
            if index == count - 1 and count > 1
            else "middle"
        )
        left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
        if any(left < b + 8 and a < left + width + 8 for a, b in taken):
            continue
        taken.append((left, left + width))
        weight = ' font-weight="700"' if index in tagged else ""
        parts.append(
            f'<line x1="{x:.1f}" y1="{base:.1f}" x2="{x:.1f}" y2="{base + 4:.1f}" stroke="#8c959f"/>'
            f'<text x="{x:.1f}" y="{base + 16:.1f}" text-anchor="{anchor}" fill="#1f2328"{weight}>{escape(label)}</text>'
        )
    return parts


@dataclass(frozen=True)
class Flips:
    """Aspects that flipped at one revision: counted above the plot, listed in its tooltip."""

    improved: list[str]
    regressed: list[str]


def _flip_marks(f: Frame, count: int, flips: list[Flips]) -> list[str]:
    parts = []
    for index, marks in enumerate(flips):
        if not (marks.improved or marks.regressed):
            continue
        x = f.x(index, count)
        lines = [f"+ {name}" for name in marks.improved] + [f"- {name}" for name in marks.regressed]
        text = ""
        if marks.improved:
            text += f'<tspan fill="#116329">▲{len(marks.improved)}</tspan>'
        if marks.regressed:
            text += f'<tspan fill="#b3261e"> ▼{len(marks.regressed)}</tspan>'
        parts.append(
            f'<text x="{x:.1f}" y="{f.top - 10}" text-anchor="middle" font-weight="700">'
            f"<title>{escape(chr(10).join(lines))}</title>{text}</text>"
        )
    return parts


def _legend(
    f: Frame,
    series: list[Series],
    flips: list[Flips],
    tagged: bool,
    gaps: bool,
    bands: tuple[float, float],
) -> list[str]:
    """Below the axis: every line, and every mark the chart can carry, in words."""
    items: list[tuple[str, str]] = []  # (sample markup at x=0 y=0 translated, text)
    for line in series:
        items.append(
            (
                f'<line x1="{{x}}" y1="{{y}}" x2="{{x18}}" y2="{{y}}" stroke="{line.color}" stroke-width="{line.width + 0.5}"/>',
                f"{line.name} score",
            )
        )
    items.append(
        (
            '<line x1="{x}" y1="{y}" x2="{x18}" y2="{y}" stroke="#7d4e00" stroke-dasharray="6 4"/>',
            f"band thresholds ({bands[0]:g} conditions, {bands[1]:g} ready)",
        )
    )
    if tagged:
        items.append(
            (
                '<line x1="{x9}" y1="{ym}" x2="{x9}" y2="{yp}" stroke="#8c959f" stroke-dasharray="2 3"/>',
                "a tagged revision (tag in bold)",
            )
        )
    if any(m.improved for m in flips):
        items.append(
            (
                '<text x="{x}" y="{yt}" fill="#116329" font-weight="700">▲n</text>',
                "n aspects improved",
            )
        )
    if any(m.regressed for m in flips):
        items.append(
            (
                '<text x="{x}" y="{yt}" fill="#b3261e" font-weight="700">▼n</text>',
                "n aspects regressed",
            )
        )
    if gaps:
        items.append(
            ('<text x="{x}" y="{yt}" fill="#57606a">gap</text>', "not audited, or nothing decided")
        )
    parts = []
    x, y = float(f.left), f.top + f.plot_height + 40.0
    for sample, text in items:
        width = 26 + len(text) * CHAR
        if x + width > f.width - f.right:
            x, y = float(f.left), y + 18
        coords = {
            "x": f"{x:.0f}",
            "x9": f"{x + 9:.0f}",
            "x18": f"{x + 18:.0f}",
            "y": f"{y - 4:.0f}",
            "ym": f"{y - 11:.0f}",
            "yp": f"{y + 2:.0f}",
            "yt": f"{y:.0f}",
        }
        drawn = sample
        for key in sorted(coords, key=len, reverse=True):
            drawn = drawn.replace("{" + key + "}", coords[key])
        parts.append(
            drawn + f'<text x="{x + 24:.0f}" y="{y:.0f}" fill="#1f2328">{escape(text)}</text>'
        )
        x += width + 14
    return parts
