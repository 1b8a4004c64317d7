from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.hygiene._common import (
    is_fixture_path,
    listing_note,
    size_text,
    stored_outside_git,
)
from prodready.scanners.facts import FileKind


class ModelBinariesCommitted(Rule):
    meta = RuleMeta(
        id="HYG-002",
        title="Model binaries are not committed to git",
        category=Category.HYGIENE,
        severity=Severity.MEDIUM,
        rationale=(
            "A trained model committed to git has no lineage (which data, code and parameters "
            "produced it?), bloats every clone with each retrain, and, being usually a pickle, "
            "is an executable someone will load. Models belong in a registry or artifact store "
            "with versions (MLflow, DVC, a bucket), or at least git LFS, so that a serving "
            "model can be traced and rolled back (ML Test Score, Breck et al. 2017, Infra 7: "
            "serving models can be rolled back)."
        ),
        passes_when="No model file (.pkl, .joblib, .pt, .h5, .onnx, .safetensors, ...) of any "
        "size is committed outside git LFS or DVC, leaving aside tests and fixtures.",
        remediation="Register the model in a model registry or track it with DVC "
        "(`dvc add models/model.pkl`) or git LFS, then `git rm --cached` the binary and ignore "
        "it in .gitignore.",
        references=(
            "https://mlflow.org/docs/latest/model-registry.html",
            "https://dvc.org/doc/start/data-management/data-versioning",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = [
            FindingDraft(
                message=f"model binary of {size_text(fact.size)} committed to git",
                path=fact.path,
                evidence=(f"{fact.path}: {fact.size} bytes",),
            )
            for fact in ctx.facts.of_kind(FileKind.MODEL)
            if fact.size > 0
            and not is_fixture_path(fact.path)
            and not stored_outside_git(ctx, fact)
        ]
        return Verdict.from_findings(
            findings,
            "{count} model binary file(s) committed to git",
            "no model binaries committed to git",
            listing_note(ctx),
        )
