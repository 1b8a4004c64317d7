from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.graph.orphans import find_orphans
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.architecture._common import path_of, repo_graph


class OrphanModules(Rule):
    """Shipping modules nothing imports, runs or names: dead experimental code paths."""

    reads_kind = True  # which sites or modules count depends on the project kind
    meta = RuleMeta(
        id="ARCH-002",
        title="No orphan modules",
        category=Category.ARCHITECTURE,
        severity=Severity.LOW,
        rationale=(
            "A module that no code imports, no pipeline stage or entry point runs and no doc or "
            "CI file names is dead code: an experiment left behind that still has to be read, "
            "kept compiling and kept secure. Sculley et al. 2015 (Hidden Technical Debt in ML "
            "Systems) name these 'dead experimental codepaths'."
        ),
        passes_when="Every shipping module is imported by something (code, tests, a DVC stage, "
        "an entry point), runs as a script (`__main__` guard, a scripts/ or bin/ folder, "
        "top-level statements outside a package), is loaded by convention (`conftest`, `setup`, "
        "`noxfile`...) or is named in a non-Python file. Tests, docs, examples and benchmarks are "
        "not judged; in a library, public package modules are its API.",
        remediation="Delete the module (git keeps it), or wire it in: import it, register it as "
        "an entry point or pipeline stage, or move exploratory code to a notebooks/ or "
        "experiments/ folder that is clearly not shipped.",
        references=(SCULLEY_2015,),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.facts.python:
            return Verdict.not_applicable("no Python modules")
        graph = repo_graph(ctx)
        result = find_orphans(graph, ctx.facts, library=ctx.project.kind == ProjectKind.LIBRARY)
        findings = [
            FindingDraft(
                message=f"`{path_of(graph, node)}` is not imported, run or named anywhere",
                path=path_of(graph, node),
                evidence=("no import, stage, entry point, script marker or mention",),
            )
            for node in result.modules
        ]
        if findings and result.uncertain:
            return Verdict.unknown(
                f"{len(findings)} module(s) look orphaned, but {result.uncertain}",
                [f.path or "" for f in findings],
            )
        return Verdict.from_findings(
            findings, "{count} orphan module(s)", "every shipping module is imported, run or named"
        )
