from __future__ import annotations

from prodready.engine.context import RuleContext
from prodready.engine.rule import Rule, RuleMeta, Verdict
from prodready.models import Category, Severity
from prodready.rules.ml_smells._leakage import CITATION, REFERENCES, judge, multi_test_leaks

_FIX = (
    "Select models, hyperparameters and epochs on a validation split or by cross-validation "
    "on the training rows (`GridSearchCV(...).fit(X_train, y_train)`), and score the one "
    "chosen model once on the untouched test rows."
)


class MultiTestLeakage(Rule):
    """The test set picks the model and then reports its score.

    Proven by the data flow only: test scores of several models or settings (or of one inside
    a loop that fits) are compared or ranked, or early stopping watches the test rows, and the
    same test rows then give the reported score, with no other held-out set scored after.
    """

    meta = RuleMeta(
        id="LEAK-003",
        title="The test set is not used to select the model it scores",
        category=Category.ML_SMELLS,
        severity=Severity.MEDIUM,
        rationale=(
            "Choosing among models, hyperparameters or epochs by their score on the test set "
            "fits the choice to that set, so the winner's test score is optimistically biased. "
            + CITATION
            + " call this 'multi-test leakage'."
        ),
        passes_when="No comparison or ranking (`if score > best`, `max`, `argmax`, "
        "`idxmax`, `sort_values`) of test scores from several fits, and no early stopping or "
        "best-checkpoint on the test rows, is followed by a score reported on the same rows.",
        remediation=_FIX,
        references=REFERENCES,
    )

    def evaluate(self, ctx: RuleContext) -> Verdict:
        return judge(
            ctx,
            multi_test_leaks,
            fail="{count} model selection(s) use the test set that reports the score",
            ok="no model selection that can be followed uses the test set it reports on",
            fix=_FIX,
        )
