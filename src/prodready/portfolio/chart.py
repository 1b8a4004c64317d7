"""A campaign's burn-up as an inline SVG: repositories meeting it against the scope, day by day.

Drawn here from numbers so the portfolio stays one self-contained file with no script; the
only text, the dates, is escaped.
"""

from __future__ import annotations

from html import escape

from prodready.portfolio.model import BurnupPoint

_MET, _SCOPE = "#116329", "#57606a"


def burnup_svg(points: list[BurnupPoint], width: int = 560, height: int = 200) -> str:
    left, right, top, bottom = 36, 16, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([1, *(p.scope for p in points)])
    count = len(points)

    def x(index: int) -> float:
        return left + (index * plot_w / (count - 1) if count > 1 else plot_w / 2)

    def y(value: int) -> float:
        return top + (1 - value / peak) * plot_h

    summary = (
        f"Repositories meeting the campaign: {points[0].met} of {points[0].scope} on "
        f"{points[0].date}, {points[-1].met} of {points[-1].scope} on {points[-1].date}"
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="burnup" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(summary)}" '
        f'font-family="system-ui, sans-serif" font-size="11"><title>{escape(summary)}</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#d0d7de"/>',
        f'<text x="{left - 6}" y="{y(peak) + 4:.1f}" text-anchor="end" fill="#57606a">{peak}</text>',
        f'<text x="{left - 6}" y="{y(0) + 4:.1f}" text-anchor="end" fill="#57606a">0</text>',
    ]
    for values, color, dash in (
        ([p.scope for p in points], _SCOPE, ' stroke-dasharray="5 4"'),
        ([p.met for p in points], _MET, ""),
    ):
        coords = []
        for index, value in enumerate(values):  # a step: the count holds until the next report
            if index:
                coords.append(f"{x(index):.1f},{y(values[index - 1]):.1f}")
            coords.append(f"{x(index):.1f},{y(value):.1f}")
        parts.append(
            f'<polyline points="{" ".join(coords)}" fill="none" stroke="{color}" '
            f'stroke-width="2"{dash}/>'
        )
    for index, point in enumerate(points):
        tip = f"{point.date}: {point.met} of {point.scope}"
        parts.append(
            f'<circle cx="{x(index):.1f}" cy="{y(point.met):.1f}" r="3" fill="{_MET}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    every = max(1, -(-count // 8))
    for index, point in enumerate(points):
        if index % every and index != count - 1:
            continue
        anchor = "start" if index == 0 and count > 1 else "end" if index == count - 1 else "middle"
        if count == 1:
            anchor = "middle"
        parts.append(
            f'<text x="{x(index):.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}" '
            f'fill="#1f2328">{escape(point.date)}</text>'
        )
    parts.append(
        f'<text x="{left}" y="{height - 6}" fill="{_MET}">— meeting it</text>'
        f'<text x="{left + 110}" y="{height - 6}" fill="{_SCOPE}">- - in scope</text></svg>'
    )
    return "".join(parts)
