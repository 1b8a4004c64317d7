"""Render a PortfolioResult: JSON (the model), CSV (a row per repository), Markdown and HTML.

Every output renders the one model and computes nothing. Repository names, team names and
rule titles come from reports anyone may upload, so each format makes them inert its own
way: autoescaped HTML, escaped Markdown, spreadsheet formulas guarded in CSV.
"""

from __future__ import annotations

import csv
import io

from prodready.portfolio.model import CampaignResult, PortfolioResult, RepoEntry
from prodready.safe_text import markdown as md
from prodready.safe_text import visible

FORMATS = {"html": "html", "json": "json", "csv": "csv", "markdown": "md"}
BAND_LABELS = {
    "ready": "Ready",
    "ready_with_conditions": "Ready with conditions",
    "not_ready": "Not ready",
    "insufficient_evidence": "Insufficient evidence",
    "unknown": "Unknown",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(result: PortfolioResult, format_name: str) -> str:
    if format_name == "json":
        return result.model_dump_json(indent=2) + "\n"
    if format_name == "csv":
        return to_csv(result)
    if format_name == "markdown":
        return to_markdown(result)
    return to_html(result)


def band_label(band: str) -> str:
    return BAND_LABELS.get(band, band.replace("_", " ").capitalize())


def number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def campaign_state(campaign: CampaignResult, repo: str) -> str:
    if repo not in campaign.repos:
        return "out of scope"
    return "met" if repo in campaign.met_repos else "not met"


# ----------------------------------------------------------------------------- CSV


def _guard(text: str) -> str:
    """Names are free text: keep spreadsheets from reading one as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(result: PortfolioResult) -> str:
    columns = [
        "repo", "kind", "score", "band", "maturity", "teams", "team_source", "generated_at",
        "commit", "branch", "tool_version", "schema_version", "failing_rules", "score_change",
        "reports", "source",
        *(f"aspect:{name}" for name in result.aspect_names),
        *(f"campaign:{campaign.name}" for campaign in result.campaigns),
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_guard(visible(column)) for column in columns])
    for repo in result.repos:
        change = repo.changes.delta if repo.changes else None
        row = [
            repo.name, repo.kind, number(repo.score), repo.band, repo.maturity or "",
            " ".join(repo.teams), repo.team_source, repo.generated_at, repo.commit or "",
            repo.branch or "", repo.tool_version, repo.schema_version, str(len(repo.failing)),
            "" if change is None else f"{change:+g}", str(len(repo.history)), repo.source,
            *(repo.aspects.get(name, "") for name in result.aspect_names),
            *(campaign_state(campaign, repo.name) for campaign in result.campaigns),
        ]  # fmt: skip
        writer.writerow([_guard(visible(str(value))) for value in row])
    return buffer.getvalue()


# ----------------------------------------------------------------------------- Markdown


def to_markdown(result: PortfolioResult) -> str:
    lines = [
        "# Readiness portfolio",
        "",
        f"{len(result.repos)} repositories from {result.reports_read} reports · "
        f"campaigns judged on {result.as_of} · prodready {result.tool_version}",
        "",
    ]
    for campaign in result.campaigns:
        lines += _campaign_markdown(campaign)
    lines += [
        "## Repositories",
        "",
        "| repository | kind | score | change | band | maturity | teams | report | commit |",
        "|---|---|---:|---:|---|---|---|---|---|",
    ]
    for repo in result.repos:
        lines.append(
            f"| {md(repo.name)} | {md(repo.kind)} | {number(repo.score)} | {_delta(repo)} | "
            f"{md(band_label(repo.band))} | {md(repo.maturity or '-')} | "
            f"{', '.join(md(team) for team in repo.teams)} | {repo.generated_at[:10]} | "
            f"{(repo.commit or '-')[:10]} |"
        )
    for title, rollups in (("Teams", result.teams), ("Kinds", result.kinds)):
        lines += [
            "",
            f"## {title}",
            "",
            "| | repositories | mean score | lowest | not ready | failing rules |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {md(r.key)} | {r.repos} | {number(r.mean_score)} | {number(r.min_score)} | "
            f"{r.bands.get('not_ready', 0)} | {r.failing_rules} |"
            for r in rollups
        ]
    lines += [
        "",
        "## Rules failing most",
        "",
        "| rule | severity | failing | of | title |",
        "|---|---|---:|---:|---|",
    ]
    lines += [
        f"| {md(f.rule_id)} | {md(f.severity)} | {f.failing} | {f.evaluated} | {md(f.title)} |"
        for f in result.failing_rules[:20]
    ]
    extra = [f"- audit failed: {md(f.target)}: {md(f.message)}" for f in result.failures]
    extra += [f"- {md(note)}" for note in result.notes]
    if extra:
        lines += ["", "## Notes", "", *extra]
    return "\n".join(lines) + "\n"


def _delta(repo: RepoEntry) -> str:
    change = repo.changes.delta if repo.changes else None
    return "" if change is None else f"{change:+g}"


def _campaign_markdown(campaign: CampaignResult) -> list[str]:
    status = "**overdue**" if campaign.overdue else f"due {campaign.due}"
    lines = [
        f"## Campaign: {md(campaign.name)}",
        "",
        f"{campaign.overall.met} of {campaign.overall.repos} repositories "
        f"({campaign.overall.percent:g}%) · {status} · requires "
        + ", ".join(md(requirement) for requirement in campaign.requirements),
        "",
        "| team | met | of | % |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {md(t.key)} | {t.met} | {t.repos} | {t.percent:g} |" for t in campaign.teams]
    if campaign.overdue_items:
        lines += ["", "Overdue:", ""]
        lines += [
            f"- {md(item.repo)}: {md(item.requirement)} {item.state.value} ({md(item.detail)})"
            for item in campaign.overdue_items
        ]
    return [*lines, ""]


# ----------------------------------------------------------------------------- HTML


def to_html(result: PortfolioResult) -> str:
    from markupsafe import Markup

    from prodready.portfolio.campaigns import good_status
    from prodready.portfolio.chart import burnup_svg
    from prodready.report.templating import template_environment
    from prodready.trend.chart import sparkline_svg

    environment = template_environment("prodready.portfolio")
    environment.filters["num"] = number
    environment.filters["band"] = band_label
    template = environment.get_template("portfolio.html.j2")
    # both charts are drawn from numbers and escape every text they embed
    sparklines = {
        repo.name: Markup(sparkline_svg([p.score for p in repo.history]))
        for repo in result.repos
        if len(repo.history) > 1
    }
    burnups = {c.name: Markup(burnup_svg(c.burnup)) for c in result.campaigns if c.burnup}
    good = {name: good_status(name) for name in result.aspect_names}
    return template.render(
        result=result,
        sparklines=sparklines,
        burnups=burnups,
        campaign_state=campaign_state,
        good=good,
        top_rules=result.failing_rules[:25],
    )
