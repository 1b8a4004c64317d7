from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import DCS, ODCS
from prodready.rules.data._common import FIELD_EVIDENCE, NO_CONTRACT, contract_facts, report_path


class ContractSchemaValid(Rule):
    """Invalid contracts look like promises but no tool can enforce them."""

    meta = RuleMeta(
        id="DATA-002",
        title="Data contracts are valid for their version",
        category=Category.DATA,
        severity=Severity.HIGH,
        rationale=(
            "A contract that does not validate is silently ignored or misread by the tools meant to "
            "enforce it (datacontract-cli, catalogs, quality engines), so the data it describes is "
            "effectively unprotected (ML Test Score, Data 1: feature expectations are captured in a "
            "schema)."
        ),
        passes_when="Every contract parses as YAML and validates: ODCS v3 against the official "
        "JSON Schema (bundled v3.2.0, with the upstream #322 fix), the Data Contract "
        "Specification against its fields; paths listed in prodready.yaml exist inside the repo.",
        remediation="Fix each field named in the findings; `datacontract lint <file>` reports the "
        "same problems.",
        references=(
            ODCS,
            "https://github.com/bitol-io/open-data-contract-standard/tree/main/schema",
            DCS,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        facts = contract_facts(ctx)
        if not facts.files:
            return Verdict.not_applicable(NO_CONTRACT)
        findings = [
            FindingDraft(
                message=f"{item.path}: {problem.field + ': ' if problem.field else ''}"
                f"{problem.message}",
                path=report_path(ctx, item.path),
                line=problem.line if item.path in ctx.facts.files else None,
                evidence=(f"{FIELD_EVIDENCE}{problem.field}",) if problem.field else (),
                snippet=f"{item.path}:{problem.field}:{problem.message}",
            )
            for item in facts.files
            for problem in item.problems
        ]
        checked = [
            f"{item.path}: {item.schema_checked}" for item in facts.files if item.schema_checked
        ]
        if findings:
            return Verdict.failed(f"{len(findings)} contract problem(s)", findings, checked)
        unsupported = [
            f"{item.path}: {item.unsupported}" for item in facts.files if item.unsupported
        ]
        if unsupported:
            return Verdict.unknown("some contracts cannot be validated", unsupported)
        return Verdict.passed(f"{len(facts.files)} contract(s) valid", checked)
