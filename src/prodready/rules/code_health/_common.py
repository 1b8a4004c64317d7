"""Helpers shared by the code-health and ML-smell rules, which all judge parsed source code."""

from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Verdict


def unparsable_sources(ctx: RuleContext) -> list[str]:
    """Source modules and notebooks the scanners could not parse: no AST rule can see into them."""
    broken = [path for path, unit in ctx.facts.python.items() if unit.parse_error]
    broken += [path for path, notebook in ctx.facts.notebooks.items() if notebook.parse_error]
    return sorted(path for path in broken if ctx.is_source_path(path))


def judge_sources(ctx: RuleContext, findings: list[FindingDraft], fail: str, ok: str) -> Verdict:
    """Fail on findings; otherwise pass only when every source file could be read.

    A file that did not parse may hide exactly what the rule looks for, so
    "nothing found" over a partial view is unknown, not pass (CODE-007 reports the file).
    """
    if findings:
        return Verdict.failed(fail.format(count=len(findings)), findings)
    blind = unparsable_sources(ctx)
    if blind:
        shown = ", ".join(blind[:5]) + (" ..." if len(blind) > 5 else "")
        return Verdict.unknown(
            f"{ok} in the parsed code, but {len(blind)} source file(s) could not be parsed "
            f"(see CODE-007): {shown}",
            blind,
        )
    if not ctx.source_units:
        return Verdict.not_applicable("no Python source code (modules or notebooks)")
    return Verdict.passed(ok)
