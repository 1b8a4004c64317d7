"""Self-contained HTML report for sign-off, rendered with jinja2.

Autoescaped: file names, messages and checklist text come from the audited
repository and are never trusted. Everything shown comes from the result model.
"""

from __future__ import annotations

from prodready.models import AuditResult, Status
from prodready.report.presentation import (
    BAND_LABELS,
    CATEGORY_LABELS,
    CLAIM_LABELS,
    GATE_LABELS,
    RECOMMENDATIONS,
    accepted_debt,
    blockers,
    changed_banner,
    debt_summary,
    failed_results,
    grouped_findings,
    where,
)
from prodready.report.svg_safe import http_url, safe_svg


def render(result: AuditResult) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("prodready.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["num"] = lambda value: "n/a" if value is None else f"{value:g}"
    environment.filters["http_url"] = http_url
    environment.filters["category"] = lambda value: CATEGORY_LABELS.get(
        value, value.replace("_", " ").capitalize()
    )
    template = environment.get_template("report.html.j2")
    docs = {doc.id: doc for doc in result.rule_docs}
    return template.render(
        result=result,
        band_label=BAND_LABELS[result.band],
        recommendation=RECOMMENDATIONS[result.band],
        blockers=blockers(result),
        debt=debt_summary(result),
        changed=changed_banner(result),
        accepted_debt=accepted_debt,
        failed=failed_results(result),
        groups=grouped_findings(result),
        docs=docs,
        claim_labels=CLAIM_LABELS,
        gate_labels=GATE_LABELS,
        where=where,
        Status=Status,
        sparkline=_sparkline(result),
        graph_svg=_graph_svg(result),
    )


def _graph_svg(result: AuditResult) -> str | None:
    """The dependency graph SVG, rebuilt from an allow-list: a saved report may be crafted."""
    from markupsafe import Markup

    graph = getattr(result, "graph", None)
    svg = getattr(graph, "svg", None) if graph is not None else None
    clean = safe_svg(svg) if svg else None
    return Markup(clean) if clean else None


def _sparkline(result: AuditResult) -> str | None:
    """Previous and current score as a tiny inline SVG (numbers only: nothing to escape)."""
    from markupsafe import Markup

    comparison = result.comparison
    if comparison is None or comparison.score_before is None or comparison.score_after is None:
        return None
    points = [comparison.score_before, comparison.score_after]
    width, height = 120, 32
    coords = " ".join(
        f"{i * (width - 8) + 4:.0f},{height - 4 - p / 100 * (height - 8):.1f}"
        for i, p in enumerate(points)
    )
    return Markup(
        f'<svg class="spark" role="img" aria-label="score {points[0]:g} then {points[1]:g}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><polyline fill="none" stroke="currentColor" stroke-width="2" points="{coords}"/></svg>'
    )
