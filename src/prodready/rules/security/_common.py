"""Helpers shared by the security rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft
from prodready.scanners.facts import CallFact, PythonFacts


def call_findings(
    ctx: RuleContext,
    units: Mapping[str, PythonFacts],
    problem: Callable[[CallFact], str | None],
) -> list[FindingDraft]:
    """One finding per call site for which ``problem`` names what is wrong."""
    findings = []
    for path, unit in units.items():
        for call in unit.calls:
            text = problem(call)
            if text:
                findings.append(
                    FindingDraft(
                        message=f"`{call.name}` {text}{ctx.location_note(path)}",
                        path=path,
                        line=call.line,
                        evidence=(f"{path}:{call.line}",),
                    )
                )
    return findings
