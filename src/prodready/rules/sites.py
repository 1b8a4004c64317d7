"""A finding at one line of one file, stated the same way by every rule that reports one."""

from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft


def finding_at(
    ctx: RuleContext, path: str, line: int, message: str, *evidence: str
) -> FindingDraft:
    """``path:line`` first in the evidence, and the message says when a notebook's line numbers
    count its code cells, so the site reads the same whichever rule found it."""
    return FindingDraft(
        message=f"{message}{ctx.location_note(path)}",
        path=path,
        line=line,
        evidence=(f"{path}:{line}", *evidence),
    )
