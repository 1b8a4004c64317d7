from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.models.references import ML_CODE_SMELLS, ML_TEST_SCORE
from prodready.rules._common import judge_sources
from prodready.rules.reproducibility._seeds import Site, seed_gaps
from prodready.rules.sites import finding_at
from prodready.scanners.randomness import DEFAULT_SEEDED, Randomness

_JUDGED = (Randomness.ESTIMATOR, Randomness.SPLIT)


class MissingRandomState(Rule):
    """Each random split and stochastic estimator call is seeded, by resolved name only.

    A bare ``RandomForestClassifier`` that a wildcard import brought in is not resolved to
    its library, so it is not judged: the rule flags only what the imports prove. What seeds
    a call is decided once, by ``seed_gaps`` (shared with REPRO-004).
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
        "stochastic estimator (forests, trees, boosting, MLP*, SGD*, k-means, mixtures, t-SNE, "
        "imbalanced-learn samplers...) passes a non-None `random_state` (a literal or a config "
        "value), gets it from the estimator that builds it, or follows a global "
        "`np.random.seed` it draws from; XGBoost, LightGBM and CatBoost models state their "
        "seed (`random_state`/`seed`/`random_seed`).",
        remediation="Pass a seed from your configuration, e.g. `random_state=cfg.seed`, to every "
        "split and estimator, and record it with the run.",
        references=(
            "https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness",
            ML_CODE_SMELLS,
            ML_TEST_SCORE,
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        report = seed_gaps(ctx.facts)
        findings = []
        uncertain = []
        for site in report.sites:
            problem = _problem(site)
            if problem is None:
                continue
            if site.path in report.partial and site.seeded_by is None:
                uncertain.append(site)  # a cell that did not parse may set the seed
                continue
            findings.append(finding_at(ctx, site.path, site.line, f"`{site.name}` {problem}"))
        if uncertain and not findings:
            return Verdict.unknown(
                f"{len(uncertain)} unseeded call(s) sit in notebooks with cells that did not "
                "parse (such a cell may set the seed)",
                [f"{s.path}:{s.line}" for s in uncertain[:10]],
            )
        return judge_sources(
            ctx,
            findings,
            fail="{count} random split(s) or estimator(s) without random_state",
            ok="every random split and stochastic estimator is seeded",
        )


def _problem(site: Site) -> str | None:
    """What is wrong with this call's seeding, or None when it is seeded or not judged here."""
    if site.kind not in _JUDGED:
        return None
    if site.default_seed:
        keys = DEFAULT_SEEDED.get(site.name, ())
        if not keys:
            return None  # xgboost.train(params): the seed may sit in the params dict
        wanted = " or ".join(f"`{key}`" for key in keys)
        return f"is called without {wanted}: it relies on the library's implicit default seed"
    if site.seeded_by is not None:
        return None
    return "is called without `random_state` and no `np.random.seed` precedes it"
