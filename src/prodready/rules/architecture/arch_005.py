from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.graph.lineage import Coverage, unproduced_reads
from prodready.models import Category, Severity
from prodready.models.references import ML_TEST_SCORE, ODCS, SCULLEY_2015
from prodready.rules.architecture._common import label, repo_graph


class UncontractedInputs(Rule):
    """Data read by shipping code or a pipeline stage that nothing produces and no contract covers."""

    meta = RuleMeta(
        id="ARCH-005",
        title="External data inputs are covered by a data contract",
        category=Category.ARCHITECTURE,
        severity=Severity.MEDIUM,
        rationale=(
            "Data the pipeline reads but does not produce comes from outside: when its producer "
            "changes a column or a distribution, the model silently degrades. Sculley et al. 2015 "
            "call these unstable data dependencies; the ML Test Score (Data 1) asks that input "
            "features have a schema that is checked. A data contract (ODCS) states that schema."
        ),
        passes_when="Every data asset that a DVC stage or shipping code reads with a literal "
        "path is produced inside the repository (a stage output, code that writes it) or is "
        "covered by a data contract: a server path or glob points at it or its folder, or a "
        "dataset, table or physical name equals its file stem or folder name.",
        remediation="Write an ODCS data contract for each external input (schema, owner, quality "
        "checks) and point its server `path` at the dataset, or produce the data in the pipeline.",
        references=(
            SCULLEY_2015,
            ML_TEST_SCORE,
            ODCS,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        graph = repo_graph(ctx)
        assets = unproduced_reads(graph)
        if not assets:
            return Verdict.not_applicable(
                "no data read by shipping code or a pipeline stage through a literal path"
            )
        covered = [a for a in assets if a.coverage == Coverage.CONTRACT]
        evidence = [f"{label(graph, a.asset)}: contract {a.contract}" for a in covered]
        findings = []
        for asset in assets:
            if asset.coverage != Coverage.NONE:
                continue
            reader, line = asset.readers[0]
            findings.append(
                FindingDraft(
                    message=f"`{label(graph, asset.asset)}` is read here, produced by nothing in "
                    "the repository and covered by no data contract",
                    path=graph.nodes[reader].get("path") or graph.nodes[reader].get("source"),
                    line=line,
                    evidence=tuple(
                        f"read by {label(graph, node)}" + (f" (line {ln})" if ln else "")
                        for node, ln in asset.readers
                    ),
                )
            )
        blind = ctx.unparsable_sources
        if findings and blind:  # an unread file may be the very code that produces the data
            return Verdict.unknown(
                f"{len(findings)} data input(s) look external, but {len(blind)} source file(s) "
                "could not be read, and any of them may produce them",
                [*(f.path or "" for f in findings), *blind][:10],
            )
        if findings:
            return Verdict.failed(
                f"{len(findings)} external data input(s) without a contract", findings, evidence
            )
        unknown = [label(graph, a.asset) for a in assets if a.coverage == Coverage.UNKNOWN]
        if unknown:
            return Verdict.unknown(
                "a data contract could not be read, so it may cover: " + ", ".join(unknown),
                evidence,
            )
        return Verdict.passed("every external data input is covered by a data contract", evidence)
