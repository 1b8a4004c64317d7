from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import FindingDraft, Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.ml_smells._skew import (
    ML_TEST_SCORE,
    RULES_OF_ML,
    counterparts,
    serving_code,
    shared_modules,
    unparsable_note,
)
from prodready.scanners.features import ColumnListFact


class FeatureListsDiffer(Rule):
    """A feature list serving code writes out that differs from the same-named list elsewhere."""

    meta = RuleMeta(
        id="SKEW-003",
        title="Feature column lists in serving code match training's",
        category=Category.ML_SMELLS,
        severity=Severity.MEDIUM,
        rationale=(
            "A list of feature columns written once in training and again in serving drifts: "
            "a column added, dropped or reordered on one side feeds the model different "
            "inputs, often without an error (ML Test Score, Monitor 3, Breck et al. 2017; "
            "Rules of ML #29, log the features used at serving time and reuse them in "
            "training)."
        ),
        passes_when="Every literal list of feature or column names that serving code defines "
        "(FEATURES, cat_cols, numerical_features, ...) has the same contents, in the same order, "
        "as each list of the same name in non-serving code of the same project.",
        remediation="Define the feature list once (a module both import, or the saved pipeline's "
        "`feature_names_in_`) and read it from there in serving.",
        references=(ML_TEST_SCORE, RULES_OF_ML),
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        serving = serving_code(ctx)
        if not serving.apps:
            return Verdict.not_applicable("no serving code (no serving app in shipping code)")
        findings = []
        compared = 0
        for app, modules in serving.apps.items():
            elsewhere: dict[str, list[tuple[str, ColumnListFact]]] = {}
            others = counterparts(ctx, serving, app)
            shared = shared_modules(ctx, others)
            for path, unit in sorted(others.items()):
                for columns in unit.features.columns:
                    elsewhere.setdefault(columns.name.lower(), []).append((path, columns))
            for path in modules:
                unit = ctx.units.get(path)
                if unit is not None and path in shared:  # one definition, training imports it
                    compared += len(unit.features.columns)
                    continue
                for columns in unit.features.columns if unit is not None else ():
                    others = elsewhere.get(columns.name.lower(), [])
                    compared += bool(others)
                    if others and all(o.values != columns.values for _, o in others):
                        findings.append(_finding(path, columns, *others[0]))
        if findings:
            return Verdict.failed(
                f"{len(findings)} feature list(s) in serving code differ from training's",
                sorted(set(findings), key=lambda f: (f.path or "", f.line or 0)),
            )
        blind = unparsable_note(ctx, serving)
        if blind:
            return Verdict.unknown(f"no differing feature lists found, but {blind}")
        if not compared:
            return Verdict.unknown(
                "serving code and the rest of its project write out no feature list under the "
                "same name, so there is nothing to compare"
            )
        return Verdict.passed(
            f"{compared} feature list(s) serving uses are training's own or match them"
        )


def _finding(
    path: str, mine: ColumnListFact, other_path: str, other: ColumnListFact
) -> FindingDraft:
    missing = [c for c in other.values if c not in mine.values]
    extra = [c for c in mine.values if c not in other.values]
    parts = []
    if missing:
        parts.append(f"lacks {_names(missing)}")
    if extra:
        parts.append(f"adds {_names(extra)}")
    difference = " and ".join(parts) or "has the same columns in another order"
    return FindingDraft(
        message=f"`{mine.name}` in serving code {difference} compared with `{other.name}` in "
        f"{other_path}:{other.line}",
        path=path,
        line=mine.line,
        evidence=(f"{path}:{mine.line}", f"{other_path}:{other.line}"),
    )


def _names(columns: list[str]) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:5])
    return shown + (f" and {len(columns) - 5} more" if len(columns) > 5 else "")
