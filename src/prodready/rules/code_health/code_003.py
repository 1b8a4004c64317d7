from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules._common import judge_sources


class GiantModulesAndFunctions(Rule):
    """Modules and functions too long to read and test as one unit."""

    class Options(NoOptions):
        max_module_lines: int = Field(default=1000, ge=1)
        max_function_lines: int = Field(default=100, ge=1)

    meta = RuleMeta(
        id="CODE-003",
        title="No giant modules or functions",
        category=Category.CODE_HEALTH,
        severity=Severity.LOW,
        rationale=(
            "A thousand-line module or a hundred-line function usually does several jobs at once "
            "(load, clean, featurize, train, report), so no part of it can be tested or reused "
            "alone: the 'glue code' and 'pipeline jungle' debt of Sculley et al. 2015, and the "
            "long-function smell of notebook-grown code."
        ),
        passes_when="No source module is longer than `max_module_lines` (default 1000) and no "
        "function or method in source modules and notebooks is longer than `max_function_lines` "
        "(default 100, from its `def` line to its last line, its docstring not counted).",
        remediation="Split the module by responsibility and extract the steps of long functions "
        "into small named functions, each with its own test.",
        references=(
            SCULLEY_2015,
            "https://pylint.readthedocs.io/en/stable/user_guide/messages/convention/too-many-lines.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        max_module, max_function = self.options.max_module_lines, self.options.max_function_lines
        findings: list[FindingDraft] = []
        for path, unit in ctx.source_units.items():
            if path.endswith(".py") and unit.lines > max_module:
                findings.append(
                    FindingDraft(
                        message=f"module is longer than {max_module} lines",
                        path=path,
                        evidence=(f"{path}: {unit.lines} lines",),
                    )
                )
            for function in unit.functions:
                length = function.end_line - function.line + 1 - function.docstring_lines
                if length > max_function:
                    findings.append(
                        FindingDraft(
                            message=f"`{function.name}` is {length} lines long "
                            f"(limit {max_function}){ctx.location_note(path)}",
                            path=path,
                            line=function.line,
                            evidence=(f"{path}:{function.line} to line {function.end_line}",),
                        )
                    )
        return judge_sources(
            ctx,
            findings,
            fail="{count} giant module(s) or function(s)",
            ok=f"no module above {max_module} lines and no function above {max_function} lines",
        )
