from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS, SCULLEY_2015
from prodready.rules.data._common import contract_facts
from prodready.rules.data._reads import data_reads


class ContractsPresent(Rule):
    """A model's input data needs a written promise before the model can be trusted in production."""

    meta = RuleMeta(
        id="DATA-001",
        title="Datasets the code reads are covered by data contracts",
        category=Category.DATA,
        severity=Severity.HIGH,
        rationale=(
            "Garbage in, garbage out: a model whose input data has no contract fails silently, with "
            "200 OK responses, when an upstream team renames a column or changes a unit. Data "
            "dependencies cost more than code dependencies (Sculley et al. 2015) and feature "
            "expectations belong in a schema (ML Test Score, Data 1)."
        ),
        passes_when="The repository has at least one data contract (ODCS `*.odcs.yaml`, a YAML "
        "with `kind: DataContract`, a Data Contract Specification file, or a path under "
        "`data.contracts` in prodready.yaml). Not applicable when the code reads no dataset.",
        remediation="Write an ODCS v3 contract for each dataset the model reads (`datacontract "
        "init --template odcs`), commit it, and list it in prodready.yaml under `data.contracts`.",
        references=(
            ODCS,
            SCULLEY_2015,
            ML_TEST_SCORE,
        ),
        applies_to=frozenset(
            {ProjectKind.MODEL_SERVICE, ProjectKind.TRAINING, ProjectKind.NOTEBOOKS}
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        files = contract_facts(ctx).files
        if files:
            return Verdict.passed(f"{len(files)} data contract(s)", [item.path for item in files])
        reads = data_reads(ctx)
        if not reads:
            return Verdict.not_applicable("the code reads no dataset")
        evidence = [
            f"{read.path}:{read.line}: {read.how}({read.target!r})"
            if read.target
            else f"{read.path}:{read.line}: {read.how}(<computed path>)"
            for read in reads[:5]
        ]
        return Verdict.failed(
            f"the code reads {len(reads)} dataset(s) and no data contract exists", evidence=evidence
        )
