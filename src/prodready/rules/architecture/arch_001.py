from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.graph.cycles import import_cycles
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.architecture._common import has_code, label, path_of, repo_graph


class ImportCycles(Rule):
    """Modules that import each other, directly or around a loop."""

    class Options(NoOptions):
        include_package_inits: bool = Field(
            default=False,
            description="Also count a module importing from its own package's __init__.",
        )

    meta = RuleMeta(
        id="ARCH-001",
        title="No import cycles between modules",
        category=Category.ARCHITECTURE,
        severity=Severity.MEDIUM,
        rationale=(
            "Modules in a cycle cannot be understood, tested or changed alone: a change to one "
            "ripples around the loop, and the import order decides whether the program starts "
            "(partially initialized modules). Cycles are the entanglement Sculley et al. 2015 "
            "(Hidden Technical Debt in ML Systems) call CACE: changing anything changes everything."
        ),
        passes_when="No repository module reaches itself through imports executed at run time "
        "(imports under `if TYPE_CHECKING:` and a module importing its own package's "
        "`__init__` are not counted).",
        remediation="Break each cycle: move what both modules need into a third, lower-level "
        "module, or invert the dependency (pass a function or object in instead of importing it).",
        references=(
            SCULLEY_2015,
            "https://pylint.readthedocs.io/en/stable/user_guide/messages/refactor/cyclic-import.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not has_code(ctx):
            return Verdict.not_applicable("no Python code")
        graph = repo_graph(ctx)
        cycles = import_cycles(graph, self.options.include_package_inits)
        findings = []
        for cycle in cycles:
            names = [label(graph, node) for node in cycle]
            steps = []
            for source, target in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
                line = graph.edges[source, target].get("line")
                steps.append(f"{path_of(graph, source)}:{line} imports {label(graph, target)}")
            first = cycle[0]
            findings.append(
                FindingDraft(
                    message=f"import cycle: {' -> '.join([*names, names[0]])}",
                    path=path_of(graph, first),
                    line=graph.edges[first, cycle[1]].get("line"),
                    evidence=tuple(steps),
                )
            )
        return Verdict.from_findings(
            findings, "{count} import cycle(s)", "no import cycles between repository modules"
        )
