"""From reports to the portfolio: one entry per repository, its history, and rollups by team and kind.

Reports of one repository (by name) form its history, oldest first by the time they were
written; two reports of one commit are one point, the newest kept. The latest report is the
repository's state. Teams are the owners CODEOWNERS gives the whole repository, else the
checklist's ``model.owners``; a repository with two owners counts in both teams' rollups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from statistics import fmean

from prodready import __version__
from prodready.portfolio.campaigns import Campaign, evaluate
from prodready.portfolio.loading import Loaded, Report
from prodready.portfolio.model import (
    AspectChange,
    AuditFailure,
    Changes,
    HistoryPoint,
    PortfolioResult,
    RepoEntry,
    Rollup,
    RuleFailure,
)

_SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def build_portfolio(
    loaded: Loaded,
    sources: list[str],
    as_of: date,
    campaigns: Iterable[Campaign] = (),
    failures: Iterable[AuditFailure] = (),
    now: datetime | None = None,
) -> PortfolioResult:
    notes = list(loaded.notes)
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in loaded.reports:
        groups[report.view.repo.name].append(report)
    entries, histories, superseded = [], {}, []
    # every report, duplicates included: a commit audited again still dates its state
    timelines = {name: sorted(reports, key=_order) for name, reports in groups.items()}
    for name in sorted(groups):
        kept, dropped = _deduplicated(groups[name])
        histories[name] = kept
        superseded += [report.source for report in dropped]
        entries.append(_entry(kept))
    if superseded:
        notes.append(
            f"{len(superseded)} report(s) of a commit reported again later were not used "
            "(the newest report of each commit is; the JSON lists them under superseded)"
        )
    versions = Counter(entry.tool_version for entry in entries)
    if len(versions) > 1:
        mix = ", ".join(f"{version} ({count})" for version, count in sorted(versions.items()))
        notes.append(
            f"latest reports come from {len(versions)} prodready versions: {mix}; "
            "their rule catalogs differ, so compare their scores with care"
        )
    moment = now or datetime.now(UTC)
    return PortfolioResult(
        tool_version=__version__,
        generated_at=moment.isoformat(timespec="seconds"),
        as_of=as_of.isoformat(),
        sources=sources,
        reports_read=len(loaded.reports),
        repos=entries,
        aspect_names=sorted({name for entry in entries for name in entry.aspects}),
        teams=rollups(entries, lambda entry: entry.teams),
        kinds=rollups(entries, lambda entry: [entry.kind]),
        failing_rules=failing_rules([history[-1] for history in histories.values()]),
        campaigns=[evaluate(campaign, histories, as_of, timelines) for campaign in campaigns],
        failures=list(failures),
        superseded=sorted(superseded),
        notes=notes,
    )


def _order(report: Report) -> tuple[str, str]:
    return (_instant(report.view.generated_at), report.source)


def _instant(stamp: str) -> str:
    """An ISO time in UTC, so reports written in different time zones order correctly."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _deduplicated(reports: list[Report]) -> tuple[list[Report], list[Report]]:
    """Oldest first, one report per commit (the newest of that commit); and the others."""
    newest: dict[str, Report] = {}
    dropped = []
    for report in sorted(reports, key=_order):
        key = report.view.repo.commit or f"@{report.view.generated_at}"
        if key in newest:
            dropped.append(newest[key])
        newest[key] = report
    return sorted(newest.values(), key=_order), dropped


def _entry(history: list[Report]) -> RepoEntry:
    latest = history[-1]
    view = latest.view
    teams, team_source = latest.teams()
    return RepoEntry(
        name=view.repo.name,
        kind=view.project.kind,
        score=view.score,
        band=view.band,
        maturity=latest.maturity,
        teams=teams,
        team_source=team_source,  # type: ignore[arg-type]
        generated_at=view.generated_at,
        commit=view.repo.commit,
        branch=view.repo.branch,
        tool_version=view.tool_version,
        schema_version=view.schema_version,
        profile=view.profile,
        source=latest.source,
        aspects={name: aspect.status for name, aspect in sorted(view.aspects.items())},
        failing=sorted({r.rule_id for r in view.results if r.status == "fail"}),
        history=[
            HistoryPoint(
                generated_at=report.view.generated_at,
                commit=report.view.repo.commit,
                score=report.view.score,
                band=report.view.band,
                source=report.source,
            )
            for report in history
        ],
        changes=changes(history[-2], latest) if len(history) > 1 else None,
    )


def changes(before: Report, after: Report) -> Changes:
    old, new = before.view, after.view
    old_rules = {r.rule_id: r.status for r in old.results}
    new_rules = {r.rule_id: r.status for r in new.results}
    aspects = [
        AspectChange(
            aspect=name,
            before=old.aspects[name].status if name in old.aspects else "absent",
            after=new.aspects[name].status if name in new.aspects else "absent",
        )
        for name in sorted(set(old.aspects) | set(new.aspects))
        if (old.aspects.get(name) or _ABSENT).status != (new.aspects.get(name) or _ABSENT).status
    ]
    return Changes(
        previous_generated_at=old.generated_at,
        previous_commit=old.repo.commit,
        score_before=old.score,
        score_after=new.score,
        delta=None if old.score is None or new.score is None else round(new.score - old.score, 1),
        band_before=old.band,
        band_after=new.band,
        aspects=aspects,
        newly_failing=sorted(
            rule
            for rule, status in new_rules.items()
            if status == "fail" and old_rules.get(rule) != "fail"
        ),
        fixed=sorted(
            rule
            for rule, status in old_rules.items()
            if status == "fail" and new_rules.get(rule) == "pass"
        ),
    )


class _Absent:
    status = "absent"


_ABSENT = _Absent()


def rollups(entries: list[RepoEntry], keys_of) -> list[Rollup]:  # type: ignore[no-untyped-def]
    """One rollup per key; a repository with several keys (two owner teams) counts in each."""
    grouped: dict[str, list[RepoEntry]] = defaultdict(list)
    for entry in entries:
        for key in keys_of(entry):
            grouped[key].append(entry)
    result = []
    for key in sorted(grouped):
        members = grouped[key]
        scores = [entry.score for entry in members if entry.score is not None]
        bands: dict[str, int] = defaultdict(int)
        for entry in members:
            bands[entry.band] += 1
        result.append(
            Rollup(
                key=key,
                repos=len(members),
                scored=len(scores),
                mean_score=round(fmean(scores), 1) if scores else None,
                min_score=min(scores) if scores else None,
                bands=dict(sorted(bands.items())),
                failing_rules=sum(len(entry.failing) for entry in members),
                names=[entry.name for entry in members],
            )
        )
    return result


def failing_rules(latest: list[Report]) -> list[RuleFailure]:
    """Rules by how many repositories fail them, most first; info-severity rules left out."""
    failing: dict[str, list[Report]] = defaultdict(list)
    evaluated: dict[str, int] = defaultdict(int)
    meta = {}
    for report in latest:
        for rule in report.view.results:
            if rule.status in ("pass", "fail"):
                evaluated[rule.rule_id] += 1
            if rule.status == "fail" and rule.severity != "info":
                failing[rule.rule_id].append(report)
                meta[rule.rule_id] = rule
    found = [
        RuleFailure(
            rule_id=rule_id,
            title=meta[rule_id].title,
            category=meta[rule_id].category,
            severity=meta[rule_id].severity,
            failing=len(reports),
            evaluated=evaluated[rule_id],
            repos=sorted(report.view.repo.name for report in reports),
            teams=sorted({team for report in reports for team in report.teams()[0]}),
        )
        for rule_id, reports in failing.items()
    ]
    found.sort(key=lambda f: (-f.failing, _SEVERITY_RANK.get(f.severity, 9), f.rule_id))
    return found
