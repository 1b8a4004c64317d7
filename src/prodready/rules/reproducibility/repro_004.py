from __future__ import annotations

from collections import defaultdict

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity, Status
from prodready.models.references import ML_CODE_SMELLS, ML_TEST_SCORE
from prodready.rules.reproducibility._seeds import SeedReport, Site, judge_seeds
from prodready.rules.sites import finding_at


class RandomSeedsSet(Rule):
    """Stochastic work is seeded, so a rerun gives the same model.

    The decision is ``judge_seeds`` (``seed_gaps`` in the project's context), which the
    checklist's seed claim reads too; the readiness aspect reads ``seed_gaps`` as is.
    """

    reads_kind = True  # which sites or modules count depends on the project kind
    meta = RuleMeta(
        id="REPRO-004",
        title="Random seeds are set for training",
        category=Category.REPRODUCIBILITY,
        severity=Severity.HIGH,
        rationale=(
            "Unseeded splits, weight initialisation, bagging and shuffling make every training "
            "run produce a different model, so a regression cannot be told apart from noise and "
            "a released model cannot be rebuilt (ML Test Score, Infra 1: training is "
            "reproducible; Zhang et al. 2022, code smell 'Randomness Uncontrolled')."
        ),
        passes_when="Every stochastic call in source modules and notebooks is seeded: a "
        "randomized estimator or split gets `random_state`/`seed` (a literal or a config value), "
        "or a global seed of the generator it draws from (`np.random.seed`, `torch.manual_seed`, "
        "`tf.random.set_seed`, `seed_everything`, a repo `set_seed` helper) runs before it in "
        "the module or notebook, or in every script that imports it. Deterministic fits "
        "(`LinearRegression`, scalers, vectorizers) need no seed.",
        remediation="Read a seed from config and set it before training: `random.seed(seed)`, "
        "`np.random.seed(seed)`, `torch.manual_seed(seed)` (or `lightning.seed_everything`), and "
        "pass `random_state=seed` to estimators and `train_test_split`.",
        references=(
            ML_TEST_SCORE,
            ML_CODE_SMELLS,
            "https://pytorch.org/docs/stable/notes/randomness.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        judged = judge_seeds(ctx.facts, ctx.project.kind)
        report, sites, gaps, uncertain = judged.report, judged.sites, judged.gaps, judged.uncertain
        if judged.status == Status.FAIL:
            return Verdict.failed(
                f"{len({s.path for s in gaps})} module(s) or notebook(s) run stochastic code "
                "with no seed",
                _findings(ctx, list(gaps)),
                evidence=[f"{s.path}:{s.line}" for s in gaps[:10]],
            )
        if judged.status == Status.UNKNOWN:
            return Verdict.unknown(
                _blind(report, list(uncertain), seen=bool(sites)),
                _blind_paths(report, list(uncertain)),
            )
        if judged.status == Status.NOT_APPLICABLE:
            return Verdict.not_applicable(
                "nothing stochastic runs in source code (no randomized estimator, random split, "
                "random draw in training code or deep-learning training)"
            )
        return Verdict.passed(
            f"seeds are set for all {len(sites)} stochastic call(s) in "
            f"{len({s.path for s in sites})} module(s) or notebook(s)",
            [f"{s.path}:{s.line} `{s.name}`: {s.seeded_by}" for s in sites[:10]],
        )


def _findings(ctx: RuleContext, gaps: list[Site]) -> list[FindingDraft]:
    by_path: dict[str, list[Site]] = defaultdict(list)
    for site in gaps:
        by_path[site.path].append(site)
    findings = []
    for path, sites in by_path.items():
        first = sites[0]
        runs = sorted({r for s in sites for r in s.unseeded_in if r != path})
        via = f" when run from {', '.join(runs[:3])}" if runs else ""
        shown = ", ".join(s.label for s in sites[:5]) + (" ..." if len(sites) > 5 else "")
        findings.append(
            finding_at(
                ctx,
                path,
                first.line,
                f"nothing seeds {shown}{via}",
                *(f"{path}:{s.line}" for s in sites[1:5]),
            )
        )
    return findings


def _blind(report: SeedReport, uncertain: list[Site], seen: bool) -> str:
    """Why the rule cannot pass: what it found seeded, and what it could not see."""
    found = "every stochastic call found is seeded" if seen else "no stochastic code found"
    parts = []
    if report.unparsable:
        parts.append(f"{len(report.unparsable)} source file(s) could not be parsed")
    if uncertain:
        parts.append(
            f"{len(uncertain)} unseeded call(s) sit in notebooks with cells that did not parse "
            "(such a cell may set the seed)"
        )
    return f"{found}, but " + " and ".join(parts)


def _blind_paths(report: SeedReport, uncertain: list[Site]) -> list[str]:
    return [*report.unparsable[:10], *(f"{s.path}:{s.line}" for s in uncertain[:10])]
