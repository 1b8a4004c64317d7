"""Self-contained HTML report for sign-off, rendered with jinja2.

Page 1 is the decision (verdict, commit, open items, sign-off); the detail follows
as an appendix, bounded per rule so a 3,000-module repository still prints to a
readable document. Autoescaped: file names, messages and checklist text come from
the audited repository and are never trusted. Everything shown comes from the result model.
"""

from __future__ import annotations

import re

from prodready.models import AuditResult, Status
from prodready.report.decision import decide, open_items
from prodready.report.presentation import (
    BAND_LABELS,
    CATEGORY_LABELS,
    CLAIM_LABELS,
    GATE_LABELS,
    accepted_debt,
    changed_banner,
    debt_summary,
    where,
)
from prodready.report.svg_safe import http_url, safe_svg

FINDINGS_PER_RULE = 8  # the rest is in the JSON and SARIF, which the appendix says
PAGE_ONE_ITEMS = 5  # open items that fit page 1 beside the verdict and the sign-off block
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_SENTENCE_END = re.compile(r"[.;](?=\s)")
_CSS_SAFE = re.compile(r"[A-Za-z0-9 ._-]")


def render(result: AuditResult) -> str:

    from prodready.report.templating import template_environment

    environment = template_environment("prodready.report")
    environment.filters.update(
        num=lambda value: "n/a" if value is None else f"{value:g}",
        http_url=http_url,
        category=lambda value: CATEGORY_LABELS.get(value, value.replace("_", " ").capitalize()),
        code=inline_code,
        css_string=css_string,
        brief=brief,
        meter=meter_class,
    )
    template = environment.get_template("report.html.j2")
    items = open_items(result)
    return template.render(
        result=result,
        band_label=BAND_LABELS[result.band],
        decision=decide(result, items),
        items=items,
        page_one_items=PAGE_ONE_ITEMS,
        per_rule=FINDINGS_PER_RULE,
        debt=debt_summary(result),
        changed=changed_banner(result),
        accepted_debt=accepted_debt,
        suppressed=[r for r in result.results if r.status == Status.SUPPRESSED],
        docs={doc.id: doc for doc in result.rule_docs},
        claim_counts=_claim_counts(result),
        claim_labels=CLAIM_LABELS,
        gate_labels=GATE_LABELS,
        where=where,
        Status=Status,
        sparkline=_sparkline(result),
        graph_svg=_graph_svg(result),
    )


def inline_code(text: object) -> str:
    """Escape ``text``, then show its Markdown code spans (`like this`) as ``<code>``."""
    from markupsafe import Markup, escape

    escaped = str(escape(str(text)))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


def css_string(text: object) -> str:
    """``text`` as the body of a CSS string: anything but plain letters is a hex escape.

    The running header puts the repository name and commit into ``content: "..."``;
    a quote, backslash or ``</style>`` in a hostile name stays inert text.
    """
    from markupsafe import Markup

    return Markup(
        "".join(ch if _CSS_SAFE.match(ch) else f"\\{ord(ch):06x}" for ch in str(text)[:120])
    )


def first_sentence(text: object) -> str:
    """The first sentence: page 1 names the fix, the appendix gives it whole.

    A stop inside parentheses or a code span, or after "e.g.", does not end it.
    """
    text = str(text)
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start() + 1]
        balanced = head.count("(") == head.count(")") and head.count("`") % 2 == 0
        if balanced and not head.endswith(("e.g.", "i.e.", "etc.", " al.")):
            return head.rstrip(";")
    return text


def brief(text: object, limit: int = 150) -> str:
    """The first sentence, cut at a word under ``limit`` characters; a code span is never cut
    in half (its lone backtick would show)."""
    sentence = first_sentence(text)
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    if cut.count("`") % 2:
        cut = cut[: cut.rindex("`")].rstrip()
    return cut.rstrip(",;:(") + "…"


def meter_class(score: float | None) -> str:
    """The colour of a score bar, on the same thresholds as the default bands."""
    if score is None:
        return "none"
    return "ok" if score >= 80 else "warn" if score >= 60 else "bad"


def _claim_counts(result: AuditResult) -> dict[str, int]:
    counts = dict.fromkeys(CLAIM_LABELS, 0)
    for claim in result.checklist.claims if result.checklist else []:
        counts[claim.status.value] = counts.get(claim.status.value, 0) + 1
    return {status: count for status, count in counts.items() if count}


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
