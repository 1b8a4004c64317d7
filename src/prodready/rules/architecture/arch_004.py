from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.graph.queries import fan_in, is_source, nodes_of
from prodready.graph.schema import NodeType
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.architecture._common import path_of, repo_graph


class CentralHotspots(Rule):
    """Modules many others depend on that are also complex or changed all the time."""

    class Options(NoOptions):
        min_fan_in: int = Field(default=5, ge=2, description="Importing modules that make a hub.")
        max_complexity: int = Field(default=15, ge=1, description="Worst function complexity.")
        min_commits: int = Field(default=20, ge=2, description="Commits that make a file churn.")

    meta = RuleMeta(
        id="ARCH-004",
        title="Central modules are not complexity or churn hotspots",
        category=Category.ARCHITECTURE,
        severity=Severity.MEDIUM,
        rationale=(
            "A module imported by many others is where a change or a bug spreads furthest; when it "
            "is also complex or changes constantly it is the costliest debt in the codebase "
            "(Tornhill, 'Your Code as a Crime Scene': hotspots; Sculley et al. 2015: "
            "entanglement and glue code)."
        ),
        passes_when="No shipping module imported by at least `min_fan_in` (5) shipping modules "
        "has a function above `max_complexity` (15) or at least `min_commits` (20) commits in "
        "the scanned history.",
        remediation="Split the hub: keep the stable, widely used part small and simple, move the "
        "complex or fast-changing logic behind it into modules fewer callers depend on, and "
        "cover it with tests before refactoring.",
        references=(
            SCULLEY_2015,
            "https://pragprog.com/titles/atcrime2/your-code-as-a-crime-scene-second-edition/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.facts.python:
            return Verdict.not_applicable("no Python modules")
        graph = repo_graph(ctx)
        options = self.options
        git = ctx.facts.git
        findings, undecided = [], []
        for node in nodes_of(graph, NodeType.MODULE):
            path = path_of(graph, node) or ""
            dependents = fan_in(graph, node)
            if len(dependents) < options.min_fan_in or not is_source(path):
                continue
            unit = ctx.facts.python.get(path)
            worst = max((f.complexity for f in unit.functions), default=0) if unit else 0
            history = git.files.get(path)
            commits = history.commits if history else 0
            reasons = []
            if worst > options.max_complexity:
                reasons.append(f"a function of complexity {worst}")
            if git.has_history and commits >= options.min_commits:
                reasons.append(f"{commits} commits")
            if reasons:
                findings.append(
                    FindingDraft(
                        message=f"`{path}` is imported by {len(dependents)} modules and has "
                        + " and ".join(reasons),
                        path=path,
                        evidence=(f"imported by: {_names(graph, dependents)}",),
                    )
                )
            elif not git.has_history:
                undecided.append(path)
        if not findings and undecided:
            return Verdict.unknown(
                f"no git history ({git.history_error or git.reason}) to tell whether the "
                f"central modules churn: {', '.join(undecided)}"
            )
        return Verdict.from_findings(
            findings,
            "{count} central module(s) that are also hotspots",
            "no widely imported module is also a complexity or churn hotspot",
        )


def _names(graph, nodes: list[str], limit: int = 8) -> str:  # type: ignore[no-untyped-def]
    names = sorted(str(graph.nodes[node]["label"]) for node in nodes)
    return ", ".join(names[:limit]) + (
        f" and {len(names) - limit} more" if len(names) > limit else ""
    )
