"""Verdict helpers shared by every rule that judges parsed source code."""

from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Verdict


def judge_sources(ctx: RuleContext, findings: list[FindingDraft], fail: str, ok: str) -> Verdict:
    """Fail on findings; otherwise pass only when every source file could be read.

    A file that did not parse may hide exactly what the rule looks for, so
    "nothing found" over a partial view is unknown, not pass (CODE-007 reports the file).
    """
    if findings:
        return Verdict.failed(fail.format(count=len(findings)), findings)
    blind = ctx.unparsable_sources
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
