from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.ml_smells._skew import ML_TEST_SCORE, RULES_OF_ML, unparsable_note
from prodready.scanners.features import FittedFact


class BareEstimatorSaved(Rule):
    """A model saved while the preprocessing it was fitted on is fitted and then lost.

    Proven within one scope: the transformer is fitted there, the model is fitted on its
    output and saved, and the transformer is never saved nor handed to other code.
    """

    meta = RuleMeta(
        id="SKEW-002",
        title="A saved model ships with the preprocessing it was trained on",
        category=Category.ML_SMELLS,
        severity=Severity.HIGH,
        rationale=(
            "A model fitted on scaled, encoded or vectorized features is useless without the "
            "fitted transformer: saving the bare estimator forces serving to refit or "
            "re-implement the preprocessing, and the features it computes then differ from the "
            "ones the model learned (ML Test Score, Monitor 3: 'training and serving features "
            "compute the same values', Breck et al. 2017; Rules of ML #32, reuse code between "
            "the training and serving pipelines)."
        ),
        passes_when="Every model saved in source code or notebooks (joblib/pickle/dill/"
        "cloudpickle dump, torch.save, skops, mlflow log_model/save_model, bentoml save_model, "
        "`.save_model()`) that was fitted on a transformer's output is saved together with that "
        "transformer, or the transformer is saved or handed on (a Pipeline, a return value, an "
        "attribute) where it is fitted.",
        remediation="Fit one sklearn `Pipeline` (or `ColumnTransformer` + estimator) and save that, "
        "or save the fitted transformer beside the model and load both in serving.",
        references=(
            ML_TEST_SCORE,
            RULES_OF_ML,
            "https://scikit-learn.org/stable/model_persistence.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = []
        saved = 0
        for path, unit in ctx.source_units.items():
            by_scope: dict[str, dict[str, FittedFact]] = {}
            for fitted in unit.features.fitted:
                by_scope.setdefault(fitted.scope, {})[_key(fitted)] = fitted
            for scope, objects in by_scope.items():
                for model in objects.values():
                    if not model.saved:
                        continue
                    saved += 1
                    for key in model.inputs:
                        lost = objects.get(key)
                        if lost is not None and not lost.saved and not lost.escapes:
                            findings.append(_finding(ctx, path, scope, model, lost))
        if findings:
            return Verdict.failed(
                f"{len(findings)} saved model(s) without the preprocessing they were fitted on",
                findings,
            )
        blind = unparsable_note(ctx)
        if blind:
            return Verdict.unknown(f"no model saved without its preprocessing found, but {blind}")
        if not saved:
            return Verdict.not_applicable("no fitted model is saved in source code or notebooks")
        return Verdict.passed(
            f"{saved} saved model(s): none was fitted on preprocessing that is then lost"
        )


def _key(fitted: FittedFact) -> str:
    return f"{fitted.name or fitted.cls.rsplit('.', 1)[-1]}@{fitted.line}"


def _finding(
    ctx: RuleContext, path: str, scope: str, model: FittedFact, lost: FittedFact
) -> FindingDraft:
    kind = lost.cls.rsplit(".", 1)[-1]
    name = f"`{lost.name}` ({kind})" if lost.name else kind
    where = "" if scope == "<module>" else f" in `{scope}`"
    return FindingDraft(
        message=f"`{model.name or model.cls}` is saved{where} but {name}, fitted on line "
        f"{lost.fits[0]} and used to transform its training data, is never saved: serving "
        f"cannot compute the same features{ctx.location_note(path)}",
        path=path,
        line=model.saved[0],
        evidence=(
            f"{path}:{lost.line}: {lost.cls}",
            *(f"{path}:{n}: fit" for n in lost.fits),
            f"{path}:{model.fits[0]}: {model.name or model.cls} fitted on its output",
            *(f"{path}:{n}: saved" for n in model.saved),
        ),
    )
