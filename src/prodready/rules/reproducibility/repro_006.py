from __future__ import annotations

import ast

from prodready.engine.context import RuleContext, imported_modules, is_training_call
from prodready.engine.kind import package_folders
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, ProjectKind, Severity
from prodready.models.references import ML_CODE_SMELLS, SCULLEY_2015
from prodready.rules.reproducibility._common import (
    ML_ROOTS,
    display_name,
    is_ml_library_call,
)
from prodready.rules.sites import finding_at
from prodready.scanners.facts import CallFact, PythonFacts

HYPERPARAMETERS = frozenset(
    {
        "learning_rate",
        "lr",
        "eta",
        "n_estimators",
        "num_boost_round",
        "iterations",
        "max_depth",
        "depth",
        "num_leaves",
        "epochs",
        "max_epochs",
        "num_train_epochs",
        "batch_size",
        "per_device_train_batch_size",
        "C",
        "alpha",
        "l1_ratio",
        "gamma",
        "subsample",
        "colsample_bytree",
        "colsample_bylevel",
        "min_child_weight",
        "min_samples_leaf",
        "min_samples_split",
        "max_features",
        "reg_alpha",
        "reg_lambda",
        "l2_leaf_reg",
        "dropout",
        "weight_decay",
        "momentum",
        "n_neighbors",
        "hidden_layer_sizes",
        "warmup_steps",
    }
)
# Modules whose import makes a bare ``<model>.fit(epochs=...)`` an ML training call.
_TRAINING_FRAMEWORKS = ML_ROOTS | {"keras", "tensorflow", "tf_keras", "torch", "lightning"}


def numeric_literal(value: str | None) -> bool:
    """A number, or a tuple/list of numbers, written in the code (booleans excluded)."""
    if value is None:
        return False
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    items = parsed if isinstance(parsed, tuple | list) and parsed else [parsed]
    return all(isinstance(item, int | float) and not isinstance(item, bool) for item in items)


def _literal_hyperparameters(call: CallFact) -> list[str]:
    return [
        f"{key}={value}"
        for key, value in call.kwargs.items()
        if key in HYPERPARAMETERS and numeric_literal(value)
    ]


def _is_ml_call(call: CallFact, unit: PythonFacts, literals: list[str]) -> bool:
    """An ML library class or function, a fit/train call in a module importing one, or any
    model class built with two or more well-known hyperparameters in ML code (a wrapper
    such as skorch's ``NeuralNetClassifier(lr=0.1, max_epochs=20)`` is one too)."""
    if is_ml_library_call(call.name):
        return True
    constructor = call.name.rsplit(".", 1)[-1][:1].isupper()
    if constructor and len(literals) >= 2 and imported_modules(unit) & _TRAINING_FRAMEWORKS:
        return True
    return is_training_call(call) and bool(imported_modules(unit) & _TRAINING_FRAMEWORKS)


class HyperparametersInConfig(Rule):
    """Hyperparameters written as literals in estimator and trainer calls."""

    reads_kind = True  # which sites or modules count depends on the project kind
    meta = RuleMeta(
        id="REPRO-006",
        title="Hyperparameters live in configuration, not code",
        category=Category.REPRODUCIBILITY,
        severity=Severity.MEDIUM,
        rationale=(
            "Hyperparameters typed into estimator calls cannot be tracked, diffed or swept "
            "without editing code, and the values that produced a released model are lost with "
            "the next edit (Sculley et al. 2015, configuration debt; ML Test Score, Model 2 and "
            "Infra 1; Zhang et al. 2022, 'Hyperparameter not Explicitly Set' and its converse)."
        ),
        passes_when="No estimator, trainer or optimizer call of sklearn, XGBoost, LightGBM, "
        "CatBoost, torch.optim, Keras or transformers TrainingArguments passes a numeric literal "
        "for a well-known hyperparameter (learning_rate, n_estimators, max_depth, epochs, "
        "batch_size, ...), and no other model class in ML code is built with two or more of "
        "them; the values come from a config or params file. In a library the package's own "
        "code is its API (its defaults are not training runs): its notebooks and scripts are judged.",
        remediation="Move the values to a params file (params.yaml, a Hydra/OmegaConf config, "
        "MLflow params) and pass them in: `XGBClassifier(**params['model'])`.",
        references=(
            SCULLEY_2015,
            ML_CODE_SMELLS,
            "https://dvc.org/doc/command-reference/params",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        if not ctx.training_units:
            unparsable = ctx.unparsable_sources
            if unparsable:
                return Verdict.unknown(
                    "no training code found, but some source files could not be parsed",
                    unparsable[:10],
                )
            return Verdict.not_applicable("no training code (no fit/train calls in source code)")
        findings = []
        library_code = (
            tuple(f"{folder}/" for folder in package_folders(ctx.facts))
            if ctx.project.kind == ProjectKind.LIBRARY
            else ()
        )
        for path, unit in ctx.source_units.items():
            if library_code and path.startswith(library_code):
                continue  # a library's defaults are its API; its users' training code is judged
            for call in unit.calls:
                literals = _literal_hyperparameters(call)
                if literals and _is_ml_call(call, unit, literals):
                    findings.append(
                        finding_at(
                            ctx,
                            path,
                            call.line,
                            f"`{display_name(call.name)}` hard-codes {', '.join(literals)}",
                        )
                    )
        return Verdict.from_findings(
            findings,
            fail="{count} call(s) hard-code hyperparameters",
            ok="no estimator or trainer call hard-codes a hyperparameter",
            evidence=sorted(ctx.training_units)[:10],
        )
