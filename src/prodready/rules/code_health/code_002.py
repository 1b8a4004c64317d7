from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules._common import judge_sources


class LowMaintainability(Rule):
    """Source modules with a radon maintainability index in rank C (below 10).

    Small modules are skipped: MI mixes volume, complexity and line counts, and on a
    few dozen lines it swings too much to mean anything.
    """

    class Options(NoOptions):
        min_maintainability: float = Field(default=10.0, ge=0, le=100)
        min_lines: int = Field(default=50, ge=0)

    meta = RuleMeta(
        id="CODE-002",
        title="Source modules are maintainable",
        category=Category.CODE_HEALTH,
        severity=Severity.MEDIUM,
        rationale=(
            "The maintainability index (Halstead volume, cyclomatic complexity, lines and comments; "
            "radon's variant, 0-100) flags modules that are expensive and risky to change. Radon "
            "ranks below 10 as C, 'extremely low'. ML code that is hard to change stays as it was "
            "prototyped (Sculley et al. 2015, Hidden Technical Debt in ML Systems)."
        ),
        passes_when="Every source module with at least `min_lines` lines (default 50) has a "
        "maintainability index of at least `min_maintainability` (default 10, radon rank B or A).",
        remediation="Split the module by responsibility, break up its most complex functions "
        "(see CODE-001), remove dead and duplicated code, and document what remains.",
        references=(
            "https://radon.readthedocs.io/en/latest/intro.html#maintainability-index",
            SCULLEY_2015,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        floor = self.options.min_maintainability
        modules = [
            path for path in [*ctx.source_units, *ctx.unparsable_sources] if path.endswith(".py")
        ]
        if not modules:
            return Verdict.not_applicable("no Python source modules (notebooks are not judged)")
        findings = [
            FindingDraft(
                message=f"maintainability index below {floor:g}"
                + (" (radon rank C)" if floor == 10 else ""),
                path=path,
                evidence=(f"{path}: MI {unit.maintainability:.1f} over {unit.lines} lines",),
            )
            for path, unit in ctx.source_units.items()
            if path.endswith(".py")
            and unit.maintainability is not None
            and unit.maintainability < floor
            and unit.lines >= self.options.min_lines
        ]
        return judge_sources(
            ctx,
            findings,
            fail="{count} module(s) with a maintainability index below " + f"{floor:g}",
            ok=f"every source module has a maintainability index of at least {floor:g}",
        )
