from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules._common import judge_sources
from prodready.rules.sites import finding_at


class ComplexityHotspots(Rule):
    """Functions whose cyclomatic complexity (radon, McCabe) is above a threshold.

    The default, 15, sits between radon's rank C (11-20, "moderately complex") and
    rank D (21+, "more than moderately complex"): flagging all of rank C drowns a
    data-science codebase in findings, while waiting for rank D lets functions
    through that already need 15+ test cases to cover every path.
    """

    class Options(NoOptions):
        max_complexity: int = Field(default=15, ge=1)

    meta = RuleMeta(
        id="CODE-001",
        title="No cyclomatic-complexity hotspots",
        category=Category.CODE_HEALTH,
        severity=Severity.MEDIUM,
        rationale=(
            "A function with many independent paths (McCabe cyclomatic complexity) needs as many "
            "tests to cover and is where feature and preprocessing bugs hide; in ML code such "
            "functions are typical 'glue code' and 'pipeline jungle' debt (Sculley et al. 2015, "
            "Hidden Technical Debt in ML Systems). The threshold (default 15) lies between radon's "
            "rank C (from 11) and rank D (from 21)."
        ),
        passes_when="Every function and method in source modules and notebooks has a radon "
        "cyclomatic complexity of at most `max_complexity` (default 15).",
        remediation="Split the function: extract each branch family into a small named helper, "
        "replace long if/elif chains by a lookup table, and add a test per extracted piece.",
        references=(
            "https://radon.readthedocs.io/en/latest/intro.html#cyclomatic-complexity",
            "https://doi.org/10.1109/TSE.1976.233837",
            SCULLEY_2015,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        limit = self.options.max_complexity
        findings = [
            finding_at(
                ctx,
                path,
                function.line,
                f"`{function.name}` has cyclomatic complexity {function.complexity} "
                f"(limit {limit})",
            )
            for path, unit in ctx.source_units.items()
            for function in unit.functions
            if function.complexity > limit
        ]
        return judge_sources(
            ctx,
            findings,
            fail="{count} function(s) above cyclomatic complexity " + str(limit),
            ok=f"no function above cyclomatic complexity {limit}",
        )
