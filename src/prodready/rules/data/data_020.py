from __future__ import annotations

from pydantic import Field

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, NoOptions, Rule, RuleMeta, Verdict
from prodready.models import Category, ContractDataTest, ContractSample, Severity, Status
from prodready.models.references import ML_TEST_SCORE
from prodready.rules.data._common import FIELD_EVIDENCE, NO_CONTRACT, contract_facts, report_path

NO_SAMPLE = (
    "no sample data is tied to any contract: add an ODCS/DCS `servers` entry of type `local` with "
    "`path` and `format`, or map it in prodready.yaml under `data.samples`"
)


class SampleDataValid(Rule):
    """The part users care about most: does real data satisfy the contract?"""

    class Options(NoOptions):
        allow_extra_columns: bool = Field(
            False, description="Columns the contract does not list are not a failure."
        )

    meta = RuleMeta(
        id="DATA-020",
        title="Sample data satisfies its data contract",
        category=Category.DATA,
        severity=Severity.HIGH,
        rationale=(
            "A contract nobody tests drifts from the data: a renamed column, nulls in a required "
            "field or an out-of-range label reach training and serving unnoticed, and the model "
            "fails silently (ML Test Score, Data 1 and Monitor 2: data invariants hold for training "
            "and serving inputs; Sculley et al. 2015, data dependencies)."
        ),
        passes_when="Every sample tied to a contract is readable and passes its columns, types, "
        "required, unique, primary key, enum, range, length, pattern, library quality metric and "
        "foreign key checks. Freshness and retention on a sample are indicative only; SQL and "
        "custom quality rules cannot run on samples and are reported as unknown.",
        remediation="Fix the data (or the contract, if it is wrong) for each failing check; the "
        "findings give counts and example rows. Run `prodready contracts` to see every check.",
        references=(
            ML_TEST_SCORE,
            "https://bitol-io.github.io/open-data-contract-standard/latest/data-quality/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        facts = contract_facts(ctx)
        if not facts.files:
            return Verdict.not_applicable(NO_CONTRACT)
        samples = [
            (item.path, sample)
            for item in facts.files
            for sample in ctx.contract_samples.get(item.path, ())
        ]
        if not samples:
            return Verdict.unknown(NO_SAMPLE)
        findings: list[FindingDraft] = []
        evidence: list[str] = []
        ran = 0
        for contract, sample in samples:
            if sample.error:
                findings.append(_sample_error(ctx, contract, sample))
                continue
            for test in sample.tests:
                if self._counts(test):
                    ran += 1
                if self._fails(test):
                    findings.append(_test_finding(ctx, contract, sample, test))
            evidence.append(_summary(contract, sample))
        if findings:
            return Verdict.failed(f"{len(findings)} failing sample check(s)", findings, evidence)
        if not ran:
            return Verdict.unknown("no check could run on the samples", evidence)
        return Verdict.passed(f"{len(samples)} sample(s) satisfy their contract", evidence)

    def _counts(self, test: ContractDataTest) -> bool:
        return test.status != Status.UNKNOWN and not test.indicative

    def _fails(self, test: ContractDataTest) -> bool:
        if test.status != Status.FAIL or test.indicative:
            return False
        return not (self.options.allow_extra_columns and test.check == "no unexpected columns")


def _sample_error(ctx: RuleContext, contract: str, sample: ContractSample) -> FindingDraft:
    path = sample.path if sample.path in ctx.facts.files else contract
    return FindingDraft(
        message=f"sample {sample.path} of {contract}: {sample.error}",
        path=report_path(ctx, path),
        evidence=(sample.source,),
        snippet=f"{contract}:{sample.path}:{sample.error}",
    )


def _test_finding(
    ctx: RuleContext, contract: str, sample: ContractSample, test: ContractDataTest
) -> FindingDraft:
    field = (f"{FIELD_EVIDENCE}{test.field}",) if test.field else ()
    return FindingDraft(
        message=f"{test.check} {test.target}: {test.message}",
        path=report_path(ctx, sample.path) or contract,
        evidence=(*test.examples, f"contract: {contract}", *field),
        snippet=f"{contract}:{sample.path}:{test.check}:{test.target}",
    )


def _summary(contract: str, sample: ContractSample) -> str:
    def count(status: Status, indicative: bool = False) -> int:
        return sum(1 for t in sample.tests if t.status == status and t.indicative == indicative)

    note = f", {sample.sampled}" if sample.sampled else ""
    return (
        f"{sample.path} ({sample.table}, {sample.rows} rows{note}) vs {contract}: "
        f"{count(Status.PASS)} passed, {count(Status.FAIL)} failed, "
        f"{count(Status.UNKNOWN)} unknown, {count(Status.FAIL, True)} indicative failure(s)"
    )
