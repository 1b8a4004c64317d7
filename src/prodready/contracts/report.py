"""The ``contracts`` section of the audit result, and its plain-text rendering for the CLI.

Schema problems and sample tests come from the scanner facts; lint problems are the
findings of the DATA lint rules, so ``--ignore``, suppressions and the baseline apply
to them exactly as to the rest of the audit.
"""

from __future__ import annotations

from typing import Any

from prodready.models import ContractProblem, ContractReport, RuleResult, Status
from prodready.models.contract_facts import ContractFacts, ContractSamples
from prodready.safe_text import visible

FIELD_EVIDENCE = "field: "
LINT_RULES = frozenset(f"DATA-{number:03d}" for number in range(3, 12))


def contract_reports(
    facts: Any, results: list[RuleResult], samples: ContractSamples | None = None
) -> list[ContractReport]:
    """``samples``: the audit's sample data tests, by contract path."""
    contracts = getattr(facts, "contracts", None)
    if not isinstance(contracts, ContractFacts):
        return []
    lint = _lint_problems(results)
    return [
        ContractReport(
            path=item.path,
            format=item.format,
            version=item.version,
            schema_checked=item.schema_checked,
            dataset=item.contract.dataset if item.contract else None,
            valid=item.valid,
            problems=[
                *item.problems,
                *([ContractProblem(message=item.unsupported)] if item.unsupported else []),
                *lint.get(item.path, []),
            ],
            samples=list((samples or {}).get(item.path, ())),
        )
        for item in contracts.files
    ]


def _lint_problems(results: list[RuleResult]) -> dict[str, list[ContractProblem]]:
    found: dict[str, list[ContractProblem]] = {}
    for result in results:
        if result.rule_id not in LINT_RULES or result.status != Status.FAIL:
            continue
        for finding in result.findings:
            path = finding.location.path
            if path is None or finding.suppression is not None:
                continue
            field = next(
                (
                    item.removeprefix(FIELD_EVIDENCE)
                    for item in finding.evidence
                    if item.startswith(FIELD_EVIDENCE)
                ),
                None,
            )
            found.setdefault(path, []).append(
                ContractProblem(
                    rule_id=result.rule_id,
                    field=field,
                    line=finding.location.line,
                    message=finding.message.removeprefix(f"{path}: "),
                )
            )
    return found


def failing(report: ContractReport) -> bool:
    """A problem, an unreadable sample, or a failing check that is not merely indicative."""
    return bool(report.problems) or any(
        sample.error or any(t.status == Status.FAIL and not t.indicative for t in sample.tests)
        for sample in report.samples
    )


def render_text(reports: list[ContractReport]) -> str:
    if not reports:
        return (
            "no data contract found (*.odcs.yaml, kind: DataContract, dataContractSpecification)\n"
        )
    lines: list[str] = []
    for report in reports:  # contract text is repository text: control characters made visible
        lines.extend(visible(line) for line in _contract_lines(report))
        lines.append("")
    bad = sum(1 for report in reports if failing(report))
    lines.append(f"{len(reports)} contract(s), {bad} with problems or failing data")
    return "\n".join(lines) + "\n"


def _contract_lines(report: ContractReport) -> list[str]:
    state = {True: "valid", False: "INVALID", None: "not validated"}[report.valid]
    kind = {"odcs": "ODCS", "dcs": "Data Contract Specification"}.get(
        report.format, "unknown format"
    )
    head = f"{report.path}  [{kind} {report.version or '?'}, {state}]"
    lines = [head + (f"  dataset: {report.dataset}" if report.dataset else "")]
    if report.schema_checked:
        lines.append(f"  checked with: {report.schema_checked}")
    if report.problems:
        lines.append(f"  problems ({len(report.problems)}):")
        for problem in report.problems:
            where = f"line {problem.line}, " if problem.line else ""
            field = f"{problem.field}: " if problem.field else ""
            rule = f"{problem.rule_id} " if problem.rule_id else ""
            lines.append(f"    {rule}{where}{field}{problem.message}")
    else:
        lines.append("  problems: none")
    if not report.samples:
        lines.append("  sample data: none tied to this contract")
    for sample in report.samples:
        lines.extend(_sample_lines(sample))
    return lines


def _sample_lines(sample: Any) -> list[str]:
    what = f"table {sample.table}, " if sample.table else ""
    lines = [
        f"  sample {sample.path} ({what}{sample.format or '?'}, {sample.rows} rows) via {sample.source}"
    ]
    if sample.sampled:
        lines.append(f"    sampled: {sample.sampled}")
    if sample.error:
        lines.append(f"    ERROR {sample.error}")
        return lines
    counts = {
        status: sum(1 for t in sample.tests if t.status == status and not t.indicative)
        for status in Status
    }
    lines.append(
        f"    {counts[Status.PASS]} passed, {counts[Status.FAIL]} failed, {counts[Status.UNKNOWN]} unknown"
    )
    for test in sample.tests:
        if test.status == Status.PASS and not test.indicative:
            continue
        label = "indicative " if test.indicative else ""
        lines.append(
            f"    {label}{test.status.value.upper()} {test.check} {test.target}: {test.message}"
        )
        lines.extend(f"      {example}" for example in test.examples)
    return lines
