"""Helpers shared by the DATA rules: contract lint verdicts and the datasets code reads."""

from __future__ import annotations

from collections.abc import Callable

from prodready.contracts.paths import line_of
from prodready.contracts.report import FIELD_EVIDENCE
from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Verdict
from prodready.models.contract_facts import ContractFacts
from prodready.models.contract_view import Contract
from prodready.models.references import DCS, ODCS

NO_CONTRACT = "no data contract in the repository"

CONTRACT_REFERENCES = (
    ODCS,
    DCS,
)


def contract_facts(ctx: RuleContext) -> ContractFacts:
    facts = ctx.facts.contracts
    return facts if isinstance(facts, ContractFacts) else ContractFacts()


def report_path(ctx: RuleContext, path: str) -> str | None:
    """``path`` when it is a file of the repository, else the checklist that named it."""
    if path in ctx.facts.files:
        return path
    checklist = ctx.facts.checklist
    return checklist.path if checklist is not None else None


def lint_verdict(
    ctx: RuleContext,
    check: Callable[[Contract], list[tuple[str, str]]],
    fail: str,
    ok: str,
) -> Verdict:
    """Run one lint check over every readable contract; findings point at the field's line."""
    facts = contract_facts(ctx)
    if not facts.files:
        return Verdict.not_applicable(NO_CONTRACT)
    readable = facts.readable()
    if not readable:
        return Verdict.unknown("no contract could be read (see DATA-002)")
    findings = [
        FindingDraft(
            message=f"{item.path}: {message}",
            path=item.path,
            line=line_of(item.lines, field),
            evidence=(f"{FIELD_EVIDENCE}{field}",),
            snippet=f"{field}: {message}",
        )
        for item in readable
        if item.contract is not None
        for field, message in check(item.contract)
    ]
    checked = [item.path for item in readable]
    return Verdict.from_findings(findings, fail=fail, ok=ok, evidence=checked)
