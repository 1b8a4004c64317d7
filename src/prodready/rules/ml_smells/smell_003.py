from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules._common import judge_sources
from prodready.scanners.facts import CallFact

# scikit-learn estimators whose result depends on a random draw unless seeded.
SKLEARN_STOCHASTIC = frozenset(
    {
        "RandomForestClassifier",
        "RandomForestRegressor",
        "ExtraTreesClassifier",
        "ExtraTreesRegressor",
        "GradientBoostingClassifier",
        "GradientBoostingRegressor",
        "HistGradientBoostingClassifier",
        "HistGradientBoostingRegressor",
        "DecisionTreeClassifier",
        "DecisionTreeRegressor",
        "MLPClassifier",
        "MLPRegressor",
        "SGDClassifier",
        "SGDRegressor",
        "KMeans",
        "MiniBatchKMeans",
        "IsolationForest",
    }
)
# Splitters that always shuffle, and those that only do with shuffle=True.
SKLEARN_RANDOM_SPLITTERS = frozenset(
    {
        "ShuffleSplit",
        "StratifiedShuffleSplit",
        "GroupShuffleSplit",
        "RepeatedKFold",
        "RepeatedStratifiedKFold",
    }
)
SKLEARN_SHUFFLE_SPLITTERS = frozenset({"KFold", "StratifiedKFold"})
BOOSTING = {
    "xgboost.XGBClassifier": ("random_state", "seed"),
    "xgboost.XGBRegressor": ("random_state", "seed"),
    "xgboost.XGBRanker": ("random_state", "seed"),
    "lightgbm.LGBMClassifier": ("random_state", "seed"),
    "lightgbm.LGBMRegressor": ("random_state", "seed"),
    "lightgbm.LGBMRanker": ("random_state", "seed"),
}
# A call with more positional arguments than this may pass the seed positionally (older
# scikit-learn signatures, e.g. ``KFold(5, True, 42)``, ``ShuffleSplit(10, 0.2, None, 0)``).
POSITIONAL_LIMIT = {"KFold": 2, "StratifiedKFold": 2, "RepeatedKFold": 2}
DEFAULT_POSITIONAL_LIMIT = 3


class MissingRandomState(Rule):
    """Stochastic scikit-learn/XGBoost/LightGBM calls without a seed, by resolved name only.

    A bare ``RandomForestClassifier`` that a wildcard import brought in is not resolved to
    its library, so it is not judged: the rule flags only what the imports prove.
    """

    meta = RuleMeta(
        id="SMELL-003",
        title="Random splits and stochastic estimators are seeded",
        category=Category.ML_SMELLS,
        severity=Severity.LOW,
        rationale=(
            "`train_test_split`, shuffling cross-validation splitters and stochastic estimators "
            "(random forests, boosting, MLPs, k-means) draw from the global random state unless "
            "given `random_state`, so every run trains and evaluates on a different split and "
            "metrics cannot be reproduced or compared (ML Test Score, Infra 1; 'Randomness "
            "Uncontrolled' in Zhang et al. 2022, 'Code Smells for Machine Learning Applications'). "
            "XGBoost and LightGBM fall back to an implicit default seed that is not stated in the "
            "code."
        ),
        passes_when="Every call in source modules and notebooks of train_test_split, a shuffling "
        "splitter (ShuffleSplit, Repeated*KFold, KFold/StratifiedKFold with shuffle=True) or a "
        "stochastic estimator (RandomForest*, ExtraTrees*, GradientBoosting*, "
        "HistGradientBoosting*, DecisionTree*, MLP*, SGD*, KMeans, IsolationForest, "
        "XGB*/LGBM* models) passes a non-None `random_state` (or `seed` for XGBoost/LightGBM).",
        remediation="Pass a seed from your configuration, e.g. `random_state=cfg.seed`, to every "
        "split and estimator, and record it with the run.",
        references=(
            "https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness",
            "https://arxiv.org/abs/2203.13746",
            "https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        findings = []
        for path, unit in ctx.source_units.items():
            for call in unit.calls:
                problem = _problem(call)
                if problem:
                    findings.append(
                        FindingDraft(
                            message=f"`{call.name}` {problem}{ctx.location_note(path)}",
                            path=path,
                            line=call.line,
                            evidence=(f"{path}:{call.line}",),
                        )
                    )
        return judge_sources(
            ctx,
            findings,
            fail="{count} random split(s) or estimator(s) without random_state",
            ok="every random split and stochastic estimator is seeded",
        )


def _problem(call: CallFact) -> str | None:
    """What is wrong with this call's seeding, or None when it is seeded or not random."""
    seeds = _seed_keywords(call)
    if seeds is None or call.star_args:
        return None
    short = call.name.rsplit(".", 1)[-1]
    limit = (
        0 if short == "train_test_split" else POSITIONAL_LIMIT.get(short, DEFAULT_POSITIONAL_LIMIT)
    )
    if limit and len(call.args) > limit:
        return None  # the seed may be positional
    given = [key for key in seeds if key in call.kwargs]
    if not given:
        return "is called without " + " or ".join(f"`{key}`" for key in seeds)
    if all(call.kwargs[key] == "None" for key in given):
        return f"is called with `{given[0]}=None`"
    return None


def _seed_keywords(call: CallFact) -> tuple[str, ...] | None:
    """The keywords that seed this call, or None when it is not a (random) call we judge."""
    if call.name in BOOSTING:
        return BOOSTING[call.name]
    if not call.name.startswith("sklearn."):
        return None
    short = call.name.rsplit(".", 1)[-1]
    if short == "train_test_split":
        shuffle = call.kwargs.get("shuffle", "True")
        return ("random_state",) if shuffle == "True" else None
    if short in SKLEARN_SHUFFLE_SPLITTERS:
        shuffle = call.kwargs.get("shuffle", call.args[1] if len(call.args) > 1 else "False")
        return ("random_state",) if shuffle == "True" else None
    if short in SKLEARN_RANDOM_SPLITTERS or short in SKLEARN_STOCHASTIC:
        return ("random_state",)
    return None
