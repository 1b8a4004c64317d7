from __future__ import annotations

import re

from prodready.engine.context import SEED_KWARGS, RuleContext, is_seed_call, is_training_call
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.reproducibility._common import (
    display_name,
    imports_module,
    is_ml_library_call,
    module_names,
)
from prodready.scanners.facts import CallFact, PythonFacts

# scikit-learn callees that draw from numpy's global generator unless given a random_state.
# (XGBoost, LightGBM and CatBoost fall back to a fixed default seed, so they are left out.)
_RANDOMIZED = re.compile(
    r"^sklearn\..*(\.\w*(Forest|Boost|ExtraTree|Bagging|SGD|MLP|KMeans|RandomizedSearchCV"
    r"|ShuffleSplit|DecisionTree|TSNE)\w*|\.(train_test_split|shuffle|resample))$"
)


def _passes_random_state(call: CallFact) -> bool:
    return any(call.kwargs.get(key, "None") != "None" for key in SEED_KWARGS) or call.star_args


def _unseeded_randomized(unit: PythonFacts) -> list[CallFact]:
    """scikit-learn calls that are random and get no random_state (KFold only when shuffling)."""
    found = []
    for call in unit.calls:
        if _passes_random_state(call):
            continue
        shuffles = (
            call.name.startswith("sklearn.")
            and call.name.endswith("KFold")
            and call.kwargs.get("shuffle") == "True"
        )
        if shuffles or _RANDOMIZED.search(call.name):
            found.append(call)
    return found


class RandomSeedsSet(Rule):
    """Training code seeds its random generators, so a rerun gives the same model.

    A training unit counts as seeded when (1) it calls a seeding function itself
    (``random.seed``, ``np.random.seed``, ``np.random.default_rng(seed)``,
    ``torch.manual_seed``, ``tf.random.set_seed``, ``seed_everything``, ``set_seed``...),
    (2) it calls a function of a repo module it imports whose body makes such a call
    (a seeding helper), (3) another source module that seeds imports it (an entry
    point seeding before it calls the training code), or (4) it passes ``random_state``
    to ML library calls and no randomized estimator or split in it goes without one.
    """

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
        passes_when="Every source module or notebook that trains a model sets a seed: a seeding "
        "call such as `np.random.seed`, `torch.manual_seed`, `tf.random.set_seed` or "
        "`seed_everything` in it, in a repo helper it calls, or in a module that imports it; "
        "or `random_state` passed to every randomized estimator and split.",
        remediation="Read a seed from config and set it before training: `random.seed(seed)`, "
        "`np.random.seed(seed)`, `torch.manual_seed(seed)` (or `lightning.seed_everything`), and "
        "pass `random_state=seed` to estimators and `train_test_split`.",
        references=(
            "https://research.google/pubs/the-ml-test-score-a-rubric-for-ml-production-readiness-and-technical-debt-reduction/",
            "https://arxiv.org/abs/2203.13746",
            "https://pytorch.org/docs/stable/notes/randomness.html",
        ),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        training = ctx.training_units
        if not training:
            unparsable = ctx.unparsable_sources
            if unparsable:
                return Verdict.unknown(
                    "no training code found, but some source files could not be parsed",
                    unparsable[:10],
                )
            return Verdict.not_applicable("no training code (no fit/train calls in source code)")
        judged = {path: unit for path, unit in training.items() if _trains_a_model(unit)}
        if not judged:
            return Verdict.not_applicable(
                "the only fit calls are `fit_transform` preprocessing with no randomized estimator",
            )
        seeders = _seeders(ctx)  # computed once: the rest only looks them up
        helpers = _seeding_helpers(ctx)
        findings: list[FindingDraft] = []
        evidence = [
            f"{path}: preprocessing only, not judged" for path in training if path not in judged
        ]
        for path, unit in judged.items():
            reason = _seeded(path, unit, helpers, seeders)
            if reason:
                evidence.append(f"{path}: {reason}")
                continue
            first = min((c for c in unit.calls if is_training_call(c)), key=lambda c: c.line)
            unseeded = _unseeded_randomized(unit)
            detail = (
                "; no random_state for "
                + ", ".join(f"`{c.name}` (line {c.line})" for c in unseeded[:5])
                if unseeded
                else ""
            )
            findings.append(
                FindingDraft(
                    message=f"`{display_name(first.name)}` trains a model but no random seed is set"
                    f"{detail}{ctx.location_note(path)}",
                    path=path,
                    line=first.line,
                    evidence=(f"{path}:{first.line}", *(f"{path}:{c.line}" for c in unseeded[:5])),
                )
            )
        return Verdict.from_findings(
            findings,
            fail="{count} training module(s) or notebook(s) set no random seed",
            ok=f"seeds are set for all {len(judged)} training module(s) or notebook(s)",
            evidence=evidence,
        )


def _trains_a_model(unit: PythonFacts) -> bool:
    """Not just ``encoder.fit_transform(df)``: deterministic preprocessing needs no seed."""
    fits = [c for c in unit.calls if is_training_call(c) and not c.name.endswith(".fit_transform")]
    return bool(fits or _unseeded_randomized(unit))


def _first_seed_call(unit: PythonFacts) -> CallFact | None:
    return next((call for call in unit.calls if is_seed_call(call)), None)


def _seeders(ctx: RuleContext) -> dict[str, tuple[PythonFacts, CallFact]]:
    """Source modules that seed a generator, with their first seeding call."""
    seeders = {}
    for path, unit in ctx.source_units.items():
        call = _first_seed_call(unit)
        if call is not None:
            seeders[path] = (unit, call)
    return seeders


def _seeding_helpers(ctx: RuleContext) -> list[tuple[str, str, int]]:
    """(module path, function name, line of the seeding call) for each repo function that seeds."""
    helpers = []
    for path, unit in ctx.source_units.items():
        if not path.endswith(".py"):  # a notebook's functions cannot be imported
            continue
        seeds = [call for call in unit.calls if is_seed_call(call)]
        for function in unit.functions:
            call = next((c for c in seeds if function.line <= c.line <= function.end_line), None)
            if call is not None and not function.is_method:
                helpers.append((path, function.name, call.line))
    return helpers


def _calls_helper(call: CallFact, unit: PythonFacts, module: str, function: str) -> bool:
    """``call`` names ``function`` of ``module``: imported by name, or through the module."""
    if call.name == function:
        return any(function in fact.names for fact in unit.imports)
    owner, _, name = call.name.rpartition(".")
    return name == function and owner in module_names(module)


def _seeded(
    path: str,
    unit: PythonFacts,
    helpers: list[tuple[str, str, int]],
    seeders: dict[str, tuple[PythonFacts, CallFact]],
) -> str | None:
    """Why ``unit`` counts as seeded, or None."""
    own = seeders[path][1] if path in seeders else _first_seed_call(unit)
    if own is not None:
        return f"`{own.name}` at line {own.line}"
    for module, function, line in helpers:
        if module == path or not imports_module(path, unit, module):
            continue
        call = next((c for c in unit.calls if _calls_helper(c, unit, module, function)), None)
        if call is not None:
            return f"calls `{function}` at line {call.line}, which seeds at {module}:{line}"
    importers = seeders.items() if path.endswith(".py") else ()  # notebooks: none
    for other, (caller, seed) in importers:
        if other != path and imports_module(other, caller, path):
            return f"imported by {other}, which calls `{seed.name}` at line {seed.line}"
    seeded = [c for c in unit.calls if is_ml_library_call(c.name) and _passes_random_state(c)]
    if seeded and not _unseeded_randomized(unit):
        return f"random_state passed to every randomized ML call (`{seeded[0].name}`, line {seeded[0].line})"
    return None
