"""Helpers shared by the security rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft
from prodready.rules.sites import finding_at
from prodready.scanners.facts import CallFact, PythonFacts


def call_findings(
    ctx: RuleContext,
    units: Mapping[str, PythonFacts],
    problem: Callable[[CallFact], str | None],
) -> list[FindingDraft]:
    """One finding per call site for which ``problem`` names what is wrong."""
    return [
        finding_at(ctx, path, call.line, f"`{call.name}` {text}")
        for path, unit in units.items()
        for call in unit.calls
        if (text := problem(call))
    ]
