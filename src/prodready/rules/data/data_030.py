from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import SCULLEY_2015
from prodready.rules.data._common import contract_facts
from prodready.rules.data._match import declaring_contract
from prodready.rules.data._reads import data_reads


class UndeclaredDataDependency(Rule):
    """Every dataset the code reads should be one a contract describes."""

    meta = RuleMeta(
        id="DATA-030",
        title="No undeclared data dependencies",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        rationale=(
            "Unstable and underutilized data dependencies are a main source of ML technical debt: "
            "a dataset read by path or URL with no contract can change shape or meaning without "
            "warning, and nobody upstream knows the model depends on it (Sculley et al. 2015, "
            "'Hidden Technical Debt in Machine Learning Systems', data dependencies)."
        ),
        passes_when="Every literal path, URL, SQL table or hub dataset passed to a data reader "
        "(pandas.read_*, polars, pyarrow, numpy.load, torch.load, open() on data files, dataset "
        "loaders) and every external DVC stage dependency matches a contract's server path or "
        "location, or its dataset/table name.",
        remediation="Write a contract for the dataset (or add the path as a `servers` entry of an "
        "existing one), or read it through a path the contract declares.",
        references=(
            SCULLEY_2015,
            "https://bitol-io.github.io/open-data-contract-standard/latest/infrastructure-servers/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        reads = data_reads(ctx)
        known = [read for read in reads if read.target]
        if not known:
            if reads:
                return Verdict.unknown(
                    f"{len(reads)} data read(s) use computed paths: cannot tell which datasets"
                )
            return Verdict.not_applicable("the code reads no dataset by a literal path or name")
        contracts = contract_facts(ctx).contracts()
        findings = []
        declared = []
        for read in known:
            contract = declaring_contract(read, contracts)
            if contract is not None:
                declared.append(f"{read.target} -> {contract.path}")
                continue
            findings.append(
                FindingDraft(
                    message=f"reads {read.target!r} ({read.how}) but no data contract declares it"
                    f"{ctx.location_note(read.path)}",
                    path=read.path,
                    line=read.line,
                    evidence=(f"{read.kind}: {read.target}",),
                )
            )
        computed = len(reads) - len(known)
        if computed:
            declared.append(f"{computed} read(s) with computed paths not checked")
        return Verdict.from_findings(
            findings,
            fail="{count} undeclared data dependenc(ies)",
            ok=f"{len(known)} data read(s), all declared by a contract",
            evidence=declared,
        )
