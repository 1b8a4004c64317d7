from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.ml_smells._skew import (
    ML_TEST_SCORE,
    RULES_OF_ML,
    SCULLEY_2015,
    counterparts,
    serving_code,
    shared_modules,
    trains,
    unparsable_note,
)
from prodready.scanners.features import FeatureFunctionFact, FittedFact

MIN_COPIED_STATEMENTS = 3  # two unrelated one-liners may share a body; a copy has substance


class ServingReimplementsFeatures(Rule):
    """Serving code with its own copy of a feature function, or fitting its own preprocessing.

    A copy is proven by the definitions: the same function name (one side a plain
    function, or the same ``Class.method``), or the same body under another name, in a
    serving module and in non-serving code of the same project.
    """

    meta = RuleMeta(
        id="SKEW-001",
        title="Serving computes features with the training code, not a copy of it",
        category=Category.ML_SMELLS,
        severity=Severity.HIGH,
        rationale=(
            "When the serving path computes features with its own copy of the training "
            "transforms, or fits a scaler or encoder itself, the two drift apart and the model "
            "receives inputs it was never trained on: the silent failure the ML Test Score "
            "checks with Monitor 3 ('training and serving features compute the same values', "
            "Breck et al. 2017), Google's Rules of ML #29-#32 on training-serving skew, and the "
            "glue code and pipeline jungles of Sculley et al. 2015."
        ),
        passes_when="No module a serving app runs defines a feature function (featurize, "
        "preprocess, prepare_*, *transform*, encode, clean, normalize, vectorize, tokenize, "
        "feature engineering) that non-serving code of the same project also defines, by name or "
        "by identical body, and no serving app module fits a transformer (scaler, encoder, "
        "imputer, vectorizer) itself; and there is training code in the project, and every feature "
        "function serving runs is in a module training code imports too. Serving feature code "
        "that training neither shares nor copies leaves the rule unknown.",
        remediation="Move the feature code into one module that training and serving both import, "
        "or save the fitted preprocessing with the model as one pipeline (sklearn `Pipeline`, "
        "`ColumnTransformer`) and load that in serving; never fit on request data.",
        references=(ML_TEST_SCORE, RULES_OF_ML, SCULLEY_2015),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        serving = serving_code(ctx)
        if not serving.apps:
            return Verdict.not_applicable("no serving code (no serving app in shipping code)")
        findings: list[FindingDraft] = []
        own: list[str] = []  # serving's own feature functions that training does not share
        compared = False
        for app, modules in serving.apps.items():
            others = counterparts(ctx, serving, app)
            compared = compared or trains(ctx, others)
            shared = shared_modules(ctx, others)
            for path in modules:
                unit = ctx.units.get(path)
                if unit is None:
                    continue
                if path not in shared:  # code training imports too is the one shared copy
                    for function in unit.features.functions:
                        copies = _copies(path, function, others)
                        findings.extend(copies)
                        if not copies:
                            own.append(f"{path}:{function.line}: {function.qualname}")
                if path == app:
                    findings.extend(_serving_fit(path, fitted) for fitted in _fitted(unit))
        if findings:
            return Verdict.failed(
                f"{len(findings)} feature transform(s) in serving code re-implemented or "
                "refitted instead of shared with training",
                _unique(findings),
            )
        blind = unparsable_note(ctx, serving)
        if blind:
            return Verdict.unknown(f"no re-implemented feature code found, but {blind}")
        if not compared:
            return Verdict.unknown(
                "no training or batch code in the serving project to compare the serving "
                "features with (it may live in another repository)"
            )
        if own:
            return Verdict.unknown(
                f"serving code computes features in {len(own)} function(s) of its own that "
                "training code does not import; whether training computes the same values "
                "cannot be told from the code",
                sorted(set(own)),
            )
        return Verdict.passed(
            "serving computes features only with code training imports too, and fits no "
            "preprocessing of its own"
        )


def _copies(path: str, function: FeatureFunctionFact, others: dict) -> list[FindingDraft]:
    found = []
    for other_path, unit in sorted(others.items()):
        for other in unit.features.functions:
            same_name = function.name == other.name and (
                not (function.method and other.method) or function.qualname == other.qualname
            )
            same_body = (
                function.digest == other.digest and function.statements >= MIN_COPIED_STATEMENTS
            )
            if not (same_name or same_body):
                continue
            how = "an identical copy" if function.digest == other.digest else "the bodies differ"
            found.append(
                FindingDraft(
                    message=f"serving code defines its own `{function.qualname}` "
                    f"({how}) besides `{other.qualname}` in {other_path}:{other.line}: serving "
                    "should import the training code's function, not a copy",
                    path=path,
                    line=function.line,
                    evidence=(f"{path}:{function.line}", f"{other_path}:{other.line}"),
                )
            )
    return found


def _fitted(unit) -> list[FittedFact]:  # type: ignore[no-untyped-def]
    return [f for f in unit.features.fitted if f.transformer and f.fits]


def _serving_fit(path: str, fitted: FittedFact) -> FindingDraft:
    name = f"`{fitted.name}` " if fitted.name else ""
    where = "" if fitted.scope == "<module>" else f" in `{fitted.scope}`"
    return FindingDraft(
        message=f"the serving app fits {name}({fitted.cls.rsplit('.', 1)[-1]}){where} itself "
        "instead of loading the preprocessing fitted in training",
        path=path,
        line=fitted.fits[0],
        evidence=(
            f"{path}:{fitted.line}: {fitted.cls}",
            *(f"{path}:{n}: fit" for n in fitted.fits),
        ),
    )


def _unique(findings: list[FindingDraft]) -> list[FindingDraft]:
    seen: set[tuple] = set()
    kept = []
    for finding in findings:
        key = (finding.path, finding.line, finding.evidence)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept
