from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.ml_smells._leakage import CITATION, REFERENCES, judge, preprocessing_leaks

_FIX = (
    "Split first, then fit the preprocessor on the training rows only and apply it to the test "
    "rows with `transform`; better, put it in a `Pipeline` with the model so every fit, "
    "cross-validation fold and search refits it on training rows alone."
)


class PreprocessingLeakage(Rule):
    """A scaler, encoder, imputer, selector, vectorizer or resampler sees the test rows.

    Proven by the data flow only: the preprocessor's fit data holds the test rows of a split
    (it is the data that split divided, or contains the test side), its output trains the
    model, and that model is scored on those test rows.
    """

    meta = RuleMeta(
        id="LEAK-001",
        title="Preprocessing is fitted on training rows only",
        category=Category.ML_SMELLS,
        severity=Severity.HIGH,
        rationale=(
            "A preprocessor fitted before the train/test split (or on the whole data inside "
            "cross-validation) learns its statistics, vocabulary, selected features or "
            "synthetic samples from the test rows, so the test score overstates how the model "
            "does on unseen data. " + CITATION + ", found this 'preprocessing leakage' "
            "pervasive in public notebooks; feature selection on the full data is the case "
            "Hastie et al. call 'the wrong way to do cross-validation'."
        ),
        passes_when="No scaler, encoder, imputer, feature selector, projection, vectorizer or "
        "oversampler is fitted (`fit`, `fit_transform`, `fit_resample`) on data holding test "
        "rows of a split whose model is then scored on those rows. Fits whose data the "
        "analysis cannot follow are not judged.",
        remediation=_FIX,
        references=REFERENCES,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return judge(
            ctx,
            preprocessing_leaks,
            fail="{count} preprocessing fit(s) see the test rows",
            ok="every preprocessing fit that can be followed sees training rows only",
            fix=_FIX,
        )
