"""Campaigns: "every served model has a monitoring plan by Q3", as a small YAML judged on reports.

```yaml
name: Monitoring plan for every served model
due: 2026-09-30
applies_to: {kinds: [model_service], teams: ["@acme/ml"], repos: ["fraud-*"]}
require:
  aspects: [monitoring.plan_declared]   # must hold; or a mapping {aspect: "yes" | "no"}
  rules: [TEST-001]                            # must pass
```

A requirement is ``met`` only on evidence: a rule that passed, an aspect with the status asked
for. A rule the report did not evaluate, an ``unknown`` rule or aspect, is ``unknown`` and never
met; a suppressed rule is unmet (accepted debt is still debt); a rule that does not apply to the
repository's kind is ``exempt``. A repository meets the campaign when none of its requirements
is unmet or unknown. The burn-up counts, at each date a report was written, the repositories in
scope whose newest report by then met it.
"""

from __future__ import annotations

import fnmatch
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from prodready.errors import InputErrors, Problem, ProdreadyError
from prodready.inputs import read_yaml, yaml_problems
from prodready.portfolio.loading import Report
from prodready.portfolio.model import (
    BurnupPoint,
    CampaignItem,
    CampaignProgress,
    CampaignResult,
    ItemState,
)

_ASPECT_STATES = ("yes", "no")


def good_status(aspect: str) -> str:
    """``no`` for an aspect that names a problem (data committed), else ``yes``."""
    from prodready.aspects import ASPECTS

    spec = ASPECTS.get(aspect)
    return "no" if spec is not None and spec.inverted else "yes"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Scope(_Strict):
    kinds: list[str] = Field(default_factory=list, description="Project kinds; empty: every kind.")
    teams: list[str] = Field(default_factory=list, description="Owner teams; empty: every team.")
    repos: list[str] = Field(
        default_factory=list, description="Repository name globs; empty: every repository."
    )


class Requirements(_Strict):
    rules: list[str] = Field(default_factory=list, description="Rule ids that must pass.")
    aspects: list[str] | dict[str, str] = Field(
        default_factory=list,
        description="Aspects that must hold (yes; no for an aspect that names a problem), "
        "or a mapping of aspect to the status required.",
    )

    @model_validator(mode="after")
    def _something_required(self) -> Requirements:
        if not self.rules and not self.aspects:
            raise ValueError("require at least one rule or aspect")
        if isinstance(self.aspects, dict):
            wrong = [k for k, v in self.aspects.items() if v not in _ASPECT_STATES]
            if wrong:
                raise ValueError(f"aspect status must be yes or no ({', '.join(wrong)})")
        return self

    def listed(self) -> list[tuple[str, str, str]]:
        """(kind, name, wanted) for every requirement, rules first."""
        aspects = (
            {name: good_status(name) for name in self.aspects}
            if isinstance(self.aspects, list)
            else self.aspects
        )
        return [("rule", rule.upper(), "pass") for rule in self.rules] + [
            ("aspect", name, wanted) for name, wanted in aspects.items()
        ]


class Campaign(_Strict):
    name: str
    due: date
    description: str = ""
    applies_to: Scope = Scope()
    require: Requirements
    source: str = Field("", exclude=True)


def load_campaign(path: str) -> Campaign:
    """The campaign file, or every problem in it at once (exit 2)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ProdreadyError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ProdreadyError(f"{path}: not UTF-8 (byte {error.start})") from None
    data, node, problems = read_yaml(path, text)
    if not problems and not isinstance(data, dict):
        problems = [Problem(path, 1, 1, "a campaign is a mapping (name, due, applies_to, require)")]
    problems = problems or yaml_problems(path, data, node, Campaign)
    if problems:
        raise InputErrors(problems)
    return Campaign.model_validate({**data, "source": path})


def in_scope(campaign: Campaign, report: Report) -> bool:
    scope = campaign.applies_to
    view = report.view
    if scope.kinds and view.project.kind not in scope.kinds:
        return False
    if scope.teams and not set(scope.teams) & set(report.teams()[0]):
        return False
    return not scope.repos or any(fnmatch.fnmatchcase(view.repo.name, glob) for glob in scope.repos)


def items_of(campaign: Campaign, report: Report) -> list[CampaignItem]:
    view = report.view
    rules = {rule.rule_id: rule.status for rule in view.results}
    teams = report.teams()[0]
    items = []
    for kind, name, wanted in campaign.require.listed():
        if kind == "rule":
            state, detail = _rule_state(rules.get(name))
        else:
            aspect = view.aspects.get(name)
            status = aspect.status if aspect else None
            if status is None:
                state, detail = ItemState.UNKNOWN, "the report has no such aspect"
            elif status == "unknown":
                state, detail = ItemState.UNKNOWN, "the report could not decide it"
            else:
                state = ItemState.MET if status == wanted else ItemState.UNMET
                detail = f"{status} (wanted {wanted})"
        items.append(
            CampaignItem(
                repo=view.repo.name,
                teams=teams,
                requirement=f"{kind}:{name}",
                state=state,
                detail=detail,
            )
        )
    return items


def _rule_state(status: str | None) -> tuple[ItemState, str]:
    if status is None:
        return ItemState.UNKNOWN, "not evaluated in this report"
    if status == "pass":
        return ItemState.MET, "pass"
    if status == "not_applicable":
        return ItemState.EXEMPT, "does not apply to this kind of repository"
    if status in ("fail", "suppressed"):
        return ItemState.UNMET, status
    return ItemState.UNKNOWN, status


def meets(items: list[CampaignItem]) -> bool:
    return all(item.state in (ItemState.MET, ItemState.EXEMPT) for item in items)


def evaluate(
    campaign: Campaign,
    histories: dict[str, list[Report]],
    as_of: date,
    timelines: dict[str, list[Report]] | None = None,
) -> CampaignResult:
    """Progress per team and overall on each repository's latest report; burn-up over every
    report of the repositories in scope (``timelines``, oldest first; default: the histories)."""
    scoped = {
        name: reports for name, reports in histories.items() if in_scope(campaign, reports[-1])
    }
    items = {name: items_of(campaign, reports[-1]) for name, reports in scoped.items()}
    met = sorted(name for name, repo_items in items.items() if meets(repo_items))
    teams: dict[str, list[str]] = {}
    for name, reports in scoped.items():
        for team in reports[-1].teams()[0]:
            teams.setdefault(team, []).append(name)
    every = [item for name in sorted(items) for item in items[name]]
    overdue = as_of > campaign.due and len(met) < len(scoped)
    return CampaignResult(
        name=campaign.name,
        source=campaign.source,
        due=campaign.due.isoformat(),
        description=campaign.description,
        requirements=[f"{kind}:{name}" for kind, name, _ in campaign.require.listed()],
        overdue=overdue,
        repos=sorted(scoped),
        met_repos=met,
        overall=CampaignProgress(key="overall", repos=len(scoped), met=len(met)),
        teams=[
            CampaignProgress(
                key=team, repos=len(names), met=sum(1 for name in names if name in met)
            )
            for team, names in sorted(teams.items())
        ],
        items=every,
        overdue_items=[item for item in every if item.state in (ItemState.UNMET, ItemState.UNKNOWN)]
        if as_of > campaign.due
        else [],
        burnup=burnup(campaign, {name: (timelines or histories)[name] for name in scoped}),
    )


def burnup(campaign: Campaign, scoped: dict[str, list[Report]]) -> list[BurnupPoint]:
    """At each day a report was written: repositories in scope meeting it by their newest report."""
    days = sorted({r.view.generated_at[:10] for reports in scoped.values() for r in reports})
    points = []
    for day in days:
        met = 0
        for reports in scoped.values():
            known = [r for r in reports if r.view.generated_at[:10] <= day]
            if known and meets(items_of(campaign, known[-1])):
                met += 1
        points.append(BurnupPoint(date=day, met=met, scope=len(scoped)))
    return points
