from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.graph.queries import experimental_imports
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.architecture._common import has_code, label, path_of, repo_graph


class ExperimentalImports(Rule):
    """Shipping code that depends on notebooks, experiments or scratch folders."""

    meta = RuleMeta(
        id="ARCH-003",
        title="Shipping code does not import notebooks or experiments",
        category=Category.ARCHITECTURE,
        severity=Severity.MEDIUM,
        rationale=(
            "Serving and library code that imports from notebooks/, experiments/ or scratch/ "
            "ships exploratory code nobody reviews or tests as product code, and breaks when the "
            "experiment is edited or deleted: the 'pipeline jungle' and 'dead experimental "
            "codepaths' of Sculley et al. 2015 (Hidden Technical Debt in ML Systems)."
        ),
        passes_when="No module outside tests, docs and experiment folders imports a notebook or "
        "a module under notebooks/, experiments/, scratch/, sandbox/, playground/, prototypes/ "
        "or drafts/ (a subpackage of that name inside a regular package is product code).",
        remediation="Move the code that is needed into the package (with tests) and import it "
        "from there; notebooks and experiments may import the package, never the reverse.",
        references=(SCULLEY_2015,),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not has_code(ctx):
            return Verdict.not_applicable("no Python code")
        graph = repo_graph(ctx)
        findings = [
            FindingDraft(
                message=f"`{label(graph, source)}` imports `{label(graph, target)}` "
                f"({path_of(graph, target)}), which is exploratory code",
                path=path_of(graph, source),
                line=line,
                evidence=(f"{path_of(graph, source)}:{line} -> {path_of(graph, target)}",),
            )
            for source, target, line in experimental_imports(graph)
        ]
        return Verdict.from_findings(
            findings,
            "{count} import(s) of notebooks or experiment code from shipping code",
            "shipping code does not import notebooks or experiment folders",
        )
