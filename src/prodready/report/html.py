"""Self-contained HTML report rendered with jinja2 (autoescaped: repo text is never trusted)."""

from __future__ import annotations

from prodready.models import AuditResult, Status
from prodready.report.presentation import BAND_LABELS, failed_results, where


def render(result: AuditResult) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("prodready.report", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("report.html.j2")
    by_status = {status: [r for r in result.results if r.status == status] for status in Status}
    return template.render(
        result=result,
        band_label=BAND_LABELS[result.band],
        failed=failed_results(result),
        by_status=by_status,
        where=where,
        Status=Status,
    )
