from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.graph.lineage import lineage_paths, producers, served_models, serving_entries
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_TEST_SCORE, SCULLEY_2015
from prodready.rules.architecture._common import label, repo_graph


class ServedModelLineage(Rule):
    """The model a serving app loads can be traced back to the pipeline and data that made it."""

    meta = RuleMeta(
        id="ARCH-006",
        title="The served model has traceable lineage",
        category=Category.ARCHITECTURE,
        severity=Severity.HIGH,
        rationale=(
            "When nobody can say which code and data produced the model in production, it can "
            "be neither reproduced, audited nor safely retrained: the ML Test Score (Infra 1, "
            "training is reproducible) and Sculley et al. 2015 (undeclared consumers, "
            "unstable data dependencies) both ask for a traceable path from raw data to the "
            "served model."
        ),
        passes_when="Every model artifact a serving app names (in its code or through the "
        "Dockerfile that runs it) is produced inside the repository: a DVC stage output or code "
        "that writes it, so a path leads from its input data to the serving entry point.",
        remediation="Produce the model in a tracked pipeline (a DVC stage with the training "
        "code, data and params as deps and the model as an out, or an MLflow run), and load "
        "that artifact in the serving code by the same path.",
        references=(ML_TEST_SCORE, SCULLEY_2015, "https://dvc.org/doc/user-guide/pipelines"),
        applies_to=frozenset({ProjectKind.MODEL_SERVICE}),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        graph = repo_graph(ctx)
        entries = serving_entries(graph)
        if not entries:
            return Verdict.not_applicable("no serving app (FastAPI, Flask, BentoML, Ray Serve...)")
        findings, evidence, undecided = [], [], []
        for entry in entries:
            data = graph.nodes[entry]
            models = served_models(graph, entry)
            if not models and data.get("model_loads"):
                undecided.append(
                    f"{label(graph, entry)} loads a model ({data['model_loads'][0]}) "
                    "from a path the graph cannot resolve"
                )
            for model in models:
                if producers(graph, model):
                    for path in lineage_paths(graph, model)[:3]:
                        names = [label(graph, node) for node in [*path, entry]]
                        evidence.append(" -> ".join(names))
                    continue
                findings.append(
                    FindingDraft(
                        message=f"`{label(graph, entry)}` serves `{label(graph, model)}`, which "
                        "nothing in the repository produces: its lineage cannot be traced",
                        path=data.get("path"),
                        line=data.get("line"),
                        evidence=(f"model artifact: {label(graph, model)}",),
                    )
                )
        if findings:
            return Verdict.failed(
                f"{len(findings)} served model(s) without traceable lineage", findings, evidence
            )
        if undecided:
            return Verdict.unknown("; ".join(undecided), evidence)
        if not evidence:
            return Verdict.not_applicable("the serving apps load no model the facts can show")
        return Verdict.passed("the served model is traced back to its data", evidence)
